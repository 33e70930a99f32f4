"""How the public-service actions read in the audit log."""

from django.utils.translation import gettext_lazy as _

from sikap.core.audit import describe_actions


def register() -> None:
    describe_actions(
        {
            "service_unit.create": _("mengaktifkan unit layanan"),
            "service_unit.update": _("mengubah pengaturan unit layanan"),
            "service_unit.kiosk_key_rotate": _("mengganti kunci kios"),
            "service_product.create": _("menambah jenis layanan"),
            "service_product.volume": _("mencatat volume layanan"),
            "visit_code.issue": _("membuat kode kunjungan"),
            "skm.import": _("mengimpor jawaban SKM"),
            "skm.followup.create": _("membuat tindak lanjut SKM"),
            "skm.followup.update": _("mengubah tindak lanjut SKM"),
            "skm.publication.record": _("mencatat publikasi SKM"),
            "ombudsman.result.record": _("mencatat hasil resmi Ombudsman"),
            "ombudsman.finding.add": _("mencatat temuan Ombudsman"),
            "ombudsman.finding.update": _("mengubah temuan Ombudsman"),
            "ombudsman.assessment.create": _("memulai penilaian mandiri Ombudsman"),
            "ombudsman.item.set": _("mengisi indikator Ombudsman"),
            "ombudsman.complaints.set": _("mencatat pengaduan"),
            "pekppp.evaluation.create": _("memulai evaluasi PEKPPP"),
            "pekppp.score.set": _("mengubah skor PEKPPP"),
            "pekppp.score.review": _("menelaah skor PEKPPP"),
            "pekppp.official.record": _("mencatat hasil resmi PEKPPP"),
            "ombudsman.evidence.attach": _("melampirkan eviden pustaka pada indikator Ombudsman"),
            "ombudsman.evidence.detach": _("melepas eviden pustaka dari indikator Ombudsman"),
            "pekppp.evidence.attach": _("melampirkan eviden pustaka pada indikator PEKPPP"),
            "pekppp.evidence.detach": _("melepas eviden pustaka dari indikator PEKPPP"),
            "followup.evidence.attach": _("melampirkan eviden pustaka pada tindak lanjut SKM"),
            "followup.evidence.detach": _("melepas eviden pustaka dari tindak lanjut SKM"),
        },
        {
            "score": _("skor"),
            "note": _("catatan"),
            "evidence": _("bukti"),
            "review": _("telaah"),
            "volume": _("volume"),
            "ipp": _("IPP"),
            "category": _("predikat"),
            "grade": _("opini"),
            "received": _("pengaduan diterima"),
            "resolved": _("pengaduan selesai"),
            "require_visit_code": _("wajib kode kunjungan"),
            "deadline": _("batas waktu"),
        },
    )
