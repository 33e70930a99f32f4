"""Action plans tell the truth about time: never due before made, overdue ones say so."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sikap.core.models import AuditLog
from sikap.culture import domain, queries
from sikap.culture.models import ActionPlan


def _create(personas, campaign, due_date):
    return domain.action_plan_create(
        actor=personas.admin_opd,
        campaign=campaign,
        unit=personas.opd_a,
        value_code="AD",
        actions="Forum inovasi bulanan",
        owner="Sekretaris Dinas",
        due_date=due_date,
        indicator="3 inovasi baru",
    )


def test_plan_due_before_it_is_made_is_refused(personas, computed):
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    audits = AuditLog.objects.count()
    with pytest.raises(ValidationError) as caught:
        _create(personas, computed, yesterday)
    assert caught.value.message_dict == {
        "due_date": [
            f"Tenggat {yesterday:%d-%m-%Y} sebelum tanggal rencana dibuat ({today:%d-%m-%Y}); "
            f"pilih {today:%d-%m-%Y} atau sesudahnya."
        ]
    }
    assert ActionPlan.objects.count() == 0
    assert AuditLog.objects.count() == audits
    plan = _create(personas, computed, today)  # due the day it is made: allowed
    assert ActionPlan.objects.get().pk == plan.pk


def test_page_names_the_wrong_due_date_and_stores_nothing(personas, client_for, computed):
    client = client_for(personas.admin_opd)
    response = client.post(
        reverse("culture:plan_new"),
        {
            "unit": personas.opd_a.pk,
            "campaign": computed.pk,
            "value_code": "AD",
            "actions": "Lokakarya",
            "owner": "Sekretaris",
            "due_date": "2020-01-31",
            "indicator": "x",
        },
    )
    assert response.status_code == 200
    assert "Tenggat 31-01-2020 sebelum tanggal rencana dibuat" in response.content.decode()
    assert ActionPlan.objects.count() == 0


@pytest.mark.parametrize(
    ("due_offset", "status", "expected"),
    [(-3, "planned", 3), (-1, "ongoing", 1), (0, "planned", None), (-3, "done", None)],
)
def test_overdue_days(personas, computed, due_offset, status, expected):
    today = dt.date(2025, 3, 10)
    plan = ActionPlan(due_date=today + dt.timedelta(days=due_offset), status=status)
    assert queries.plan_overdue_days(plan, today=today) == expected


def test_overdue_plan_says_so_on_list_and_detail(personas, client_for, computed):
    today = timezone.localdate()
    late = _create(personas, computed, today)
    on_time = _create(personas, computed, today + dt.timedelta(days=10))
    # The plan was made earlier; its due date has passed since.
    ActionPlan.objects.filter(pk=late.pk).update(due_date=today - dt.timedelta(days=4))
    client = client_for(personas.admin_opd)
    listing = client.get(reverse("culture:plans")).content.decode()
    assert f'data-testid="overdue-{late.pk}">terlambat 4 hari</span>' in listing
    assert f'data-testid="overdue-{on_time.pk}"' not in listing
    detail = client.get(reverse("culture:plan_detail", args=[late.pk])).content.decode()
    assert f'data-testid="overdue-{late.pk}">terlambat 4 hari</span>' in detail
    # Done is done, however late.
    client.post(
        reverse("culture:plan_detail", args=[late.pk]),
        {"status": "done", "progress_percent": 100, "progress_note": "selesai"},
    )
    assert ActionPlan.objects.get(pk=late.pk).status == "done"
    assert "terlambat" not in client.get(reverse("culture:plans")).content.decode()
