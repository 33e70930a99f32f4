"""Data the integrity tests share: evidence files, a ZI of OPD A, evidence kept in a tmp dir."""

from __future__ import annotations

import io

import pytest

from sikap.integrity import domain
from sikap.integrity.models import Assessment
from tests.conftest import EVIDENCE_PDF as PDF
from tests.conftest import EVIDENCE_PNG as PNG
from tests.conftest import evidence_pdf as pdf

__all__ = ["PDF", "PNG", "pdf"]


@pytest.fixture(autouse=True)
def _evidence_root(evidence_root):  # type: ignore[no-untyped-def]
    return evidence_root


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
