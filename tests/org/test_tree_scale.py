"""The unit tree stays cheap at Pemda scale: 5,000 units, a fixed number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.org.models import Employee, OrgUnit, path_segment

pytestmark = pytest.mark.django_db

OPDS = 50
SUBUNITS = 99  # 50 + 50 × 99 = 5,000 units


def build(pemda):
    opds = OrgUnit.objects.bulk_create(
        OrgUnit(pemda=pemda, code=f"OPD{i:02d}", name=f"OPD {i:02d}", kind="dinas")
        for i in range(OPDS)
    )
    for u in opds:
        u.path = path_segment(u.pk)
    OrgUnit.objects.bulk_update(opds, ["path"])
    subs = OrgUnit.objects.bulk_create(
        OrgUnit(
            pemda=pemda,
            code=f"OPD{i:02d}-{j:02d}",
            name=f"Bidang {i}.{j}",
            kind="bidang",
            parent=opd,
            depth=1,
        )
        for i, opd in enumerate(opds)
        for j in range(SUBUNITS)
    )
    by_id = {u.pk: u for u in opds}
    for u in subs:
        u.path = by_id[u.parent_id].path + path_segment(u.pk)
    OrgUnit.objects.bulk_update(subs, ["path"], batch_size=1000)
    Employee.objects.bulk_create(
        Employee(pemda=pemda, nip=f"19700101199001{n:04d}", name=f"P{n}", kind="pns", unit=u)
        for n, u in enumerate(subs)
    )
    return opds


def test_tree_with_5000_units(personas, client_for, django_assert_max_num_queries):
    p = personas
    opds = build(p.pemda)
    assert OrgUnit.objects.filter(pemda=p.pemda).count() == 5003
    client = client_for(p.admin_pemda)
    with django_assert_max_num_queries(8):
        html = client.get(reverse("org:unit_tree")).content.decode()
    assert html.count("data-unit=") == OPDS + 2
    assert "0 / 99" in html  # each OPD: none directly, 99 in its bidang
    # +1 since pages live under /p/<pemda>/: the Pemda looked up by its code
    with django_assert_max_num_queries(8):
        html = client.get(reverse("org:unit_children", args=[opds[0].pk])).content.decode()
    assert html.count("data-unit=") == SUBUNITS
    assert html.count("1 / 1") == SUBUNITS
