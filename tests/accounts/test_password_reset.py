"""Password reset by email: same answer for every address, the link only in the email."""

from __future__ import annotations

import logging
import re

import pytest
from django.core import mail

from sikap.core.models import AuditLog
from sikap.org.tenancy import public_reverse
from tests.factories import TEST_PASSWORD

LINK = re.compile(r"http://testserver(/akun/sandi/atur/[^/\s]+/[^/\s]+/)")


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Ask for a reset as a browser does; the mail task runs once the request has committed."""

    def post(client, email: str, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(public_reverse("accounts:password_reset"), {"email": email}, **extra)

    return post


def test_login_page_offers_the_reset(db, client):
    html = client.get(public_reverse("accounts:login")).content.decode()
    assert f'<a href="{public_reverse("accounts:password_reset")}">Lupa kata sandi?</a>' in html


def test_same_answer_whether_or_not_the_address_has_an_account(personas, client, caplog, ask):
    with caplog.at_level(logging.DEBUG):
        known = ask(client, personas.admin_opd.email.upper())
        unknown = ask(client, "tidak-ada@example.go.id")
    assert (known.status_code, known["Location"]) == (
        302,
        public_reverse("accounts:password_reset_done"),
    )
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    [email] = mail.outbox
    assert email.to == [personas.admin_opd.email]
    assert email.subject == "Atur ulang kata sandi SIKAP"
    assert "Tautan ini berlaku satu jam dan hanya sekali pakai." in email.body
    path = LINK.search(email.body).group(1)
    done = client.get(known["Location"]).content.decode()
    assert "Jika email tersebut terdaftar di SIKAP" in done
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert token not in done
    assert all(token not in record.getMessage() for record in caplog.records)


def test_the_link_sets_a_new_password_once_and_is_audited(personas, client, ask):
    user = personas.admin_opd
    ask(client, user.email)
    path = LINK.search(mail.outbox[0].body).group(1)
    # The token leaves the address bar at once (no Referer, no history entry holds it).
    opened = client.get(path)
    assert opened.status_code == 302
    set_url = opened["Location"]
    assert set_url.endswith("/set-password/")
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert token not in set_url
    weak = client.post(set_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)  # a refused password changes nothing
    new = "Palu-Kamonji-2024!"
    saved = client.post(set_url, {"new_password1": new, "new_password2": new})
    assert saved["Location"] == public_reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new)
    [row] = AuditLog.objects.filter(action="user.password_set")
    assert (row.object_id, row.actor_id) == (str(user.pk), user.pk)
    assert "password" not in str(row.after) and "password" not in str(row.before)
    # A second use of the same link is refused with a way to ask again.
    again = client.get(path, follow=True).content.decode()
    assert "Tautan ini tidak berlaku lagi" in again
    assert (
        client.post(
            public_reverse("accounts:login"), {"identifier": user.username, "password": new}
        ).status_code
        == 302
    )


def test_a_mailbox_is_not_flooded_and_the_answer_does_not_change(personas, client, ask):
    for _ in range(5):
        response = ask(client, personas.admin_opd.email)
        assert response["Location"] == public_reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 3


def test_reset_pages_in_english(db, client):
    client.cookies["django_language"] = "en"
    html = client.get(public_reverse("accounts:password_reset")).content.decode()
    assert "Forgot password" in html


def test_the_request_does_the_same_work_with_or_without_an_account(
    personas, client, django_capture_on_commit_callbacks
):
    """No timing oracle: the account is looked up and mailed after the answer, by a task."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seen = []
    for email in (personas.admin_opd.email, "tidak-ada@example.go.id"):
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=False) as callbacks,
        ):
            response = client.post(public_reverse("accounts:password_reset"), {"email": email})
        assert response.status_code == 302
        seen.append(([q["sql"] for q in queries.captured_queries], len(callbacks)))
        assert mail.outbox == []
        assert not any("accounts_user" in sql for sql in seen[-1][0])
    # Same statements (the throttle's only), one queued task each, no mail during the request.
    assert seen[0] == seen[1]
    assert seen[0][1] == 1


def test_the_mail_speaks_the_language_the_request_was_made_in(personas, client, ask):
    client.cookies["django_language"] = "en"
    ask(client, personas.admin_opd.email)
    [email] = mail.outbox
    assert "Open the following link to create it:" in email.body
    assert LINK.search(email.body)
