"""Pages of many rows cost the same number of queries as pages of few."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sikap.performance import domain
from tests.factories import EmployeeFactory


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_indicators(chain, n: int, start: int) -> None:
    for i in range(start, start + n):
        ind = domain.indicator_create(
            actor=None, sasaran=chain.opd_sasaran, code=f"X-{i}", name=f"Indikator {i}",
            kind="outcome", target=Decimal(10), supports=chain.iku,
        )  # fmt: skip
        domain.realisation_record(actor=None, indicator=ind, period="q1", value=Decimal(i))


def test_tree_index_and_pk_pages(chain, personas, client_for) -> None:
    client = client_for(personas.admin_pemda)
    add_indicators(chain, 1, 0)
    pages = [
        reverse("performance:tree") + "?year=2024",
        reverse("performance:index") + "?year=2024",
        reverse("performance:agreement", args=[chain.opd_pk.pk]),
    ]
    few = [count(client, url) for url in pages]
    add_indicators(chain, 3, 1)
    assert [count(client, url) for url in pages] == few


def test_skp_list_and_calibration(chain, personas, client_for) -> None:
    client = client_for(personas.pimpinan)
    pages = [
        reverse("performance:skp_list") + "?year=2024",
        reverse("performance:calibration", args=[chain.seksi.code]) + "?year=2024",
    ]

    def add(n: int) -> None:
        for _ in range(n):
            e = EmployeeFactory(pemda=personas.pemda, unit=chain.seksi, atasan=chain.kasi)
            domain.skp_create(actor=None, employee=e, year=2024)

    add(1)
    few = [count(client, url) for url in pages]
    add(3)
    assert [count(client, url) for url in pages] == few
