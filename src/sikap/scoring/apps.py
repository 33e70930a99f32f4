from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    """The Django face of sikap.rules: the "Aturan penilaian" page and `sikap rules`."""

    name = "sikap.scoring"
    label = "scoring"
    verbose_name = _("Aturan penilaian")
