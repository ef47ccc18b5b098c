from django.urls import path

from reports import dashboard, views, views_drill, views_kinds, views_rollup

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("new/", views.report_generate, name="report_generate"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/texts/", views.report_texts, name="report_texts"),
    path("<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("<int:pk>/correct/", views.report_correct, name="report_correct"),
    path("<int:pk>/file.<str:fmt>", views.report_download, name="report_download"),
    path("<int:pk>/drill/<str:section>/", views_drill.drill, name="drill"),
    path("province/", views_rollup.rollup_page, name="rollup"),
    path("province/file.<str:fmt>", views_rollup.rollup_download, name="rollup_download"),
    path("kinds/", views_kinds.kind_list, name="kind_list"),
    path("kinds/new/", views_kinds.kind_edit, name="kind_create"),
    path("kinds/<int:pk>/edit/", views_kinds.kind_edit, name="kind_edit"),
    path("dashboard/", dashboard.dashboard_page, name="dashboard"),
    path("dashboard/<str:chart>.xlsx", dashboard.chart_download, name="chart_download"),
]
