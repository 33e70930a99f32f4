from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from django.utils import timezone

from sikap.culture import demo
from sikap.culture.models import ActionPlan, Campaign, Invitation, ResultGroup
from sikap.org.models import Employee, OrgUnit, Pemda
from tests.factories import make_unit


@pytest.fixture
def demo_pemda(db) -> Pemda:
    """A stand-in for the org demo: ~40 OPDs with sub-units and ~2,000 employees."""
    pemda = Pemda.objects.create(code="palu-demo", name="Pemerintah Kota Palu (demo)", is_demo=True)
    rng = random.Random(7)
    units: list[OrgUnit] = []
    for i in range(40):
        opd = make_unit(pemda, f"OPD{i:02d}", f"Dinas Demo {i}", "dinas")
        units.append(opd)
        for j in range(1):
            units.append(
                make_unit(pemda, f"OPD{i:02d}-{j}", f"Bidang {i}.{j}", "bidang", parent=opd)
            )
    employees = []
    for n in range(2000):
        # Uneven sizes, as in a real Pemda: a few big OPDs, many small units.
        unit = units[min(len(units) - 1, int(rng.expovariate(1 / 18)))]
        employees.append(
            Employee(
                pemda=pemda,
                nip=f"19800101200501{n:04d}",
                name=f"Pegawai {n}",
                kind="pns",
                unit=unit,
            )
        )
    Employee.objects.bulk_create(employees)
    return pemda


def test_demo_reproduces_the_article(demo_pemda):
    out = io.StringIO()
    demo.load(pemda=demo_pemda, stdout=out)
    c2023 = Campaign.objects.get(code="berakhlak-2023")
    c2023.refresh_from_db()
    assert c2023.status == "closed"
    root = ResultGroup.objects.get(campaign=c2023, campaign_unit__parent__isnull=True)
    assert root.overall == pytest.approx(60.3, abs=0.3)
    assert root.overall_band == "B"
    assert root.values["AD"]["index"] == pytest.approx(37.1, abs=0.3)
    assert root.values["AD"]["band"] == "C"
    opds = ResultGroup.objects.filter(campaign=c2023, campaign_unit__depth=1, suppressed=False)
    overall = sorted(g.overall for g in opds)
    assert len(overall) >= 30
    assert overall[-1] - overall[0] > 10  # a plausible spread across OPDs
    assert 5 < root.entropy < 40
    plan = ActionPlan.objects.get(value_code="AD")
    assert plan.campaign == c2023 and plan.due_date > dt.date.today()
    # About one sheet in ten carries a comment; each OPD with 10 or more of its own respondents
    # lists its own comments, and no other list repeats them.
    from sikap.culture import domain
    from sikap.culture.models import Response

    assert c2023.published_at is not None
    readable = ResultGroup.objects.filter(
        campaign=c2023, suppressed=False, n_direct__gte=domain.comment_min_group_size()
    )
    assert root.comment_count == 0 and root.n_direct == 0
    for group in readable:
        assert group.comment_count == (
            Response.objects.filter(campaign=c2023, campaign_unit_id=group.campaign_unit_id)
            .exclude(comment="")
            .count()
        )
    listed = sum(g.comment_count for g in readable)
    assert 0.05 * root.n < listed < 0.15 * root.n
    c2024 = Campaign.objects.get(code="berakhlak-2024")
    assert c2024.status == "open"
    assert Invitation.objects.filter(campaign=c2024).count() == 2000
    assert "Pemda index 60." in out.getvalue()
    demo.load(pemda=demo_pemda, stdout=out)  # idempotent
    assert Campaign.objects.count() == 3
    assert ActionPlan.objects.count() == 2


def test_demo_shows_what_each_page_is_for(demo_pemda):
    """Comments that differ, a desired culture short of unanimous, a Likert campaign with
    results, an overdue plan."""
    from sikap.culture import queries
    from sikap.culture.models import Response

    demo.load(pemda=demo_pemda, stdout=io.StringIO())
    c2023 = Campaign.objects.get(code="berakhlak-2023")
    comments = list(
        Response.objects.filter(campaign=c2023)
        .exclude(comment="")
        .values_list("comment", flat=True)
    )
    # Most comments are their own; the most repeated one is a small share.
    assert len(set(comments)) > 0.5 * len(comments)
    assert max(comments.count(c) for c in set(comments)) < 0.1 * len(comments)
    # Adaptif is wanted by most respondents of the Pemda, by none of its behaviours unanimously.
    root = ResultGroup.objects.get(campaign=c2023, campaign_unit__parent__isnull=True)
    desired = [root.shares["dc"][code] for code in ("AD1", "AD2", "AD3")]
    assert all(40 < share < 95 for share in desired), desired
    assert desired == sorted(desired, reverse=True)
    # The Likert campaign is closed and published with a shown Pemda group, Adaptif lowest.
    likert = Campaign.objects.get(code="berakhlak-likert-2024")
    assert likert.kind == "likert" and likert.published_at is not None
    top = ResultGroup.objects.get(campaign=likert, campaign_unit__parent__isnull=True)
    assert not top.suppressed and top.n > 500
    means = {code[:2]: [] for code in top.shares["items"]}
    for code, mean in top.shares["items"].items():
        means[code[:2]].append(mean)
    lowest = min(means, key=lambda v: sum(means[v]) / len(means[v]))
    assert lowest == "AD"
    # One plan overdue since 30 June 2024, reported under way.
    overdue = ActionPlan.objects.get(value_code="KL")
    assert overdue.due_date == dt.date(2024, 6, 30)
    assert (overdue.status, overdue.progress_percent) == ("ongoing", 40)
    assert queries.plan_overdue_days(overdue) == (timezone.localdate() - dt.date(2024, 6, 30)).days
