from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "sikap.performance"
    label = "performance"
    verbose_name = _("Kinerja")

    def ready(self) -> None:
        from sikap.performance import audit_phrases

        audit_phrases.register()
