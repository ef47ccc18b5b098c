"""URL patterns of the nominations pages."""

urlpatterns: list = []
