from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError

from sikap.core.models import AuditLog
from sikap.culture import domain
from sikap.culture.domain import ballot_box
from sikap.culture.models import (
    LIKERT_COLUMNS,
    Ballot,
    Campaign,
    CampaignUnit,
    Instrument,
    InstrumentKind,
    Invitation,
    Invitee,
    Response,
    ResultGroup,
)
from sikap.rules import berakhlak
from tests.culture.conftest import (
    DUKCAPIL,
    END,
    PKM,
    START,
    add_ballots,
    add_likert,
    make_campaign,
    publish,
    unit_of,
)
from tests.factories import EmployeeFactory


def group(campaign: Campaign, code: str) -> ResultGroup:
    return ResultGroup.objects.get(campaign=campaign, campaign_unit__code=code)


def rounded(values: dict) -> dict:
    return {c: round(v["index"], 1) for c, v in values.items()}


# --- model / anonymity ---------------------------------------------------------------------


def test_response_has_no_field_that_can_identify_a_person():
    names = {f.name for f in Response._meta.get_fields()}
    related = {
        f.related_model._meta.label
        for f in Response._meta.get_fields()
        if f.is_relation and f.related_model is not None
    }
    assert related == {"culture.Campaign", "culture.CampaignUnit"}
    for forbidden in ("user", "employee", "invitation", "ip", "session", "created_at", "token"):
        assert not any(forbidden in n for n in names), forbidden
    kinds = {type(f).__name__ for f in Response._meta.concrete_fields}
    assert "DateTimeField" not in kinds and "GenericIPAddressField" not in kinds
    assert type(Response._meta.pk).__name__ == "UUIDField"


def test_invitation_stores_a_hash_only():
    names = {f.name for f in Invitation._meta.concrete_fields}
    assert names == {"id", "campaign", "campaign_unit", "employee", "token_hash", "used"}
    # Nothing points from a Response back to an Invitation, in either direction.
    assert not [f for f in Invitation._meta.get_fields() if f.related_model is Response]


def test_likert_columns_match_rulebook():
    assert [c.upper() for c in LIKERT_COLUMNS] == [b.code for b in berakhlak.BEHAVIOURS]


# --- campaigns -----------------------------------------------------------------------------


def test_campaign_create_snapshots_tree_and_minimums(personas):
    EmployeeFactory.create_batch(4, pemda=personas.pemda, unit=personas.opd_b)
    campaign = make_campaign(personas)
    rows = list(
        CampaignUnit.objects.filter(campaign=campaign)
        .order_by("depth", "code")
        .values_list("code", "depth", "eligible", "minimum", "parent__code")
    )
    assert rows == [
        ("palu", 0, 5, 5, None),
        ("DINKES", 1, 1, 1, "palu"),
        ("DUKCAPIL", 1, 4, 4, "palu"),
        ("DINKES-PKM-KAMONJI", 2, 1, 1, "DINKES"),
    ]
    assert campaign.instrument.codes[:3] == ["BP1", "BP2", "BP3"]
    assert campaign.instrument.limiting_codes == [b.code for b in berakhlak.DEFAULT_LIMITING]
    assert AuditLog.objects.filter(action="culture.campaign.create").count() == 1


def test_campaign_create_rejects_bad_input_and_stores_nothing(personas):
    make_campaign(personas)
    with pytest.raises(ValidationError) as err:
        make_campaign(personas)  # same code
    assert "code" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        make_campaign(personas, code="other", picks=40)
    assert "picks" in err.value.message_dict
    assert Campaign.objects.count() == 1
    assert Instrument.objects.count() == 1


def test_launch_locks_instrument_and_update_is_refused(personas):
    campaign = make_campaign(personas, launch=True)
    assert campaign.status == Campaign.Status.OPEN
    instrument = Instrument.objects.get(pk=campaign.instrument_id)
    assert instrument.locked
    with pytest.raises(ValidationError):
        domain.instrument_update(
            actor=None, instrument=instrument, name="x", limiting=[("L01", "a")]
        )
    assert Instrument.objects.get(pk=instrument.pk).name == instrument.name


# --- submission ----------------------------------------------------------------------------


def _issue(personas, **kw):
    campaign = make_campaign(personas, launch=True, **kw)
    tokens = domain.invitations_generate(actor=personas.admin_pemda, campaign=campaign)
    return campaign, tokens


def test_invitations_store_only_hashes(personas):
    campaign, tokens = _issue(personas)
    assert len(tokens) == 1
    token = tokens[0].token
    assert tokens[0].unit_code == "DINKES-PKM-KAMONJI"
    inv = Invitation.objects.get(campaign=campaign)
    assert inv.token_hash == domain.token_hash(token) != token
    assert not Invitation.objects.filter(token_hash=token).exists()
    # Generating again does not invite the same employee twice.
    assert domain.invitations_generate(actor=personas.admin_pemda, campaign=campaign) == []


def test_submit_once_then_refused(personas):
    campaign, tokens = _issue(personas)
    answers = {
        "pv": ["BP1", "AK1", "KO1"],
        "cc": ["BP1", "L01", "AD1"],
        "dc": ["AD1", "AD2", "AD3"],
    }
    domain.response_submit(
        token=tokens[0].token, answers=answers, demographics={"employment_kind": "pns"}
    )
    # The sheet waits sealed in the ballot box; nothing reaches the response table yet.
    assert Response.objects.count() == 0
    ballot = Ballot.objects.get()
    assert ballot.campaign_unit.code == "DINKES-PKM-KAMONJI"
    assert len(ballot.sealed) == ballot_box.SEALED_BYTES
    with pytest.raises(domain.TokenRefused):
        domain.response_submit(token=tokens[0].token, answers=answers)
    with pytest.raises(domain.TokenRefused):
        domain.response_submit(token="not-a-token", answers=answers)
    assert Ballot.objects.count() == 1
    # Closing mixes the box in full (a lone sheet goes up to the Pemda), dated the mixing day.
    publish(campaign, today=END)
    assert Ballot.objects.count() == 0
    response = Response.objects.get()
    assert domain.mask_codes(response.cc, campaign.instrument) == ["BP1", "AD1", "L01"]
    assert response.created_on == END
    assert response.employment_kind == "pns"
    assert response.campaign_unit.code == "palu"
    # No audit row per submission: its exact time would defeat the day-only rule.
    assert not AuditLog.objects.filter(action__startswith="culture.response").exists()


def test_spent_invitation_names_nobody_and_is_not_reissued(personas):
    campaign, tokens = _issue(personas)
    invited = Invitee.objects.filter(campaign=campaign).count()
    answers = {
        "pv": ["BP1", "AK1", "KO1"],
        "cc": ["BP1", "L01", "AD1"],
        "dc": ["AD1", "AD2", "AD3"],
    }
    domain.response_submit(token=tokens[0].token, answers=answers)
    spent = Invitation.objects.get(used=True)
    assert spent.employee_id is None
    assert Invitation.objects.filter(used=False, employee__isnull=True).count() == 0
    # A second run of invitations does not hand the respondent a fresh token.
    assert domain.invitations_generate(actor=None, campaign=campaign) == []
    assert Invitee.objects.filter(campaign=campaign).count() == invited


def test_invalid_answers_spend_nothing(personas):
    campaign, tokens = _issue(personas)
    bad = {"pv": ["BP1", "BP1", "KO1"], "cc": ["BP1"], "dc": ["XX1", "AD2", "AD3"]}
    with pytest.raises(ValidationError) as err:
        domain.response_submit(token=tokens[0].token, answers=bad)
    assert set(err.value.message_dict) == {"pv", "cc", "dc"}
    assert Response.objects.count() == 0
    assert not Invitation.objects.get().used


def test_closed_campaign_refuses_tokens(personas):
    campaign, tokens = _issue(personas)
    domain.campaign_close(actor=personas.admin_pemda, campaign=campaign)
    with pytest.raises(domain.TokenRefused):
        domain.response_submit(token=tokens[0].token, answers=PKM[0])
    assert Response.objects.count() == 0


def test_attribution_depth_zero_attributes_to_opd(personas):
    campaign, tokens = _issue(personas, depth=0)
    assert tokens[0].unit_code == "DINKES"
    domain.response_submit(token=tokens[0].token, answers=PKM[0])
    assert Ballot.objects.get().campaign_unit.code == "DINKES"


# --- results: implementasi -----------------------------------------------------------------


def test_implementasi_results_exact(personas):
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    domain.campaign_close(actor="test", campaign=campaign)
    assert domain.results_recompute(campaign=campaign) == 4
    pkm = group(campaign, "DINKES-PKM-KAMONJI")
    assert pkm.n == 5 and not pkm.suppressed
    assert rounded(pkm.values) == {
        "BP": 60.0,
        "AK": 40.0,
        "KO": 20.0,
        "HA": 20.0,
        "LO": 20.0,
        "AD": 20.0,
        "KL": 20.0,
    }
    assert round(pkm.overall, 1) == 28.6 and pkm.overall_band == "C"
    assert round(pkm.entropy, 3) == 33.333
    assert pkm.shares["pv"]["BP1"] == 100.0
    assert pkm.shares["dc"]["AD1"] == 80.0
    assert pkm.values["BP"]["band"] == "B"
    # DINKES holds only its Puskesmas: same figures.
    assert group(campaign, "DINKES").values == pkm.values
    root = group(campaign, "palu")
    assert root.n == 10
    assert rounded(root.values) == {
        "BP": 80.0,
        "AK": 70.0,
        "KO": 10.0,
        "HA": 10.0,
        "LO": 10.0,
        "AD": 60.0,
        "KL": 10.0,
    }
    assert round(root.overall, 1) == 35.7 and root.overall_band == "C"
    assert round(root.entropy, 3) == 16.667
    reference = berakhlak.implementasi_indices(PKM + DUKCAPIL, k=3)
    assert root.overall == pytest.approx(reference.overall)
    assert root.entropy == pytest.approx(reference.entropy)
    for code in berakhlak.VALUE_CODES:
        assert root.values[code]["index"] == pytest.approx(reference.values[code])
        assert root.values[code]["band"] == reference.breakdown[code].category
    for ballot in ("pv", "cc", "dc"):
        for code, share in reference.shares[ballot].items():
            assert root.shares[ballot][code] == pytest.approx(share)
    lo, hi = root.values["BP"]["ci"]
    assert round(lo, 1) == 49.0 and round(hi, 1) == 94.3  # Wilson 8/10


def test_suppression_small_and_complementary(personas):
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DINKES", PKM[:4] + PKM[:2])
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL[:3])
    publish(campaign)
    got = {
        g.campaign_unit.code: (g.n, g.suppressed, g.suppressed_reason)
        for g in ResultGroup.objects.filter(campaign=campaign).select_related("campaign_unit")
    }
    assert got == {
        "palu": (14, False, ""),
        "DINKES": (11, True, "complementary"),
        "DINKES-PKM-KAMONJI": (5, False, ""),
        "DUKCAPIL": (3, True, "small"),
    }
    for code in ("DINKES", "DUKCAPIL"):
        g = group(campaign, code)
        assert (g.overall, g.values, g.entropy, g.shares, g.overall_ci, g.stats) == (
            None,
            None,
            None,
            None,
            None,
            None,
        )


def test_complementary_suppression_reaches_through_a_derivable_parent(personas):
    # DINKES holds only its Puskesmas, so hiding DINKES alone would leave palu − PKM = DUKCAPIL.
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL[:3])
    publish(campaign)
    got = {
        g.campaign_unit.code: (g.suppressed, g.suppressed_reason)
        for g in ResultGroup.objects.filter(campaign=campaign).select_related("campaign_unit")
    }
    assert got == {
        "palu": (False, ""),
        "DINKES": (True, "complementary"),
        "DINKES-PKM-KAMONJI": (True, "complementary"),
        "DUKCAPIL": (True, "small"),
    }


def test_complementary_suppression_closes_the_root_minus_grandchild_gap(personas):
    # DINKES has 1 respondent of its own and DUKCAPIL 1: with DINKES hidden but palu (8) and
    # its Puskesmas (6) shown, palu − PKM would be those 2 people. The Puskesmas goes too.
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM + PKM[:1])
    add_ballots(campaign, "DINKES", PKM[:1])
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL[:1])
    publish(campaign)
    got = {
        g.campaign_unit.code: (g.n, g.suppressed, g.suppressed_reason)
        for g in ResultGroup.objects.filter(campaign=campaign).select_related("campaign_unit")
    }
    assert got == {
        "palu": (8, False, ""),
        "DINKES": (7, True, "complementary"),
        "DINKES-PKM-KAMONJI": (6, True, "complementary"),
        "DUKCAPIL": (1, True, "small"),
    }
    assert group(campaign, "DINKES-PKM-KAMONJI").overall is None


def test_group_size_setting_never_below_three(personas, settings):
    settings.SIKAP_MIN_GROUP_SIZE = 1
    assert domain.min_group_size() == 3
    campaign = make_campaign(personas)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL[:2])
    publish(campaign)
    assert group(campaign, "DUKCAPIL").suppressed


def previous_campaign(personas, **kw) -> Campaign:
    """The campaign of a year before the fixtures' own, for change-since-previous tests."""
    return make_campaign(
        personas,
        code="c2022",
        start=START.replace(year=2022),
        end=START.replace(year=2022, month=10),
        **kw,
    )


def test_change_since_previous_campaign(personas):
    old = previous_campaign(personas)
    add_ballots(old, "DUKCAPIL", [PKM[3]] * 30)
    publish(old)
    new = make_campaign(personas)
    add_ballots(new, "DUKCAPIL", DUKCAPIL * 6)
    publish(new)
    g = group(new, "DUKCAPIL")
    assert g.values["BP"]["delta"] == pytest.approx(100.0)
    assert g.values["BP"]["significant"] is True
    assert g.values["AK"]["delta"] == pytest.approx(0.0)
    assert g.values["AK"]["significant"] is False
    assert g.overall_delta == pytest.approx(300 / 7 - 100 / 7)
    assert g.overall_significant is True


# --- results: likert -----------------------------------------------------------------------


def test_likert_results_exact(personas):
    campaign = make_campaign(personas, kind=InstrumentKind.LIKERT)
    answers = [{"BP1": 5, "BP2": 4, "BP3": 3, "AK1": v} for v in (1, 2, 3, 4, 5)]
    add_likert(campaign, "DINKES-PKM-KAMONJI", [*answers, {}])
    publish(campaign)
    g = group(campaign, "DINKES-PKM-KAMONJI")
    assert g.n == 5
    assert g.values["BP"]["index"] == 75.0 and g.values["BP"]["band"] == "A"
    assert g.values["AK"]["index"] == 50.0 and g.values["AK"]["band"] == "B"
    assert g.values["KO"]["index"] is None
    assert g.overall == 62.5 and g.overall_band == "B"
    assert g.entropy is None
    assert g.shares["items"]["AK1"] == 3.0
    reference = berakhlak.likert_indices(answers)
    assert g.overall == pytest.approx(reference.overall)
    assert group(campaign, "palu").overall == 62.5
    assert group(campaign, "DUKCAPIL").suppressed


@pytest.mark.parametrize(
    ("new_scores", "expected"),
    [([3, 4, 5] * 10, True), ([2, 3, 4] * 9 + [3, 4, 5], False)],
)
def test_likert_overall_change_is_tested_on_respondents_scores(personas, new_scores, expected):
    from sikap.culture.models import LIKERT_COLUMNS
    from sikap.rules import stats

    old_scores = [2, 3, 4] * 10

    def sheets(scores):
        return [{c.upper(): v for c in LIKERT_COLUMNS} for v in scores]

    old = previous_campaign(personas, kind=InstrumentKind.LIKERT)
    add_likert(old, "DUKCAPIL", sheets(old_scores))
    publish(old)
    new = make_campaign(personas, kind=InstrumentKind.LIKERT)
    add_likert(new, "DUKCAPIL", sheets(new_scores))
    publish(new)
    g = group(new, "DUKCAPIL")
    mean_new = sum(new_scores) / len(new_scores)
    assert g.overall == pytest.approx(100 * (mean_new - 1) / 4)
    assert g.overall_delta == pytest.approx(100 * (mean_new - 3) / 4)
    reference = stats.welch_t_samples(new_scores, old_scores).p_value < 0.05
    assert g.overall_significant is expected is reference


def test_likert_overall_change_without_respondent_spread_is_not_flagged(personas):
    """Results stored before respondents' scores were kept give no flag, not a guess."""
    old = previous_campaign(personas, kind=InstrumentKind.LIKERT)
    add_likert(old, "DUKCAPIL", [{"BP1": 2}] * 6)
    publish(old)
    for g in ResultGroup.objects.filter(campaign=old, suppressed=False):
        # As such a row was stored: its figures, not its sums.
        g.stored_values, g.stored_shares = g.values, g.shares
        g.stored_stats = {k: v for k, v in g.stats.items() if k not in ("ovl", "ovl2")}
        g.sums = g.changes = None
        g.save(update_fields=["stored_values", "stored_shares", "stored_stats", "sums", "changes"])
        assert "ovl" not in ResultGroup.objects.get(pk=g.pk).stats
    new = make_campaign(personas, kind=InstrumentKind.LIKERT)
    add_likert(new, "DUKCAPIL", [{"BP1": 5}] * 6)
    publish(new)
    g = group(new, "DUKCAPIL")
    assert g.overall_delta == pytest.approx(75.0)
    assert g.overall_significant is None
    assert g.values["BP"]["significant"] is True


# --- import --------------------------------------------------------------------------------


def test_import_implementasi_csv(personas):
    campaign = make_campaign(personas)
    text = "unit,pv,cc,dc\n" + "".join(
        f"DUKCAPIL,{';'.join(b['pv'])},{';'.join(b['cc'])},{';'.join(b['dc'])}\n" for b in PKM
    )
    assert domain.responses_import(actor=None, campaign=campaign, file=io.StringIO(text)) == 5
    publish(campaign)
    assert round(group(campaign, "DUKCAPIL").overall, 1) == 28.6
    assert Instrument.objects.get(pk=campaign.instrument_id).locked


def test_import_is_all_or_nothing_with_row_errors(personas):
    campaign = make_campaign(personas)
    text = (
        "unit,pv,cc,dc\n"
        "DUKCAPIL,BP1;AK1;KO1,BP1;AK1;KO1,BP1;AK1;KO1\n"
        "NOPE,BP1;AK1;KO1,BP1;AK1;KO1,BP1;AK1;KO1\n"
        "DUKCAPIL,BP1;AK1,BP1;AK1;ZZ9,BP1;AK1;KO1\n"
    )
    with pytest.raises(domain.ImportRejected) as err:
        domain.responses_import(actor=None, campaign=campaign, file=io.StringIO(text))
    assert [(e.row, e.column, e.value) for e in err.value.row_errors] == [
        (3, "unit", "NOPE"),
        (4, "pv", "BP1;AK1"),
        (4, "cc", "BP1;AK1;ZZ9"),
    ]
    assert "ZZ9" in err.value.row_errors[2].reason
    assert Response.objects.count() == 0


def test_import_likert_and_missing_column(personas):
    campaign = make_campaign(personas, kind=InstrumentKind.LIKERT, code="lk")
    header = "unit," + ",".join(c.upper() for c in LIKERT_COLUMNS)
    good = "DUKCAPIL," + ",".join(["4"] * 21)
    blank = "DUKCAPIL," + ",".join([""] * 21)
    bad = "DUKCAPIL,6" + "," * 20
    with pytest.raises(domain.ImportRejected) as err:
        domain.responses_import(
            actor=None, campaign=campaign, file=io.StringIO("\n".join([header, good, blank, bad]))
        )
    assert [(e.row, e.column) for e in err.value.row_errors] == [(3, "BP1…KL3"), (4, "BP1")]
    assert (
        domain.responses_import(
            actor=None, campaign=campaign, file=io.StringIO("\n".join([header, good]))
        )
        == 1
    )
    with pytest.raises(domain.ImportRejected) as err:
        domain.responses_import(actor=None, campaign=campaign, file=io.StringIO("unit,BP1\nX,1"))
    assert err.value.row_errors[0].column == "BP2"
    assert unit_of(campaign, "DUKCAPIL").eligible == 0


@pytest.mark.parametrize("kind", [InstrumentKind.IMPLEMENTASI, InstrumentKind.LIKERT])
def test_recompute_without_responses_hides_everything(personas, kind):
    campaign = make_campaign(personas, kind=kind, launch=True)
    domain.campaign_close(actor="test", campaign=campaign)
    assert domain.results_recompute(campaign=campaign) == 4
    assert set(ResultGroup.objects.values_list("n", "suppressed", "overall")) == {(0, True, None)}


def test_email_and_reminder_reach_only_non_respondents(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    second = EmployeeFactory(pemda=personas.pemda, unit=personas.opd_b, email="b@example.go.id")
    personas.employee.email = "a@example.go.id"
    personas.employee.save(update_fields=["email"])
    campaign = make_campaign(personas, launch=True)
    issued = domain.invitations_generate(actor=None, campaign=campaign)
    assert (
        domain.invitations_email(
            campaign=campaign, issued=issued, base="https://sikap.palukota.go.id"
        )
        == 2
    )
    assert len(mailoutbox) == 2
    first = next(t for t in issued if t.email == "a@example.go.id")
    domain.response_submit(token=first.token, answers=PKM[0])
    old = next(t for t in issued if t.email == second.email)
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            domain.invitations_remind(
                actor=None, campaign=campaign, base="https://sikap.palukota.go.id"
            )
            == 1
        )
    reminder = mailoutbox[-1]
    assert reminder.to == [second.email]
    # The short public address on the Pemda's host: no Pemda prefix, no fixed 127.0.0.1.
    assert "https://sikap.palukota.go.id/budaya/isi/#" in reminder.body
    new_token = reminder.body.split("/budaya/isi/#")[1].split()[0]
    # The code is also there to type, for a mail reader that breaks the link.
    assert reminder.body.endswith(
        "Bila tautan tidak terbuka, buka https://sikap.palukota.go.id"
        f"/budaya/isi/ dan ketik kode: {new_token}\n"
    )
    with pytest.raises(domain.TokenRefused):
        domain.response_submit(token=old.token, answers=PKM[0])
    domain.response_submit(token=new_token, answers=PKM[0])
    assert Ballot.objects.count() == 2
    assert AuditLog.objects.get(action="culture.invitations.remind").after == {"count": 1}


def test_likert_respondent_scores_are_rounded_thousandths(personas):
    """ovl / ovl2 sum each respondent's mean answer in thousandths, half up, on any engine."""
    from decimal import ROUND_HALF_UP, Decimal

    from sikap.culture import compute
    from sikap.culture.models import LIKERT_COLUMNS

    codes = [c.upper() for c in LIKERT_COLUMNS]
    sheets = [
        {"BP1": 4, "BP2": 5},  # 4.5 -> 4500
        {"BP1": 4, "AK1": 4, "KL3": 5},  # 4.333... -> 4333
        {c: (5 if i == 0 else 4) for i, c in enumerate(codes[:16])},  # 65/16 = 4.0625 -> 4063
        dict.fromkeys(codes, 3),  # 3000
    ]
    campaign = make_campaign(personas, kind=InstrumentKind.LIKERT)
    add_likert(campaign, "DUKCAPIL", sheets)
    layout = compute.layout_for(campaign)
    vector = compute.aggregate_by_unit(campaign, layout)[unit_of(campaign, "DUKCAPIL").pk]
    scores = [
        int((Decimal(1000) * sum(s.values()) / len(s)).quantize(Decimal(1), ROUND_HALF_UP))
        for s in sheets
    ]
    assert scores == [4500, 4333, 4063, 3000]
    at = layout.index()
    assert (vector[at["n"]], vector[at["ovl"]], vector[at["ovl2"]]) == (
        4,
        sum(scores),
        sum(x * x for x in scores),
    )
