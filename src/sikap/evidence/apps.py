from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "sikap.evidence"
    label = "evidence"
    verbose_name = _("Pustaka eviden")

    def ready(self) -> None:
        from sikap.evidence import audit_phrases

        audit_phrases.register()
