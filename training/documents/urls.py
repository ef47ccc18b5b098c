"""URL patterns of the class file and the list exports."""

from django.urls import path, re_path

from training.documents import views

urlpatterns: list = [
    path("classes/<int:pk>/file/", views.class_file, name="class_file"),
    re_path(r"^classes/(?P<pk>\d+)/file/(?P<kind>[a-z-]+)\.(?P<fmt>pdf|xlsx|docx)$", views.class_file_download,
            name="class_file_download"),
    re_path(r"^classes/export\.(?P<fmt>pdf|xlsx)$", views.class_list_export, name="class_list_export"),
    re_path(r"^plans/(?P<pk>\d+)/export\.(?P<fmt>pdf|xlsx)$", views.plan_export, name="plan_export"),
    re_path(r"^dashboard/export\.(?P<fmt>pdf|xlsx)$", views.dashboard_export, name="dashboard_export"),
]
