from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sikap.org.models import Employee, OrgUnit
from sikap.org.quality import Category, find_cycles, quality_report
from sikap.org.queries import data_quality
from tests.factories import EmployeeFactory, make_unit

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 6, 1)


def report_for(pemda):
    return quality_report(
        employees=Employee.objects.filter(pemda=pemda),
        units=OrgUnit.objects.filter(pemda=pemda),
        today=TODAY,
    )


def subjects(report, category):
    return [(i.subject.kind, i.subject.id) for i in report.of(category)]


@pytest.fixture
def org(personas):
    """DINKES (head: Kepala Dinas, eselon II.b, no atasan: top official) > Puskesmas."""
    p = personas
    Employee.objects.all().delete()
    kadis = EmployeeFactory(pemda=p.pemda, unit=p.opd_a, name="Kepala Dinas", eselon="II.b")
    staff = EmployeeFactory(pemda=p.pemda, unit=p.puskesmas, name="Staf", atasan=kadis)
    capil = EmployeeFactory(pemda=p.pemda, unit=p.opd_b, name="Kadis Capil", eselon="II.b")
    return p, kadis, staff, capil


def test_clean_org_has_no_issues(org):
    p, *_ = org
    report = report_for(p.pemda)
    assert report.total == 0
    assert [c.count for c in report.counts] == [0, 0, 0, 0, 0, 0, 0]


def test_missing_atasan_spares_the_top_official(org):
    p, kadis, staff, capil = org
    lost = EmployeeFactory(pemda=p.pemda, unit=p.puskesmas, name="Tanpa Atasan")
    # Eselon in a sub-unit is not a top official.
    kapus = EmployeeFactory(pemda=p.pemda, unit=p.puskesmas, name="Kapus", eselon="IV.a")
    # Top unit without eselon is not a top official either.
    plain = EmployeeFactory(pemda=p.pemda, unit=p.opd_b, name="Pelaksana")
    report = report_for(p.pemda)
    assert subjects(report, Category.NO_ATASAN) == [
        ("employee", kapus.pk),
        ("employee", plain.pk),
        ("employee", lost.pk),
    ]


def test_unknown_atasan_nip(org):
    p, kadis, staff, capil = org
    orphan = EmployeeFactory(
        pemda=p.pemda, unit=p.puskesmas, name="Yatim", atasan_nip="199001012015011001"
    )
    issue = report_for(p.pemda).of(Category.UNKNOWN_ATASAN_NIP)
    assert [(i.subject.id, i.message) for i in issue] == [
        (
            orphan.pk,
            "NIP atasan 199001012015011001 milik Yatim tidak cocok dengan pegawai mana pun.",
        )
    ]
    assert subjects(report_for(p.pemda), Category.NO_ATASAN) == []


def test_cycles_of_any_length():
    assert find_cycles([(1, 2), (2, 1), (3, 4), (4, 5), (5, 3), (6, 3), (7, None), (8, 8)]) == [
        [1, 2],
        [3, 4, 5],
        [8],
    ]
    assert find_cycles([(1, 2), (2, 3), (3, None)]) == []


def test_reporting_cycle_reported_once(org):
    p, kadis, staff, capil = org
    a = EmployeeFactory(pemda=p.pemda, unit=p.puskesmas, name="A")
    b = EmployeeFactory(pemda=p.pemda, unit=p.puskesmas, name="B", atasan=a)
    a.atasan = b
    a.save()
    issues = report_for(p.pemda).of(Category.CYCLE)
    assert [i.message for i in issues] == ["Rantai atasan melingkar (2 orang): A → B → A"]
    assert (issues[0].subject.id, [r.id for r in issues[0].related]) == (a.pk, [b.pk])


def test_atasan_in_other_branch_warns(org):
    p, kadis, staff, capil = org
    odd = EmployeeFactory(pemda=p.pemda, unit=p.puskesmas, name="Salah Cabang", atasan=capil)
    # The head of a top unit reporting across branches (to the Sekda) is expected.
    kadis.atasan = capil
    kadis.save()
    issues = report_for(p.pemda).of(Category.ATASAN_OTHER_BRANCH)
    assert [(i.subject.id, i.is_warning) for i in issues] == [(odd.pk, True)]
    assert [r.id for r in issues[0].related] == [capil.pk, p.opd_b.pk]


def test_atasan_in_ancestor_unit_is_fine(org):
    p, kadis, staff, capil = org
    assert report_for(p.pemda).of(Category.ATASAN_OTHER_BRANCH) == ()


def test_employees_in_closed_units(org):
    p, kadis, staff, capil = org
    p.puskesmas.valid_to = dt.date(2025, 5, 31)
    p.puskesmas.merged_into = p.opd_a
    p.puskesmas.save()
    issues = report_for(p.pemda).of(Category.CLOSED_UNIT)
    assert [(i.subject.id, [r.id for r in i.related]) for i in issues] == [
        (staff.pk, [p.puskesmas.pk, p.opd_a.pk])
    ]
    # A unit closing today is still open today.
    p.puskesmas.valid_to = TODAY
    p.puskesmas.save()
    assert report_for(p.pemda).of(Category.CLOSED_UNIT) == ()


def test_duplicate_people(org):
    p, kadis, staff, capil = org
    born = dt.date(1980, 1, 2)
    one = EmployeeFactory(
        pemda=p.pemda, unit=p.opd_a, name="Siti Aminah", birth_date=born, atasan=kadis
    )
    two = EmployeeFactory(
        pemda=p.pemda, unit=p.opd_b, name="siti  AMINAH", birth_date=born, atasan=capil
    )
    EmployeeFactory(
        pemda=p.pemda,
        unit=p.opd_b,
        name="Siti Aminah",
        birth_date=dt.date(1981, 1, 2),
        atasan=capil,
    )
    EmployeeFactory(pemda=p.other_pemda, unit=p.other_unit, name="Siti Aminah", birth_date=born)
    issues = report_for(p.pemda).of(Category.DUPLICATE_PERSON)
    first, second = sorted([one, two], key=lambda e: e.nip)
    assert [(i.subject.id, [r.id for r in i.related]) for i in issues] == [(first.pk, [second.pk])]


def test_empty_units(org):
    p, *_ = org
    empty = make_unit(p.pemda, "KOSONG", "Bidang Kosong", "bidang", parent=p.opd_a)
    closed = make_unit(p.pemda, "TUTUP", "Bidang Tutup", "bidang", parent=p.opd_a)
    closed.valid_to = dt.date(2020, 1, 1)
    closed.save()
    assert subjects(report_for(p.pemda), Category.EMPTY_UNIT) == [("unit", empty.pk)]


def test_scoped_report_for_admin_opd(org):
    p, kadis, staff, capil = org
    outside = EmployeeFactory(pemda=p.pemda, unit=p.opd_b, name="Luar")
    inside = EmployeeFactory(pemda=p.pemda, unit=p.puskesmas, name="Dalam")
    report = data_quality(p.admin_opd, today=TODAY)
    assert subjects(report, Category.NO_ATASAN) == [("employee", inside.pk)]
    assert outside.pk not in [i.subject.id for i in report.issues]
    assert data_quality(p.outsider, today=TODAY).of(Category.NO_ATASAN) == ()


def test_quality_page_counts_and_links(org, client_for):
    p, kadis, staff, capil = org
    lost = EmployeeFactory(pemda=p.pemda, unit=p.puskesmas, name="Tanpa Atasan")
    html = client_for(p.admin_opd).get(reverse("org:data_quality")).content.decode()
    assert f'<div class="fs-4 fw-bold" data-category="{Category.NO_ATASAN}">1</div>' in html
    assert (
        f'<a href="{reverse("org:employee_detail", args=[lost.pk])}">Tanpa Atasan ({lost.nip})</a>'
        in html
    )


def test_quality_page_refused(org, client_for):
    p, *_ = org
    assert client_for(None).get(reverse("org:data_quality")).status_code == 302
    assert client_for(p.pegawai).get(reverse("org:data_quality")).status_code == 403
    html = client_for(p.outsider).get(reverse("org:data_quality")).content.decode()
    assert "Kepala Dinas" not in html and "Dinas Kesehatan" not in html


@pytest.mark.parametrize("n", [1, 3])
def test_quality_page_query_count(org, client_for, django_assert_num_queries, n):
    p, *_ = org
    for i in range(n):
        EmployeeFactory(
            pemda=p.pemda, unit=p.puskesmas, name=f"Lost {i}", atasan_nip=f"1990010120150110{i:02d}"
        )
        EmployeeFactory(pemda=p.pemda, unit=p.puskesmas, name=f"Nobody {i}")
    client = client_for(p.admin_pemda)
    # the Pemda by its code, session, user, assignments + one query per check (cycles: pemdas,
    # pairs)
    with django_assert_num_queries(12):
        client.get(reverse("org:data_quality"))


def test_quality_page_previews_then_pages_one_category(org, client_for):
    p, *_ = org
    for i in range(60):
        EmployeeFactory(pemda=p.pemda, unit=p.puskesmas, name=f"Lost {i:02d}")
    client = client_for(p.admin_pemda)
    html = client.get(reverse("org:data_quality")).content.decode()
    assert html.count(f'data-issue="{Category.NO_ATASAN}"') == 10
    assert "Lihat semua 60" in html
    html = client.get(
        reverse("org:data_quality"), {"kategori": Category.NO_ATASAN}
    ).content.decode()
    assert html.count(f'data-issue="{Category.NO_ATASAN}"') == 50
    html = client.get(
        reverse("org:data_quality"), {"kategori": Category.NO_ATASAN, "page": 2}
    ).content.decode()
    assert html.count(f'data-issue="{Category.NO_ATASAN}"') == 10
    assert "Lost 59" in html
