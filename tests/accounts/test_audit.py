from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import transaction
from django.urls import reverse

from sikap.core.audit import audit_record
from sikap.core.models import AuditLog
from sikap.org.tenancy import pemda_url

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def record(
    *, pemda, action, repr_, at, actor=None, before=None, after=None, object_type="org.orgunit"
):
    with transaction.atomic():
        row = audit_record(
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=1,
            object_repr=repr_,
            pemda_id=pemda.pk,
            before=before,
            after=after,
        )
    AuditLog.objects.filter(pk=row.pk).update(at=at)
    return row


@pytest.fixture
def rows(personas):
    p = personas
    # Building the personas' units is logged too; these tests read a log of the rows below only.
    AuditLog.objects.all().delete()
    return [
        record(
            pemda=p.pemda,
            action="unit.create",
            repr_="Dinas Kesehatan",
            actor=p.admin_pemda,
            at=dt.datetime(2024, 3, 1, 15, 30, tzinfo=UTC),
            after={"name": "Dinas Kesehatan"},
        ),
        record(
            pemda=p.pemda,
            action="unit.update",
            repr_="Disdukcapil",
            actor=p.admin_opd,
            at=dt.datetime(2024, 3, 2, 16, 30, tzinfo=UTC),
            before={"name": "Dukcapil", "code": "DUKCAPIL"},
            after={"name": "Disdukcapil", "code": "DUKCAPIL"},
        ),
        record(
            pemda=p.pemda,
            action="role.assign",
            repr_="penilai",
            object_type="accounts.roleassignment",
            at=dt.datetime(2024, 3, 5, 1, 0, tzinfo=UTC),
        ),
        record(
            pemda=p.other_pemda,
            action="unit.create",
            repr_="Setda Donggala",
            at=dt.datetime(2024, 3, 1, 1, 0, tzinfo=UTC),
        ),
    ]


def ids(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'data-audit="(\d+)"', html)]


def test_admin_pemda_sees_own_pemda_newest_first(personas, rows, client_for):
    html = client_for(personas.admin_pemda).get(reverse("accounts:audit")).content.decode()
    assert ids(html) == [rows[2].pk, rows[1].pk, rows[0].pk]


def test_outsider_sees_only_its_pemda(personas, rows, client_for):
    outsider = client_for(personas.outsider)
    assert outsider.get(reverse("accounts:audit")).status_code == 404
    html = outsider.get(pemda_url(personas.other_pemda, "accounts:audit")).content.decode()
    assert ids(html) == [rows[3].pk]
    assert "Dinas Kesehatan" not in html


@pytest.mark.parametrize("who", ["admin_opd", "pimpinan", "penilai", "pegawai"])
def test_other_roles_refused(personas, rows, client_for, who):
    before = AuditLog.objects.count()
    assert client_for(getattr(personas, who)).get(reverse("accounts:audit")).status_code == 403
    assert AuditLog.objects.count() == before


def test_times_shown_in_pemda_zone(personas, rows, client_for):
    html = client_for(personas.admin_pemda).get(reverse("accounts:audit")).content.decode()
    # 15:30 UTC is 23:30 WITA (Asia/Makassar, Palu's zone).
    assert '<time datetime="2024-03-01T23:30:00+08:00">01/03/2024 23:30 WITA</time>' in html
    personas.pemda.time_zone = "Asia/Jakarta"
    personas.pemda.save()
    html = client_for(personas.admin_pemda).get(reverse("accounts:audit")).content.decode()
    assert '<time datetime="2024-03-01T22:30:00+07:00">01/03/2024 22:30 WIB</time>' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"action": "unit.update"}, [1]),
        ({"object_type": "accounts.roleassignment"}, [2]),
        ({"q": "disduk"}, [1]),
        # Dates are days in WITA: 2024-03-02 16:30 UTC is 2024-03-03 00:30 WITA.
        ({"date_from": "2024-03-03", "date_to": "2024-03-05"}, [2, 1]),
        ({"date_to": "2024-03-02"}, [0]),
    ],
)
def test_filters(personas, rows, client_for, query, expected):
    html = client_for(personas.admin_pemda).get(reverse("accounts:audit"), query).content.decode()
    assert ids(html) == [rows[i].pk for i in expected]


def test_filter_by_actor(personas, rows, client_for):
    html = (
        client_for(personas.admin_pemda)
        .get(reverse("accounts:audit"), {"actor": personas.admin_opd.pk})
        .content.decode()
    )
    assert ids(html) == [rows[1].pk]


def test_reversed_date_range_is_explained(personas, rows, client_for):
    html = (
        client_for(personas.admin_pemda)
        .get(reverse("accounts:audit"), {"date_from": "2024-03-05", "date_to": "2024-03-01"})
        .content.decode()
    )
    assert "Tanggal awal harus sebelum tanggal akhir." in html
    assert ids(html) == [rows[2].pk, rows[1].pk, rows[0].pk]


def test_diff_marks_changed_fields(personas, rows, client_for):
    html = (
        client_for(personas.admin_pemda)
        .get(reverse("accounts:audit"), {"action": "unit.update"})
        .content.decode()
    )
    assert (
        '<tr class="table-warning"><td><code>name</code></td><td>Dukcapil</td><td>Disdukcapil</td></tr>'
        in html
    )
    assert "<tr><td><code>code</code></td><td>DUKCAPIL</td><td>DUKCAPIL</td></tr>" in html


@pytest.mark.parametrize("n", [1, 3])
def test_audit_query_count(personas, client_for, django_assert_num_queries, n):
    AuditLog.objects.all().delete()  # the personas' own setup rows
    for i in range(n):
        record(
            pemda=personas.pemda,
            action="x.y",
            repr_=f"r{i}",
            at=dt.datetime(2024, 1, 1, tzinfo=UTC),
        )
    client = client_for(personas.admin_pemda)
    # session, user, assignments, pemda, actions, types, actors, count, page
    with django_assert_num_queries(9):
        html = client.get(reverse("accounts:audit")).content.decode()
    assert len(ids(html)) == n
