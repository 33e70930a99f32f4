"""PK cascade, realisasi and capaian snapshots, signing and revision."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sikap.core.models import AuditLog
from sikap.performance import domain, queries
from sikap.performance.models import Agreement, AgreementRevision, Indicator, Realisation


def test_realisation_sets_capaian_of_indicator_sasaran_and_pk(chain, personas) -> None:
    domain.realisation_record(
        actor=personas.admin_pemda, indicator=chain.opd_indicator, period="year",
        value=Decimal("92"), evidence="Laporan PWS KIA",
    )  # fmt: skip
    s2 = domain.sasaran_create(
        actor=None, agreement=chain.opd_pk, code="S2", name="Menurunnya angka kesakitan"
    )
    ind = domain.indicator_create(
        actor=None, sasaran=s2, code="I-2", name="Prevalensi stunting", kind="outcome",
        polarity="turun", target=Decimal("20"),
    )  # fmt: skip
    domain.realisation_record(actor=None, indicator=ind, period="q2", value=Decimal("25"))
    chain.opd_pk.refresh_from_db()
    ind.refresh_from_db()
    chain.opd_indicator.refresh_from_db()
    # 92/80 = 115; 2 - 25/20 = 75; sasaran means are the single values; PK = (115 + 75) / 2
    assert chain.opd_indicator.capaian == Decimal("115.00")
    assert ind.capaian == Decimal("75.00")
    assert chain.opd_pk.capaian == Decimal("95.00")
    assert chain.opd_pk.result.measured == 2
    log = AuditLog.objects.filter(action="pk.realisation").order_by("id").first()
    assert log.after == {"value": "92", "evidence": "Laporan PWS KIA"}


def test_pk_capaian_is_rounded_once(chain) -> None:
    # I-1: 100/3 → 33.333…; I-3 in the same sasaran: 200/3 → 66.666…; sasaran mean 50.00;
    # with another sasaran at 1/3: PK = (50 + 33.333…)/2 = 41.666… → 41.67
    s = chain.opd_sasaran
    i3 = domain.indicator_create(
        actor=None, sasaran=s, code="I-3", name="Cakupan imunisasi", kind="outcome",
        target=Decimal("3"),
    )  # fmt: skip
    s2 = domain.sasaran_create(actor=None, agreement=chain.opd_pk, code="S2", name="Lain")
    i4 = domain.indicator_create(
        actor=None, sasaran=s2, code="I-4", name="Lain", kind="output", target=Decimal("3")
    )
    domain.realisation_record(actor=None, indicator=chain.opd_indicator, period="year",
                              value=Decimal("80") / 3)  # fmt: skip
    domain.realisation_record(actor=None, indicator=i3, period="year", value=Decimal("2"))
    domain.realisation_record(actor=None, indicator=i4, period="year", value=Decimal("1"))
    out = queries.results(chain.opd_pk.pemda, 2024)
    dinkes = next(u for u in out["units"] if u["unit"] == "DINKES")
    assert dinkes == {
        "unit": "DINKES",
        "capaian": 41.67,
        "sasaran": [
            {"code": "S1", "capaian": 50.0,
             "indicators": [{"code": "I-1", "capaian": 33.33}, {"code": "I-3", "capaian": 66.67}]},
            {"code": "S2", "capaian": 33.33, "indicators": [{"code": "I-4", "capaian": 33.33}]},
        ],
    }  # fmt: skip


def test_annual_realisation_falls_back_to_latest_quarter(chain) -> None:
    ind = chain.opd_indicator
    domain.realisation_record(actor=None, indicator=ind, period="q1", value=Decimal("16"))
    ind.refresh_from_db()
    assert ind.capaian == Decimal("20.00")  # 16 / 80
    domain.realisation_record(actor=None, indicator=ind, period="q2", value=Decimal("36"))
    ind.refresh_from_db()
    assert ind.capaian == Decimal("45.00")
    domain.realisation_record(actor=None, indicator=ind, period="year", value=Decimal("84"))
    ind.refresh_from_db()
    assert ind.capaian == Decimal("105.00")
    # Q2: 36 against the Q2 target 40 → 90 < 100: behind
    (late,) = queries.behind([ind])
    assert (late.quarter, late.capaian) == ("q2", 90.0)


def test_bad_period_changes_nothing(chain) -> None:
    with pytest.raises(ValidationError):
        domain.realisation_record(
            actor=None, indicator=chain.opd_indicator, period="q5", value=Decimal(1)
        )
    assert Realisation.objects.count() == 0


def test_tree_links_flags_and_warnings(chain, personas) -> None:
    s2 = domain.sasaran_create(
        actor=None, agreement=chain.opd_pk, code="S2", name="Tanpa indikator"
    )
    orphan_s = domain.sasaran_create(actor=None, agreement=chain.opd_pk, code="S3", name="Lepas")
    orphan = domain.indicator_create(
        actor=None, sasaran=orphan_s, code="I-9", name="Jumlah sosialisasi", kind="output",
        is_iku=True, target=Decimal("12"),
    )  # fmt: skip
    t = queries.tree(personas.admin_pemda, personas.pemda, 2024)
    assert t.count == 3
    (root_iku,) = [n for n in t.roots if n.indicator.code == "IKU-1"]
    assert [c.indicator.code for c in root_iku.children] == ["I-1"]
    assert [s.code for s in t.empty_sasaran] == ["S2"] and s2.pk == t.empty_sasaran[0].pk
    assert [i.code for i in t.orphans] == ["I-9"]
    (orphan_node,) = [n for n in t.roots if n.indicator.pk == orphan.pk]
    assert orphan_node.warning == (
        "bukan outcome: IKU Perangkat Daerah (Kepala OPD) seharusnya indikator outcome"
    )
    # Admin OPD of DINKES reads the Pemda's own PK (it cascades from it) and its OPD's rows,
    # not Dukcapil's; another Pemda nothing
    dukcapil = domain.agreement_create(
        actor=None, pemda=personas.pemda, year=2024, unit=personas.opd_b
    )
    ds = domain.sasaran_create(actor=None, agreement=dukcapil, code="S1", name="Adminduk")
    domain.indicator_create(actor=None, sasaran=ds, code="D-1", name="KTP-el", kind="outcome",
                            target=Decimal(90), supports=chain.iku)  # fmt: skip
    t_opd = queries.tree(personas.admin_opd, personas.pemda, 2024)
    assert sorted(n.indicator.code for n in t_opd.roots) == ["I-9", "IKU-1"]
    (iku,) = [n for n in t_opd.roots if n.indicator.code == "IKU-1"]
    assert [c.indicator.code for c in iku.children] == ["I-1"]
    assert sorted(n.indicator.code for n in t.roots if n.indicator.code == "IKU-1") == ["IKU-1"]
    assert queries.tree(personas.outsider, personas.pemda, 2024).count == 0
    assert queries.tree(personas.pegawai, personas.pemda, 2024).count == 0


def test_supports_must_point_up(chain) -> None:
    with pytest.raises(ValidationError):
        domain.indicator_link(actor=None, indicator=chain.iku, supports=chain.opd_indicator)
    chain.iku.refresh_from_db()
    assert chain.iku.supports_id is None


def test_sign_freezes_and_revision_needs_a_lawful_reason(chain, personas) -> None:
    domain.agreement_sign(actor=None, agreement=chain.opd_pk, signed_on=dt.date(2024, 2, 1))
    with pytest.raises(ValidationError):
        domain.sasaran_create(actor=None, agreement=chain.opd_pk, code="S9", name="Baru")
    with pytest.raises(ValidationError) as err:
        domain.agreement_revise(
            actor=None, agreement=chain.opd_pk, reason="target terlalu tinggi", note="x"
        )
    assert err.value.messages == [
        "Alasan revisi harus salah satu dari: pejabat, strategi, prioritas."
    ]
    chain.opd_pk.refresh_from_db()
    assert (chain.opd_pk.status, chain.opd_pk.revision) == ("signed", 0)
    domain.agreement_revise(
        actor=personas.admin_pemda, agreement=chain.opd_pk, reason="Strategi",
        note="Realokasi anggaran program gizi",
    )  # fmt: skip
    chain.opd_pk.refresh_from_db()
    assert (chain.opd_pk.status, chain.opd_pk.revision, chain.opd_pk.signed_on) == (
        "draft",
        1,
        None,
    )
    rev = AgreementRevision.objects.get()
    assert (rev.reason, rev.number, rev.before["signed_on"]) == ("strategi", 1, "2024-02-01")
    assert rev.before["sasaran"][0]["indicators"][0]["code"] == "I-1"
    assert AuditLog.objects.filter(action__in=["pk.revision", "pk.reopen"]).count() == 2


def test_deadlines(chain, personas) -> None:
    domain.planning_year_set(
        actor=None, pemda=personas.pemda, year=2024, dpa_approved_on=dt.date(2024, 1, 5),
        evaluation_period="quarterly",
    )  # fmt: skip
    domain.agreement_sign(actor=None, agreement=chain.opd_pk, signed_on=dt.date(2024, 2, 10))
    chain.opd_pk.refresh_from_db()
    agreements = list(Agreement.objects.order_by("level"))
    rows = queries.deadlines(agreements, personas.pemda, 2024, today=dt.date(2024, 3, 1))
    pk_rows = {r.agreement.level: r for r in rows if r.agreement}
    assert pk_rows["opd"].due == dt.date(2024, 2, 5)
    assert (pk_rows["opd"].done, pk_rows["opd"].late) == (True, True)  # signed after the 5th
    assert (pk_rows["pemda"].done, pk_rows["pemda"].late) == (False, True)
    lkjip = [r for r in rows if r.agreement is None]
    assert [r.due for r in lkjip] == [dt.date(2025, 3, 31), dt.date(2025, 2, 28)]


def test_indicator_needs_positive_target(chain) -> None:
    with pytest.raises(ValidationError):
        domain.indicator_create(
            actor=None, sasaran=chain.opd_sasaran, code="I-0", name="Nol", kind="outcome",
            target=Decimal("0"),
        )  # fmt: skip
    assert Indicator.objects.filter(code="I-0").count() == 0
