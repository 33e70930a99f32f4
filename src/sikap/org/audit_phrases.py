"""How the organisation actions read in the audit log."""

from django.utils.translation import gettext_lazy as _

from sikap.core.audit import describe_actions


def register() -> None:
    describe_actions(
        {
            "pemda.create": _("membuat Pemda"),
            "unit.create": _("membuat unit"),
            "unit.update": _("mengubah unit"),
            "org.units_import": _("mengimpor unit organisasi"),
            "org.employees_import": _("mengimpor pegawai"),
            "org.units_import_queue": _("mengantrekan impor unit"),
            "org.employees_import_queue": _("mengantrekan impor pegawai"),
            "org.import_interrupted": _("mencatat impor yang terhenti"),
        },
        {
            "name": _("nama"),
            "code": _("kode"),
            "kind": _("jenis"),
            "parent_id": _("induk"),
            "valid_from": _("berlaku sejak"),
            "valid_to": _("berlaku sampai"),
        },
    )
