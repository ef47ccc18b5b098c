from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "org"
    verbose_name = _("Organisation")
    # core.versions: agreements ending soon are on the dashboard (centres themselves are access data).
    centre_data = {"CoordinationAgreement": "centre"}
