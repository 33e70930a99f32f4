"""The demo: two units on the way to WBK (one short on Pengawasan), RSUD Anutapura reviewed,
a SAKIP self-evaluation of Dinas Kesehatan."""

from __future__ import annotations

import io

from sikap.core.scoping import system_within
from sikap.integrity import demo, queries, scoring
from sikap.integrity.models import Assessment, Attachment, ItemScore
from sikap.org.models import Pemda


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
