"""URL patterns of the attendance pages."""

from django.urls import path

from training.attendance import views as attendance

urlpatterns: list = [
    path("classes/<int:pk>/attendance/", attendance.attendance_grid, name="attendance_grid"),
    path("sessions/<int:pk>/attendance/", attendance.session_attendance, name="session_attendance"),
]
