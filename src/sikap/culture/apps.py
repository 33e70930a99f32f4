from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CultureConfig(AppConfig):
    name = "sikap.culture"
    label = "culture"
    verbose_name = _("Budaya kerja BerAKHLAK")

    def ready(self) -> None:
        from sikap.culture import audit_phrases

        audit_phrases.register()
