from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "sikap.performance"
    label = "performance"
    verbose_name = _("Kinerja")

    def ready(self) -> None:
        from sikap.core.providers import (
            PERFORMANCE_UNIT_CAPAIAN,
            PERFORMANCE_UNIT_EVIDENCE,
            provide,
        )
        from sikap.performance import audit_phrases
        from sikap.performance.queries.links import unit_capaian, unit_evidence

        audit_phrases.register()
        # The integrity app reads a unit's PK capaian and PK documents (ZI hasil, SAKIP evidence).
        provide(PERFORMANCE_UNIT_CAPAIAN, unit_capaian)
        provide(PERFORMANCE_UNIT_EVIDENCE, unit_evidence)
