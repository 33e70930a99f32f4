"""The accounts pages (users and roles, a user's roles) render their forms through the one form
style: a bad value comes back next to its field, tied to it with aria-describedby, and nothing
is stored."""

from __future__ import annotations

import re

from django.urls import reverse

from sikap.accounts.models import RoleAssignment, User
from sikap.accounts.roles import Role
from sikap.core.models import AuditLog


def field_error(html: str, field_id: str) -> str:
    widget = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{re.escape(field_id)}"[^>]*>', html)
    assert widget is not None, f"no field {field_id}"
    tag = widget.group(0)
    assert f'aria-describedby="{field_id}-error"' in tag, tag
    assert 'aria-invalid="true"' in tag and "is-invalid" in tag, tag
    error = re.search(rf'<div[^>]*id="{re.escape(field_id)}-error"[^>]*>([^<]*)</div>', html)
    assert error is not None, f"no error for {field_id}"
    return error.group(1)


def test_the_roles_page_shows_the_create_form_in_the_one_style(personas, client_for):
    html = client_for(personas.admin_pemda).get(reverse("accounts:roles")).content.decode()
    assert (
        '<input type="text" name="nip" inputmode="numeric" maxlength="30" class="form-control"'
        ' required id="id_nip">'
    ) in html
    assert '<label class="form-label" for="id_email">Email</label>' in html


def test_a_bad_nip_is_shown_next_to_its_field_and_no_account_is_made(personas, client_for):
    users, audits = User.objects.count(), AuditLog.objects.count()
    response = client_for(personas.admin_pemda).post(
        reverse("accounts:user_create"), {"nip": "12345", "email": "bukan-email"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, "id_email") == "Masukkan alamat email dengan format yang benar."
    assert field_error(html, "id_nip")
    assert (User.objects.count(), AuditLog.objects.count()) == (users, audits)


def test_the_unit_picker_offers_the_pemda_units_and_keeps_the_choice(personas, client_for):
    client = client_for(personas.admin_pemda)
    url = reverse("accounts:user_detail", args=[personas.pegawai.pk])
    html = client.get(url).content.decode()
    picker = re.search(r'<select name="unit"[^>]*>.*?</select>', html, re.S)
    assert picker is not None
    assert 'data-searchable="Cari unit…"' in picker.group(0)
    assert 'class="form-select"' in picker.group(0)
    assert f'<option value="{personas.opd_b.pk}">' in picker.group(0)
    assert f'<option value="{personas.other_unit.pk}"' not in picker.group(0)
    # A refused assignment keeps the unit chosen.
    response = client.post(url, {"role": "nope", "unit": personas.opd_b.pk})
    assert f'<option value="{personas.opd_b.pk}" selected>' in response.content.decode()


def test_a_unit_of_another_pemda_is_shown_next_to_the_unit_field(personas, client_for):
    before = RoleAssignment.objects.count()
    response = client_for(personas.admin_pemda).post(
        reverse("accounts:user_detail", args=[personas.pegawai.pk]),
        {"role": Role.PENILAI, "unit": personas.other_unit.pk},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, "id_unit") == "Unit tidak ditemukan di pemda Anda."
    assert RoleAssignment.objects.count() == before
    response = client_for(personas.admin_pemda).post(
        reverse("accounts:user_detail", args=[personas.pegawai.pk]),
        {"role": "bukan-peran", "unit": ""},
    )
    assert field_error(response.content.decode(), "id_role") == (
        "Masukkan pilihan yang valid. bukan-peran bukan salah satu dari pilihan yang tersedia."
    )
    assert RoleAssignment.objects.count() == before


def test_the_audit_filter_shows_a_bad_date_next_to_its_field(personas, client_for):
    html = (
        client_for(personas.admin_pemda)
        .get(reverse("accounts:audit"), {"date_from": "31/02/2024"})
        .content.decode()
    )
    assert field_error(html, "id_date_from") == (
        "Tanggal harus ditulis hh/bb/tttt, mis. 04/12/2026."
    )
    assert 'placeholder="dd/mm/yyyy"' in html
    assert '<select name="actor" class="form-select" id="id_actor">' in html


def test_the_user_search_box_is_a_labelled_field_keeping_the_query(personas, client_for):
    html = (
        client_for(personas.admin_pemda)
        .get(reverse("accounts:roles"), {"q": "Pega<wai"})
        .content.decode()
    )
    assert '<label class="visually-hidden" for="id_q">Cari pengguna</label>' in html
    assert (
        '<input type="search" name="q" value="Pega&lt;wai" class="form-control form-control-sm"'
        ' placeholder="Nama, NIP atau email" maxlength="100" id="id_q">'
    ) in html
