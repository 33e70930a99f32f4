"""What a group page lists first, worked out in culture.queries (not in the view)."""

from __future__ import annotations

from sikap.culture import queries
from sikap.culture.models import ResultGroup
from sikap.rules import berakhlak


def row(code: str, cc: float, dc: float, *, limiting: bool = False) -> dict:
    return {"code": code, "cc": cc, "dc": dc, "gap": round(dc - cc, 1), "limiting": limiting}


def test_highlights_take_five_of_each_in_a_fixed_order():
    behaviours = [
        row("BP1", 40.0, 40.0),
        row("BP2", 10.0, 50.0),
        row("AK1", 10.0, 5.0),
        row("AK2", 30.0, 31.0),
        row("KO1", 20.0, 20.0),
        row("KO2", 25.0, 35.0),
        row("AD1", 5.0, 60.0),
        row("L01", 30.0, 0.0, limiting=True),
        row("L02", 30.0, 0.0, limiting=True),
        row("L03", 45.0, 0.0, limiting=True),
    ]
    first = queries.highlights(behaviours)
    assert [b["code"] for b in first.weakest] == ["AD1", "AK1", "BP2", "KO1", "KO2"]
    assert [b["code"] for b in first.limiting] == ["L03", "L01", "L02"]
    # Only behaviours wanted more than they are seen, biggest gap first.
    assert [b["code"] for b in first.gaps] == ["AD1", "BP2", "KO2", "AK2"]


def test_positive_energy_is_what_limiting_votes_leave():
    assert berakhlak.positive_energy(37.25) == 62.75
    assert queries.positive_energy(ResultGroup(entropy=37.25, suppressed=False)) == 62.8
    assert queries.positive_energy(ResultGroup(entropy=37.25, suppressed=True)) is None
    assert queries.positive_energy(ResultGroup(entropy=None, suppressed=False)) is None
