"""Each stage of the class lifecycle keeps its routes in training/<stage>/urls.py."""

from django.urls import include, path

app_name = "training"
urlpatterns = [
    path("", include(f"training.{stage}.urls"))
    for stage in ("plans", "classes", "nominations", "timetable", "attendance", "results", "documents")
]
