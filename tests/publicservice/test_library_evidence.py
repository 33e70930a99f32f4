"""Ombudsman checklist items and PEKPPP indicators take their evidence from the evidence
library: an upload enters the library (owner: the service unit's org unit, year: the
assessment's) and is attached; a library document is picked; a document is detached. The
library's checks apply, every write is audited, and only the unit's managers may write."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.evidence import domain as library
from sikap.evidence.models import Document, DocumentVersion
from sikap.integrity import domain as integrity
from sikap.publicservice import domain
from sikap.publicservice.models import LibraryEvidence, OmbudsmanItem, PekpppScore
from tests.conftest import EVIDENCE_PDF, evidence_pdf

YEAR = 2026


@pytest.fixture(autouse=True)
def _evidence_root(evidence_root):  # type: ignore[no-untyped-def]
    return evidence_root


@pytest.fixture
def pkm(personas):  # type: ignore[no-untyped-def]
    return domain.service_unit_ensure(actor=None, unit=personas.puskesmas)[0]


@pytest.fixture
def dukcapil(personas):  # type: ignore[no-untyped-def]
    return domain.service_unit_ensure(actor=None, unit=personas.opd_b)[0]


def url(name: str, su) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"publicservice:{name}", args=[su.pk])


def upload_data(**extra):  # type: ignore[no-untyped-def]
    return {"year": str(YEAR), "code": "IN01", "doc_type": "sop", "title": "SOP Pelayanan",
            "file": evidence_pdf("sop pelayanan.pdf"), **extra}  # fmt: skip


def in_library(personas, *, unit=None, year=YEAR, title="Maklumat"):  # type: ignore[no-untyped-def]
    return library.document_upload(
        actor=personas.admin_pemda, unit=unit or personas.puskesmas, year=year, doc_type="sk",
        title=title, upload=evidence_pdf(f"{title}.pdf"),
    )  # fmt: skip


def state():  # type: ignore[no-untyped-def]
    """Everything a refused request must leave as it was."""
    return (
        Document.objects.count(),
        DocumentVersion.objects.count(),
        LibraryEvidence.objects.count(),
        OmbudsmanItem.objects.count(),
        PekpppScore.objects.count(),
        AuditLog.objects.count(),
    )


def test_upload_on_the_ombudsman_page_enters_the_library_and_attaches(personas, client_for, pkm):
    client = client_for(personas.admin_opd)
    response = client.post(url("ombudsman_evidence_upload", pkm), upload_data(), follow=True)
    assert response.redirect_chain == [(url("ombudsman_unit", pkm) + f"?year={YEAR}", 302)]
    assert "Bukti disimpan di pustaka eviden dan dilampirkan." in response.content.decode()
    doc = Document.objects.get()
    assert (doc.pemda, doc.unit, doc.year, doc.doc_type, doc.title, doc.kind) == (
        personas.pemda, personas.puskesmas, YEAR, "sop", "SOP Pelayanan", "file",
    )  # fmt: skip
    version = doc.versions.get()
    assert (version.number, version.sha256, version.original_name) == (
        1, hashlib.sha256(EVIDENCE_PDF).hexdigest(), "sop pelayanan.pdf",
    )  # fmt: skip
    link = LibraryEvidence.objects.get()
    assert (link.ombudsman_item.code, link.ombudsman_item.score, link.document_id) == (
        "IN01", None, doc.pk,
    )  # fmt: skip
    assert link.ombudsman_item.assessment.year == YEAR
    assert list(
        AuditLog.objects.filter(action__contains="evidence")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["evidence.document.upload", "ombudsman.evidence.attach"]
    # The page lists it at its row with the library's scoped download.
    page = response.content.decode()
    download = reverse("evidence:download", args=[doc.pk, 1])
    assert f'href="{download}"' in page and 'data-testid="libdoc-IN01"' in page
    got = client.get(download)
    assert got.status_code == 200 and got["Content-Disposition"].startswith("attachment")
    assert got["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert b"".join(got.streaming_content) == EVIDENCE_PDF
    # A reader of the unit (its Pimpinan) sees and downloads it, and is offered no form.
    reader = client_for(personas.pimpinan)
    html = reader.get(url("ombudsman_unit", pkm) + f"?year={YEAR}").content.decode()
    assert f'href="{download}"' in html
    assert "Unggah dan lampirkan" not in html and url("ombudsman_evidence_detach", pkm) not in html
    assert reader.get(download).status_code == 200


def test_bad_file_is_refused_by_the_librarys_checks_and_nothing_is_written(
    personas, client_for, pkm
):
    before = state()
    response = client_for(personas.admin_opd).post(
        url("ombudsman_evidence_upload", pkm),
        upload_data(file=evidence_pdf("maklumat.html", b"<html><script>")),
        follow=True,
    )
    assert (
        "Berkas maklumat.html: jenis tidak diterima (PDF, JPG, PNG, XLSX atau DOCX)."
        in response.content.decode()
    )
    assert state() == before
    response = client_for(personas.admin_opd).post(
        url("ombudsman_evidence_upload", pkm), upload_data(code="XX99"), follow=True
    )
    assert "Indikator XX99 tidak dikenal." in response.content.decode()
    assert state() == before


def test_pick_attaches_a_library_document_to_a_pekppp_indicator(personas, client_for, pkm):
    last_year = in_library(personas, year=YEAR - 1, title="SK Maklumat 2025")
    client = client_for(personas.admin_opd)
    page = client.get(url("pekppp_unit", pkm) + f"?year={YEAR}")
    client.post(url("pekppp_start", pkm), {"year": str(YEAR)})
    page = client.get(url("pekppp_unit", pkm) + f"?year={YEAR}")
    assert [d.title for d in page.context["library"]["documents"]] == ["SK Maklumat 2025"]
    response = client.post(
        url("pekppp_evidence_pick", pkm),
        {"year": str(YEAR), "code": "K1", "document": str(last_year.pk)},
        follow=True,
    )
    assert "Dokumen pustaka dilampirkan." in response.content.decode()
    link = LibraryEvidence.objects.get()
    assert (link.pekppp_score.code, link.pekppp_score.evaluation.year, link.document) == (
        "K1", YEAR, last_year,
    )  # fmt: skip
    log = AuditLog.objects.get(action="pekppp.evidence.attach")
    assert log.after == {"code": "K1", "year": YEAR, "document": last_year.pk,
                         "title": "SK Maklumat 2025"}  # fmt: skip
    # Picked twice: still one attachment, one audit row.
    client.post(
        url("pekppp_evidence_pick", pkm),
        {"year": str(YEAR), "code": "K1", "document": str(last_year.pk)},
    )
    assert LibraryEvidence.objects.count() == 1
    assert AuditLog.objects.filter(action="pekppp.evidence.attach").count() == 1


def test_year_mismatch_is_refused_naming_the_years(personas, client_for, pkm):
    old = in_library(personas, year=YEAR - 3, title="SK lama")
    future = in_library(personas, year=YEAR + 1, title="SK depan")
    client = client_for(personas.admin_opd)
    before = state()
    for doc, year in ((old, YEAR - 3), (future, YEAR + 1)):
        response = client.post(
            url("ombudsman_evidence_pick", pkm),
            {"year": str(YEAR), "code": "IN01", "document": str(doc.pk)},
            follow=True,
        )
        assert (
            f"Dokumen tahun {year} tidak dapat menjadi eviden penilaian tahun {YEAR}: "
            "gunakan eviden tahun berjalan atau tahun sebelumnya."
        ) in response.content.decode()
    assert state() == before


def test_detach_takes_the_document_off_the_row_and_keeps_it_in_the_library(
    personas, client_for, pkm
):
    doc = in_library(personas)
    domain.library_evidence_attach(actor=personas.admin_opd, service_unit=pkm,
                                   scheme=domain.OMBUDSMAN, year=YEAR, code="IN01", document=doc)  # fmt: skip
    response = client_for(personas.admin_opd).post(
        url("ombudsman_evidence_detach", pkm),
        {"year": str(YEAR), "code": "IN01", "document": str(doc.pk)},
        follow=True,
    )
    assert "Dokumen dilepas; dokumen tetap ada di pustaka." in response.content.decode()
    assert not LibraryEvidence.objects.exists()
    assert Document.objects.get(pk=doc.pk).removed_at is None
    log = AuditLog.objects.get(action="ombudsman.evidence.detach")
    assert log.before == {"code": "IN01", "year": YEAR, "document": doc.pk, "title": "Maklumat"}


def test_other_units_and_pemdas_get_404_and_nothing_changes(personas, client_for, pkm, dukcapil):
    doc = in_library(personas)
    domain.library_evidence_attach(actor=personas.admin_pemda, service_unit=pkm,
                                   scheme=domain.OMBUDSMAN, year=YEAR, code="IN01", document=doc)  # fmt: skip
    donggala_doc = in_library(personas, unit=personas.other_unit, title="Donggala")
    dukcapil_doc = in_library(personas, unit=personas.opd_b, title="Dukcapil")
    before = state()
    pick = {"year": str(YEAR), "code": "IN01"}
    # Another OPD's service unit, another Pemda's user: the unit is not theirs.
    for user, su in ((personas.admin_opd, dukcapil), (personas.outsider, pkm)):
        client = client_for(user)
        assert client.post(url("ombudsman_evidence_upload", su), upload_data()).status_code == 404
        for name in (
            "ombudsman_evidence_pick",
            "pekppp_evidence_pick",
            "ombudsman_evidence_detach",
        ):
            response = client.post(url(name, su), {**pick, "document": str(doc.pk)})
            assert response.status_code == 404
    # A reader of the page may not write.
    assert client_for(personas.penilai).post(
        url("ombudsman_evidence_pick", dukcapil), {**pick, "document": str(dukcapil_doc.pk)}
    ).status_code == 403  # fmt: skip
    # Its own unit, but a document of another Pemda or of a unit out of reach.
    client = client_for(personas.admin_opd)
    for other in (donggala_doc, dukcapil_doc):
        response = client.post(
            url("ombudsman_evidence_pick", pkm), {**pick, "document": str(other.pk)}
        )
        assert response.status_code == 404
    assert state() == before
    # Nor does another unit's manager read the attached file.
    download = reverse("evidence:download", args=[doc.pk, 1])
    assert client_for(personas.penilai).get(download).status_code == 404
    with_other = client_for(personas.outsider).get(
        f"/p/{personas.other_pemda.code}/integritas/pustaka/{doc.pk}/v1/"
    )
    assert with_other.status_code == 404


def test_readers_of_the_assessment_download_its_evidence(personas, client_for, dukcapil):
    """A Dinkes document attached to Disdukcapil's self-assessment: the penilai of Disdukcapil
    reads it through the Ombudsman use, not through the library's own reach."""
    doc = in_library(personas, unit=personas.opd_a, title="Pedoman")
    download = reverse("evidence:download", args=[doc.pk, 1])
    assert client_for(personas.penilai).get(download).status_code == 404
    domain.library_evidence_attach(actor=personas.admin_pemda, service_unit=dukcapil,
                                   scheme=domain.PEKPPP, year=YEAR, code="K1", document=doc)  # fmt: skip
    assert client_for(personas.penilai).get(download).status_code == 200


def test_where_used_lists_zi_ombudsman_and_pekppp(personas, client_for, pkm):
    doc = in_library(personas, unit=personas.opd_a, title="SK Maklumat Pelayanan")
    zi = integrity.assessment_start(actor=personas.admin_opd, unit=personas.opd_a, kind="zi",
                                    year=YEAR)  # fmt: skip
    integrity.attachment_add(actor=personas.admin_opd, assessment=zi, code="MP.P.1.a", document=doc)
    for scheme, code in ((domain.OMBUDSMAN, "IN01"), (domain.PEKPPP, "K1")):
        domain.library_evidence_attach(actor=personas.admin_opd, service_unit=pkm, scheme=scheme,
                                       year=YEAR, code=code, document=doc)  # fmt: skip
    page = client_for(personas.admin_opd).get(reverse("evidence:document", args=[doc.pk]))
    ombudsman = url("ombudsman_unit", pkm)
    pekppp = url("pekppp_unit", pkm)
    assert [(u.label, u.url, u.breaks) for u in page.context["uses"]] == [
        (f"Ombudsman {YEAR} · Puskesmas Kamonji · IN01", f"{ombudsman}?year={YEAR}#ev-IN01",
         "indikator IN01 kehilangan bukti ini"),
        (f"PEKPPP {YEAR} · Puskesmas Kamonji · K1", f"{pekppp}?year={YEAR}#ev-K1",
         "indikator K1 kehilangan bukti ini"),
        (f"Zona Integritas {YEAR} · Dinas Kesehatan · MP.P.1.a",
         f"/p/palu/integritas/zi/{YEAR}/DINKES/#item-MP.P.1.a", "butir MP.P.1.a kehilangan eviden ini"),
    ]  # fmt: skip
    html = page.content.decode()
    assert f"Ombudsman {YEAR} · Puskesmas Kamonji · IN01" in html
    assert "Menghapus dokumen ini melepasnya dari 3 butir di atas." in html
    # Removed from the library: off every item of every app, each audited.
    client_for(personas.admin_opd).post(reverse("evidence:remove", args=[doc.pk]))
    assert not LibraryEvidence.objects.exists()
    assert sorted(
        AuditLog.objects.filter(action__endswith=".evidence.detach").values_list(
            "action", flat=True
        )
    ) == ["ombudsman.evidence.detach", "pekppp.evidence.detach"]
    assert AuditLog.objects.get(action="evidence.document.detach_all").before["uses"] == [
        u.label for u in page.context["uses"]
    ]


def test_old_per_row_files_stay_shown_beside_library_evidence(personas, client_for, pkm):
    from django.core.files.base import ContentFile

    item = domain.ombudsman_checklist_answer(actor=personas.admin_opd, service_unit=pkm,
                                             year=YEAR, code="IN01", score=2)  # fmt: skip
    # A file stored on the row before evidence came from the library.
    item.evidence.save("lama.pdf", ContentFile(EVIDENCE_PDF))
    doc = in_library(personas)
    domain.library_evidence_attach(actor=personas.admin_opd, service_unit=pkm,
                                   scheme=domain.OMBUDSMAN, year=YEAR, code="IN01", document=doc)  # fmt: skip
    item = OmbudsmanItem.objects.get()
    html = (
        client_for(personas.admin_opd)
        .get(url("ombudsman_unit", pkm) + f"?year={YEAR}")
        .content.decode()
    )
    assert reverse("publicservice:evidence", args=["ombudsman", item.pk]) in html
    assert "bukti sebelumnya" in html
    assert reverse("evidence:download", args=[doc.pk, 1]) in html
    assert item.evidence.name.endswith("lama.pdf")
    assert item.score == 2  # attaching evidence leaves the score as it was


@pytest.fixture
def followup(pkm):  # type: ignore[no-untyped-def]
    import datetime as dt

    from sikap.publicservice.models import FollowUp

    return FollowUp.objects.create(service_unit=pkm, period="2026S1", unsur="U8",
                                   action="Kotak saran", owner="Kasubag TU",
                                   deadline=dt.date(2026, 6, 30))  # fmt: skip


def fu_url(name: str, followup) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"publicservice:{name}", args=[followup.pk])


def test_followup_takes_library_evidence_and_may_then_be_done(personas, client_for, followup):
    client = client_for(personas.admin_opd)
    edit = {"action": "Kotak saran", "owner": "Kasubag TU", "deadline": "2026-06-30",
            "status": "done"}  # fmt: skip
    refused = client.post(fu_url("followup_edit", followup), edit)
    assert "Tindak lanjut selesai memerlukan bukti." in refused.content.decode()
    response = client.post(
        fu_url("followup_evidence_upload", followup),
        {"doc_type": "foto", "title": "Foto kotak saran", "file": evidence_pdf("foto.pdf")},
        follow=True,
    )
    assert response.redirect_chain == [(fu_url("followup_edit", followup), 302)]
    doc = Document.objects.get()
    assert (doc.unit, doc.year, doc.doc_type, doc.title) == (
        personas.puskesmas, 2026, "foto", "Foto kotak saran",
    )  # fmt: skip
    assert LibraryEvidence.objects.get().follow_up == followup
    log = AuditLog.objects.get(action="followup.evidence.attach")
    assert log.after == {"code": "2026S1 U8", "year": 2026, "document": doc.pk,
                         "title": "Foto kotak saran"}  # fmt: skip
    page = response.content.decode()
    assert reverse("evidence:download", args=[doc.pk, 1]) in page
    # With library evidence the follow-up may be done; its only evidence then stays.
    client.post(fu_url("followup_edit", followup), edit)
    followup.refresh_from_db()
    assert followup.status == "done"
    before = state()
    refused = client.post(fu_url("followup_evidence_detach", followup), {"document": str(doc.pk)},
                          follow=True)  # fmt: skip
    assert (
        "Tindak lanjut selesai memerlukan bukti: lampirkan bukti lain" in refused.content.decode()
    )
    assert state() == before
    # The library's page shows the use.
    uses = client.get(reverse("evidence:document", args=[doc.pk])).context["uses"]
    assert [(u.label, u.url, u.breaks) for u in uses] == [
        ("Tindak lanjut SKM 2026S1 · Puskesmas Kamonji · U8", fu_url("followup_edit", followup),
         "tindak lanjut U8 kehilangan bukti ini"),
    ]  # fmt: skip


def test_followup_pick_checks_the_year_and_other_units_get_404(
    personas, client_for, followup, dukcapil
):
    old = in_library(personas, year=2023, title="SK lama")
    fits = in_library(personas, year=2025, title="SK 2025")
    client = client_for(personas.admin_opd)
    before = state()
    refused = client.post(fu_url("followup_evidence_pick", followup), {"document": str(old.pk)},
                          follow=True)  # fmt: skip
    assert (
        "Dokumen tahun 2023 tidak dapat menjadi eviden penilaian tahun 2026"
        in refused.content.decode()
    )
    assert state() == before
    for user in (personas.outsider, personas.penilai, personas.pimpinan):
        for name, data in (("followup_evidence_pick", {"document": str(fits.pk)}),
                           ("followup_evidence_upload", {"doc_type": "sk", "title": "x",
                                                         "file": evidence_pdf()})):  # fmt: skip
            assert client_for(user).post(fu_url(name, followup), data).status_code == 404
    assert state() == before
    client = client_for(personas.admin_opd)
    client.post(fu_url("followup_evidence_pick", followup), {"document": str(fits.pk)})
    assert list(LibraryEvidence.objects.values_list("follow_up", "document")) == [
        (followup.pk, fits.pk)
    ]
    client.post(fu_url("followup_evidence_detach", followup), {"document": str(fits.pk)})
    assert not LibraryEvidence.objects.exists()
    assert AuditLog.objects.filter(action="followup.evidence.detach").count() == 1
