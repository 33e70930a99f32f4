"""A result row keeps its group's sums and change; every other figure is worked out when read.

What a page reads of a published group (value indices, bands, intervals, behaviour shares,
Likert item means, the spreads a later change is tested with) must be exactly what the
recompute would have worked out from the same sums; rows published before sums were kept are
read as stored and rewritten in the new form by the next publication.
"""

from __future__ import annotations

import random
from array import array

import pytest

from sikap.core.fields import pack_int_rows, pack_ints, unpack_ints
from sikap.culture import compute, domain, figures
from sikap.culture.domain import results
from sikap.culture.models import Campaign, Instrument, InstrumentKind, ResultGroup
from tests.culture.conftest import (
    DUKCAPIL,
    END,
    PKM,
    START,
    add_ballots,
    add_likert,
    make_campaign,
    publish,
)


def full_figures(campaign: Campaign) -> dict[str, figures.Figures]:
    """Every group's figures worked out in full from the responses, by unit code."""
    campaign = Campaign.objects.select_related("instrument").get(pk=campaign.pk)
    layout = compute.layout_for(campaign)
    units = results._units(campaign)
    totals = compute.roll_up(units, compute.aggregate_by_unit(campaign, layout), len(layout.names))
    year = campaign.rulebook_year
    out = {}
    for unit in units:
        vector = totals[unit.pk]
        if not vector[0]:
            continue
        if campaign.kind == InstrumentKind.IMPLEMENTASI:
            instrument = campaign.instrument
            out[unit.code] = figures.implementasi_figures(
                vector, layout, instrument.codes, instrument.limiting_codes, year
            )
        else:
            out[unit.code] = figures.likert_figures(vector, layout, year)
    return out


@pytest.mark.parametrize("kind", [InstrumentKind.IMPLEMENTASI, InstrumentKind.LIKERT])
def test_figures_read_from_the_sums_are_those_worked_out_in_full(personas, kind):
    campaign = make_campaign(personas, kind=kind, launch=True)
    if kind == InstrumentKind.IMPLEMENTASI:
        add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
        add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    else:
        add_likert(campaign, "DUKCAPIL", [{"BP1": 1 + i % 5, "AK2": 5, "KL3": 2} for i in range(7)])
        add_likert(campaign, "DINKES", [{"BP1": 4, "AD1": 1 + i % 3} for i in range(6)])
    campaign = publish(campaign)
    expected = full_figures(campaign)
    shown = ResultGroup.objects.filter(campaign=campaign, suppressed=False)
    assert shown.count() >= 2
    for g in shown.select_related("campaign_unit"):
        want = expected[g.campaign_unit.code]
        assert (g.values, g.shares, g.stats, g.overall_ci) == (
            want.values,
            want.shares,
            want.stats,
            want.overall_ci,
        )
        assert (g.overall, g.overall_band, g.entropy) == (
            want.overall,
            want.overall_band,
            want.entropy,
        )
        # Stored: the sums without the comment count, nothing else of the figures.
        assert len(g.sums) == len(campaign.result_layout["columns"])
        assert "cmt" not in campaign.result_layout["columns"]
        assert (g.stored_values, g.stored_shares, g.stored_stats, g.stored_ci) == (None,) * 4
    for g in ResultGroup.objects.filter(campaign=campaign, suppressed=True):
        assert (g.sums, g.changes, g.values, g.shares, g.stats, g.overall_ci) == (None,) * 6


def test_figures_from_random_sums_match_the_full_figures():
    """Over many random sums, including empty values and a Likert item nobody answered."""
    rng = random.Random(7)
    codes = ["BP1", "AK1", "KO1", "HA1", "LO1", "AD1", "KL1", "L01", "L02"]

    for kind in (InstrumentKind.IMPLEMENTASI, InstrumentKind.LIKERT):
        behaviours = [{"code": c, "limiting": c.startswith("L0")} for c in codes]
        campaign = Campaign(kind=kind, instrument=Instrument(kind=kind, behaviours=behaviours))
        layout = compute.layout_for(campaign, int_div="/")
        stored = figures.stored_layout(layout, 2024)
        for _ in range(300):
            n = rng.randint(1, 500)
            vector = [rng.randint(0, n) for _ in layout.names]
            vector[0] = n
            if kind == InstrumentKind.LIKERT:  # answers 1-5; now and then an item unanswered
                at = layout.index()
                for item in (name[4:] for name in layout.names if name.startswith("cnt:")):
                    answers = [rng.randint(1, 5) for _ in range(rng.randint(0, n) // 10)]
                    vector[at[f"cnt:{item}"]] = len(answers)
                    vector[at[f"sum:{item}"]] = sum(answers)
                    vector[at[f"sq:{item}"]] = sum(a * a for a in answers)
            if kind == InstrumentKind.IMPLEMENTASI:
                full = figures.implementasi_figures(vector, layout, codes, ["L01", "L02"], 2024)
            else:
                full = figures.likert_figures(vector, layout, 2024)
            changes = {"BP": [rng.uniform(-5, 5), rng.random() < 0.5]}
            got = figures.figures_from_sums(
                kind, stored, unpack_ints(pack_ints(figures.stored_sums(vector))), changes
            )
            full.values["BP"]["delta"], full.values["BP"]["significant"] = changes["BP"]
            assert got.values == full.values
            assert (got.shares, got.stats, got.overall_ci) == (
                full.shares,
                full.stats,
                full.overall_ci,
            )
            assert (got.overall, got.overall_band) == (full.overall, full.overall_band)


def test_sums_of_another_layout_are_refused():
    stored = {"columns": ["n", "hold:BP"], "rulebook_year": 2024}
    with pytest.raises(ValueError, match="3 stored sums against 2 layout columns"):
        figures.figures_from_sums(InstrumentKind.IMPLEMENTASI, stored, [1, 2, 3], None)


def test_a_row_published_before_sums_reads_as_stored_until_republished(personas):
    campaign = make_campaign(personas, launch=True)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    campaign = publish(campaign)
    g = ResultGroup.objects.get(campaign=campaign, campaign_unit__code="DUKCAPIL")
    new_form = (g.values, g.shares, g.stats, g.overall_ci)
    # As the row was stored before: its figures (here marked), no sums.
    old_values = {code: {**v, "index": 1.0} for code, v in g.values.items()}
    ResultGroup.objects.filter(pk=g.pk).update(
        sums=None,
        changes=None,
        stored_values=old_values,
        stored_shares={"pv": {}},
        stored_stats={"n": 5},
        stored_ci=[1.0, 2.0],
    )
    old = ResultGroup.objects.get(pk=g.pk)
    assert (old.values, old.shares, old.stats, old.overall_ci) == (
        old_values,
        {"pv": {}},
        {"n": 5},
        [1.0, 2.0],
    )
    # The next publication rewrites the row in the new form and clears the old figures.
    results.results_recompute(campaign=campaign)
    again = ResultGroup.objects.get(campaign=campaign, campaign_unit__code="DUKCAPIL")
    assert (again.values, again.shares, again.stats, again.overall_ci) == new_form
    assert (again.stored_values, again.stored_shares, again.stored_stats, again.stored_ci) == (
        None,
    ) * 4
    assert again.sums is not None


def test_a_change_against_an_earlier_row_published_before_sums(personas):
    """The previous campaign's rows in the old form still give the change."""
    old = make_campaign(
        personas, code="c2022", start=START.replace(year=2022), end=END.replace(year=2022)
    )
    old = domain.campaign_launch(actor=personas.admin_pemda, campaign=old, today=old.period_start)
    add_ballots(old, "DUKCAPIL", DUKCAPIL)
    old = publish(old)
    new = make_campaign(personas, launch=True)
    add_ballots(new, "DUKCAPIL", PKM)
    new = publish(new)
    want = ResultGroup.objects.get(campaign=new, campaign_unit__code="DUKCAPIL")
    assert want.changes and want.overall_delta is not None
    for g in ResultGroup.objects.filter(campaign=old, suppressed=False):
        ResultGroup.objects.filter(pk=g.pk).update(
            sums=None, stored_values=g.values, stored_stats=g.stats
        )
    ResultGroup.objects.filter(campaign=new).delete()
    Campaign.objects.filter(pk=new.pk).update(published_at=None)
    publish(new)
    got = ResultGroup.objects.get(campaign=new, campaign_unit__code="DUKCAPIL")
    assert (got.changes, got.overall_delta, got.overall_significant) == (
        want.changes,
        want.overall_delta,
        want.overall_significant,
    )


@pytest.mark.parametrize(
    "values",
    [[], [0], [1, -1, 2**31 - 1, -(2**31)], [2**31], [-(2**31) - 1, 5], [2**63 - 1, -(2**63)]],
)
def test_packed_integers_read_back_as_written(values):
    packed = pack_ints(values)
    wide = any(not -(2**31) <= v < 2**31 for v in values)
    assert len(packed) == 1 + len(values) * (8 if wide else 4)
    assert unpack_ints(packed).tolist() == values


def test_packed_integers_refuse_what_is_not_packed():
    for data in (b"", b"\x05\x00\x00\x00\x00", b"[1, 2]"):
        with pytest.raises(ValueError, match="not packed integers"):
            unpack_ints(data)
    with pytest.raises(OverflowError):
        pack_ints([2**63])
    with pytest.raises(OverflowError):
        pack_ints([5, -(2**63) - 1])
    for not_integers in ([1, 2.5], [1, "2"], [None]):
        with pytest.raises(TypeError):
            pack_ints(not_integers)
        with pytest.raises(TypeError):
            pack_int_rows([[1], not_integers])


def test_rows_of_integers_pack_as_one_list_and_widen_only_when_needed():
    rows = [[1, 2, 3], array("q", [4, 5, 6]), array("i", [7, 8, 9]), (10, 11, 12)]
    packed = pack_int_rows(rows)
    assert packed == pack_ints(list(range(1, 13)))
    assert packed[0] == 4 and unpack_ints(packed).tolist() == list(range(1, 13))
    wide = pack_int_rows([*rows, [2**40, 0, -1], array("i", [3])])
    assert wide[0] == 8
    assert unpack_ints(wide).tolist() == [*range(1, 13), 2**40, 0, -1, 3]
    with pytest.raises(OverflowError):
        pack_int_rows([[2**64]])
    assert pack_int_rows([]) == pack_ints([]) == b"\x04"
    assert pack_int_rows(iter([[1], [], (2**40,)])) == pack_ints([1, 2**40])
