"""The demo: two units on the way to WBK (one short on Pengawasan), RSUD Anutapura reviewed,
a SAKIP self-evaluation of Dinas Kesehatan."""

from __future__ import annotations

import io
from decimal import Decimal

from sikap.accounts.domain import role_assign
from sikap.core.models import AuditLog
from sikap.core.roles import Role
from sikap.core.scoping import system_within
from sikap.integrity import demo, queries, scoring
from sikap.integrity.models import Assessment, Attachment, HasilFigure, ItemScore
from sikap.org.domain import unit_create
from sikap.org.models import Pemda
from sikap.publicservice import demo as publicservice_demo
from tests.factories import UserFactory


def test_demo_tells_the_story(db):
    pemda = Pemda.objects.create(code="palu-demo", name="Pemerintah Kota Palu (demo)", is_demo=True)
    out = io.StringIO()
    demo.load(pemda=pemda, stdout=out)
    zis = {a.unit.code: a for a in Assessment.objects.filter(kind="zi").select_related("unit")}
    assert set(zis) == {"DISDUKCAPIL", "DPMPTSP", "RSUD-ANUTAPURA"}
    operator = system_within(pemda.pk)
    dukcapil = queries.zi_status_dict(zis["DISDUKCAPIL"], user=operator)
    assert dukcapil["wbk"]["eligible"] is True
    dpmptsp = queries.zi_status_dict(zis["DPMPTSP"], user=operator)
    assert dpmptsp["wbk"]["eligible"] is False
    assert {s["rule"] for s in dpmptsp["wbk"]["shortfalls"]} == {"area:PW"}
    rsud = zis["RSUD-ANUTAPURA"]
    assert rsud.stage == "direviu"
    assert (
        ItemScore.objects.filter(item__assessment=rsud, level="tpi", flag="eviden_kurang").count()
        == 1
    )
    assert (
        scoring.zi_status(rsud, "tpi").result.total < scoring.zi_status(rsud, "self").result.total
    )
    sakip = Assessment.objects.get(kind="sakip")
    assert sakip.unit.code == "DINKES"
    r = scoring.sakip_status(sakip).result
    assert (r.score, r.category) == (76.2, "BB")  # 23.7 + 26.1 + 10.65 + 15.75
    assert Attachment.objects.filter(item__assessment=sakip).count() == 1
    assert "Zona Integritas 2024" in out.getvalue()


def _demo_pemda():
    return Pemda.objects.create(code="palu-demo", name="Pemerintah Kota Palu (demo)", is_demo=True)


def _ipak_figures(pemda):
    """(source, raw, points) of each ZI unit's IPAK figure, and the figures by unit code."""
    figures = {
        f.assessment.unit.code: f
        for f in HasilFigure.objects.filter(
            assessment__unit__pemda=pemda, key=HasilFigure.Key.IPAK
        ).select_related("assessment__unit")
    }
    return {code: (f.source, f.raw, f.points) for code, f in figures.items()}, figures


def test_alone_the_demo_records_every_ipak_as_an_external_figure(db):
    pemda = _demo_pemda()
    out = io.StringIO()
    demo.load(pemda=pemda, stdout=out)
    ipak, figures = _ipak_figures(pemda)
    assert ipak == {
        "DISDUKCAPIL": ("eksternal", "3.70", Decimal("16.1875")),  # 3.70 / 4 × 17.5
        "DPMPTSP": ("eksternal", "3.65", Decimal("15.9688")),  # 15.96875
        "RSUD-ANUTAPURA": ("eksternal", "3.80", Decimal("16.6250")),
    }
    assert figures["RSUD-ANUTAPURA"].source_note == demo.EXTERNAL_NOTE
    assert "IPAK dari survei SIKAP: -." in out.getvalue()


def test_with_the_public_service_demo_the_zi_units_take_ipak_from_their_own_survey(db):
    pemda = _demo_pemda()
    for code, name, kind in demo.UNITS.values():
        unit_create(actor="demo", pemda=pemda, code=code, name=name, kind=kind)
    admin = UserFactory(username="admin.pemda@palu.demo", pemda=pemda)
    role_assign(actor=None, user=admin, pemda=pemda, role=Role.ADMIN_PEMDA, unit=None)
    publicservice_demo.load(pemda=pemda, stdout=io.StringIO())
    out = io.StringIO()
    demo.load(pemda=pemda, stdout=out)
    ipak, figures = _ipak_figures(pemda)
    # Their surveys give 1776 / 480 = 3.70 and 1752 / 480 = 3.65 (publicservice/ipak/demo.py):
    # the same points as the external figures they replace. RSUD keeps the external 3.80.
    assert ipak == {
        "DISDUKCAPIL": ("sikap", "3.7", Decimal("16.1875")),
        "DPMPTSP": ("sikap", "3.65", Decimal("15.9688")),
        "RSUD-ANUTAPURA": ("eksternal", "3.80", Decimal("16.6250")),
    }
    assert figures["DISDUKCAPIL"].source_note.startswith(
        "Survei IPAK SIKAP 2024: indeks 3,70 (60 responden, aturan ipak:2021)"
    )
    assert figures["RSUD-ANUTAPURA"].source_note == demo.EXTERNAL_NOTE
    assert "IPAK dari survei SIKAP: DISDUKCAPIL, DPMPTSP." in out.getvalue()
    # Taken by a person, as on the page, and audited as theirs.
    taken = AuditLog.objects.filter(action="integrity.hasil.record", actor=admin)
    assert taken.count() == 2
    zis = {a.unit.code: a for a in Assessment.objects.filter(kind="zi").select_related("unit")}
    operator = system_within(pemda.pk)
    dukcapil = queries.zi_status_dict(zis["DISDUKCAPIL"], user=operator)
    assert dukcapil["hasil_parts"]["ipak"] == 16.19
    assert dukcapil["hasil_sources"]["ipak"]["source"] == "sikap"
    assert dukcapil["wbk"]["eligible"] is True
    dpmptsp = queries.zi_status_dict(zis["DPMPTSP"], user=operator)
    assert dpmptsp["hasil_parts"]["ipak"] == 15.97
    assert {s["rule"] for s in dpmptsp["wbk"]["shortfalls"]} == {"area:PW"}
