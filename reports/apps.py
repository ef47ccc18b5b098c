from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")
    # core.versions: submitted reports and the kinds due are on the dashboard; a kind belongs to every centre.
    centre_data = {"Report": "centre", "ReportKind": None}
