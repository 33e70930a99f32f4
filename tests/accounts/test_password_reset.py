"""Password reset by email: same answer for every address, the link only in the email."""

from __future__ import annotations

import logging
import re

from django.core import mail

from sikap.core.models import AuditLog
from sikap.org.tenancy import public_reverse
from tests.factories import TEST_PASSWORD

LINK = re.compile(r"http://testserver(/akun/sandi/atur/[^/\s]+/[^/\s]+/)")


def ask(client, email: str, **extra):
    return client.post(public_reverse("accounts:password_reset"), {"email": email}, **extra)


def test_login_page_offers_the_reset(db, client):
    html = client.get(public_reverse("accounts:login")).content.decode()
    assert f'<a href="{public_reverse("accounts:password_reset")}">Lupa kata sandi?</a>' in html


def test_same_answer_whether_or_not_the_address_has_an_account(personas, client, caplog):
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


def test_the_link_sets_a_new_password_once_and_is_audited(personas, client):
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


def test_a_mailbox_is_not_flooded_and_the_answer_does_not_change(personas, client):
    for _ in range(5):
        response = ask(client, personas.admin_opd.email)
        assert response["Location"] == public_reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 3


def test_reset_pages_in_english(db, client):
    client.cookies["django_language"] = "en"
    html = client.get(public_reverse("accounts:password_reset")).content.decode()
    assert "Forgot password" in html
