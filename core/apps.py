from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from core import lookups  # noqa: F401  (registers field__any)
        from core.lengths import guard_models

        # Every installed app's models are loaded before any ready() runs.
        guard_models(apps.get_models(include_auto_created=True))
        from django.db.models.signals import post_migrate, pre_migrate

        pre_migrate.connect(_drop_centre_data_triggers, sender=self)
        post_migrate.connect(_install_centre_data_triggers, sender=self)


def _drop_centre_data_triggers(sender, using="default", **kwargs):
    from core.versions import drop_sqlite_triggers

    drop_sqlite_triggers(using)


def _install_centre_data_triggers(sender, using="default", **kwargs):
    """After every migrate and every flush of the test suite: the triggers behind core.versions."""
    from core.versions import install_triggers

    install_triggers(using)
