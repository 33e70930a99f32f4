"""What the IPAK survey registers at start-up (called from `PublicServiceConfig.ready`)."""

from __future__ import annotations


def connect() -> None:
    from sikap.core.providers import PUBLICSERVICE_UNIT_IPAK, provide
    from sikap.publicservice.ipak import checks  # noqa: F401  (registers the system check)
    from sikap.publicservice.ipak.queries import unit_ipak

    # The integrity app reads a unit's own IPAK survey index for the ZI hasil (IPAK).
    provide(PUBLICSERVICE_UNIT_IPAK, unit_ipak)
