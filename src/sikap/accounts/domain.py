"""Writes on users and role assignments: atomic and audited."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from sikap.accounts import throttle
from sikap.accounts.models import RoleAssignment, User
from sikap.core.audit import audit_record, audited_save, snapshot
from sikap.core.roles import Role
from sikap.core.scoping import forget
from sikap.org.models import Employee, OrgUnit, Pemda
from sikap.rules import nip


@dataclass(frozen=True)
class LoginAttempt:
    """Reserved password checks for one login attempt (see sikap.accounts.throttle)."""

    user: User | None
    address: str
    account: throttle.Counter
    by_address: throttle.Counter
    number: int


def _login_identity(identifier: str, user: User | None) -> str:
    # Unknown identifiers are slowed down exactly like accounts, so a refusal says nothing
    # about whether the NIP or email exists.
    if user is not None:
        return f"user:{user.pk}"
    compact = nip.normalise(identifier)
    return f"id:{compact if compact.isdigit() else identifier.strip().lower()}"


def login_attempt_begin(*, identifier: str, user: User | None, address: str) -> LoginAttempt | None:
    """Reserve a password check for the account and the address; None while either must wait."""
    account = throttle.Counter(
        "account",
        _login_identity(identifier, user),
        settings.SIKAP_LOGIN_MAX_FAILURES,
        settings.SIKAP_LOGIN_MAX_DELAY_SECONDS,
    )
    by_address = throttle.Counter(
        "address",
        address,
        settings.SIKAP_LOGIN_MAX_FAILURES_PER_ADDRESS,
        settings.SIKAP_LOGIN_MAX_DELAY_SECONDS,
    )
    number = throttle.reserve(account)
    if number is None:
        return None
    if throttle.reserve(by_address) is None:
        throttle.release(account)
        return None
    return LoginAttempt(user, address, account, by_address, number)


def login_attempt_failed(*, attempt: LoginAttempt) -> None:
    """Keep the reservations as failures; audit the failure that starts the delays."""
    if attempt.user is None or attempt.number != settings.SIKAP_LOGIN_MAX_FAILURES:
        return
    with transaction.atomic():
        audit_record(
            actor="system",
            action="user.login_throttled",
            obj=attempt.user,
            after={"failures": attempt.number, "address": attempt.address},
        )


def login_attempt_succeeded(*, attempt: LoginAttempt) -> None:
    """The owner is in: the account starts afresh; a right password is no failure of the address."""
    throttle.forget(attempt.account)
    throttle.release(attempt.by_address)


def password_reset_allowed(*, email: str, address: str) -> bool:
    """Whether to send a reset email now: a few per address and per mailbox, then slower."""
    hour = 3600
    by_address = throttle.Counter("reset-address", address, 10, hour)
    if throttle.reserve(by_address) is None:
        return False
    return (
        throttle.reserve(throttle.Counter("reset-email", email.strip().lower(), 3, hour))
        is not None
    )


def user_password_set(*, actor: User | str | None, user: User, password: str) -> None:
    """Set a new password (already validated by the form), e.g. by a reset link; audited."""
    user.set_password(password)
    with transaction.atomic():
        user.save(update_fields=["password"])
        audit_record(actor=actor, action="user.password_set", obj=user, pemda_id=user.pemda_id)


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
