from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrityConfig(AppConfig):
    name = "sikap.integrity"
    label = "integrity"
    verbose_name = _("Zona Integritas dan SAKIP")

    def ready(self) -> None:
        from sikap.integrity import audit_phrases, evidence_uses

        audit_phrases.register()
        evidence_uses.connect()  # where the library's documents are used in ZI and SAKIP
