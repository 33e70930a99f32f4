from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sikap.accounts.domain import user_create, user_create_for_employee
from sikap.accounts.models import RoleAssignment, User
from sikap.core.models import AuditLog
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def counts():
    return User.objects.count(), RoleAssignment.objects.count(), AuditLog.objects.count()


def test_creates_user_role_and_two_audit_rows(personas):
    p = personas
    employee = EmployeeFactory(pemda=p.pemda, unit=p.opd_b, name="Rina")
    setup = AuditLog.objects.count()
    user, password = user_create_for_employee(
        actor=p.admin_pemda, employee=employee, email="rina@palu.go.id", password="Kuat-Sekali-2024"
    )
    assert password == "Kuat-Sekali-2024"
    assert (user.username, user.nip, user.employee_id, user.pemda_id) == (
        employee.nip,
        employee.nip,
        employee.pk,
        p.pemda.pk,
    )
    assert list(AuditLog.objects.order_by("id").values_list("action", "actor_id")[setup:]) == [
        ("user.create", p.admin_pemda.pk),
        ("role.assign", p.admin_pemda.pk),
    ]


def test_generated_password_is_long_and_random(personas):
    a = EmployeeFactory(pemda=personas.pemda, unit=personas.opd_b)
    b = EmployeeFactory(pemda=personas.pemda, unit=personas.opd_b)
    _, pa = user_create_for_employee(actor=None, employee=a)
    _, pb = user_create_for_employee(actor=None, employee=b)
    assert len(pa) >= 16 and pa != pb


def test_every_problem_reported_together_and_nothing_stored(personas):
    p = personas
    before = counts()
    with pytest.raises(ValidationError) as exc:
        user_create_for_employee(
            actor=p.admin_pemda, employee=p.employee, email=p.admin_opd.email, password="1"
        )
    errors = exc.value.message_dict
    assert errors["employee"][0] == "Pegawai ini sudah memiliki akun."
    assert errors["email"] == [f"Email {p.admin_opd.email} sudah dipakai akun lain."]
    assert errors["password"]
    assert counts() == before


def test_user_create_refuses_employee_of_other_pemda(personas):
    before = counts()
    with pytest.raises(ValidationError):
        user_create(
            actor="test",
            username="x",
            password="x",
            pemda=personas.other_pemda,
            employee=personas.employee,
        )
    assert counts() == before
