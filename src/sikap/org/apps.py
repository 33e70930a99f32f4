from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "sikap.org"
    label = "org"
    verbose_name = _("Organisasi")

    def ready(self) -> None:
        from sikap.org import audit_phrases

        audit_phrases.register()
