from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LecturersConfig(AppConfig):
    name = "lecturers"
    verbose_name = _("Lecturers: load, pay, standards and feedback")
