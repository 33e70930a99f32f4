"""Data the integrity tests share: evidence files, a ZI of OPD A, evidence kept in a tmp dir."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sikap.integrity import domain
from sikap.integrity.models import Assessment

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name: str = "sk-tim.pdf", body: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _evidence_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.SIKAP_EVIDENCE_ROOT = tmp_path / "evidence"
    return settings.SIKAP_EVIDENCE_ROOT


@pytest.fixture
def zi_a(personas) -> Assessment:  # type: ignore[no-untyped-def]
    return domain.assessment_start(
        actor=personas.admin_opd, unit=personas.opd_a, kind="zi", year=2024
    )


@pytest.fixture
def zi_b(personas) -> Assessment:  # type: ignore[no-untyped-def]
    return domain.assessment_start(
        actor=personas.admin_pemda, unit=personas.opd_b, kind="zi", year=2024
    )


@pytest.fixture
def make_pdf():  # type: ignore[no-untyped-def]
    return pdf


@pytest.fixture
def bytes_io():  # type: ignore[no-untyped-def]
    return io.BytesIO
