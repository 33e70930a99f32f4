"""The ZI hasil IPAK from the unit's own IPAK survey (publicservice), through the provider.

Hand computation: two answers of the DINKES service unit, all 4 and all 4 but P8 = 1 → item
means 4 × 7 and 2.5 → index 30.5 / 8 = 3.8125 → 3.81 (rulebook: half-up, 2 decimals) →
3.81 / 4 × 17.5 = 16.66875 → 16.6688 points (4 decimals), hasil snapshot 16.67.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.integrity import domain
from sikap.integrity.models import HasilFigure, ScoreSnapshot
from sikap.publicservice import domain as service
from sikap.publicservice.ipak.domain import ipak_submit
from sikap.publicservice.ipak.models import ITEM_FIELDS
from tests.factories import make_unit

ALL4 = dict.fromkeys(ITEM_FIELDS, "4")
LOW = dict.fromkeys(ITEM_FIELDS, "1")
NOTE = (
    "Survei IPAK SIKAP 2024: indeks 3,81 (2 responden, aturan ipak:2021); butir survei bukan "
    "daftar resmi KemenPANRB, keyakinan rendah"
)


def ipak(unit, *rows, day=dt.date(2024, 5, 2)):  # type: ignore[no-untyped-def]
    su, _ = service.service_unit_ensure(actor=None, unit=unit)
    for r in rows:
        ipak_submit(service_unit=su, answers=r, today=day)


def ws(a, name="workspace"):  # type: ignore[no-untyped-def]
    return reverse(f"integrity:{name}", args=[a.kind, a.year, a.unit.code])


def test_ipak_from_the_units_survey_only(personas, zi_a):
    ipak(personas.opd_a, ALL4, {**ALL4, "p8": "1"})
    ipak(personas.opd_b, LOW)  # another OPD of the same Pemda
    ipak(personas.puskesmas, LOW)  # a sub-unit: its own survey, not pooled in
    twin = make_unit(personas.other_pemda, "DINKES", "Dinas Kesehatan Donggala", "dinas")
    ipak(twin, LOW, LOW)  # another Pemda's unit with the same code
    ipak(personas.opd_a, LOW, day=dt.date(2023, 12, 31))  # another year
    fig = domain.hasil_from_sikap(actor=personas.admin_opd, assessment=zi_a, key="ipak")
    assert (fig.raw, fig.points, fig.source) == ("3.81", Decimal("16.6688"), "sikap")
    assert fig.source_note == NOTE
    assert ScoreSnapshot.objects.get(assessment=zi_a, level="self").hasil == Decimal("16.67")
    assert AuditLog.objects.filter(action="integrity.hasil.record").count() == 1


def test_no_answers_no_ipak_and_nothing_changes(personas, zi_a):
    ipak(personas.opd_a, ALL4, day=dt.date(2023, 6, 1))  # last year's survey does not count
    with pytest.raises(ValidationError, match="Tidak ada jawaban survei IPAK 2024"):
        domain.hasil_from_sikap(actor=personas.admin_opd, assessment=zi_a, key="ipak")
    assert not HasilFigure.objects.exists()


def test_unit_chooses_between_sikap_ipak_and_external(personas, client_for, zi_a):
    ipak(personas.opd_a, ALL4, {**ALL4, "p8": "1"})
    client = client_for(personas.admin_opd)
    page = client.get(ws(zi_a)).content.decode()
    # Nothing recorded yet: the SIKAP figure is offered with its source and low confidence.
    assert 'data-testid="use-sikap-ipak"' in page
    assert NOTE in page
    client.post(ws(zi_a, "hasil_sikap"), {"key": "ipak"})
    fig = HasilFigure.objects.get(assessment=zi_a, key="ipak")
    assert (fig.source, fig.raw, fig.points) == ("sikap", "3.81", Decimal("16.6688"))
    # The typed external figure stays available and replaces it, with its source.
    client.post(ws(zi_a, "hasil"), {"key": "ipak", "value": "3,70", "source": "eksternal",
                                    "source_note": "SPAK KemenPANRB 2024"})  # fmt: skip
    fig.refresh_from_db()
    assert (fig.source, fig.raw, fig.points) == ("eksternal", "3.70", Decimal("16.1875"))
    assert (
        "Eksternal (survei KemenPANRB) — SPAK KemenPANRB 2024"
        in client.get(ws(zi_a)).content.decode()
    )


def test_other_units_and_pemda_cannot_take_it(personas, client_for, zi_b):
    ipak(personas.opd_b, ALL4)
    for user in (personas.admin_opd, personas.penilai, personas.outsider):
        assert client_for(user).post(ws(zi_b, "hasil_sikap"), {"key": "ipak"}).status_code in (
            403, 404,
        )  # fmt: skip
    assert not HasilFigure.objects.exists()
