"""Lampiran SKP (PermenPANRB 6/2022): dukungan sumber daya, skema pertanggungjawaban and
konsekuensi, written with the plan, shown on the SKP page and printed in the SKP PDF."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.performance import domain, exports
from sikap.performance.models import Skp
from tests.conftest import pdf_text

ANNEX = {
    "resources": "Anggaran BOK Rp 120 juta\n\n  Dua   tenaga bidan  \nAkses aplikasi e-Kohort",
    "accountability": "Laporan bulanan kepada Kepala Dinas & Bappeda",
    "consequences": "Teguran tertulis bila target <80% pada TW II",
}


def _kabid_skp(chain) -> Skp:
    skp = domain.skp_create(actor=None, employee=chain.kabid, year=2024)
    domain.skp_result_add(
        actor=None, skp=skp, kind="utama", text="Cakupan K4 naik", indicator_text="Persentase K4",
        target="95 %", intervenes_indicator=chain.opd_indicator,
    )  # fmt: skip
    return skp


def _annex(skp: Skp) -> tuple[str, str, str]:
    skp.refresh_from_db()
    return (skp.annex_resources, skp.annex_accountability, skp.annex_consequences)


def test_annex_by_page_is_saved_shown_and_audited(chain, client_for) -> None:
    skp = _kabid_skp(chain)
    client = client_for(chain.kabid_user)
    response = client.post(reverse("performance:skp_annex_set", args=[skp.pk]), ANNEX)
    assert response.status_code == 302
    assert _annex(skp) == (
        "Anggaran BOK Rp 120 juta\nDua tenaga bidan\nAkses aplikasi e-Kohort",
        "Laporan bulanan kepada Kepala Dinas & Bappeda",
        "Teguran tertulis bila target <80% pada TW II",
    )
    assert skp.annex() == [
        ("Dukungan sumber daya",
         ["Anggaran BOK Rp 120 juta", "Dua tenaga bidan", "Akses aplikasi e-Kohort"]),
        ("Skema pertanggungjawaban", ["Laporan bulanan kepada Kepala Dinas & Bappeda"]),
        ("Konsekuensi", ["Teguran tertulis bila target <80% pada TW II"]),
    ]  # fmt: skip
    page = client.get(reverse("performance:skp", args=[skp.pk])).content.decode()
    assert "<li>Dua tenaga bidan</li>" in page
    assert "<li>Teguran tertulis bila target &lt;80% pada TW II</li>" in page
    log = AuditLog.objects.get(action="skp.annex_set")
    assert log.before["annex_resources"] == "" and log.after["annex_consequences"] == (
        "Teguran tertulis bila target <80% pada TW II"
    )
    assert log.actor_id == chain.kabid_user.pk


def test_annex_in_the_skp_pdf(chain) -> None:
    skp = _kabid_skp(chain)
    domain.skp_annex_set(actor=None, skp=skp, **ANNEX)
    skp.refresh_from_db()
    text = pdf_text(exports.skp_pdf(None, skp, [(b, b.value) for b in skp.behaviours.all()]))
    assert "LAMPIRAN SKP" in text.upper()
    assert (
        "1 Dukungan sumber daya 1. Anggaran BOK Rp 120 juta 2. Dua tenaga bidan "
        "3. Akses aplikasi e-Kohort"
    ) in text
    assert "2 Skema pertanggungjawaban 1. Laporan bulanan kepada Kepala Dinas & Bappeda" in text
    assert "3 Konsekuensi 1. Teguran tertulis bila target <80% pada TW II" in text


def test_annex_refused_after_agreement_and_when_too_long(chain, client_for) -> None:
    skp = _kabid_skp(chain)
    domain.skp_annex_set(actor=None, skp=skp, **ANNEX)
    before = _annex(skp)
    logs = AuditLog.objects.count()
    with pytest.raises(ValidationError, match="paling panjang 500 karakter"):
        domain.skp_annex_set(
            actor=None, skp=skp, resources="x" * 501, accountability="", consequences=""
        )
    with pytest.raises(ValidationError, match="paling banyak 30 butir"):
        domain.skp_annex_set(
            actor=None, skp=skp, resources="", accountability="a\n" * 31, consequences=""
        )
    domain.skp_agree(actor=None, skp=skp)
    logs = AuditLog.objects.count()
    client = client_for(chain.kabid_user)
    response = client.post(
        reverse("performance:skp_annex_set", args=[skp.pk]),
        {"resources": "Baru", "accountability": "", "consequences": ""},
        follow=True,
    )
    assert "SKP berstatus Disepakati" in response.content.decode()
    assert _annex(skp) == before and AuditLog.objects.count() == logs
    # the form is no longer offered, the annex is still shown
    page = client.get(reverse("performance:skp", args=[skp.pk])).content.decode()
    assert "Ubah lampiran SKP" not in page and "<li>Dua tenaga bidan</li>" in page


def test_annex_is_the_planners(chain, personas, client_for) -> None:
    skp = _kabid_skp(chain)
    url = reverse("performance:skp_annex_set", args=[skp.pk])
    logs = AuditLog.objects.count()
    # the staff member cannot see the Kepala Bidang's SKP; a Pimpinan sees it but does not
    # write the plan; another Pemda does not reach it
    assert client_for(chain.staff_user).post(url, ANNEX).status_code == 404
    assert client_for(personas.pimpinan).post(url, ANNEX).status_code == 403
    assert client_for(personas.outsider).post(url, ANNEX).status_code == 404
    assert _annex(skp) == ("", "", "") and AuditLog.objects.count() == logs
