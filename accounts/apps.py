from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(_install_access_triggers, sender=self)


def _install_access_triggers(sender, using="default", **kwargs):
    """After every migrate and every flush of the test suite: the triggers behind accounts.access."""
    from accounts.access import install_triggers

    install_triggers(using)
