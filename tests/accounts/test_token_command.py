from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from sikap.core.models import AuditLog
from sikap.org.tenancy import in_pemda

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue().strip()


def test_token_create_prints_a_working_token(personas):
    key = run("create", "--user", "admin-opd")
    assert Token.objects.get(user=personas.admin_opd).key == key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    with in_pemda(None):
        units = reverse("unit-list")
    ids = [u["id"] for u in client.get(units, {"pemda": "palu"}).json()["results"]]
    assert ids == [personas.opd_a.pk, personas.puskesmas.pk]
    assert (
        AuditLog.objects.filter(action="token.create", object_id=str(personas.admin_opd.pk)).count()
        == 1
    )


def test_token_create_is_idempotent_and_rotates_on_request(personas):
    first = run("create", "--user", "admin-opd")
    assert run("create", "--user", "admin-opd") == first
    data = json.loads(run("create", "--user", "admin-opd", "--rotate", "--json"))
    assert data["user"] == "admin-opd" and data["created"] is True and data["token"] != first
    assert Token.objects.get(user=personas.admin_opd).key == data["token"]


def test_token_by_nip(personas):
    key = run("create", "--user", personas.employee.nip)
    assert Token.objects.get(key=key).user == personas.pegawai


def test_unknown_or_inactive_user_fails(personas):
    with pytest.raises(CommandError, match="No user 'nobody'"):
        run("create", "--user", "nobody")
    personas.penilai.is_active = False
    personas.penilai.save()
    with pytest.raises(CommandError, match="inactive"):
        run("create", "--user", "penilai")
    assert Token.objects.count() == 0
