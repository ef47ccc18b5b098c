"""URL patterns of the timetable pages."""

urlpatterns: list = []
