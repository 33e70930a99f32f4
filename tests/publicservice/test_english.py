"""SKM in English: unsur names, questions, answers, grades and explanations from the rulebook."""

from __future__ import annotations

from django.utils import translation

from sikap.publicservice import queries
from sikap.publicservice.periods import parse_period
from sikap.rules import skm
from tests.publicservice.test_public_form import form_url, product, su  # noqa: F401
from tests.publicservice.test_skm_results import fixture_units  # noqa: F401


def test_unit_result_in_english(fixture_units, personas):  # noqa: F811
    with translation.override("en"):
        score = queries.unit_result(personas.puskesmas, parse_period("2024")).score
    assert (score.category, score.label) == ("B", "Good")
    assert [(u.code, u.name) for u in score.unsur][:3] == [
        ("U1", "Requirements"),
        ("U2", "Systems, mechanisms and procedures"),
        ("U3", "Completion time"),
    ]
    assert score.explanation == "77.78 is B, Good: A starts at 88.31 — 10.53 points short"
    # The cached Indonesian score is not served to English readers, nor the reverse.
    indonesian = queries.unit_result(personas.puskesmas, parse_period("2024")).score
    assert (indonesian.label, indonesian.unsur[0].name) == ("Baik", "Persyaratan")


def test_public_form_in_english_has_no_indonesian_question_or_answer(client, su, product):  # noqa: F811
    client.cookies["django_language"] = "en"
    html = client.get(form_url(su, produk=product.pk)).content.decode()
    assert "How well do the service requirements match the type of service?" in html
    for unsur in skm.UNSUR:
        assert unsur.question_en in html and unsur.question not in html
        for indonesian, english in zip(unsur.answers, unsur.answers_en, strict=True):
            assert f"<span>{english}</span>" in html
            assert f"<span>{indonesian}</span>" not in html
