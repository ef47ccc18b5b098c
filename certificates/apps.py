from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")
    # core.versions: issued certificates count for the register's centre and the class's.
    centre_data = {"CertificateRegister": "centre", "Certificate": ("register__centre", "enrolment__klass__centre")}
