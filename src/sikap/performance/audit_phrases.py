"""How the performance actions read in the audit log."""

from django.utils.translation import gettext_lazy as _

from sikap.core.audit import describe_actions


def register() -> None:
    describe_actions(
        {
            "performance.year_set": _("mengatur tahun kinerja"),
            "performance.recompute": _("menghitung ulang capaian"),
            "pk.create": _("membuat perjanjian kinerja"),
            "pk.parties_set": _("mengubah para pihak PK"),
            "pk.sasaran_create": _("menambah sasaran PK"),
            "pk.indicator_create": _("menambah indikator PK"),
            "pk.indicator_update": _("mengubah indikator PK"),
            "pk.indicator_link": _("menautkan indikator PK ke atasnya"),
            "pk.sign": _("mencatat tanda tangan PK"),
            "pk.revision": _("mencatat revisi PK"),
            "pk.reopen": _("membuka PK untuk revisi"),
            "pk.realisation": _("mencatat realisasi"),
            "pk.import": _("mengimpor PK"),
            "skp.create": _("membuat SKP"),
            "skp.result_add": _("menambah rencana hasil kerja"),
            "skp.expectation_set": _("mengisi ekspektasi pimpinan"),
            "skp.agree": _("menyepakati SKP"),
            "skp.checkin": _("mencatat evaluasi periodik SKP"),
            "skp.result_assess": _("menilai realisasi hasil kerja"),
            "skp.behaviour_rate": _("menilai perilaku kerja"),
            "skp.rate": _("menetapkan predikat kinerja pegawai"),
            "skp.org_predicate_set": _("menetapkan predikat kinerja organisasi"),
        },
        {
            "capaian": _("capaian"),
            "target_max": _("target maksimal"),
            "realisation": _("realisasi"),
            "predicate": _("predikat"),
            "rating_hasil": _("rating hasil kerja"),
            "rating_perilaku": _("rating perilaku kerja"),
            "expectation": _("ekspektasi"),
            "feedback": _("umpan balik"),
            "signed_on": _("tanggal tanda tangan"),
            "revision": _("revisi"),
            "reason": _("alasan"),
            "dpa_approved_on": _("tanggal DPA"),
            "evaluation_period": _("periode evaluasi"),
            "polarity": _("polaritas"),
            "measure": _("satuan"),
            "supports_id": _("indikator yang didukung"),
            "holder_name": _("nama pihak pertama"),
            "supervisor_name": _("nama pihak kedua"),
            "holder_id": _("pihak pertama"),
            "supervisor_id": _("pihak kedua"),
            "approach": _("pendekatan"),
            "rater_id": _("pejabat penilai"),
            "capaian_seen": _("capaian saat ditetapkan"),
        },
    )
