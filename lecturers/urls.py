from django.urls import path, re_path

from lecturers.views import pay

app_name = "lecturers"
urlpatterns = [
    path("fees/", pay.fee_table_list, name="fee_table_list"),
    path("fees/new/", pay.fee_table_edit, name="fee_table_create"),
    path("fees/<int:pk>/", pay.fee_table_detail, name="fee_table_detail"),
    path("fees/<int:pk>/edit/", pay.fee_table_edit, name="fee_table_edit"),
    path("payments/", pay.payment_list, name="payment_list"),
    path("classes/<int:pk>/payment/", pay.class_payment, name="class_payment"),
    re_path(r"^classes/(?P<pk>\d+)/payment\.(?P<fmt>xlsx|pdf|docx)$", pay.class_payment_file,
            name="class_payment_file"),
    path("classes/<int:pk>/payment/final/", pay.class_payment_finalise, name="class_payment_finalise"),
    path("classes/<int:pk>/payment/reopen/", pay.class_payment_reopen, name="class_payment_reopen"),
    path("sessions/<int:pk>/held/", pay.session_held, name="session_held"),
    path("<int:pk>/rank/", pay.lecturer_rank, name="lecturer_rank"),
    path("<int:pk>/statement/", pay.lecturer_statement, name="lecturer_statement"),
]
