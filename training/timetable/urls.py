"""URL patterns of the timetable pages."""

from django.urls import path

from training.timetable import views as timetable
from training.timetable import views_lecturer as timetable_lecturer

urlpatterns: list = [
    path("classes/<int:pk>/timetable/", timetable.timetable, name="timetable"),
    path("classes/<int:pk>/timetable/generate/", timetable.timetable_generate, name="timetable_generate"),
    path("classes/<int:pk>/timetable/pdf/", timetable.timetable_pdf, name="timetable_pdf"),
    path("classes/<int:pk>/sessions/new/", timetable.session_create, name="session_create"),
    path("sessions/<int:pk>/edit/", timetable.session_edit, name="session_edit"),
    path("sessions/<int:pk>/move/", timetable.session_move, name="session_move"),
    path("sessions/<int:pk>/delete/", timetable.session_delete, name="session_delete"),
    path("my-schedule/", timetable_lecturer.my_schedule, name="my_schedule"),
    path("lecturers/<int:pk>/schedule/", timetable_lecturer.lecturer_schedule, name="lecturer_schedule"),
    path("lecturers/<int:pk>/unavailable/", timetable_lecturer.unavailability_add, name="unavailability_add"),
    path("unavailable/<int:pk>/delete/", timetable_lecturer.unavailability_delete, name="unavailability_delete"),
    path("calendar/<str:token>.ics", timetable_lecturer.lecturer_calendar, name="lecturer_calendar"),
    path("lecturers/<int:pk>/calendar/renew/", timetable_lecturer.calendar_renew, name="calendar_renew"),
]
