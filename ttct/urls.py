from django.urls import include, path

from api.api import api
from ttct import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("org/", include("org.urls")),
    path("people/", include("people.urls")),
    path("programmes/", include("curriculum.urls")),
    path("training/", include("training.urls")),
    path("certificates/", include("certificates.urls")),
    path("facilities/", include("facilities.urls")),
    path("lecturers/", include("lecturers.urls")),
    path("finance/", include("finance.urls")),
    path("standards/", include("standards.urls")),
    path("reports/", include("reports.urls")),
    path("api/", api.urls),
]
