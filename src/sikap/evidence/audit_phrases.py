"""How the evidence library's actions read in the audit log."""

from django.utils.translation import gettext_lazy as _

from sikap.core.audit import describe_actions

_ACTIONS = {
    "document.upload": _("mengunggah dokumen eviden"),
    "document.link": _("menyimpan tautan eviden"),
    "document.replace": _("mengganti berkas dokumen eviden"),
    "document.remove": _("menghapus dokumen eviden dari pustaka"),
    "document.detach_all": _("melepas dokumen eviden dari semua butir"),
}


def register() -> None:
    # The library's actions were written as `integrity.…` while it lived in that app; the
    # log keeps those rows, so both names read the same.
    describe_actions(
        {
            f"{prefix}.{key}": phrase
            for prefix in ("evidence", "integrity")
            for key, phrase in _ACTIONS.items()
        },
        {
            "removed_at": _("dihapus pada"),
            "doc_type": _("jenis dokumen"),
            "valid_until": _("berlaku sampai"),
        },
    )
