"""Certificates: a class's certificates and batches, one certificate, the register book, the public check."""

from django.urls import path, re_path

from certificates import views, views_classfile

app_name = "certificates"
urlpatterns = [
    path("classes/<int:pk>/", views.class_certificates, name="class_certificates"),
    path("classes/<int:pk>/batch/", views.batch_start, name="batch_start"),
    re_path(r"^classes/(?P<pk>\d+)/handover\.(?P<fmt>pdf|xlsx|docx)$", views_classfile.handover_download,
            name="handover_download"),
    path("classes/<int:pk>/class-file.zip", views_classfile.class_file_download_zip, name="class_file_zip"),
    path("batches/<str:job_id>/", views.batch, name="batch"),
    path("batches/<str:job_id>/step/", views.batch_step, name="batch_step"),
    re_path(
        r"^batches/(?P<job_id>[0-9a-f]{32})/download\.(?P<kind>pdf|zip)$", views.batch_download, name="batch_download"
    ),
    path("registers/", views.register_list, name="register_list"),
    path("registers/<int:pk>/", views.register_detail, name="register_detail"),
    re_path(r"^registers/(?P<pk>\d+)/book\.(?P<fmt>pdf|xlsx)$", views.register_download, name="register_download"),
    path("verify/", views.verify, name="verify"),
    path("verify/<str:code>/", views.verify_code, name="verify_code"),
    path("c/<str:code>/", views.certificate_detail, name="certificate_detail"),
    path("c/<str:code>/revoke/", views.certificate_revoke, name="revoke"),
    path("c/<str:code>/reissue/", views.certificate_reissue, name="reissue"),
    path("c/<str:code>/download.pdf", views.download_certificate, name="download_certificate"),
]
