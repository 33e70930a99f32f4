from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CultureConfig(AppConfig):
    name = "sikap.culture"
    label = "culture"
    verbose_name = _("Budaya kerja BerAKHLAK")

    def ready(self) -> None:
        from sikap.core.providers import CULTURE_UNIT_VALUES, provide
        from sikap.culture import audit_phrases
        from sikap.culture.queries.links import unit_values

        audit_phrases.register()
        # The performance pages show a unit's published index beside its SKP value ratings.
        provide(CULTURE_UNIT_VALUES, unit_values)
