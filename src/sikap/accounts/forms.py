from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sikap.accounts.domain import password_reset_allowed, user_password_set
from sikap.accounts.models import User
from sikap.accounts.queries import (
    AuditFilter,
    audit_facets,
    employee_for_account,
    users_visible_for_audit,
)
from sikap.accounts.tasks import SEND_PASSWORD_RESET
from sikap.core.audit import action_phrase
from sikap.core.clientip import client_ip
from sikap.core.inputs import DayField, IntegerField, LaterChoices, UnitPicker
from sikap.core.roles import Cap, Role
from sikap.core.tasks_util import enqueue_on_commit
from sikap.org.forms import UnitOptionsMixin
from sikap.org.models import Employee, OrgUnit
from sikap.org.queries import unit_choices, units_visible
from sikap.org.tenancy import base_url
from sikap.rules import nip as nip_rules


class LoginForm(forms.Form):
    identifier = forms.CharField(
        label=_("NIP atau email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    # One message for every failure: a wrong password, an unknown or inactive account and a
    # throttled attempt must not be told apart, or the form tells strangers which NIPs exist.
    error_messages = {
        "invalid": _(
            "Tidak dapat masuk: NIP/email atau kata sandi salah, atau sudah terlalu banyak "
            "percobaan. Periksa lalu coba lagi sebentar lagi."
        ),
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        identifier = cleaned.get("identifier")
        password = cleaned.get("password")
        if not identifier or not password:
            return cleaned
        user = authenticate(self.request, username=identifier, password=password)
        if user is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        self.user = user
        return cleaned


class PasswordResetRequestForm(PasswordResetForm):
    """Ask for a reset link; the answer is the same whether or not the address has an account."""

    email = forms.EmailField(
        label=_("Email yang terdaftar di SIKAP"),
        max_length=254,
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "autofocus": True, "class": "form-control"}
        ),
    )

    def save(self, **kwargs: Any) -> None:  # type: ignore[override]  # (views pass keywords)
        # A refused request sends nothing and looks like any other: no mailbox flooding, and
        # no hint of which addresses have accounts.
        # The account is looked up and the mail sent by a task, after the request: the answer
        # takes as long for an address with an account as for one without.
        request = kwargs.get("request")
        email = self.cleaned_data["email"]
        if request is None or not password_reset_allowed(email=email, address=client_ip(request)):
            return
        protocol, _sep, domain = base_url(request).partition("://")
        templates = {
            name: kwargs[name]
            for name in (
                "subject_template_name",
                "email_template_name",
                "html_email_template_name",
                "from_email",
                "extra_email_context",
            )
            if kwargs.get(name) is not None
        }
        enqueue_on_commit(
            SEND_PASSWORD_RESET,
            email=email,
            protocol=protocol,
            domain=domain,
            language=get_language(),
            templates=templates,
        )


class PasswordSetForm(SetPasswordForm):  # type: ignore[type-arg]
    """The new password behind a reset link, written and audited by the domain."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

    def save(self, commit: bool = True) -> Any:
        user_password_set(
            actor=self.user, user=self.user, password=self.cleaned_data["new_password1"]
        )
        return self.user


class RoleAssignForm(UnitOptionsMixin, forms.Form):
    """Assign a role on a unit subtree; units limited to the Pemda(s) the admin manages."""

    role = forms.ChoiceField(label=_("Peran"), choices=Role.choices)
    # An integer checked against the admin's units in clean_unit(); a ChoiceField would
    # normalise thousands of choices on every request.
    unit = IntegerField(label=_("Unit (kosong: seluruh pemda)"), required=False, min_value=1)

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.first_option = ("", _("Seluruh pemda"))
        # The searchable unit picker, its options read only when it is rendered.
        self.fields["unit"].widget = UnitPicker(choices=LaterChoices(lambda: self.unit_choice_list))

    def unit_choices_for(self) -> list[tuple[Any, str]]:
        return unit_choices(self.actor, Cap.ROLES_MANAGE)

    def clean_unit(self) -> OrgUnit | None:
        unit_id = self.cleaned_data.get("unit")
        if unit_id is None:
            return None
        unit = units_visible(self.actor, Cap.ROLES_MANAGE).filter(pk=unit_id).first()
        if unit is None:
            raise forms.ValidationError(_("Unit tidak ditemukan di pemda Anda."))
        return unit


class UserCreateForm(forms.Form):
    """Create the login of an employee: username is the NIP."""

    nip = forms.CharField(
        label="NIP", max_length=30, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    email = forms.EmailField(label=_("Email"), required=False)
    password = forms.CharField(
        label=_("Kata sandi awal (kosong: dibuatkan otomatis)"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.employee: Employee | None = None

    def clean_nip(self) -> str:
        nip = nip_rules.normalise(self.cleaned_data["nip"])
        try:
            self.employee = employee_for_account(self.actor, nip)
        except Http404:
            raise forms.ValidationError(
                _("Tidak ada pegawai dengan NIP %(nip)s di pemda Anda.") % {"nip": nip}
            ) from None
        return nip


class UserSearchForm(forms.Form):
    """The search box of the users and roles page."""

    q = forms.CharField(
        label=_("Cari pengguna"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            {"type": "search", "class": "form-control-sm", "placeholder": _("Nama, NIP atau email")}
        ),
    )


class AuditFilterForm(forms.Form):
    actor = forms.TypedChoiceField(label=_("Pelaku"), required=False, coerce=int, empty_value=None)
    action = forms.ChoiceField(label=_("Aksi"), required=False)
    object_type = forms.ChoiceField(label=_("Jenis objek"), required=False)
    date_from = DayField(label=_("Dari tanggal"), required=False)
    date_to = DayField(label=_("Sampai tanggal"), required=False)
    q = forms.CharField(
        label=_("Cari"), required=False, max_length=100, widget=forms.TextInput({"type": "search"})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actions, types = audit_facets(user)
        everything = [("", _("Semua"))]
        actors = users_visible_for_audit(user)
        self.fields["actor"].choices = everything + actors  # type: ignore[attr-defined]
        self.fields["action"].choices = everything + sorted(  # type: ignore[attr-defined]
            ((a, action_phrase(a)) for a in actions), key=lambda c: c[1]
        )
        self.fields["object_type"].choices = everything + [(t, t) for t in types]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("Tanggal awal harus sebelum tanggal akhir."))
        return cleaned

    def to_filter(self) -> AuditFilter:
        self.is_valid()
        data = self.cleaned_data
        if self.non_field_errors():
            data = {**data, "date_from": None, "date_to": None}
        return AuditFilter(
            actor=data.get("actor"),
            action=data.get("action", ""),
            object_type=data.get("object_type", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            q=data.get("q", ""),
        )
