"""URL patterns of the annual plan pages."""

from django.urls import path

from training.plans import views

urlpatterns: list = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/lines/new/", views.plan_line_edit, name="plan_line_create"),
    path("plans/<int:pk>/lines/<int:line_pk>/edit/", views.plan_line_edit, name="plan_line_edit"),
    path("plans/<int:pk>/lines/<int:line_pk>/delete/", views.plan_line_delete, name="plan_line_delete"),
    path("plans/<int:pk>/approve/", views.plan_approve, name="plan_approve"),
    path("plans/<int:pk>/reopen/", views.plan_reopen, name="plan_reopen"),
]
