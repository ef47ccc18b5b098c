"""URL patterns of the plans pages."""

urlpatterns: list = []
