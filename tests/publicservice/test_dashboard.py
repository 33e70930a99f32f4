"""The SKM Pemda dashboard lists service units a page at a time; the OPD table and the Pemda's
figure still cover every unit."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from sikap.publicservice import domain, views
from tests.factories import make_unit

YEAR = dt.date.today().year


def test_unit_list_is_paged_and_totals_cover_every_unit(personas, client_for, monkeypatch):
    monkeypatch.setattr(views, "UNITS_PER_PAGE", 2)
    for i, value in enumerate((4, 3, 2)):
        unit = make_unit(
            personas.pemda, f"PKM-P{i}", f"Puskesmas P{i}", "puskesmas", parent=personas.opd_a
        )
        su, _ = domain.service_unit_ensure(actor=None, unit=unit)
        domain.skm_submit(
            service_unit=su,
            product=None,
            answers={f"U{k}": value for k in range(1, 10)},
            today=dt.date(YEAR, 1, 10),
        )
        domain.skm_recompute(service_unit_id=su.pk)
    client = client_for(personas.admin_pemda)
    url = reverse("publicservice:dashboard")
    first = client.get(url + f"?period={YEAR}").content.decode()
    second = client.get(url + f"?period={YEAR}&page=2").content.decode()
    assert "Puskesmas P0" in first and "Puskesmas P1" in first and "Puskesmas P2" not in first
    assert "Puskesmas P2" in second and "Puskesmas P0" not in second
    assert "Halaman 1 dari 2" in first
    assert f'href="?period={YEAR}&amp;page=2"' in first
    # (4 + 3 + 2) / 3 on every unsur: IKM 75,00 for the Pemda and for Dinas Kesehatan.
    for page in (first, second):
        assert 'data-testid="pemda-ikm">75,00 · C' in page
        assert 'Dinas Kesehatan</a> <span class="text-muted small">(3 unit layanan)' in page
    # A page number out of range or not a number shows the nearest page, never an error.
    assert "Puskesmas P2" in client.get(url + f"?period={YEAR}&page=99").content.decode()
    assert "Puskesmas P0" in client.get(url + f"?period={YEAR}&page=x²").content.decode()
