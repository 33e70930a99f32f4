"""The employee list filter renders through the one form style: the searchable unit picker
keeps the chosen unit, and a garbled value is shown next to its field while the list still
shows (a stale link lists something)."""

from __future__ import annotations

import re

from django.urls import reverse


def test_the_unit_picker_keeps_the_choice_and_a_bad_value_is_marked(personas, client_for):
    client = client_for(personas.admin_pemda)
    url = reverse("org:employee_list")
    html = client.get(url, {"unit": personas.opd_a.pk}).content.decode()
    picker = re.search(r'<select name="unit"[^>]*>.*?</select>', html, re.S)
    assert picker is not None
    assert 'data-searchable="Cari unit…"' in picker.group(0) and 'id="id_unit"' in picker.group(0)
    assert f'<option value="{personas.opd_a.pk}" selected>' in picker.group(0)
    assert '<input type="search" name="q" maxlength="100" class="form-control" id="id_q">' in html
    response = client.get(url, {"unit": "abc"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-describedby="id_unit-error"' in html
    assert (
        '<div class="invalid-feedback d-block" id="id_unit-error" role="alert">'
        "Masukkan bilangan bulat dengan angka 0–9.</div>"
    ) in html
    assert personas.employee.name in html  # the list is still shown, unfiltered
