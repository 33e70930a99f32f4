"""How the integrity actions read in the audit log."""

from django.utils.translation import gettext_lazy as _

from sikap.core.audit import describe_actions


def register() -> None:
    describe_actions(
        {
            "integrity.attachment.add": _("melampirkan eviden pada butir LKE"),
            "integrity.attachment.remove": _("melepas eviden dari butir LKE"),
            "integrity.assessment.start": _("memulai penilaian mandiri"),
            "integrity.assessment.settings": _("mengubah pengaturan penilaian mandiri"),
            "integrity.team.add": _("menambah anggota tim"),
            "integrity.team.remove": _("menghapus anggota tim"),
            "integrity.item.pic": _("menetapkan penanggung jawab butir LKE"),
            "integrity.item.justification": _("mengisi penjelasan butir LKE"),
            "integrity.item.reply": _("menanggapi catatan TPI"),
            "integrity.answer.self": _("menjawab butir LKE"),
            "integrity.answer.tpi": _("menilai butir LKE sebagai TPI"),
            "integrity.answer.tpn": _("mencatat nilai TPN butir LKE"),
            "integrity.hasil.record": _("mencatat nilai komponen hasil"),
            "integrity.stage.reviu": _("mengajukan penilaian ke TPI"),
            "integrity.stage.isian": _("mengembalikan penilaian ke unit"),
            "integrity.stage.direviu": _("menyelesaikan reviu TPI"),
            "integrity.stage.diusulkan": _("mengusulkan unit ke KemenPANRB"),
            "integrity.gates.record": _("mencatat syarat usulan ZI"),
            "integrity.proposal.make": _("membuat usulan WBK/WBBM"),
            "integrity.tpn.record": _("mencatat hasil TPN"),
        },
        {
            "answer": _("jawaban"),
            "flag": _("tindak lanjut"),
            "justification": _("penjelasan"),
            "unit_reply": _("tanggapan unit"),
            "pic": _("penanggung jawab"),
            "points": _("nilai LKE"),
            "raw": _("nilai asal"),
            "source": _("sumber"),
            "source_note": _("keterangan sumber"),
            "stage": _("tahap"),
            "target": _("target"),
            "wtp": _("opini WTP"),
            "akip": _("predikat AKIP"),
            "indeks_rb": _("predikat Indeks RB"),
            "selection": _("seleksi administrasi"),
            "verdict": _("penetapan"),
            "pencanangan_date": _("tanggal pencanangan"),
            "sakip_inclusive": _("batas bawah inklusif"),
        },
    )
