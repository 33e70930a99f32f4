"""One form style: framework widgets, dates as dd/mm/yyyy, long unit lists searchable."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.conftest import browser_login
from tests.factories import TEST_PASSWORD, make_unit


@pytest.mark.django_db
def test_the_campaign_form_uses_the_framework_widgets(personas, client_for):
    html = client_for(personas.admin_pemda).get(reverse("culture:campaign_new")).content.decode()
    assert (
        '<input type="text" name="code" maxlength="40" class="form-control" required id="id_code">'
        in html
    )
    assert html.count('class="form-select') >= 2  # kind and sample method at least
    assert 'name="period_start"' in html and 'placeholder="dd/mm/yyyy"' in html
    assert 'type="date"' not in html
    assert 'data-searchable="Cari unit…"' in html  # the target units


@pytest.mark.django_db
def test_a_refused_field_is_marked_and_described(personas, client_for):
    html = (
        client_for(personas.admin_pemda)
        .post(reverse("culture:campaign_new"), {"code": "c1", "period_start": "31/02/2026"})
        .content.decode()
    )
    assert 'aria-invalid="true" aria-describedby="id_period_start-error"' in html
    assert 'id="id_period_start-error" role="alert">Tanggal harus ditulis hh/bb/tttt' in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_typing_narrows_a_long_unit_list(page, live_server, personas, transactional_db):
    for i in range(30):
        make_unit(
            personas.pemda, f"UPT-{i:02d}", f"UPT Pasar {i:02d}", "upt", parent=personas.opd_a
        )
    make_unit(personas.pemda, "UPT-LAB", "UPT Laboratorium Kesehatan", "upt", parent=personas.opd_a)
    browser_login(page, live_server.url, "admin-pemda", TEST_PASSWORD)
    page.goto(f"{live_server.url}/p/palu/organisasi/pegawai/")
    search = page.get_by_label("Cari unit…")
    visible = "Array.from(document.querySelectorAll('#id_unit option')).filter(o => !o.hidden).map(o => o.text)"
    everything = page.evaluate(visible)
    assert len(everything) > 30
    search.fill("lab kes")
    assert page.evaluate(visible) == [everything[0], "— UPT-LAB · UPT Laboratorium Kesehatan"]
    search.fill("")
    assert page.evaluate(visible) == everything
    assert page.csp_errors == []


def test_no_template_renders_a_form_in_django_s_default_markup():
    # `form.as_div` / `as_p` / `as_table` / `as_ul` and a bare `{{ form }}` skip the one form
    # style (framework classes, each error tied to its field with aria-describedby).
    from pathlib import Path

    from django.conf import settings

    pattern = re.compile(r"\{\{\s*(\w+\.)*(form|\w+_form)(\.as_(div|p|table|ul))?\s*\}\}")
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)}"
        for path in sorted((Path(settings.BASE_DIR) / "src" / "sikap").rglob("*.html"))
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
