from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicServiceConfig(AppConfig):
    name = "sikap.publicservice"
    label = "publicservice"
    verbose_name = _("Pelayanan publik")

    def ready(self) -> None:
        from sikap.publicservice.ipak.wiring import connect as ipak_connect

        ipak_connect()  # the IPAK survey's system check and provider
        # Domain queues the snapshot rebuild by name; register it in every process that may.
        from sikap.core.providers import PUBLICSERVICE_UNIT_IKM, provide
        from sikap.publicservice import (
            audit_phrases,
            checks,  # noqa: F401  (registers the system check)
            tasks,  # noqa: F401
        )
        from sikap.publicservice.queries.links import unit_ikm

        audit_phrases.register()
        from sikap.publicservice.evidence_uses import connect as evidence_connect

        evidence_connect()  # where the library's documents are used in Ombudsman and PEKPPP
        # The integrity app reads a unit's SKM IKM for the ZI hasil (IPKP).
        provide(PUBLICSERVICE_UNIT_IKM, unit_ikm)

        from sikap.org.signals import unit_paths_changed

        unit_paths_changed.connect(_rebuild_rollups, dispatch_uid="publicservice-skm-rollups")


def _rebuild_rollups(sender: object, *, pemda_id: int, **kwargs: object) -> None:
    """Units moved to another OPD: their answers now count in another OPD's row."""
    from sikap.publicservice.domain import skm_rollups_rebuild

    skm_rollups_rebuild(pemda_id=pemda_id)
