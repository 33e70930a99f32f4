"""The import upload page renders its form through the one form style: the kind of data is a
radio group under its legend, and a refused file is shown next to its field with nothing stored."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.form_style import field_error
from tests.org.test_import_views import state


def test_the_upload_form_is_rendered_in_the_one_style(personas, client_for):
    html = client_for(personas.admin_pemda).get(reverse("org_import:upload")).content.decode()
    assert '<legend class="form-label fs-6">Data yang diimpor</legend>' in html
    assert (
        '<input type="radio" name="what" value="employees" class="form-check-input"'
        ' required id="id_what_1" checked>'
    ) in html
    assert '<label class="form-label" for="id_file">Berkas CSV atau XLSX</label>' in html
    assert (
        '<input type="file" name="file" accept=".csv,.xlsx,text/csv" class="form-control"'
        ' required id="id_file">'
    ) in html


def test_a_refused_file_is_shown_at_its_field_and_nothing_is_queued(personas, client_for):
    before = state()
    response = client_for(personas.admin_pemda).post(
        reverse("org_import:upload"),
        {"what": "employees", "file": SimpleUploadedFile("pegawai.pdf", b"%PDF")},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, "id_file") == (
        "Jenis berkas tidak didukung (pegawai.pdf); gunakan .csv atau .xlsx."
    )
    assert state() == before


def test_a_bad_kind_is_shown_at_the_radio_group_and_nothing_is_queued(personas, client_for):
    before = state()
    response = client_for(personas.admin_pemda).post(
        reverse("org_import:upload"),
        {"what": "jabatan", "file": SimpleUploadedFile("pegawai.csv", b"nip\n")},
    )
    assert response.status_code == 400
    html = response.content.decode()
    for radio in ("id_what_0", "id_what_1"):
        assert re.search(rf'<input [^>]*aria-describedby="id_what-error"[^>]*id="{radio}"', html)
    error = re.search(
        r'<div class="invalid-feedback d-block" id="id_what-error"[^>]*>([^<]*)</div>', html
    )
    assert error is not None
    assert error.group(1) == (
        "Masukkan pilihan yang valid. jabatan bukan salah satu dari pilihan yang tersedia."
    )
    assert state() == before
