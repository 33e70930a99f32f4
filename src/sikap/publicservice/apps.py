from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicServiceConfig(AppConfig):
    name = "sikap.publicservice"
    label = "publicservice"
    verbose_name = _("Pelayanan publik")

    def ready(self) -> None:
        # Domain queues the snapshot rebuild by name; register it in every process that may.
        from sikap.publicservice import (
            audit_phrases,
            checks,  # noqa: F401  (registers the system check)
            tasks,  # noqa: F401
        )

        audit_phrases.register()
