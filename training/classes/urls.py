"""URL patterns of the class pages and the director's view."""

from django.urls import path

from training.classes import views
from training.classes import views_dashboard as classes_dashboard

urlpatterns: list = [
    path("", classes_dashboard.director_dashboard, name="dashboard"),
    path("classes/", views.class_list, name="class_list"),
    path("classes/new/", views.class_create, name="class_create"),
    path("classes/<int:pk>/", views.class_detail, name="class_detail"),
    path("classes/<int:pk>/edit/", views.class_edit, name="class_edit"),
    path("classes/<int:pk>/state/", views.class_transition, name="class_transition"),
    path("classes/<int:pk>/opening-decision/", views.class_record_decision, name="class_record_decision"),
    path("classes/<int:pk>/opening-decision.<str:fmt>", views.class_opening_decision,
         name="class_opening_decision"),
    path("classes/<int:pk>/delete/", views.class_delete, name="class_delete"),
]
