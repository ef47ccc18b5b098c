from django.urls import path

from finance import views, views_costs, views_reports

app_name = "finance"
urlpatterns = [
    path("budgets/", views.budget_list, name="budget_list"),
    path("budgets/new/", views.budget_edit, name="budget_create"),
    path("budgets/<int:pk>/", views.budget_detail, name="budget_detail"),
    path("budgets/<int:pk>/edit/", views.budget_edit, name="budget_edit"),
    path("budgets/<int:pk>/file/", views.budget_file, name="budget_file"),
    path("budgets/<int:pk>/lines/new/", views.line_edit, name="line_create"),
    path("budgets/<int:pk>/lines/<int:line_pk>/", views.line_edit, name="line_edit"),
    path("budgets/<int:pk>/spending/new/", views.spending_create, name="spending_create"),
    path("spending/<int:pk>/file/", views.spending_file, name="spending_file"),
    path("spending/<int:pk>/delete/", views.spending_delete, name="spending_delete"),
    path("cost-rules/", views.cost_rules, name="cost_rules"),
    path("cost-rules/new/", views.cost_rule_edit, name="cost_rule_create"),
    path("cost-rules/<int:pk>/", views.cost_rule_edit, name="cost_rule_edit"),
    path("classes/<int:pk>/", views_costs.class_costs, name="class_costs"),
    path("classes/<int:pk>/<str:kind>/prepare/", views_costs.prepare_sheet, name="prepare_sheet"),
    path("classes/<int:pk>/<str:kind>/lines/", views_costs.save_lines, name="save_lines"),
    path("classes/<int:pk>/<str:kind>/document/", views_costs.record_document, name="record_document"),
    path("classes/<int:pk>/<str:kind>.<str:fmt>", views_costs.export_sheet, name="export_sheet"),
    path("plans/<int:pk>/", views_reports.plan_cost, name="plan_cost"),
    path("comparison/", views_reports.comparison, name="comparison"),
]
