from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicServiceConfig(AppConfig):
    name = "sikap.publicservice"
    label = "publicservice"
    verbose_name = _("Pelayanan publik")

    def ready(self) -> None:
        # Domain queues the snapshot rebuild by name; register it in every process that may.
        from sikap.core.providers import PUBLICSERVICE_UNIT_IKM, PUBLICSERVICE_UNIT_IPAK, provide
        from sikap.publicservice import (
            audit_phrases,
            checks,  # noqa: F401  (registers the system check)
            tasks,  # noqa: F401
        )
        from sikap.publicservice.ipak import checks as ipak_checks  # noqa: F401
        from sikap.publicservice.ipak.queries import unit_ipak
        from sikap.publicservice.queries.links import unit_ikm

        audit_phrases.register()
        # The integrity app reads a unit's SKM IKM for the ZI hasil (IPKP).
        provide(PUBLICSERVICE_UNIT_IKM, unit_ikm)
        # ...and the unit's own IPAK survey index for the ZI hasil (IPAK).
        provide(PUBLICSERVICE_UNIT_IPAK, unit_ipak)
