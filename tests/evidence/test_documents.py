"""The evidence library: checked uploads stored by hash, versions, links, usage and removal."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sikap.core.models import AuditLog
from sikap.evidence import domain, queries
from sikap.evidence.models import Document, DocumentVersion
from sikap.integrity import domain as integrity
from sikap.integrity.models import Attachment
from tests.conftest import EVIDENCE_PDF as PDF
from tests.conftest import EVIDENCE_PNG as PNG
from tests.conftest import evidence_pdf as pdf


def _upload(personas, **kw):  # type: ignore[no-untyped-def]
    args = {"actor": personas.admin_opd, "unit": personas.opd_a, "year": 2024,
            "doc_type": "sk", "title": "SK Tim ZI", "upload": pdf()}  # fmt: skip
    args.update(kw)
    return domain.document_upload(**args)


def test_upload_is_stored_by_hash_outside_media(personas, settings, evidence_root):
    doc = _upload(personas, upload=pdf("../../etc/SK Tim\x00 ZI<script>.pdf"))
    v = doc.versions.get()
    digest = hashlib.sha256(PDF).hexdigest()
    assert (v.number, v.sha256, v.size, v.content_type) == (1, digest, len(PDF), "application/pdf")
    assert v.original_name == "SK Tim ZI_script_.pdf"
    assert v.file.name == f"{digest[:2]}/{digest}"
    assert (evidence_root / digest[:2] / digest).read_bytes() == PDF
    assert not str(evidence_root).startswith(str(settings.MEDIA_ROOT))
    assert doc.current_number == 1
    log = AuditLog.objects.get(action="evidence.document.upload")
    assert log.after["sha256"] == digest


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("sk.html", b"<html>", "jenis tidak diterima"),
        ("sk.svg", b"<svg/>", "jenis tidak diterima"),
        ("sk.pdf", b"<html><script>", "tidak sesuai dengan jenisnya"),
        ("foto.png", PDF, "tidak sesuai dengan jenisnya"),
        ("sk.pdf", b"", "kosong"),
        ("sk", PDF, "jenis tidak diterima"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_written(personas, name, body, message):
    logs = AuditLog.objects.count()
    with pytest.raises(ValidationError, match=message):
        _upload(personas, upload=SimpleUploadedFile(name, body))
    assert (Document.objects.count(), DocumentVersion.objects.count()) == (0, 0)
    assert AuditLog.objects.count() == logs


def test_size_cap_comes_from_settings(personas, settings):
    settings.SIKAP_EVIDENCE_MAX_BYTES = len(PDF) - 1
    with pytest.raises(ValidationError, match="SIKAP_EVIDENCE_MAX_BYTES"):
        _upload(personas)
    settings.SIKAP_EVIDENCE_MAX_BYTES = len(PDF)
    assert _upload(personas).current_number == 1


def test_replace_keeps_every_version(personas):
    doc = _upload(personas)
    v2 = domain.document_replace(actor=personas.admin_opd, document=doc,
                                 upload=SimpleUploadedFile("foto.png", PNG))  # fmt: skip
    assert v2.number == 2
    assert list(doc.versions.values_list("number", "content_type")) == [
        (2, "image/png"), (1, "application/pdf")]  # fmt: skip
    assert Document.objects.get(pk=doc.pk).current_number == 2
    first = doc.versions.get(number=1)
    assert first.file.read() == PDF


def test_same_bytes_are_stored_once(personas, evidence_root):
    _upload(personas)
    _upload(personas, title="SK lain")
    files = [p for p in evidence_root.rglob("*") if p.is_file()]
    assert len(files) == 1


def test_link_must_be_http(personas):
    with pytest.raises(ValidationError):
        domain.document_link_add(actor=personas.admin_opd, unit=personas.opd_a, year=2024,
                                 doc_type="laporan", title="x", url="javascript:alert(1)")  # fmt: skip
    doc = domain.document_link_add(actor=personas.admin_opd, unit=personas.opd_a, year=2024,
                                   doc_type="laporan", title="Drive", url="https://drive.example/x")  # fmt: skip
    assert (doc.kind, doc.url) == ("link", "https://drive.example/x")


def test_attach_checks_year_and_pemda(personas, zi_a):
    old = _upload(personas, year=2022, title="SK lama")
    with pytest.raises(ValidationError, match="tahun 2022"):
        integrity.attachment_add(
            actor=personas.admin_opd, assessment=zi_a, code="MP.P.1.a", document=old
        )
    future = _upload(personas, year=2025, title="SK 2025")
    with pytest.raises(ValidationError):
        integrity.attachment_add(
            actor=personas.admin_opd, assessment=zi_a, code="MP.P.1.a", document=future
        )
    other = domain.document_upload(actor=personas.outsider, unit=personas.other_unit, year=2024,
                                   doc_type="sk", title="Donggala", upload=pdf())  # fmt: skip
    with pytest.raises(ValidationError, match="pustaka"):
        integrity.attachment_add(
            actor=personas.admin_opd, assessment=zi_a, code="MP.P.1.a", document=other
        )
    assert Attachment.objects.count() == 0
    last_year = _upload(personas, year=2023, title="SK 2023")
    integrity.attachment_add(
        actor=personas.admin_opd, assessment=zi_a, code="mp.p.1.A", document=last_year
    )
    assert list(Attachment.objects.values_list("item__code", flat=True)) == ["MP.P.1.a"]
    still_valid = _upload(personas, year=2021, title="SK berlaku")
    still_valid.valid_until = __import__("datetime").date(2025, 12, 31)
    still_valid.save()
    integrity.attachment_add(
        actor=personas.admin_opd, assessment=zi_a, code="MP.P.1.b", document=still_valid
    )
    with pytest.raises(ValidationError, match="XX.1"):
        integrity.attachment_add(
            actor=personas.admin_opd, assessment=zi_a, code="XX.1", document=last_year
        )


def test_remove_shows_what_breaks_and_detaches(personas, zi_a, zi_b):
    doc = _upload(personas)
    for a, code in ((zi_a, "MP.P.1.a"), (zi_a, "PW.P.1.a"), (zi_b, "MP.P.1.a")):
        integrity.attachment_add(actor=personas.admin_pemda, assessment=a, code=code, document=doc)
    uses = queries.document_uses(doc)
    assert [(u.label, u.breaks, u.blocks) for u in uses] == [
        ("Zona Integritas 2024 · Dinas Kesehatan · MP.P.1.a", "butir MP.P.1.a kehilangan eviden ini", False),
        ("Zona Integritas 2024 · Dinas Kependudukan dan Pencatatan Sipil · MP.P.1.a", "butir MP.P.1.a kehilangan eviden ini", False),
        ("Zona Integritas 2024 · Dinas Kesehatan · PW.P.1.a", "butir PW.P.1.a kehilangan eviden ini", False),
    ]  # fmt: skip
    assert uses[0].url == "/p/palu/integritas/zi/2024/DINKES/#item-MP.P.1.a"
    left = domain.document_remove(actor=personas.admin_pemda, document=doc)
    assert left == [u.label for u in uses]
    assert Attachment.objects.count() == 0
    assert DocumentVersion.objects.filter(document=doc).count() == 1  # the file stays, for history
    assert list(queries.documents_visible(personas.admin_pemda, personas.pemda)) == []
    assert AuditLog.objects.filter(action="evidence.document.remove").count() == 1


def test_download_scope(personas, zi_b):
    doc = _upload(personas)
    assert queries.version_for_download(personas.admin_opd, personas.pemda, doc.pk, 1).number == 1
    from django.http import Http404

    for user in (personas.penilai, personas.outsider, personas.pegawai):
        with pytest.raises(Http404):
            queries.version_for_download(user, personas.pemda, doc.pk, 1)
    # Attached to DUKCAPIL's ZI, the penilai assigned to DUKCAPIL may read it.
    integrity.attachment_add(
        actor=personas.admin_pemda, assessment=zi_b, code="MP.P.1.a", document=doc
    )
    assert queries.version_for_download(personas.penilai, personas.pemda, doc.pk, 1).number == 1
    with pytest.raises(Http404):
        queries.version_for_download(personas.outsider, personas.other_pemda, doc.pk, 1)
