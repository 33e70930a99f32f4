"""Ombudsman checklist items, PEKPPP indicators and SKM follow-ups take evidence from the
library only: their forms have no file field, a file still posted under the old name is not
stored, and a file stored on a row before stays listed and downloadable, read-only, as earlier
evidence ("bukti sebelumnya"). A follow-up is done with library evidence or an earlier file."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.evidence import domain as library
from sikap.evidence.models import Document, DocumentVersion
from sikap.publicservice import domain
from sikap.publicservice.models import FollowUp, LibraryEvidence, OmbudsmanItem, PekpppScore
from tests.conftest import EVIDENCE_PDF, evidence_pdf
from tests.form_style import field_error

YEAR = 2026


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path, evidence_root):  # type: ignore[no-untyped-def]
    """Row files and library files of the test, each in its own temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_under(root) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def pkm(personas):  # type: ignore[no-untyped-def]
    return domain.service_unit_ensure(actor=None, unit=personas.puskesmas)[0]


@pytest.fixture
def followup(pkm):  # type: ignore[no-untyped-def]
    return FollowUp.objects.create(service_unit=pkm, period="2026", unsur="U8",
                                   action="Kotak saran", owner="Kasubag TU",
                                   deadline=dt.date(2026, 6, 30))  # fmt: skip


def a_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("bukti.pdf", EVIDENCE_PDF, content_type="application/pdf")


EDIT = {"action": "Kotak saran", "owner": "Kasubag TU", "deadline": "2026-06-30"}


# --- a file posted under the removed field is not stored ------------------------------------


def test_a_new_followup_keeps_no_file_sent_with_it(personas, client_for, pkm, media_root):
    response = client_for(personas.admin_opd).post(
        reverse("publicservice:followups", args=[pkm.pk]),
        {"period": "2026", "unsur": "U8", "action": "Kotak saran", "owner": "Kasubag TU",
         "deadline": "2026-06-30", "status": "planned", "evidence": a_file()},
    )  # fmt: skip
    assert response.status_code == 302
    item = FollowUp.objects.get()
    assert (item.action, item.status, item.evidence.name) == ("Kotak saran", "planned", "")
    assert AuditLog.objects.get(action="skm.followup.create").after["evidence"] == ""
    assert files_under(media_root) == []
    assert (Document.objects.count(), LibraryEvidence.objects.count()) == (0, 0)


def test_an_edited_followup_keeps_no_file_sent_with_it(personas, client_for, followup, media_root):
    response = client_for(personas.admin_opd).post(
        reverse("publicservice:followup_edit", args=[followup.pk]),
        {**EDIT, "status": "in_progress", "evidence": a_file()},
    )
    assert response.status_code == 302
    followup.refresh_from_db()
    assert (followup.status, followup.evidence.name) == ("in_progress", "")
    assert files_under(media_root) == []
    assert (Document.objects.count(), LibraryEvidence.objects.count()) == (0, 0)


def test_a_checklist_item_keeps_no_file_sent_with_it(personas, client_for, pkm, media_root):
    response = client_for(personas.admin_opd).post(
        reverse("publicservice:ombudsman_item_set", args=[pkm.pk]),
        {"year": str(YEAR), "code": "IN01", "score": "2", "note": "", "evidence": a_file()},
    )
    assert response.status_code == 302
    item = OmbudsmanItem.objects.get()
    assert (item.code, item.score, item.evidence.name) == ("IN01", 2, "")
    assert files_under(media_root) == []
    assert (Document.objects.count(), LibraryEvidence.objects.count()) == (0, 0)


@pytest.fixture
def evaluation(personas, pkm):  # type: ignore[no-untyped-def]
    return domain.pekppp_evaluation_ensure(actor=personas.admin_pemda, service_unit=pkm,
                                           year=YEAR)  # fmt: skip


def test_the_pekppp_page_keeps_no_file_sent_with_it(
    personas, client_for, pkm, evaluation, media_root
):
    client = client_for(personas.admin_opd)
    save = reverse("publicservice:pekppp_page_save", args=[pkm.pk])
    before = {r.code: (r.score, r.note) for r in PekpppScore.objects.filter(evaluation=evaluation)}
    audits = AuditLog.objects.count()
    # A file alone changes nothing: no row is written.
    response = client.post(save, {"year": str(YEAR), "evidence-K1": a_file()})
    assert response.status_code == 302
    after = {r.code: (r.score, r.note) for r in PekpppScore.objects.filter(evaluation=evaluation)}
    assert (after, AuditLog.objects.count()) == (before, audits)
    # With a score, the score is saved and the file is not.
    response = client.post(save, {"year": str(YEAR), "score-K1": "3", "evidence-K1": a_file()})
    assert response.status_code == 302
    k1 = PekpppScore.objects.get(evaluation=evaluation, code="K1")
    assert (k1.score, k1.evidence.name) == (3, "")
    response = client.post(
        reverse("publicservice:pekppp_score_set", args=[pkm.pk]),
        {"year": str(YEAR), "code": "K2", "score": "4", "note": "", "evidence": a_file()},
    )
    assert response.status_code == 302
    k2 = PekpppScore.objects.get(evaluation=evaluation, code="K2")
    assert (k2.score, k2.evidence.name) == (4, "")
    assert files_under(media_root) == []
    assert (Document.objects.count(), LibraryEvidence.objects.count()) == (0, 0)


def test_the_forms_offer_no_file_but_the_library(personas, client_for, pkm, followup, evaluation):
    client = client_for(personas.admin_opd)
    pages = {
        reverse("publicservice:unit", args=[pkm.pk]): 'name="evidence"',
        reverse("publicservice:followup_edit", args=[followup.pk]): 'name="evidence"',
        reverse("publicservice:ombudsman_unit", args=[pkm.pk]) + f"?year={YEAR}": (
            'name="evidence"'
        ),
        reverse("publicservice:pekppp_unit", args=[pkm.pk]) + f"?year={YEAR}": ('name="evidence-'),
    }
    for page, field in pages.items():
        html = client.get(page).content.decode()
        assert field not in html, page
    # The library's own upload stays on the assessment and follow-up pages.
    for name, args in (("followup_edit", [followup.pk]), ("ombudsman_unit", [pkm.pk]),
                       ("pekppp_unit", [pkm.pk])):  # fmt: skip
        html = client.get(reverse(f"publicservice:{name}", args=args) + f"?year={YEAR}")
        assert 'name="file"' in html.content.decode(), name


# --- earlier files: listed, downloadable, read-only -----------------------------------------


def test_earlier_files_stay_listed_and_downloadable(personas, client_for, pkm, followup):
    followup.evidence.save("lama.pdf", ContentFile(EVIDENCE_PDF))
    item = domain.ombudsman_checklist_answer(actor=personas.admin_opd, service_unit=pkm,
                                             year=YEAR, code="IN01", score=2)  # fmt: skip
    item.evidence.save("in01.pdf", ContentFile(EVIDENCE_PDF))
    client = client_for(personas.admin_opd)
    pages = {
        "tindak-lanjut": (followup.pk, [reverse("publicservice:unit", args=[pkm.pk]),
                                        reverse("publicservice:followup_edit",
                                                args=[followup.pk])]),
        "ombudsman": (item.pk, [reverse("publicservice:ombudsman_unit", args=[pkm.pk])
                                + f"?year={YEAR}"]),
    }  # fmt: skip
    for kind, (pk, urls) in pages.items():
        link = reverse("publicservice:evidence", args=[kind, pk])
        for page in urls:
            html = client.get(page).content.decode()
            assert f'href="{link}"' in html, page
            assert "bukti sebelumnya" in html, page
        response = client.get(link)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == EVIDENCE_PDF


def test_saving_a_row_keeps_its_earlier_file(personas, client_for, pkm, followup):
    followup.evidence.save("lama.pdf", ContentFile(EVIDENCE_PDF))
    item = domain.ombudsman_checklist_answer(actor=personas.admin_opd, service_unit=pkm,
                                             year=YEAR, code="IN01", score=2)  # fmt: skip
    item.evidence.save("in01.pdf", ContentFile(EVIDENCE_PDF))
    names = (followup.evidence.name, item.evidence.name)
    client = client_for(personas.admin_opd)
    client.post(reverse("publicservice:followup_edit", args=[followup.pk]),
                {**EDIT, "status": "in_progress", "evidence": a_file()})  # fmt: skip
    client.post(reverse("publicservice:ombudsman_item_set", args=[pkm.pk]),
                {"year": str(YEAR), "code": "IN01", "score": "3", "evidence": a_file()})  # fmt: skip
    followup.refresh_from_db()
    item.refresh_from_db()
    assert (followup.status, item.score) == ("in_progress", 3)
    assert (followup.evidence.name, item.evidence.name) == names


# --- a follow-up is done with library evidence or an earlier file ---------------------------


def test_done_without_any_evidence_is_refused_and_changes_nothing(personas, client_for, followup):
    audits = AuditLog.objects.count()
    response = client_for(personas.admin_opd).post(
        reverse("publicservice:followup_edit", args=[followup.pk]), {**EDIT, "status": "done"}
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_status") == (
        "Tindak lanjut selesai memerlukan bukti."
    )
    followup.refresh_from_db()
    assert (followup.status, AuditLog.objects.count()) == ("planned", audits)


def test_a_new_followup_cannot_start_done(personas, client_for, pkm):
    # Its evidence can only be attached once it exists: created as done, it would have none.
    audits = AuditLog.objects.count()
    response = client_for(personas.admin_opd).post(
        reverse("publicservice:followups", args=[pkm.pk]),
        {"period": "2026", "unsur": "U8", "action": "Kotak saran", "owner": "Kasubag TU",
         "deadline": "2026-06-30", "status": "done"},
    )  # fmt: skip
    # The unit page again, the form bound and open, the refusal at the status field.
    assert response.status_code == 400
    assert field_error(response.content.decode(), "followup-status") == (
        "Tindak lanjut selesai memerlukan bukti."
    )
    assert (FollowUp.objects.count(), AuditLog.objects.count()) == (0, audits)


def test_done_with_an_earlier_file(personas, client_for, followup):
    followup.evidence.save("lama.pdf", ContentFile(EVIDENCE_PDF))
    response = client_for(personas.admin_opd).post(
        reverse("publicservice:followup_edit", args=[followup.pk]), {**EDIT, "status": "done"}
    )
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.status == "done"
    assert LibraryEvidence.objects.count() == 0


def test_done_with_library_evidence(personas, client_for, followup):
    doc = library.document_upload(actor=personas.admin_opd, unit=personas.puskesmas, year=YEAR,
                                  doc_type="foto", title="Foto kotak saran",
                                  upload=evidence_pdf("foto.pdf"))  # fmt: skip
    domain.followup_evidence_attach(actor=personas.admin_opd, followup=followup, document=doc)
    response = client_for(personas.admin_opd).post(
        reverse("publicservice:followup_edit", args=[followup.pk]), {**EDIT, "status": "done"}
    )
    assert response.status_code == 302
    followup.refresh_from_db()
    assert (followup.status, followup.evidence.name) == ("done", "")


def test_a_done_followup_with_an_earlier_file_may_lose_its_library_evidence(personas, followup):
    """The earlier file is evidence enough: detaching the last library document is allowed;
    without it, the same detach is refused and nothing changes."""
    doc = library.document_upload(actor=personas.admin_opd, unit=personas.puskesmas, year=YEAR,
                                  doc_type="foto", title="Foto kotak saran",
                                  upload=evidence_pdf("foto.pdf"))  # fmt: skip
    domain.followup_evidence_attach(actor=personas.admin_opd, followup=followup, document=doc)
    domain.followup_update(actor=personas.admin_opd, followup=followup, action="Kotak saran",
                           owner="Kasubag TU", deadline=dt.date(2026, 6, 30), status="done")  # fmt: skip
    before = (LibraryEvidence.objects.count(), Document.objects.count(),
              DocumentVersion.objects.count(), AuditLog.objects.count())  # fmt: skip
    with pytest.raises(ValidationError, match="Tindak lanjut selesai memerlukan bukti"):
        domain.followup_evidence_detach(actor=personas.admin_opd, followup=followup, document=doc)
    assert (LibraryEvidence.objects.count(), Document.objects.count(),
            DocumentVersion.objects.count(), AuditLog.objects.count()) == before  # fmt: skip
    followup.evidence.save("lama.pdf", ContentFile(EVIDENCE_PDF))
    assert domain.followup_evidence_detach(actor=personas.admin_opd, followup=followup,
                                           document=doc) is True  # fmt: skip
    assert LibraryEvidence.objects.count() == 0
    followup.refresh_from_db()
    assert followup.status == "done"
