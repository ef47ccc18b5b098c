"""URL patterns of the results pages."""

from django.urls import path, re_path

from training.results import views

urlpatterns: list = [
    path("classes/<int:pk>/results/", views.results_grid, name="results_grid"),
    path("classes/<int:pk>/results/approve/", views.results_approve, name="results_approve"),
    path(
        "classes/<int:pk>/results/correct/<int:enrolment_id>/<int:component_id>/",
        views.score_correct,
        name="score_correct",
    ),
    path("classes/<int:pk>/recognition/", views.recognition_decision, name="recognition_decision"),
    re_path(
        r"^classes/(?P<pk>\d+)/recognition\.(?P<fmt>docx|pdf)$", views.recognition_download, name="recognition_download"
    ),
]
