"""URL patterns of the classes pages."""

urlpatterns: list = []
