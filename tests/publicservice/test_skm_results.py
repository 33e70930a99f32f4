"""SKM results on hand-computed fixtures, blanks included."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sikap.publicservice import domain, queries
from sikap.publicservice.models import SkmMonthly, SkmResponse
from sikap.publicservice.periods import parse_period

ALL = ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9")


def answers(*values: int | None) -> dict[str, int | None]:
    return dict(zip(ALL, values, strict=True))


@pytest.fixture
def fixture_units(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return _fixture_units(personas)


def _fixture_units(personas):
    pkm, _ = domain.service_unit_ensure(actor=personas.admin_pemda, unit=personas.puskesmas)
    ktp = domain.service_product_create(actor=None, service_unit=pkm, name="Rawat Jalan")
    kk = domain.service_product_create(actor=None, service_unit=pkm, name="Imunisasi")
    day = dt.date(2024, 2, 10)
    domain.skm_submit(service_unit=pkm, product=ktp, answers=answers(*[4] * 9), today=day)
    domain.skm_submit(service_unit=pkm, product=ktp, answers=answers(*[3] * 9), today=day)
    domain.skm_submit(
        service_unit=pkm,
        product=kk,
        answers=answers(2, None, 2, 2, 2, 2, 2, 2, None),
        today=dt.date(2024, 5, 3),
    )
    return pkm, ktp, kk


def test_unit_result_exact_with_blanks(fixture_units, personas):
    result = queries.unit_result(personas.puskesmas, parse_period("2024"))
    # U1 (4+3+2)/3 = 3; U2 (4+3)/2 = 3.5; U3–U8 3; U9 3.5 → Σ 28, IKM 28/9 × 25 = 77.78 (B)
    assert result.as_json() == {
        "unit": "DINKES-PKM-KAMONJI",
        "period": "2024",
        "n": 3,
        "nrr": {
            "U1": 3.0,
            "U2": 3.5,
            "U3": 3.0,
            "U4": 3.0,
            "U5": 3.0,
            "U6": 3.0,
            "U7": 3.0,
            "U8": 3.0,
            "U9": 3.5,
        },
        "ikm": 77.78,
        "category": "B",
        "label": "Baik",
    }
    assert result.score.weakest == ("U1", "U3", "U4", "U5", "U6", "U7", "U8")
    assert [u.answered for u in result.score.unsur] == [3, 2, 3, 3, 3, 3, 3, 3, 2]


def test_quarter_and_semester(fixture_units, personas):
    q1 = queries.unit_result(personas.puskesmas, parse_period("2024Q1")).as_json()
    assert (q1["n"], q1["ikm"], q1["category"]) == (2, 87.5, "B")
    q2 = queries.unit_result(personas.puskesmas, parse_period("2024Q2")).as_json()
    # U2 and U9 unanswered: weights spread over 7 unsur, all 2 → IKM 50.00
    assert (q2["n"], q2["ikm"], q2["nrr"]["U2"], q2["category"]) == (1, 50.0, None, "D")
    s2 = queries.unit_result(personas.puskesmas, parse_period("2024S2")).as_json()
    assert (s2["n"], s2["ikm"], s2["category"]) == (0, None, None)


def test_rollup_over_subunits(fixture_units, personas, django_capture_on_commit_callbacks):
    dinkes, _ = domain.service_unit_ensure(actor=None, unit=personas.opd_a)
    with django_capture_on_commit_callbacks(execute=True):
        domain.skm_submit(
            service_unit=dinkes, product=None, answers=answers(*[1] * 9), today=dt.date(2024, 3, 1)
        )
    result = queries.unit_result(personas.opd_a, parse_period("2024")).as_json()
    # U1 10/4 = 2.5; U2 8/3; U3–U8 2.5; U9 8/3 → Σ 22.8333…/9 × 25 = 63.43 (D)
    assert result["n"] == 4
    assert result["nrr"]["U1"] == 2.5
    assert result["nrr"]["U2"] == 2.67
    assert result["ikm"] == 63.43
    assert result["category"] == "D"
    # The OPD B subtree sees nothing of OPD A's answers.
    assert queries.unit_result(personas.opd_b, parse_period("2024")).as_json()["n"] == 0


def test_products_and_sample_adequacy(fixture_units, personas):
    pkm, ktp, kk = fixture_units
    domain.product_volume_set(actor=None, product=ktp, year=2024, volume=100)
    result = queries.unit_result(personas.puskesmas, parse_period("2024"), with_products=True)
    by_name = {p.name: (score, adequacy) for p, score, adequacy in result.products}
    score, adequacy = by_name["Rawat Jalan"]
    assert (score.n, score.ikm, score.category) == (2, 87.5, "B")
    # Krejcie–Morgan for N = 100 is 80
    assert (adequacy.volume, adequacy.needed, adequacy.adequate, adequacy.shortfall) == (
        100,
        80,
        False,
        78,
    )
    q1 = queries.unit_result(personas.puskesmas, parse_period("2024Q1"))
    # a quarter's population is a quarter of the yearly volume: N = 25 → 24
    assert (q1.adequacy.volume, q1.adequacy.needed) == (25, 24)


def test_snapshot_rows_are_sums_and_counts(fixture_units):
    pkm, ktp, kk = fixture_units
    row = SkmMonthly.objects.get(service_unit=pkm, product=kk)
    assert (row.month, row.n, row.s1, row.c1, row.s2, row.c2, row.c9) == (
        dt.date(2024, 5, 1),
        1,
        2,
        1,
        0,
        0,
        0,
    )
    # Recompute is idempotent.
    domain.skm_recompute(service_unit_id=pkm.pk)
    domain.skm_recompute(service_unit_id=pkm.pk)
    assert SkmMonthly.objects.filter(service_unit=pkm).count() == 2


def _snapshot(unit):
    rows = SkmMonthly.objects.filter(service_unit=unit).values_list(
        "product_id", "month", "n", "comments", "s1", "c1", "s9", "c9"
    )
    return sorted(rows, key=lambda row: row[1])


def test_embedded_submit_adds_the_answer_to_its_month_row(
    fixture_units, django_capture_on_commit_callbacks
):
    pkm, ktp, kk = fixture_units
    feb, may, jun = dt.date(2024, 2, 1), dt.date(2024, 5, 1), dt.date(2024, 6, 1)
    # Mark February's row: a May answer must leave it exactly as it is.
    SkmMonthly.objects.filter(service_unit=pkm, month=feb).update(n=99)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        domain.skm_submit(
            service_unit=pkm,
            product=kk,
            answers=answers(*[4] * 9),
            comment="Antrean cepat",
            today=dt.date(2024, 5, 31),
        )
        for first in (1, 2):
            domain.skm_submit(
                service_unit=pkm, product=None, answers=answers(first, *[None] * 8), today=jun
            )
    assert queued == []  # nothing rebuilt: each answer updated its row in its transaction
    assert _snapshot(pkm) == [
        (ktp.pk, feb, 99, 0, 7, 2, 7, 2),
        (kk.pk, may, 2, 1, 6, 2, 4, 1),
        (None, jun, 2, 0, 3, 2, 0, 0),
    ]
    # A whole-unit rebuild (imports, the broker's batches) writes the same rows.
    domain.skm_recompute(service_unit_id=pkm.pk)
    assert _snapshot(pkm) == [
        (ktp.pk, feb, 2, 0, 7, 2, 7, 2),
        (kk.pk, may, 2, 1, 6, 2, 4, 1),
        (None, jun, 2, 0, 3, 2, 0, 0),
    ]


def test_submit_rejects_bad_values(fixture_units):
    pkm, ktp, _ = fixture_units
    before = SkmResponse.objects.count()
    with pytest.raises(domain.SkmAnswerError) as exc:
        domain.skm_submit(service_unit=pkm, product=ktp, answers={"U1": 5, "U2": "x"})
    assert exc.value.errors == {
        "U1": "jawaban 5 di luar skala 1–4",
        "U2": "jawaban 'x' bukan angka 1–4",
    }
    with pytest.raises(domain.SkmAnswerError) as exc:
        domain.skm_submit(service_unit=pkm, product=ktp, answers={})
    assert exc.value.errors == {"__all__": "Isi paling sedikit satu unsur penilaian."}
    with pytest.raises(domain.SkmAnswerError):
        domain.skm_submit(service_unit=pkm, product=ktp, answers={"U1": 4}, profile={"gender": "X"})
    assert SkmResponse.objects.count() == before


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("2024S2", dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
        ("2024q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("2024Q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
    ],
)
def test_parse_period(text, start, end):
    p = parse_period(text)
    assert (p.start, p.end) == (start, end)


@pytest.mark.parametrize("text", ["24", "2024S3", "2024Q5", "2024-Q1", "2024H1", "", "1899"])
def test_parse_period_rejects(text):
    with pytest.raises(ValidationError):
        parse_period(text)


@pytest.mark.parametrize("eager", [True, False])
def test_snapshot_updated_in_process_embedded_and_batched_with_a_broker(
    personas, monkeypatch, django_capture_on_commit_callbacks, eager
):
    from django.core.cache import cache

    from sikap.celery import app
    from sikap.publicservice import tasks
    from sikap.publicservice.domain import skm_snapshots

    pkm, _ = domain.service_unit_ensure(actor=personas.admin_pemda, unit=personas.puskesmas)
    monkeypatch.setitem(app.conf, "task_always_eager", eager)
    monkeypatch.setattr(skm_snapshots, "_recently_scheduled", {})
    cache.delete(f"skm-recompute:{pkm.pk}")
    queued = []
    monkeypatch.setattr(
        tasks.skm_recompute_unit,
        "apply_async",
        lambda args, countdown: queued.append((args, countdown)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        for day in (dt.date(2024, 2, 10), dt.date(2024, 2, 11), dt.date(2024, 5, 3)):
            domain.skm_submit(service_unit=pkm, product=None, answers=answers(*[3] * 9), today=day)
    if eager:
        assert queued == []
        assert SkmMonthly.objects.filter(service_unit=pkm).count() == 2
    else:
        assert queued == [([pkm.pk], domain.RECOMPUTE_DELAY)]
        assert SkmMonthly.objects.filter(service_unit=pkm).count() == 0
    assert SkmResponse.objects.filter(service_unit=pkm).count() == 3


def test_a_rulebook_with_another_answer_scale_fails_the_start_up_check(monkeypatch):
    from types import SimpleNamespace

    from sikap.publicservice.checks import skm_scale_matches_storage
    from sikap.rules import skm

    assert skm_scale_matches_storage() == []
    books = [*skm.RULEBOOKS.all()]
    five = SimpleNamespace(meta=SimpleNamespace(version="2030"), scale_min=1, scale_max=5)
    monkeypatch.setattr(skm.RULEBOOKS, "all", lambda: (*books, five))
    (error,) = skm_scale_matches_storage()
    assert error.id == "sikap.publicservice.E001"
    assert error.msg == "SKM rulebook 2030 answers on 1-5, but SIKAP stores answers on 1-4"


def test_public_form_scale_message_follows_the_language(fixture_units):
    from django.utils import translation

    from sikap.publicservice.forms import SkmPublicForm

    pkm = fixture_units[0]
    for language, message in (
        ("en", "Choose one answer from 1–4."),
        ("id", "Pilih salah satu jawaban 1–4."),
    ):
        form = SkmPublicForm(data={"u1": "9"}, service_unit=pkm)
        with translation.override(language):
            assert form.is_valid() is False
            assert form.errors["u1"] == [message]


def test_submit_refuses_an_unknown_profile_choice_and_stores_nothing(fixture_units):
    pkm, ktp, _ = fixture_units
    before = SkmResponse.objects.count()
    with pytest.raises(domain.SkmAnswerError) as exc:
        domain.skm_submit(
            service_unit=pkm,
            product=ktp,
            answers=answers(*[3] * 9),
            profile={"age_band": "90+", "gender": "L", "occupation": "astronot"},
        )
    assert exc.value.errors == {
        "age_band": "pilihan '90+' tidak dikenal",
        "occupation": "pilihan 'astronot' tidak dikenal",
    }
    assert SkmResponse.objects.count() == before
