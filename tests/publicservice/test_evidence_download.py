"""Evidence attached to follow-ups, Ombudsman findings and checklist items and PEKPPP
indicators can be read back, as a download, by those who may read its page, and by no one else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from sikap.publicservice import domain
from sikap.publicservice.models import (
    FollowUp,
    OmbudsmanAssessment,
    OmbudsmanFinding,
    OmbudsmanItem,
    PekpppEvaluation,
    PekpppScore,
)

PDF = b"%PDF-1.4 bukti tindak lanjut"
# A hostile upload that slipped in as evidence: it must never be rendered by the browser.
HTML = b"<html><script>alert(document.cookie)</script></html>"


def followup_of(su, unsur: str, **extra) -> FollowUp:
    return FollowUp.objects.create(
        service_unit=su,
        period="2026",
        unsur=unsur,
        action="Kotak saran",
        owner="Kasubag TU",
        deadline=dt.date(2026, 12, 31),
        **extra,
    )


@pytest.fixture
def evidence(personas):
    pkm, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    followup = followup_of(pkm, "U8", evidence=ContentFile(PDF, name="bukti.pdf"))
    item = OmbudsmanItem.objects.create(
        assessment=OmbudsmanAssessment.objects.create(service_unit=pkm, year=2026),
        code="IN01",
        score=3,
        evidence=ContentFile(HTML, name="maklumat.html"),
    )
    score = PekpppScore.objects.create(
        evaluation=PekpppEvaluation.objects.create(service_unit=pkm, year=2026),
        code="K1",
        score=4,
        evidence=ContentFile(b"\x89PNG\r\n\x1a\nxx", name="foto loket.png"),
    )
    result = domain.ombudsman_result_record(
        actor=None, pemda=personas.pemda, year=2025, score=86.07
    )
    finding = OmbudsmanFinding.objects.create(
        result=result,
        unit=personas.opd_b,
        text="Maklumat belum dipajang",
        evidence=ContentFile(PDF, name="temuan.pdf"),
    )
    bare = followup_of(pkm, "U1")
    return {
        "tindak-lanjut": (followup.pk, PDF, "bukti.pdf"),
        "ombudsman": (item.pk, HTML, "maklumat.html"),
        # Stored under the name the storage made safe: the space became "_".
        "pekppp": (score.pk, b"\x89PNG\r\n\x1a\nxx", "foto_loket.png"),
        "temuan": (finding.pk, PDF, "temuan.pdf"),
        "bare": bare.pk,
    }


def url(kind: str, pk: int, pemda: str = "palu") -> str:
    return f"/p/{pemda}/layanan/bukti/{kind}/{pk}/"


def test_readers_get_each_file_as_a_download_never_rendered(client_for, personas, evidence):
    client = client_for(personas.admin_pemda)
    for kind in ("tindak-lanjut", "ombudsman", "pekppp", "temuan"):
        pk, content, name = evidence[kind]
        response = client.get(url(kind, pk))
        assert response.status_code == 200, kind
        assert b"".join(response.streaming_content) == content
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
        assert response["Cache-Control"] == "private, no-store"


def test_a_unit_reads_its_own_evidence_and_not_the_pemda_findings(client_for, personas, evidence):
    client = client_for(personas.admin_opd)  # DINKES, the puskesmas' OPD
    for kind in ("tindak-lanjut", "ombudsman", "pekppp"):
        assert client.get(url(kind, evidence[kind][0])).status_code == 200, kind
    # Findings belong to the Pemda's Ombudsman page, which an OPD admin does not read.
    assert client.get(url("temuan", evidence["temuan"][0])).status_code == 404


def test_other_units_other_pemdas_and_odd_addresses_get_404(client_for, personas, evidence):
    penilai = client_for(personas.penilai)  # DUKCAPIL: not the puskesmas' OPD
    outsider = client_for(personas.outsider)  # Donggala
    for kind in ("tindak-lanjut", "ombudsman", "pekppp"):
        pk = evidence[kind][0]
        assert penilai.get(url(kind, pk)).status_code == 404, kind
        assert outsider.get(url(kind, pk)).status_code == 404, kind
        assert outsider.get(url(kind, pk, "donggala")).status_code == 404, kind
    admin = client_for(personas.admin_pemda)
    assert admin.get(url("tindak-lanjut", evidence["bare"])).status_code == 404
    assert admin.get(url("lainnya", evidence["tindak-lanjut"][0])).status_code == 404
    assert admin.get(url("tindak-lanjut", 999999)).status_code == 404
    assert admin.post(url("tindak-lanjut", evidence["tindak-lanjut"][0])).status_code == 405


def test_signed_out_visitors_are_sent_to_sign_in(client, evidence):
    response = client.get(url("tindak-lanjut", evidence["tindak-lanjut"][0]))
    assert response.status_code == 302
    assert "/akun/masuk/" in response["Location"]


def test_the_pages_that_list_evidence_link_to_it(client_for, personas, evidence):
    client = client_for(personas.admin_pemda)
    pkm = FollowUp.objects.get(pk=evidence["tindak-lanjut"][0]).service_unit
    pages = {
        "tindak-lanjut": f"/p/palu/layanan/unit/{pkm.pk}/",
        "ombudsman": f"/p/palu/layanan/unit/{pkm.pk}/ombudsman/?year=2026",
        "pekppp": f"/p/palu/layanan/unit/{pkm.pk}/pekppp/?year=2026",
        "temuan": "/p/palu/layanan/ombudsman/?year=2025",
    }
    for kind, page in pages.items():
        html = client.get(page).content.decode()
        link = f'href="{url(kind, evidence[kind][0])}"'
        assert link in html, kind
    # The follow-up without evidence has no link.
    assert (
        url("tindak-lanjut", evidence["bare"])
        not in client.get(pages["tindak-lanjut"]).content.decode()
    )
