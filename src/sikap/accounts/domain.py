"""Writes on users and role assignments: atomic and audited."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.accounts.models import RoleAssignment, User
from sikap.accounts.roles import Role
from sikap.accounts.scoping import forget
from sikap.core.audit import audit_record, audited_save, snapshot
from sikap.org.models import Employee, OrgUnit, Pemda


def user_is_locked(*, user: User, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return user.locked_until is not None and user.locked_until > now


def user_record_failed_login(*, user: User) -> bool:
    """Count a failed login; lock the account after too many. Returns True when now locked."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1)
        user.refresh_from_db(fields=["failed_logins", "locked_until"])
        if user.failed_logins >= settings.SIKAP_LOGIN_MAX_FAILURES:
            user.locked_until = timezone.now() + dt.timedelta(
                minutes=settings.SIKAP_LOGIN_LOCKOUT_MINUTES
            )
            user.failed_logins = 0
            user.save(update_fields=["locked_until", "failed_logins"])
            audit_record(
                actor="system",
                action="user.locked",
                obj=user,
                after={"locked_until": user.locked_until.isoformat()},
            )
            return True
    return False


def user_record_successful_login(*, user: User) -> None:
    if user.failed_logins or user.locked_until:
        User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)


def role_assign(
    *, actor: User | None, user: User, pemda: Pemda, role: str, unit: OrgUnit | None
) -> RoleAssignment:
    if role not in Role.values:
        raise ValidationError(_("Peran tidak dikenal: %(role)s") % {"role": role})
    if unit is not None and unit.pemda_id != pemda.pk:
        raise ValidationError(_("Unit tidak termasuk pemda ini."))
    if user.pemda_id is not None and user.pemda_id != pemda.pk:
        raise ValidationError(_("Pengguna ini milik pemda lain."))
    if role == Role.ADMIN_PEMDA and unit is not None:
        raise ValidationError(_("Admin Pemda berlaku untuk seluruh pemda; kosongkan unit."))
    if role in {Role.ADMIN_OPD, Role.PENILAI} and unit is None:
        raise ValidationError(_("Peran ini harus diberikan pada sebuah unit."))
    with transaction.atomic():
        existing = RoleAssignment.objects.filter(user=user, role=role, unit=unit).first()
        if existing is not None:
            raise ValidationError(_("Pengguna sudah memiliki peran ini pada unit tersebut."))
        assignment = RoleAssignment.objects.create(
            user=user, pemda=pemda, role=role, unit=unit, created_by=actor
        )
        audit_record(
            actor=actor,
            action="role.assign",
            obj=assignment,
            pemda_id=pemda.pk,
            after=snapshot(assignment, ["user", "role", "unit", "pemda"]),
        )
    forget(user)
    return assignment


def role_revoke(*, actor: User | None, assignment: RoleAssignment) -> None:
    with transaction.atomic():
        before = snapshot(assignment, ["user", "role", "unit", "pemda"])
        audit_record(
            actor=actor,
            action="role.revoke",
            obj=assignment,
            pemda_id=assignment.pemda_id,
            before=before,
        )
        assignment.delete()
    forget(assignment.user)


GENERATED_PASSWORD_BYTES = 12


def user_create_for_employee(
    *,
    actor: User | None,
    employee: Employee,
    email: str = "",
    password: str | None = None,
) -> tuple[User, str]:
    """Create the login of `employee` (username = NIP) with the Pegawai role on their unit.

    Without `password` a random one is generated. Returns the user and the initial password,
    which the caller shows once; it is never stored or audited in clear.
    """
    email = email.strip()
    errors: dict[str, list[str]] = {}
    if User.objects.filter(employee=employee).exists():
        errors.setdefault("employee", []).append(_("Pegawai ini sudah memiliki akun."))
    if User.objects.filter(Q(username=employee.nip) | Q(nip=employee.nip)).exists():
        errors.setdefault("employee", []).append(
            _("Sudah ada akun dengan NIP %(nip)s.") % {"nip": employee.nip}
        )
    if email and User.objects.filter(email__iexact=email).exists():
        errors.setdefault("email", []).append(
            _("Email %(email)s sudah dipakai akun lain.") % {"email": email}
        )
    user = User(
        username=employee.nip,
        nip=employee.nip,
        email=email,
        full_name=employee.name,
        pemda_id=employee.pemda_id,
        employee=employee,
    )
    if password is None:
        password = secrets.token_urlsafe(GENERATED_PASSWORD_BYTES)
    else:
        try:
            validate_password(password, user=user)
        except ValidationError as exc:
            errors.setdefault("password", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    with transaction.atomic():
        _user_insert(actor, user)
        role_assign(
            actor=actor, user=user, pemda=employee.pemda, role=Role.PEGAWAI, unit=employee.unit
        )
    return user, password


def user_token_create(
    *, actor: User | str | None, user: User, rotate: bool = False
) -> tuple[str, bool]:
    """The user's API token, created (or replaced with `rotate`); returns (key, created)."""
    from rest_framework.authtoken.models import Token

    with transaction.atomic():
        existing = Token.objects.filter(user=user).first()
        if existing is not None and not rotate:
            return existing.key, False
        if existing is not None:
            existing.delete()
        token = Token.objects.create(user=user)
        audit_record(
            actor=actor,
            action="token.rotate" if existing is not None else "token.create",
            obj=user,
            pemda_id=user.pemda_id,
        )
    return token.key, True


def user_create(
    *,
    actor: User | str | None,
    username: str,
    password: str,
    pemda: Pemda,
    email: str = "",
    full_name: str = "",
    employee: Employee | None = None,
) -> User:
    """Create a login (no role yet); for seeding and administration outside an employee import."""
    if employee is not None and employee.pemda_id != pemda.pk:
        raise ValidationError(_("Pegawai berasal dari pemda lain."))
    if User.objects.filter(username=username).exists():
        raise ValidationError(_("Nama pengguna %(u)s sudah dipakai.") % {"u": username})
    user = User(
        username=username,
        email=email.strip(),
        full_name=full_name or (employee.name if employee is not None else ""),
        pemda=pemda,
        employee=employee,
        nip=employee.nip if employee is not None else "",
    )
    user.set_password(password)
    with transaction.atomic():
        _user_insert(actor, user)
    return user


def _user_insert(actor: User | str | None, user: User) -> None:
    """Insert a new login and its audit row (never the password)."""
    audited_save(
        user,
        actor=actor,
        action="user.create",
        changes={},
        watched=["username", "nip", "email", "full_name", "pemda", "employee"],
        pemda_id=user.pemda_id,
    )
