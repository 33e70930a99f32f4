from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.core.models import AuditLog
from tests.factories import TEST_PASSWORD


def post_login(client, identifier: str, password: str):
    return client.post(reverse("accounts:login"), {"identifier": identifier, "password": password})


def test_login_by_email_and_by_nip_with_spaces(personas, client):
    user = personas.pegawai
    response = post_login(client, user.email.upper(), TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    client.logout()
    spaced = f"{user.nip[:8]} {user.nip[8:14]} {user.nip[14]} {user.nip[15:]}"
    assert post_login(client, spaced, TEST_PASSWORD).status_code == 302
    client.logout()
    # As pasted from a spreadsheet cell: a leading apostrophe.
    assert post_login(client, "'" + user.nip, TEST_PASSWORD).status_code == 302


def test_wrong_password_is_refused_and_counted(personas, client):
    response = post_login(client, personas.admin_opd.email, "wrong")
    assert response.status_code == 400
    assert "NIP/email atau kata sandi salah." in response.content.decode()
    personas.admin_opd.refresh_from_db()
    assert personas.admin_opd.failed_logins == 1
    assert "_auth_user_id" not in client.session


def test_lockout_after_five_failures_even_with_right_password(personas, client, settings):
    settings.SIKAP_LOGIN_MAX_FAILURES = 5
    user = personas.admin_opd
    for _ in range(5):
        post_login(client, user.username, "wrong")
    user.refresh_from_db()
    assert user.locked_until is not None
    response = post_login(client, user.username, TEST_PASSWORD)
    assert response.status_code == 400
    assert "dikunci" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditLog.objects.filter(action="user.locked", object_id=str(user.pk)).count() == 1


def test_unknown_identifier_gives_same_message(db, client):
    response = post_login(client, "nobody@example.go.id", "x")
    assert response.status_code == 400
    assert "NIP/email atau kata sandi salah." in response.content.decode()


def test_home_requires_login(db, client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_open_redirect_is_ignored(personas, client):
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"identifier": personas.pegawai.username, "password": TEST_PASSWORD},
    )
    assert response["Location"] == reverse("core:home")


@pytest.mark.real_hasher
def test_passwords_are_stored_with_argon2(db):
    from tests.factories import UserFactory

    user = UserFactory(username="argon")
    assert user.password.startswith("argon2$")
