"""Where a document is used: every registered app's uses on the document page, in the
library's counts, in the download's scope and in the removal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.evidence import domain, queries, uses
from sikap.evidence.models import Document
from sikap.integrity import domain as integrity
from sikap.integrity.models import Assessment, Attachment
from tests.conftest import evidence_pdf as pdf


def _upload(personas, **kw):  # type: ignore[no-untyped-def]
    args = {"actor": personas.admin_opd, "unit": personas.opd_a, "year": 2024,
            "doc_type": "sk", "title": "SK Tim ZI", "upload": pdf()}  # fmt: skip
    return domain.document_upload(**{**args, **kw})


@pytest.fixture
def other_app():  # type: ignore[no-untyped-def]
    """An app registered like a real one: two uses of every document asked about."""
    released = []
    provider = uses.UseProvider(
        name="test-app",
        uses=lambda ids: [
            uses.Use(document_id=pk, label=f"Uji {pk}", url="/uji/", breaks="uji rusak")
            for pk in ids
        ],
        release=lambda *, actor, document: released.append(document.pk),
    )
    uses.register(provider)
    yield released
    uses._PROVIDERS.pop("test-app")


def test_page_and_list_show_every_apps_uses(personas, client_for, zi_a, other_app):
    doc = _upload(personas)
    integrity.attachment_add(
        actor=personas.admin_opd, assessment=zi_a, code="MP.P.1.a", document=doc
    )
    client = client_for(personas.admin_opd)
    page = client.get(reverse("evidence:document", args=[doc.pk]))
    assert [(u.label, u.url, u.breaks) for u in page.context["uses"]] == [
        ("Zona Integritas 2024 · Dinas Kesehatan · MP.P.1.a",
         "/p/palu/integritas/zi/2024/DINKES/#item-MP.P.1.a", "butir MP.P.1.a kehilangan eviden ini"),
        (f"Uji {doc.pk}", "/uji/", "uji rusak"),
    ]  # fmt: skip
    html = page.content.decode()
    assert "Jika dihapus: butir MP.P.1.a kehilangan eviden ini" in html
    listed = client.get(reverse("evidence:library")).context["documents"]
    assert [(d.title, d.uses) for d in listed] == [("SK Tim ZI", 2)]
    client.post(reverse("evidence:remove", args=[doc.pk]))
    assert other_app == [doc.pk] and not Attachment.objects.exists()
    log = AuditLog.objects.get(action="evidence.document.detach_all")
    assert log.before == {
        "uses": ["Zona Integritas 2024 · Dinas Kesehatan · MP.P.1.a", f"Uji {doc.pk}"]
    }


def test_evidence_of_a_proposed_zi_is_not_removed(personas, client_for, zi_a):
    doc = _upload(personas)
    integrity.attachment_add(
        actor=personas.admin_opd, assessment=zi_a, code="MP.P.1.a", document=doc
    )
    Assessment.objects.filter(pk=zi_a.pk).update(stage=Assessment.Stage.PROPOSED)
    before = AuditLog.objects.count()
    response = client_for(personas.admin_opd).post(
        reverse("evidence:remove", args=[doc.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("evidence:document", args=[doc.pk])
    assert (
        "Dokumen ini tidak dapat dihapus: masih menjadi eviden "
        "Zona Integritas 2024 · Dinas Kesehatan · MP.P.1.a." in response.content.decode()
    )
    assert Document.objects.get(pk=doc.pk).removed_at is None
    assert Attachment.objects.count() == 1 and AuditLog.objects.count() == before


def test_remove_refused_to_another_unit_changes_nothing(personas, client_for, zi_a):
    doc = _upload(personas)
    integrity.attachment_add(
        actor=personas.admin_opd, assessment=zi_a, code="MP.P.1.a", document=doc
    )
    before = AuditLog.objects.count()
    for user in (personas.penilai, personas.outsider, personas.pegawai):
        response = client_for(user).post(reverse("evidence:remove", args=[doc.pk]))
        assert response.status_code in (403, 404)
    assert Document.objects.get(pk=doc.pk).removed_at is None
    assert Attachment.objects.count() == 1 and AuditLog.objects.count() == before


def test_no_uses_no_providers_asked_in_vain(personas):
    assert uses.uses_of([]) == {}
    doc = _upload(personas)
    assert queries.document_uses(doc) == []
