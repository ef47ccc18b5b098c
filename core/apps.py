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
