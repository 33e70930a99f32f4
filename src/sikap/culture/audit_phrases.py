"""How the culture actions read in the audit log."""

from django.utils.translation import gettext_lazy as _

from sikap.core.audit import describe_actions


def register() -> None:
    describe_actions(
        {
            "culture.campaign.create": _("membuat kampanye"),
            "culture.campaign.launch": _("membuka kampanye"),
            "culture.campaign.close": _("menutup kampanye"),
            "culture.instrument.create": _("membuat instrumen"),
            "culture.instrument.update": _("mengubah instrumen"),
            "culture.invitations.generate": _("membuat tautan survei"),
            "culture.invitations.remind": _("mengirim pengingat survei"),
            "culture.invitations.reissue": _("mengganti tautan survei yang belum dipakai"),
            "culture.responses.import": _("mengimpor jawaban survei"),
            "culture.ballots.mix": _("mengocok kotak suara"),
            "culture.results.recompute": _("menghitung ulang hasil"),
            "culture.results.held": _("menahan terbitan hasil"),
            "culture.actionplan.create": _("membuat rencana aksi"),
            "culture.actionplan.progress": _("melaporkan kemajuan rencana aksi"),
        },
        {
            "status": _("status"),
            "progress_percent": _("kemajuan (%)"),
            "due_date": _("tenggat"),
            "period_start": _("mulai"),
            "period_end": _("selesai"),
            "picks": _("jumlah pilihan"),
            "count": _("jumlah"),
        },
    )
