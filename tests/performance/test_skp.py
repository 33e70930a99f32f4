"""SKP: raters from the atasan chain, intervention, ratings and the predicate, the curve checked
as predicates are entered, the head's rating, scoping, and values beside the culture survey."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.performance import domain, queries
from sikap.performance.models import (
    Agreement,
    Indicator,
    OrgPredicate,
    Skp,
    SkpBehaviour,
    SkpResult,
)
from tests.factories import EmployeeFactory


def make_skp(employee, *, intervenes=None, indicator=None) -> Skp:
    skp = domain.skp_create(actor=None, employee=employee, year=2024)
    domain.skp_result_add(
        actor=None, skp=skp, kind="utama", text=f"Hasil kerja {employee.name}",
        indicator_text="Persentase layanan tepat waktu", target="90 %",
        intervenes=intervenes, intervenes_indicator=indicator,
    )  # fmt: skip
    return skp


def test_raters_follow_the_rules(chain) -> None:
    kadis = domain.skp_create(actor=None, employee=chain.kadis, year=2024)
    kabid = domain.skp_create(actor=None, employee=chain.kabid, year=2024)
    kasi = domain.skp_create(actor=None, employee=chain.kasi, year=2024)
    staff = domain.skp_create(actor=None, employee=chain.staff1, year=2024)
    assert [
        (s.position_level, s.rater_id, s.is_unit_head) for s in (kadis, kabid, kasi, staff)
    ] == [
        ("jpt_pratama", None, True),  # rated by the Kepala Daerah
        ("administrator", chain.kadis.pk, True),
        ("pengawas", chain.kabid.pk, True),
        ("pelaksana", chain.kasi.pk, False),
    ]
    assert sorted(staff.behaviours.values_list("value", flat=True)) == sorted(
        ["BP", "AK", "KO", "HA", "LO", "AD", "KL"]
    )
    with pytest.raises(ValidationError):
        domain.skp_create(actor=None, employee=chain.staff1, year=2024)
    assert Skp.objects.count() == 4


def test_cascade_from_pk_row_to_staff(chain) -> None:
    kabid = make_skp(chain.kabid, indicator=chain.opd_indicator)
    row = kabid.results.get()
    kasi = make_skp(chain.kasi, intervenes=row)
    staff = make_skp(chain.staff1, intervenes=kasi.results.get())
    assert staff.results.get().intervenes.intervenes.intervenes_indicator == chain.opd_indicator
    # a main result must intervene something; a row of someone outside the chain is refused
    other = make_skp(chain.staff2, intervenes=kasi.results.get())
    with pytest.raises(ValidationError):
        domain.skp_result_add(
            actor=None, skp=staff, kind="utama", text="x", indicator_text="y", target="1"
        )
    with pytest.raises(ValidationError):
        domain.skp_result_add(
            actor=None, skp=staff, kind="utama", text="x", indicator_text="y", target="1",
            intervenes=other.results.get(),
        )  # fmt: skip
    assert staff.results.count() == 1
    # a tambahan result needs no intervention
    domain.skp_result_add(
        actor=None, skp=staff, kind="tambahan", text="Narasumber", indicator_text="Kali", target="2"
    )
    assert staff.results.count() == 2


def agree_and_assess(skp, level="sesuai") -> None:
    domain.skp_agree(actor=None, skp=skp)
    for r in skp.results.all():
        domain.skp_result_assess(
            actor=None, result=r, realisation="Tercapai", evidence="", level=level
        )


def test_rating_gives_the_matrix_predicate_and_checks_the_curve(chain, personas) -> None:
    kasi = make_skp(chain.kasi, indicator=chain.opd_indicator)
    staffs = [make_skp(chain.staff1, intervenes=kasi.results.get()),
              make_skp(chain.staff2, intervenes=kasi.results.get())]  # fmt: skip
    domain.org_predicate_set(
        actor=personas.admin_pemda, unit=chain.seksi, year=2024, predicate="baik"
    )
    for s in staffs:
        agree_and_assess(s)
    rated = domain.skp_rate(
        actor=None, skp=staffs[0], rating_hasil="diatas", rating_perilaku="diatas"
    )
    assert rated.skp.predicate == "Sangat Baik"
    # 1 Sangat Baik of 1: Baik must be most, and some Butuh Perbaikan/Kurang are needed
    assert [v.rule for v in rated.check.violations] == ["largest", "min_count"]
    assert rated.check.violations[1].message == (
        "harus ada minimal 1 pegawai Butuh Perbaikan dan/atau Kurang/Misconduct: "
        "sekarang 0.00% (0 dari 1 pegawai)"
    )
    rated = domain.skp_rate(
        actor=None, skp=staffs[1], rating_hasil="dibawah", rating_perilaku="sesuai"
    )
    assert rated.skp.predicate == "Butuh Perbaikan"
    # the head (kasi) takes the unit's capaian: 76 of 80 = 95.00 → sesuai (whatever is asked)
    seksi_pk(chain, target="80", real="76")
    agree_and_assess(kasi)
    rated = domain.skp_rate(actor=None, skp=kasi, rating_hasil="dibawah", rating_perilaku="sesuai")
    assert (rated.skp.rating_hasil, rated.skp.predicate) == ("sesuai", "Baik")
    assert (rated.skp.unit_capaian, rated.skp.rating_basis) == (
        Decimal("95.00"),
        "capaian > 90 dan ≤ 100 (performance:2015, low)",
    )
    assert rated.check.ok is True  # SB 1, Baik 1, BP 1 → Baik is not smaller than any other
    assert rated.check.counts == {
        "Sangat Baik": 1, "Baik": 1, "Butuh Perbaikan": 1, "Kurang/Misconduct": 0,
        "Sangat Kurang": 0,
    }  # fmt: skip
    assert AuditLog.objects.filter(action="skp.rate").count() == 3


def seksi_pk(chain, *, target: str, real: str, polarity: str = "naik") -> Indicator:
    """The Seksi's own PK (eselon IV) with one indicator and its year realisasi."""
    pk = Agreement.objects.filter(unit=chain.seksi, year=2024).first()
    if pk is None:
        pk = domain.agreement_create(
            actor=None, pemda=chain.seksi.pemda, year=2024, unit=chain.seksi, holder=chain.kasi
        )
        sasaran = domain.sasaran_create(actor=None, agreement=pk, code="S1", name="Rujukan")
        indicator = domain.indicator_create(
            actor=None, sasaran=sasaran, code="R-1", name="Rujukan tepat waktu",
            kind="output", target=Decimal(target), polarity=polarity,
            supports=chain.opd_indicator,
        )  # fmt: skip
    else:
        indicator = Indicator.objects.get(sasaran__agreement=pk)
        domain.indicator_update(
            actor=None, indicator=indicator, code="R-1", name="Rujukan tepat waktu",
            kind="output", target=Decimal(target), polarity=polarity,
            supports=chain.opd_indicator,
        )  # fmt: skip
    domain.realisation_record(actor=None, indicator=indicator, period="year", value=Decimal(real))
    return indicator


def test_head_needs_the_unit_capaian_first(chain) -> None:
    kasi = make_skp(chain.kasi, indicator=chain.opd_indicator)
    agree_and_assess(kasi)
    # no PK of the Seksi at all
    with pytest.raises(ValidationError, match="Seksi Rujukan belum memiliki PK tahun 2024"):
        domain.skp_rate(actor=None, skp=kasi, rating_hasil="sesuai", rating_perilaku="sesuai")
    # a PK without realisasi yet: no capaian to take
    pk = domain.agreement_create(
        actor=None, pemda=chain.seksi.pemda, year=2024, unit=chain.seksi, holder=chain.kasi
    )
    s = domain.sasaran_create(actor=None, agreement=pk, code="S1", name="Rujukan")
    domain.indicator_create(
        actor=None, sasaran=s, code="R-1", name="Rujukan", kind="output", target=Decimal(10)
    )
    domain.agreement_recompute(agreement=pk)
    with pytest.raises(ValidationError, match="belum ada realisasi"):
        domain.skp_rate(actor=None, skp=kasi, rating_hasil="sesuai", rating_perilaku="sesuai")
    kasi.refresh_from_db()
    assert (kasi.status, kasi.predicate, kasi.unit_capaian) == ("agreed", "", None)
    # an organisation predicate alone no longer decides it: still refused
    domain.org_predicate_set(actor=None, unit=chain.seksi, year=2024, predicate="Istimewa")
    with pytest.raises(ValidationError):
        domain.skp_rate(actor=None, skp=kasi, rating_hasil="sesuai", rating_perilaku="sesuai")


@pytest.mark.parametrize(
    ("target", "real", "polarity", "capaian", "rating", "basis", "predicate"),
    [
        # hand-computed at the band edges (bands: > 100 di atas, > 90 sesuai, else di bawah)
        ("10000", "10001", "naik", "100.01", "diatas", "capaian > 100", "Sangat Baik"),
        ("80", "80", "naik", "100.00", "sesuai", "capaian > 90 dan ≤ 100", "Baik"),
        ("10000", "9001", "naik", "90.01", "sesuai", "capaian > 90 dan ≤ 100", "Baik"),
        ("100", "90", "naik", "90.00", "dibawah", "capaian ≤ 90", "Butuh Perbaikan"),
        # 2/3 × 100 = 66.666… → 66.67
        ("3", "2", "naik", "66.67", "dibawah", "capaian ≤ 90", "Butuh Perbaikan"),
        # lower is better: (2 − 6.5 / 7) × 100 = 107.142… → 107.14
        ("7", "6.5", "turun", "107.14", "diatas", "capaian > 100", "Sangat Baik"),
        # rounding half-up decides the edge: 90.005 → 90.01 (T 20000, R 18001)
        ("20000", "18001", "naik", "90.01", "sesuai", "capaian > 90 dan ≤ 100", "Baik"),
        # 100.004 → 100.00 stays sesuai (T 25000, R 25001)
        ("25000", "25001", "naik", "100.00", "sesuai", "capaian > 90 dan ≤ 100", "Baik"),
    ],
)
def test_head_rating_from_the_unit_capaian_at_band_edges(
    chain, target, real, polarity, capaian, rating, basis, predicate
) -> None:
    seksi_pk(chain, target=target, real=real, polarity=polarity)
    kasi = make_skp(chain.kasi, indicator=chain.opd_indicator)
    agree_and_assess(kasi)
    # the rating asked for hasil kerja is overridden by the unit's capaian
    asked = "dibawah" if rating != "dibawah" else "diatas"
    rated = domain.skp_rate(actor=None, skp=kasi, rating_hasil=asked, rating_perilaku="diatas")
    kasi.refresh_from_db()
    assert (kasi.unit_capaian, kasi.rating_hasil, kasi.predicate) == (
        Decimal(capaian),
        rating,
        predicate,
    )
    assert kasi.rating_basis == f"{basis} (performance:2015, low)"
    assert rated.skp.rating_hasil == rating
    log = AuditLog.objects.filter(action="skp.rate").get()
    assert log.after["unit_capaian"] == capaian and log.after["rating_hasil"] == rating


def test_head_rating_follows_a_new_realisasi_and_staff_are_untouched(chain) -> None:
    seksi_pk(chain, target="80", real="76")  # 95.00
    kasi = make_skp(chain.kasi, indicator=chain.opd_indicator)
    staff = make_skp(chain.staff1, intervenes=kasi.results.get())
    for skp in (kasi, staff):
        agree_and_assess(skp)
    domain.skp_rate(actor=None, skp=kasi, rating_hasil="sesuai", rating_perilaku="sesuai")
    domain.skp_rate(actor=None, skp=staff, rating_hasil="dibawah", rating_perilaku="sesuai")
    seksi_pk(chain, target="80", real="88")  # 110.00
    domain.skp_rate(actor=None, skp=kasi, rating_hasil="sesuai", rating_perilaku="sesuai")
    kasi.refresh_from_db()
    staff.refresh_from_db()
    assert (kasi.unit_capaian, kasi.rating_hasil) == (Decimal("110.00"), "diatas")
    # a staff member's rating is the rater's, with no unit capaian beside it
    assert (staff.rating_hasil, staff.unit_capaian, staff.rating_basis) == ("dibawah", None, "")


def test_rating_a_draft_is_refused(chain) -> None:
    staff = make_skp(
        chain.staff1, intervenes=make_skp(chain.kasi, indicator=chain.opd_indicator).results.get()
    )
    with pytest.raises(ValidationError):
        domain.skp_rate(actor=None, skp=staff, rating_hasil="sesuai", rating_perilaku="sesuai")
    assert Skp.objects.get(pk=staff.pk).predicate == ""


def test_checkin_period_follows_the_pemda_setting(chain, personas) -> None:
    staff = make_skp(
        chain.staff1, intervenes=make_skp(chain.kasi, indicator=chain.opd_indicator).results.get()
    )
    domain.skp_agree(actor=None, skp=staff)
    row = domain.skp_checkin_record(
        actor=None, skp=staff, period="2024-q1", realisation="50%", feedback="Baik"
    )
    assert row.period == "2024-Q1"
    domain.planning_year_set(actor=None, pemda=personas.pemda, year=2024, dpa_approved_on=None,
                             evaluation_period="monthly")  # fmt: skip
    with pytest.raises(ValidationError) as err:
        domain.skp_checkin_record(
            actor=None, skp=staff, period="2024-Q2", realisation="", feedback=""
        )
    assert err.value.messages == ["Periode harus berbentuk 2024-03 untuk tahun 2024."]
    domain.skp_checkin_record(actor=None, skp=staff, period="2024-04", realisation="", feedback="")
    assert staff.checkins.count() == 2


def test_who_sees_which_skp(chain, personas, client_for) -> None:
    kabid = make_skp(chain.kabid, indicator=chain.opd_indicator)
    kasi = make_skp(chain.kasi, intervenes=kabid.results.get())
    staff = make_skp(chain.staff1, intervenes=kasi.results.get())
    other = make_skp(chain.staff2, intervenes=kasi.results.get())
    elsewhere = domain.skp_create(
        actor=None, employee=EmployeeFactory(pemda=personas.pemda, unit=personas.opd_b), year=2024
    )
    ids = lambda user: set(queries.skps_visible(user, personas.pemda).values_list("pk", flat=True))  # noqa: E731
    assert ids(chain.staff_user) == {staff.pk}
    assert ids(chain.kabid_user) == {kabid.pk, kasi.pk, staff.pk, other.pk}
    assert ids(personas.pimpinan) == {kabid.pk, kasi.pk, staff.pk, other.pk}  # DINKES subtree
    assert ids(personas.admin_pemda) == {kabid.pk, kasi.pk, staff.pk, other.pk, elsewhere.pk}
    assert ids(personas.admin_opd) == set()  # no skp.view
    assert ids(personas.penilai) == set()
    assert ids(personas.outsider) == set()
    assert queries.may_plan(chain.staff_user, staff) is True
    assert queries.may_plan(chain.staff_user, other) is False
    domain.skp_agree(actor=None, skp=staff)
    staff.refresh_from_db()
    assert queries.may_rate(chain.staff_user, staff) is False  # not one's own
    assert queries.may_rate(personas.pimpinan, staff) is True
    assert queries.may_rate(personas.admin_opd, staff) is False
    # the organisation predicate: the leader one level up
    assert queries.may_set_org_predicate(personas.pimpinan, chain.bidang) is True
    assert queries.may_set_org_predicate(personas.pimpinan, personas.opd_a) is False
    assert queries.may_set_org_predicate(personas.admin_pemda, personas.opd_a) is True
    assert queries.may_set_org_predicate(personas.outsider, personas.opd_a) is False


def test_calibration_view_data(chain, personas) -> None:
    kasi = make_skp(chain.kasi, indicator=chain.opd_indicator)
    staffs = [make_skp(e, intervenes=kasi.results.get()) for e in (chain.staff1, chain.staff2)]
    domain.org_predicate_set(actor=None, unit=chain.seksi, year=2024, predicate="Istimewa")
    for s in staffs:
        agree_and_assess(s)
        domain.skp_rate(actor=None, skp=s, rating_hasil="sesuai", rating_perilaku="sesuai")
    cal = queries.calibration(personas.pemda, chain.seksi, 2024)
    assert cal.counts == {"Baik": 2}
    assert [v.message for v in cal.check.violations] == [
        "sebagian besar pegawai harus Sangat Baik: sekarang 0.00% (0 dari 2 pegawai), "
        "lebih sedikit dari Baik 100.00% (2 pegawai)"
    ]
    # calibrating: the rater moves one predicate up
    domain.skp_rate(actor=None, skp=staffs[0], rating_hasil="diatas", rating_perilaku="diatas")
    assert queries.calibration(personas.pemda, chain.seksi, 2024).check.ok is True


def test_org_predicate_keeps_the_capaian_seen(chain, personas) -> None:
    from decimal import Decimal

    domain.realisation_record(
        actor=None, indicator=chain.opd_indicator, period="year", value=Decimal(72)
    )
    row = domain.org_predicate_set(actor=None, unit=personas.opd_a, year=2024, predicate="CUKUP")
    assert (row.predicate, row.capaian_seen) == ("Butuh Perbaikan", Decimal("90.00"))
    with pytest.raises(ValidationError):
        domain.org_predicate_set(actor=None, unit=personas.opd_a, year=2024, predicate="Hebat")
    assert OrgPredicate.objects.get().predicate == "Butuh Perbaikan"


# --- values beside the culture survey --------------------------------------------------------
BALLOT = {"pv": ["BP1", "AK1", "KO1"], "cc": ["BP1", "AK1", "AD1"], "dc": ["AD1", "AD2", "KL1"]}


def published_culture(personas):
    from sikap.culture import domain as culture
    from sikap.culture.models import CampaignUnit, Response

    campaign = culture.campaign_create(
        actor=personas.admin_pemda, pemda=personas.pemda, code="c2023", name="Survei 2023",
        kind="implementasi", period_start=dt.date(2023, 9, 1), period_end=dt.date(2023, 10, 20),
        picks=3, attribution_depth=1, today=dt.date(2023, 9, 1),
    )  # fmt: skip
    for code in ("DINKES", "DUKCAPIL"):
        unit = CampaignUnit.objects.get(campaign=campaign, code=code)
        Response.objects.bulk_create(
            Response(
                campaign=campaign,
                campaign_unit=unit,
                created_on=dt.date(2023, 9, 1),
                **{k: culture.ballot_mask(v, campaign.instrument) for k, v in BALLOT.items()},
            )  # fmt: skip
            for _ in range(5)
        )
    culture.tallies_reset(campaign=campaign)
    campaign = culture.campaign_close(actor="test", campaign=campaign)
    culture.results_recompute(campaign=campaign)
    return campaign


def rate_behaviours(skp, level_of) -> None:
    for code in ("BP", "AK", "KO", "HA", "LO", "AD", "KL"):
        domain.skp_behaviour_rate(actor=None, skp=skp, value=code, level=level_of(code))


def test_values_beside_culture_need_k_on_both_sides(chain, personas, settings) -> None:
    settings.SIKAP_MIN_GROUP_SIZE = 3
    published_culture(personas)
    staff = []
    for i in range(3):
        e = EmployeeFactory(pemda=personas.pemda, unit=chain.seksi, atasan=chain.kasi, name=f"P{i}")
        skp = domain.skp_create(actor=None, employee=e, year=2024)
        domain.skp_result_add(
            actor=None, skp=skp, kind="tambahan", text="x", indicator_text="y", target="1"
        )
        SkpResult.objects.filter(skp=skp).update(kind="utama")
        domain.skp_agree(actor=None, skp=skp)
        staff.append(skp)
    rate_behaviours(staff[0], lambda c: "sesuai")
    rate_behaviours(staff[1], lambda c: "dibawah" if c == "AD" else "sesuai")
    side = queries.values_beside_culture(personas.pimpinan, personas.pemda, personas.opd_a, 2024)
    assert (side.rated, side.shown) == (2, False)  # 2 rated < k = 3
    assert all(r.shares == {} and r.culture_index is None for r in side.rows)
    rate_behaviours(staff[2], lambda c: "diatas" if c == "AD" else "sesuai")
    side = queries.values_beside_culture(personas.pimpinan, personas.pemda, personas.opd_a, 2024)
    assert (side.rated, side.shown, side.culture_n) == (3, True, 5)
    ad = next(r for r in side.rows if r.code == "AD")
    assert ad.rated == 3
    assert ad.shares == pytest.approx({"diatas": 100 / 3, "sesuai": 100 / 3, "dibawah": 100 / 3})
    assert ad.culture_index is not None
    # the outsider and the Admin OPD of another unit see no culture index for DINKES
    assert (
        queries.values_beside_culture(personas.outsider, personas.pemda, personas.opd_a, 2024).shown
        is False
    )
    assert SkpBehaviour.objects.filter(level="").count() == 0


def test_head_rating_is_shown_with_its_source(chain, personas, client_for) -> None:
    kasi = make_skp(chain.kasi, indicator=chain.opd_indicator)
    agree_and_assess(kasi)
    client = client_for(personas.pimpinan)
    url = reverse("performance:skp", args=[kasi.pk])
    text = client.get(url).content.decode()
    assert "Seksi Rujukan belum memiliki PK tahun 2024" in text
    seksi_pk(chain, target="80", real="76")  # 95.00
    text = client.get(url).content.decode()
    assert (
        "rating hasil kerja diambil dari capaian PK unit Seksi Rujukan saat ini, 95,00% "
        "(capaian &gt; 90 dan ≤ 100; aturan performance:2015): <strong>Sesuai Ekspektasi</strong>"
    ) in text
    assert "Keyakinan low; sumber: PermenPANRB 6/2022" in text
    domain.skp_rate(actor=None, skp=kasi, rating_hasil="diatas", rating_perilaku="sesuai")
    text = client.get(url).content.decode()
    assert (
        "Rating hasil kerja Sesuai Ekspektasi diambil dari capaian unit Seksi Rujukan 95,00% "
        "(capaian &gt; 90 dan ≤ 100 (performance:2015, low))."
    ) in text
    # a staff member's SKP has no such line
    staff = make_skp(chain.staff1, intervenes=kasi.results.get())
    page = client.get(reverse("performance:skp", args=[staff.pk])).content.decode()
    assert 'data-testid="head-rating"' not in page


def _tallies(pemda) -> dict[tuple[int, str], int]:
    from sikap.performance.models import PredicateTally

    return {
        (t.unit_id, t.predicate): t.n
        for t in PredicateTally.objects.filter(pemda=pemda, year=2024)
        if t.n
    }


def test_predicate_tally_follows_every_rating(chain, personas) -> None:
    seksi_pk(chain, target="80", real="76")  # the Kepala Seksi: 95.00 → sesuai
    kabid = make_skp(chain.kabid, indicator=chain.opd_indicator)
    kasi = make_skp(chain.kasi, intervenes=kabid.results.get())
    staffs = [make_skp(e, intervenes=kasi.results.get()) for e in (chain.staff1, chain.staff2)]
    for skp in (kasi, *staffs):
        agree_and_assess(skp)
    assert _tallies(personas.pemda) == {}
    domain.skp_rate(actor=None, skp=staffs[0], rating_hasil="diatas", rating_perilaku="diatas")
    domain.skp_rate(actor=None, skp=staffs[1], rating_hasil="diatas", rating_perilaku="diatas")
    domain.skp_rate(actor=None, skp=kasi, rating_hasil="sesuai", rating_perilaku="sesuai")
    seksi = chain.seksi.pk
    assert _tallies(personas.pemda) == {(seksi, "Sangat Baik"): 2, (seksi, "Baik"): 1}
    # a calibration moves one predicate: the tally moves with it; the same again changes nothing
    for _ in range(2):
        domain.skp_rate(actor=None, skp=staffs[1], rating_hasil="dibawah", rating_perilaku="sesuai")
    expected = {(seksi, "Sangat Baik"): 1, (seksi, "Baik"): 1, (seksi, "Butuh Perbaikan"): 1}
    assert _tallies(personas.pemda) == expected
    assert queries.predicate_counts_by_unit(personas.pemda, 2024) == expected
    # the subtree sums: the OPD holds the Seksi's three, the Bidang too; DUKCAPIL none
    counts = {"Sangat Baik": 1, "Baik": 1, "Butuh Perbaikan": 1}
    assert queries.distribution_counts(personas.pemda, personas.opd_a, 2024) == counts
    assert queries.distribution_counts(personas.pemda, chain.bidang, 2024) == counts
    assert queries.distribution_counts(personas.pemda, personas.opd_b, 2024) == {}
    # a refused rating moves nothing
    with pytest.raises(ValidationError):
        domain.skp_rate(actor=None, skp=staffs[0], rating_hasil="luar", rating_perilaku="sesuai")
    assert _tallies(personas.pemda) == expected


def test_predicate_tally_rebuild(chain, personas) -> None:
    from sikap.performance.models import PredicateTally

    kasi = make_skp(chain.kasi, indicator=chain.opd_indicator)
    staff = make_skp(chain.staff1, intervenes=kasi.results.get())
    agree_and_assess(staff)
    domain.skp_rate(actor=None, skp=staff, rating_hasil="sesuai", rating_perilaku="diatas")
    # a bulk load that bypassed the rating (or a tally gone wrong) is recounted from the SKPs
    PredicateTally.objects.all().update(n=7)
    Skp.objects.filter(pk=kasi.pk).update(predicate="Kurang/Misconduct")
    assert domain.predicate_tally_rebuild(pemda=personas.pemda, year=2024) == 2
    assert _tallies(personas.pemda) == {
        (chain.seksi.pk, "Baik"): 1, (chain.seksi.pk, "Kurang/Misconduct"): 1
    }  # fmt: skip
