"""URL patterns of the attendance pages."""

urlpatterns: list = []
