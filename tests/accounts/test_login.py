from __future__ import annotations

import ipaddress
import re

import pytest
from django.urls import reverse

from sikap.accounts import throttle
from sikap.accounts.domain import login_attempt_begin
from sikap.accounts.models import User
from sikap.core.models import AuditLog
from sikap.org.tenancy import public_reverse
from tests.factories import TEST_PASSWORD

REFUSED = (
    "Tidak dapat masuk: NIP/email atau kata sandi salah, atau sudah terlalu banyak percobaan. "
    "Periksa lalu coba lagi sebentar lagi."
)


class Clock:
    def __init__(self, start: float = 1_900_000_000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, held still unless a test moves it."""
    held = Clock()
    monkeypatch.setattr(throttle, "now", held)
    return held


@pytest.fixture
def checks(monkeypatch):
    """How many passwords were really checked (the real check still runs)."""
    seen: list[str] = []
    original = User.check_password

    def counting(self, raw):  # type: ignore[no-untyped-def]
        seen.append(self.username)
        return original(self, raw)

    monkeypatch.setattr(User, "check_password", counting)
    return seen


def post_login(client, identifier: str, password: str, **extra):
    return client.post(
        reverse("accounts:login"), {"identifier": identifier, "password": password}, **extra
    )


def refusal(response) -> str:
    assert response.status_code == 400
    [alert] = re.findall(
        r'<div class="alert alert-danger" role="alert">(.*?)</div>', response.content.decode()
    )
    return alert


def test_login_by_email_and_by_nip_with_spaces(personas, client):
    user = personas.pegawai
    response = post_login(client, user.email.upper(), TEST_PASSWORD)
    assert response.status_code == 302
    # The short home, which sends the user on to the home of their Pemda.
    assert response["Location"] == public_reverse("home:index")
    assert client.get(response["Location"])["Location"] == reverse("home:index")
    client.logout()
    spaced = f"{user.nip[:8]} {user.nip[8:14]} {user.nip[14]} {user.nip[15:]}"
    assert post_login(client, spaced, TEST_PASSWORD).status_code == 302
    client.logout()
    # As pasted from a spreadsheet cell: a leading apostrophe.
    assert post_login(client, "'" + user.nip, TEST_PASSWORD).status_code == 302


def test_wrong_password_is_refused(personas, client, checks):
    response = post_login(client, personas.admin_opd.email, "wrong")
    assert refusal(response) == REFUSED
    assert checks == ["admin-opd"]
    assert "_auth_user_id" not in client.session


def test_every_failure_gets_the_same_answer(personas, client, clock, settings):
    """Unknown, inactive, wrong password, throttled: a stranger cannot tell them apart."""
    settings.SIKAP_LOGIN_MAX_FAILURES = 2
    inactive = personas.penilai
    User.objects.filter(pk=inactive.pk).update(is_active=False)
    answers = {
        "unknown email": refusal(post_login(client, "nobody@example.go.id", "x")),
        "unknown NIP": refusal(post_login(client, "199001012020121001", "x")),
        "inactive, right password": refusal(post_login(client, inactive.username, TEST_PASSWORD)),
        "wrong password": refusal(post_login(client, personas.admin_opd.username, "wrong")),
    }
    post_login(client, personas.admin_opd.username, "wrong")
    post_login(client, "nobody@example.go.id", "y")
    answers["throttled account, right password"] = refusal(
        post_login(client, personas.admin_opd.username, TEST_PASSWORD)
    )
    answers["throttled unknown"] = refusal(post_login(client, "nobody@example.go.id", "z"))
    assert set(answers.values()) == {REFUSED}
    assert "_auth_user_id" not in client.session


def test_after_the_free_failures_each_check_waits_longer_up_to_the_cap(personas, clock, settings):
    settings.SIKAP_LOGIN_MAX_FAILURES = 2
    settings.SIKAP_LOGIN_MAX_DELAY_SECONDS = 4
    user = personas.admin_opd

    def attempt() -> bool:
        return (
            login_attempt_begin(identifier=user.username, user=user, address="198.51.100.1")
            is not None
        )

    timeline = []
    for moment in [0, 0, 0.5, 1, 2, 2.9, 3, 6.9, 7, 10.9, 11]:
        clock.t = 1_900_000_000.0 + moment
        timeline.append((moment, attempt()))
    assert timeline == [
        (0, True),  # 1st failure, free
        (0, True),  # 2nd failure, free
        (0.5, False),  # 3rd check waits 1 s after the 2nd
        (1, True),
        (2, False),  # 4th waits 2 s after the 3rd; the refusal did not move the clock on
        (2.9, False),
        (3, True),
        (6.9, False),  # 5th waits 4 s
        (7, True),
        (10.9, False),  # 6th would wait 8 s, capped at 4
        (11, True),
    ]


def test_a_stranger_delays_the_owner_at_most_the_cap_and_the_owner_starts_afresh(
    personas, client, clock, settings, checks
):
    settings.SIKAP_LOGIN_MAX_DELAY_SECONDS = 300
    owner = personas.admin_opd
    stranger = "203.0.113.66"
    for _ in range(30):  # one try every five minutes for hours would do the same
        post_login(client, owner.username, "guess", REMOTE_ADDR=stranger)
        clock.t += 1
    assert len(checks) == 5 + 4  # 5 free, then checks at +1, +2, +4, +8 s
    # The owner, on a fresh device, tries right away: refused, like anyone...
    assert (
        refusal(post_login(client, owner.username, TEST_PASSWORD, REMOTE_ADDR="10.1.1.1"))
        == REFUSED
    )
    # ...and gets in once the cap has passed since the stranger's last counted check.
    clock.t += 300
    response = post_login(client, owner.username, TEST_PASSWORD, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 302
    client.logout()
    # Logged in, the account starts afresh: a typo now costs nothing.
    before = len(checks)
    for _ in range(5):
        refusal(post_login(client, owner.username, "typo", REMOTE_ADDR="10.1.1.1"))
    assert len(checks) == before + 5


def test_one_address_trying_many_accounts_is_slowed_down(personas, client, clock, settings, checks):
    settings.SIKAP_LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    for n in range(3):
        refusal(post_login(client, f"guess{n}@example.go.id", "x", REMOTE_ADDR="203.0.113.7"))
    # A fresh account from the same address: refused without a check.
    refusal(
        post_login(client, personas.pimpinan.username, TEST_PASSWORD, REMOTE_ADDR="203.0.113.7")
    )
    assert checks == []  # unknown accounts run the hasher, never check_password
    assert "_auth_user_id" not in client.session
    # Another address is not held back.
    response = post_login(
        client, personas.pimpinan.username, TEST_PASSWORD, REMOTE_ADDR="203.0.113.8"
    )
    assert response.status_code == 302
    assert checks == ["pimpinan"]


def test_right_passwords_do_not_use_up_an_office_address(personas, client, clock, settings):
    settings.SIKAP_LOGIN_MAX_FAILURES_PER_ADDRESS = 2
    office = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "36.90.1.1"}
    settings.SIKAP_TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.1/32"),)
    for user in [personas.admin_opd, personas.pimpinan, personas.penilai, personas.pegawai]:
        assert post_login(client, user.username, TEST_PASSWORD, **office).status_code == 302
        client.logout()
    # Behind the same proxy, another citizen's failures are theirs alone.
    for _ in range(2):
        refusal(
            post_login(
                client,
                "x@example.go.id",
                "x",
                REMOTE_ADDR="127.0.0.1",
                HTTP_X_FORWARDED_FOR="36.90.9.9",
            )
        )
    assert (
        post_login(client, personas.admin_pemda.username, TEST_PASSWORD, **office).status_code
        == 302
    )


def test_the_failure_that_starts_the_delays_is_audited_with_the_address(
    personas, client, clock, settings
):
    settings.SIKAP_LOGIN_MAX_FAILURES = 3
    user = personas.admin_opd
    for _ in range(2):
        post_login(client, user.username, "wrong", REMOTE_ADDR="203.0.113.9")
    assert not AuditLog.objects.filter(action="user.login_throttled").exists()
    post_login(client, user.username, "wrong", REMOTE_ADDR="203.0.113.9")
    post_login(client, user.username, "wrong", REMOTE_ADDR="203.0.113.9")  # refused, not audited
    [row] = AuditLog.objects.filter(action="user.login_throttled")
    assert (row.object_id, row.actor_label, row.after) == (
        str(user.pk),
        "system",
        {"failures": 3, "address": "203.0.113.9"},
    )
    # Unknown identifiers leave no audit row (nothing to attach it to, nothing to reveal).
    for _ in range(4):
        post_login(client, "ghost@example.go.id", "x", REMOTE_ADDR="203.0.113.10")
    assert AuditLog.objects.filter(action="user.login_throttled").count() == 1


def test_home_requires_login(db, client):
    response = client.get(reverse("home:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_open_redirect_is_ignored(personas, client):
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"identifier": personas.pegawai.username, "password": TEST_PASSWORD},
    )
    assert response["Location"] == public_reverse("home:index")


@pytest.mark.real_hasher
def test_passwords_are_stored_with_argon2(db):
    from tests.factories import UserFactory

    user = UserFactory(username="argon")
    assert user.password.startswith("argon2$")


def test_the_admin_login_is_throttled_too(personas, client, clock, checks, settings):
    settings.SIKAP_LOGIN_MAX_FAILURES = 2
    admin = personas.admin_pemda
    User.objects.filter(pk=admin.pk).update(is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(4):
        client.post(url, {"username": admin.username, "password": "guess"})
    # Right password, but the delay has not passed: refused without a check.
    response = client.post(url, {"username": admin.username, "password": TEST_PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert checks == ["admin-pemda", "admin-pemda"]
    clock.t += 1
    response = client.post(url, {"username": admin.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert checks == ["admin-pemda"] * 3
