"""Public-service pages cost the same number of queries whatever the number of service units."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sikap.org.domain import unit_create
from sikap.publicservice import domain
from sikap.rules import ombudsman_checklist

YEAR = dt.date.today().year
ITEM_CODES = ombudsman_checklist.checklist(YEAR).codes


def add_service_units(personas, first: int, count: int) -> list:
    """`count` UPTs under OPD B, each with an answer, an Ombudsman item and a PEKPPP form."""
    added = []
    for i in range(first, first + count):
        unit = unit_create(
            actor=None,
            pemda=personas.pemda,
            code=f"UPT{i}",
            name=f"UPT {i}",
            kind="upt",
            parent=personas.opd_b,
        )
        su, _ = domain.service_unit_ensure(actor=None, unit=unit)
        product = domain.service_product_create(actor=None, service_unit=su, name="Layanan")
        domain.skm_submit(
            service_unit=su,
            product=product,
            answers={f"U{j}": 3 for j in range(1, 10)},
            today=dt.date(YEAR, 1, 5),
        )
        assessment = domain.ombudsman_assessment_ensure(actor=None, service_unit=su, year=YEAR)
        domain.ombudsman_item_set(actor=None, assessment=assessment, code=ITEM_CODES[0], score=3)
        domain.pekppp_evaluation_ensure(actor=None, service_unit=su, year=YEAR)
        added.append(su)
    return added


def query_counts(client, personas, su) -> dict[str, int]:
    pages = {
        "dashboard": f"/p/palu/layanan/?periode={YEAR}",
        "org": f"/p/palu/layanan/org/{personas.opd_b.pk}/?periode={YEAR}",
        "unit": f"/p/palu/layanan/unit/{su.pk}/?periode={YEAR}",
        "units excel": f"/p/palu/layanan/laporan.xlsx?periode={YEAR}",
        "ombudsman": f"/p/palu/layanan/ombudsman/?tahun={YEAR}",
        "ombudsman unit": f"/p/palu/layanan/unit/{su.pk}/ombudsman/?tahun={YEAR}",
        "pekppp": f"/p/palu/layanan/pekppp/?tahun={YEAR}",
        "pekppp unit": f"/p/palu/layanan/unit/{su.pk}/pekppp/?tahun={YEAR}",
    }
    counts = {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, name
        counts[name] = len(queries.captured_queries)
    return counts


def test_pages_cost_the_same_with_two_or_twelve_service_units(personas, client_for):
    client = client_for(personas.admin_pemda)
    first = add_service_units(personas, 0, 2)[0]
    few = query_counts(client, personas, first)
    add_service_units(personas, 2, 10)
    assert query_counts(client, personas, first) == few
