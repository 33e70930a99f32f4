from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sikap.accounts.models import RoleAssignment, User
from sikap.core.models import AuditLog
from sikap.core.roles import Role
from sikap.org.tenancy import pemda_url, public_reverse
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def state() -> tuple[list[tuple[int, str, int | None]], int, int]:
    assignments = sorted(RoleAssignment.objects.values_list("user_id", "role", "unit_id"))
    return assignments, User.objects.count(), AuditLog.objects.count()


def test_roles_page_lists_users_of_own_pemda(personas, client_for):
    html = client_for(personas.admin_pemda).get(reverse("accounts:roles")).content.decode()
    users = [int(x) for x in re.findall(r'data-user="(\d+)"', html)]
    expected = sorted(
        [
            personas.admin_pemda,
            personas.admin_opd,
            personas.pimpinan,
            personas.penilai,
            personas.pegawai,
        ],
        key=lambda u: (u.full_name, u.username),
    )
    assert users == [u.pk for u in expected]
    assert "Admin OPD · DINKES" in html


def test_roles_page_query_count(personas, client_for, django_assert_max_num_queries):
    client = client_for(personas.admin_pemda)
    with django_assert_max_num_queries(12) as ctx:
        client.get(reverse("accounts:roles"))
    baseline = len(ctx.captured_queries)
    for i in range(3):
        u = User.objects.create_user(f"extra{i}", pemda=personas.pemda)
        u.role_assignments.create(pemda=personas.pemda, role=Role.PIMPINAN, unit=personas.opd_b)
    with django_assert_max_num_queries(baseline):
        client.get(reverse("accounts:roles"))


def test_admin_pemda_assigns_role_on_unit(personas, client_for):
    p = personas
    response = client_for(p.admin_pemda).post(
        reverse("accounts:user_detail", args=[p.pegawai.pk]),
        {"role": Role.PENILAI, "unit": p.opd_b.pk},
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=p.pegawai, role=Role.PENILAI)
    assert (assignment.unit_id, assignment.pemda_id, assignment.created_by_id) == (
        p.opd_b.pk,
        p.pemda.pk,
        p.admin_pemda.pk,
    )
    log = AuditLog.objects.get(action="role.assign")
    assert log.actor_id == p.admin_pemda.pk
    assert log.after["unit_id"] == p.opd_b.pk


def test_assign_with_unit_of_other_pemda_is_refused(personas, client_for):
    p = personas
    before = state()
    response = client_for(p.admin_pemda).post(
        reverse("accounts:user_detail", args=[p.pegawai.pk]),
        {"role": Role.PENILAI, "unit": p.other_unit.pk},
    )
    assert response.status_code == 400
    assert state() == before


def test_assign_admin_opd_without_unit_shows_rule(personas, client_for):
    p = personas
    before = state()
    response = client_for(p.admin_pemda).post(
        reverse("accounts:user_detail", args=[p.pegawai.pk]), {"role": Role.ADMIN_OPD, "unit": ""}
    )
    assert response.status_code == 400
    assert "Peran ini harus diberikan pada sebuah unit." in response.content.decode()
    assert state() == before


def test_admin_pemda_revokes(personas, client_for):
    p = personas
    assignment = p.penilai.role_assignments.get()
    response = client_for(p.admin_pemda).post(reverse("accounts:role_revoke", args=[assignment.pk]))
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert AuditLog.objects.get(action="role.revoke").before["role"] == Role.PENILAI


@pytest.mark.parametrize("who", ["admin_opd", "pimpinan", "penilai", "pegawai"])
def test_other_roles_cannot_manage_roles(personas, client_for, who):
    p = personas
    client = client_for(getattr(p, who))
    assignment = p.penilai.role_assignments.get()
    before = state()
    assert client.get(reverse("accounts:roles")).status_code == 403
    assert (
        client.post(
            reverse("accounts:user_detail", args=[p.pegawai.pk]),
            {"role": Role.ADMIN_PEMDA, "unit": ""},
        ).status_code
        == 403
    )
    assert client.post(reverse("accounts:role_revoke", args=[assignment.pk])).status_code == 403
    assert client.post(reverse("accounts:user_create"), {"nip": p.employee.nip}).status_code == 403
    assert state() == before


def test_outsider_gets_404_on_palu_ids(personas, client_for):
    p = personas
    client = client_for(p.outsider)
    assignment = p.penilai.role_assignments.get()
    before = state()
    # Palu's pages do not exist for them…
    assert client.get(reverse("accounts:roles")).status_code == 404
    assert client.post(reverse("accounts:user_create"), {"nip": p.employee.nip}).status_code == 404
    # …and under their own Pemda's address Palu's ids are missing too.
    for pemda in (p.pemda, p.other_pemda):
        user_detail = pemda_url(pemda, "accounts:user_detail", p.pegawai.pk)
        assert client.get(user_detail).status_code == 404
        assert client.post(user_detail, {"role": Role.PENILAI, "unit": ""}).status_code == 404
        revoke = pemda_url(pemda, "accounts:role_revoke", assignment.pk)
        assert client.post(revoke).status_code == 404
    response = client.post(
        pemda_url(p.other_pemda, "accounts:user_create"), {"nip": p.employee.nip}
    )
    assert response.status_code == 400
    assert (
        f"Tidak ada pegawai dengan NIP {p.employee.nip} di pemda Anda." in response.content.decode()
    )
    html = client.get(pemda_url(p.other_pemda, "accounts:roles")).content.decode()
    assert re.findall(r'data-user="(\d+)"', html) == [str(p.outsider.pk)]
    assert state() == before


def test_anonymous_is_sent_to_login(personas, client_for):
    p = personas
    client = client_for(None)
    assignment = p.penilai.role_assignments.get()
    before = state()
    for response in [
        client.get(reverse("accounts:roles")),
        client.post(reverse("accounts:user_detail", args=[p.pegawai.pk]), {"role": Role.PENILAI}),
        client.post(reverse("accounts:role_revoke", args=[assignment.pk])),
        client.post(reverse("accounts:user_create"), {"nip": p.employee.nip}),
        client.get(reverse("accounts:audit")),
    ]:
        assert response.status_code == 302
        assert response["Location"].startswith(public_reverse("accounts:login") + "?next=/p/palu/")
    assert state() == before


def test_create_user_for_employee_with_generated_password(personas, client_for):
    p = personas
    employee = EmployeeFactory(pemda=p.pemda, unit=p.opd_b, name="Sari Wulandari")
    response = client_for(p.admin_pemda).post(
        reverse("accounts:user_create"), {"nip": employee.nip, "email": "sari@palu.go.id"}
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    password = re.search(
        r'<code id="initial-password">([^<]+)</code>', response.content.decode()
    ).group(1)
    user = User.objects.get(username=employee.nip)
    assert (user.nip, user.email, user.full_name, user.employee_id, user.pemda_id) == (
        employee.nip,
        "sari@palu.go.id",
        "Sari Wulandari",
        employee.pk,
        p.pemda.pk,
    )
    assert user.check_password(password)
    assert list(user.role_assignments.values_list("role", "unit_id")) == [
        (Role.PEGAWAI, p.opd_b.pk)
    ]
    log = AuditLog.objects.get(action="user.create")
    assert password not in str(log.after)
    assert log.after["username"] == employee.nip


def test_create_user_twice_is_refused(personas, client_for):
    before = state()
    response = client_for(personas.admin_pemda).post(
        reverse("accounts:user_create"), {"nip": personas.employee.nip}
    )
    assert response.status_code == 400
    assert "Pegawai ini sudah memiliki akun." in response.content.decode()
    assert state() == before


def test_create_user_weak_password_is_refused(personas, client_for):
    employee = EmployeeFactory(pemda=personas.pemda, unit=personas.opd_b)
    before = state()
    response = client_for(personas.admin_pemda).post(
        reverse("accounts:user_create"), {"nip": employee.nip, "password": "123"}
    )
    assert response.status_code == 400
    assert state() == before


def test_admin_cannot_revoke_own_admin_role(personas, client_for):
    p = personas
    own = p.admin_pemda.role_assignments.get()
    before = state()
    response = client_for(p.admin_pemda).post(
        reverse("accounts:role_revoke", args=[own.pk]), follow=True
    )
    assert "Anda tidak dapat mencabut peran Admin Pemda milik sendiri." in response.content.decode()
    assert state() == before


def test_user_detail_lists_assignments_with_revoke_buttons(personas, client_for):
    p = personas
    html = (
        client_for(p.admin_pemda)
        .get(reverse("accounts:user_detail", args=[p.admin_opd.pk]))
        .content.decode()
    )
    own = p.admin_opd.role_assignments.get()
    assert f'action="{reverse("accounts:role_revoke", args=[own.pk])}"' in html
    assert "Admin OPD — DINKES · Dinas Kesehatan (dan sub-unitnya)" in html
    assert f'<option value="{p.other_unit.pk}"' not in html
    assert (
        f'<option value="{p.puskesmas.pk}">— DINKES-PKM-KAMONJI · Puskesmas Kamonji</option>'
        in html
    )
