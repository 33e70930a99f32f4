from __future__ import annotations

import pytest

from sikap.rules import ombudsman_checklist as oc
from sikap.rules.errors import UnknownYearError


def test_checklist_data_has_the_29_items_on_a_0_to_3_scale() -> None:
    book = oc.checklist(2024)
    assert book.meta.version == "ombudsman_checklist:2022"
    assert (book.scale_min, book.scale_max) == (0, 3)
    assert len(book.items) == 29
    by_dim = {
        d: sum(1 for i in book.items if i.dimension == d) for d in ("input", "proses", "pengaduan")
    }
    assert by_dim == {"input": 10, "proses": 14, "pengaduan": 5}
    assert book.items[0].code == "IN01"
    assert book.items[-1].text_en == "Complaints recorded and reported regularly"


def test_checklist_applies_from_2013_only() -> None:
    assert oc.checklist(2013).meta.version == "ombudsman_checklist:2022"
    with pytest.raises(UnknownYearError):
        oc.checklist(2012)


def test_dimension_scores_share_of_maximum_and_ikm_for_output() -> None:
    book = oc.checklist(2024)
    scores = {i.code: 3 for i in book.items if i.dimension == "input"}
    scores["SP01"] = 2  # 2 of 14 × 3 points
    dims = oc.dimension_scores(scores, year=2024, complaints=None, ikm=80.5)
    assert dims == {"input": 100.0, "proses": 4.7619, "output": 80.5, "pengaduan": 0.0}


def test_complaints_count_as_one_more_pengaduan_item() -> None:
    book = oc.checklist(2024)
    assert oc.complaints_points(book, received=4, resolved=3) == 2.25
    assert oc.complaints_points(book, received=0, resolved=0) is None
    assert oc.complaints_points(book, received=None, resolved=None) is None
    scores = {i.code: 3 for i in book.items if i.dimension == "pengaduan"}
    dims = oc.dimension_scores(scores, year=2024, complaints=2.25, ikm=None)
    # (5 × 3 + 2.25) / (6 × 3) = 95.8333…
    assert dims["pengaduan"] == 95.8333
    assert dims["output"] == 0.0


def test_project_full_checklist_and_shortfalls_sorted_by_gain() -> None:
    book = oc.checklist(2024)
    full = oc.project({i.code: 3 for i in book.items}, year=2024, ikm=100.0)
    assert full.result.score == 100.0
    assert full.result.category == "A"
    assert full.shortfalls == ()
    assert (full.answered, full.total_items) == (29, 29)

    partial = {i.code: 3 for i in book.items}
    partial["PG01"] = 0
    partial["IN01"] = 2
    proj = oc.project(partial, year=2024, ikm=100.0)
    assert [(s.item.code, s.score) for s in proj.shortfalls] == [("PG01", 0), ("IN01", 2)]
    # PG01: 3 of 15 pengaduan points × 21.54 %; IN01: 1 of 30 input points × 21.85 %
    assert [s.gain for s in proj.shortfalls] == [4.31, 0.73]
