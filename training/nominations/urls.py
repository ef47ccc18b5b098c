"""URL patterns of the nominations pages: a class's learners, the import, and the learner's own pages."""

from django.urls import path

from training.nominations import views
from training.nominations import views_import as imports
from training.nominations import views_learner as learner

urlpatterns: list = [
    path("classes/<int:pk>/nominations/", views.nominations, name="nominations"),
    path("classes/<int:pk>/nominations/template.xlsx", views.nomination_template, name="nomination_template"),
    path("classes/<int:pk>/nominations/add/", views.enrol_search, name="enrol_person"),
    path("classes/<int:pk>/nominations/import/", imports.nomination_upload, name="nomination_upload"),
    path("classes/<int:pk>/nominations/import/<str:token>/", imports.nomination_preview, name="nomination_preview"),
    path("classes/<int:pk>/nominations/<int:enrolment_pk>/withdraw/", views.enrolment_withdraw,
         name="enrolment_withdraw"),
    path("classes/<int:pk>/nominations/<int:enrolment_pk>/move/", views.enrolment_move, name="enrolment_move"),
    path("me/classes/", learner.my_classes, name="my_classes"),
    path("me/timetable/", learner.my_timetable, name="my_timetable"),
]
