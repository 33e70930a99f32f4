"""The attacks that once named respondents, run against the real code; each now names nobody.

The adversary holds copies of the database taken at any time (before and after the spends), every
page, export and API answer over time, and the employee register, but not the application's key.
Database-level attacks need PostgreSQL (transaction ids, physical row order); the others run on
both databases. docs/anonymity.md states the model and what remains.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from sikap.culture import domain
from sikap.culture.domain import ballot_box
from sikap.culture.models import Ballot, Campaign, CampaignUnit, Invitation, Response, ResultGroup
from sikap.org.models import Employee, OrgUnit
from sikap.org.tenancy import public_reverse
from sikap.rules import disclosure
from tests.conftest import skip_or_fail
from tests.culture.conftest import publish
from tests.factories import EmployeeFactory, make_unit

ANSWER = {"pv": ["BP1", "AK1", "KO1"], "cc": ["BP1", "AK1", "L01"], "dc": ["AD1", "AD2", "AD3"]}
START = dt.date(2026, 11, 2)
END = dt.date(2099, 12, 31)


def _needs_postgres(what: str) -> None:
    if connection.vendor != "postgresql":
        skip_or_fail(f"PostgreSQL is needed: {what}")


def _staff(pemda, unit: OrgUnit, count: int, prefix: str) -> list[Employee]:
    return [
        EmployeeFactory(pemda=pemda, unit=unit, email=f"{prefix}{i}@palu.example.go.id")
        for i in range(count)
    ]


def _campaign(personas, *, depth: int = 1, code: str = "serang") -> Campaign:
    campaign = domain.campaign_create(
        actor=personas.admin_pemda,
        pemda=personas.pemda,
        code=code,
        name="Survei BerAKHLAK",
        kind="implementasi",
        period_start=START,
        period_end=END,
        picks=3,
        attribution_depth=depth,
        today=START,
    )
    return domain.campaign_launch(actor=personas.admin_pemda, campaign=campaign, today=START)


def _tokens_by_email(campaign: Campaign) -> dict[str, str]:
    return {t.email: t.token for t in domain.invitations_generate(actor=None, campaign=campaign)}


def _answer(token: str, *, comment: str = "", demographics: dict | None = None) -> None:
    domain.response_submit(
        token=token, answers=ANSWER, comment=comment, demographics=demographics or {}
    )


def _api(client, campaign: Campaign) -> dict:
    return client.get(f"/api/culture/campaigns/{campaign.pk}/results/?pemda=palu").json()


# --- 1. transaction ids and database copies ----------------------------------------------------


@pytest.mark.postgres
def test_database_copies_and_transaction_ids_name_nobody(personas, transactional_db):
    """A copy taken before the spends maps token hashes to employees; the live database holds
    the spent invitations, the box and the responses with their xmin. Joining them all gives
    sealed bytes or batches of at least k, never one person's answers."""
    _needs_postgres("xmin is PostgreSQL's transaction id")
    k = domain.min_group_size()
    staff = _staff(personas.pemda, personas.opd_b, 12, "dukcapil")
    campaign = _campaign(personas)
    tokens = _tokens_by_email(campaign)
    with connection.cursor() as cursor:  # the attacker's backup, taken before anyone answers
        cursor.execute("SELECT token_hash, employee_id FROM culture_invitation")
        backup = dict(cursor.fetchall())
    assert set(backup.values()) >= {e.pk for e in staff}
    for i, employee in enumerate(staff):
        _answer(tokens[employee.email], comment=f"urutan {chr(65 + i)}")

    with connection.cursor() as cursor:
        # The spend and the ballot share a transaction: what the join gives is a sealed blob.
        cursor.execute(
            "SELECT i.token_hash, b.sealed FROM culture_invitation i "
            "JOIN culture_ballot b ON b.xmin = i.xmin"
        )
        joined = cursor.fetchall()
    assert len(joined) == 12 and {backup[h] for h, _ in joined} == {e.pk for e in staff}
    sizes = {len(bytes(sealed)) for _, sealed in joined}
    assert sizes == {ballot_box.SEALED_BYTES}  # comments of any length look the same
    for _, sealed in joined:
        # No piece of the sheet (8 bytes or more: a chance match in random bytes is ~2^-50) is
        # readable in the blob; only the application's key opens it.
        body = json.dumps(
            ballot_box.open_sealed(campaign.pk, bytes(sealed)),
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        assert b"urutan" in body and b'"pv":' in body
        assert not [i for i in range(len(body) - 7) if body[i : i + 8] in bytes(sealed)]
        with pytest.raises(ballot_box.BallotUnreadable):
            ballot_box.open_sealed(campaign.pk, bytes(sealed), key=b"\0" * 32)

    ballot_box.ballots_mix(campaign=campaign)
    assert Ballot.objects.count() == 0 and Response.objects.count() == 12
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM culture_invitation i JOIN culture_response r ON r.xmin = i.xmin"
        )
        assert cursor.fetchone()[0] == 0
        # Every response was written by one transaction with at least k others of its unit:
        # ordering by xmin dates nothing and orders nothing.
        cursor.execute(
            "SELECT xmin::text, campaign_unit_id, count(*) FROM culture_response "
            "GROUP BY 1, 2 ORDER BY 1"
        )
        batches = cursor.fetchall()
        assert len(batches) == 1 and batches[0][2] == 12 >= k
        # The physical order of the rows is not the order of the answers.
        cursor.execute("SELECT comment FROM culture_response ORDER BY ctid")
        physical = [row[0] for row in cursor.fetchall()]
    assert sorted(physical) == [f"urutan {chr(65 + i)}" for i in range(12)]
    assert physical != sorted(physical)
    # Every response carries the mixing day, not the day anyone answered.
    assert set(Response.objects.values_list("created_on", flat=True)) == {dt.date.today()}


@pytest.mark.postgres
def test_fewer_than_k_stay_sealed_until_the_close(personas, transactional_db):
    _needs_postgres("the mixing transaction is read through xmin")
    k = domain.min_group_size()
    _staff(personas.pemda, personas.opd_b, k - 1, "dukcapil")
    campaign = _campaign(personas)
    for token in _tokens_by_email(campaign).values():
        _answer(token)
    assert ballot_box.ballots_mix(campaign=campaign) == ballot_box.MixResult(0, k)
    assert Response.objects.count() == 0
    # At the close the remainder is mixed one level up, never dropped.
    publish(campaign)
    assert Ballot.objects.count() == 0 and Response.objects.count() == k
    units = set(Response.objects.values_list("campaign_unit__code", flat=True))
    assert units == {"palu"}  # DUKCAPIL's k - 1 (plus the persona's one) went to the Pemda


def _kill_mix_while_it_waits_for(lock_sql: str, wait_query: str, campaign: Campaign) -> None:
    """Start `sikap culture mix` in another process, hold it at a lock inside its transaction,
    kill -9 it there, and let the database roll its work back."""
    import os
    import signal
    import subprocess
    import sys
    import tempfile
    import time

    from django.db import connections

    other = connections.create_connection("default")
    other.set_autocommit(False)
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in the finally below)
    try:
        with other.cursor() as holder:
            holder.execute(lock_sql)
        env = {
            **os.environ,
            "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(
                **{
                    **connection.settings_dict,
                    "HOST": connection.settings_dict["HOST"] or "127.0.0.1",
                    "PORT": connection.settings_dict["PORT"] or "5432",
                }
            ),
        }
        env.pop("CELERY_BROKER_URL", None)
        proc = subprocess.Popen(
            [sys.executable, "-m", "sikap.manage", "culture", "mix", "--campaign", campaign.code],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        "AND query LIKE %s",
                        [wait_query],
                    )
                    if cursor.fetchone()[0]:
                        break
                if proc.poll() is not None:
                    log.seek(0)
                    pytest.fail("the mix ended before it reached the lock: " + log.read().decode())
                time.sleep(0.05)
            else:
                pytest.fail("the mix never reached the lock")
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
    finally:
        other.rollback()
        other.close()
        log.close()
    # PostgreSQL notices the dead client and aborts its transaction.
    for _ in range(200):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE %s", [wait_query]
            )
            if not cursor.fetchone()[0]:
                break
        time.sleep(0.05)


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("lock_sql", "wait_query"),
    [
        # Killed before anything moved: while it waits to take the ballots out of the box.
        ("SELECT 1 FROM culture_ballot FOR UPDATE", "DELETE FROM culture_ballot%"),
        # Killed after it had written the responses and emptied the box, before its commit.
        ("LOCK TABLE core_auditlog IN EXCLUSIVE MODE", 'INSERT INTO "core_auditlog"%'),
    ],
    ids=["before-the-move", "after-the-move"],
)
def test_kill_9_during_a_mix_loses_nothing_and_counts_nothing_twice(
    personas, transactional_db, lock_sql, wait_query
):
    _needs_postgres("a second process against the same database")
    _staff(personas.pemda, personas.opd_b, 9, "dukcapil")
    campaign = _campaign(personas)
    for token in _tokens_by_email(campaign).values():
        _answer(token)
    accepted = Invitation.objects.filter(campaign=campaign, used=True).count()
    assert accepted == 10 and Ballot.objects.count() == 10
    _kill_mix_while_it_waits_for(lock_sql, wait_query, campaign)
    assert Ballot.objects.count() == accepted and Response.objects.count() == 0
    # The next mix moves every ballot exactly once (the persona employee's one sheet waits in
    # its own unit until the close).
    out = io.StringIO()
    call_command("culture", "mix", "--campaign", campaign.code, "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"campaign": campaign.code, "mixed": 9, "waiting": 1}
    publish(campaign)
    assert Ballot.objects.count() == 0 and Response.objects.count() == accepted


# --- 2. tokens in logs -------------------------------------------------------------------------


def test_no_log_line_holds_a_token_or_a_link(personas, client, caplog, settings, mailoutbox):
    import logging

    caplog.set_level(logging.DEBUG)
    _staff(personas.pemda, personas.opd_b, 5, "dukcapil")
    campaign = _campaign(personas)
    issued = domain.invitations_generate(actor=None, campaign=campaign)
    domain.invitations_email(campaign=campaign, issued=issued, base="https://sikap.palukota.go.id")
    tokens = [t.token for t in issued]
    links = [m.body for m in mailoutbox]
    assert len(links) == len([t for t in issued if t.email]) and all("#" in b for b in links)
    survey = public_reverse("culture:survey")
    assert client.get(survey).status_code == 200
    client.post(survey, {"token": tokens[0]})
    client.post(survey, {"token": tokens[0], "step": "answers", **ANSWER})
    client.post(survey, {"token": tokens[0], "step": "answers", **ANSWER})  # refused
    client.post(survey, {"token": tokens[1], "step": "answers", "pv": ["XX"]})  # form error
    csrf = type(client)(enforce_csrf_checks=True)
    assert csrf.post(survey, {"token": tokens[2]}).status_code == 403
    assert client.get("/budaya/s/" + "x" * 22 + "/").status_code == 404
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert caplog.records  # the 403/404 were logged: the check read real log lines
    for token in tokens:
        assert token not in logged
    assert "@palu.example.go.id" not in logged


def test_production_refuses_a_console_or_file_email_backend():
    import os
    import subprocess
    import sys

    base = {
        **os.environ,
        "SIKAP_ENV": "production",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "sikap.example.go.id",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9"),
    }
    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='sikap.settings'; django.setup()"
    )
    for backend in (
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
    ):
        run = subprocess.run(
            [sys.executable, "-c", script],
            env={**base, "EMAIL_BACKEND": backend},
            capture_output=True,
            text=True,
        )
        assert run.returncode != 0
        assert "would write survey and password-reset links" in run.stderr
    ok = subprocess.run(
        [
            sys.executable,
            "-c",
            script + "; from django.conf import settings; print(settings.EMAIL_BACKEND)",
        ],
        env=base,
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend"


# --- 3 and 4. the raw export ----------------------------------------------------------------------


def _depth_two_tree(personas):
    """DUKCAPIL (depth 0) with one employee of its own and two bidang of 6 and 7 below it."""
    pemda, opd = personas.pemda, personas.opd_b
    capil = make_unit(pemda, "DUKCAPIL-CAPIL", "Bidang Pencatatan Sipil", "bidang", opd)
    pddk = make_unit(pemda, "DUKCAPIL-PDDK", "Bidang Pendaftaran Penduduk", "bidang", opd)
    direct = _staff(pemda, opd, 1, "kadis")  # with the persona employee: 2 at the OPD itself
    return capil, pddk, direct


def _raw(client, campaign) -> list[dict]:
    text = client.get(reverse("culture:export_raw", args=[campaign.code])).content.decode()
    return list(csv.DictReader(io.StringIO(text)))


QI = ("unit", "status", "usia", "masa_kerja", "tanggal")


def test_raw_export_never_shows_a_unit_or_combination_of_fewer_than_k(personas, client_for):
    capil, pddk, direct = _depth_two_tree(personas)
    people = _staff(personas.pemda, capil, 6, "capil") + _staff(personas.pemda, pddk, 7, "pddk")
    campaign = _campaign(personas, depth=1)
    tokens = _tokens_by_email(campaign)
    for e in people + direct:
        _answer(tokens[e.email], demographics={"employment_kind": "pns"})
    campaign = publish(campaign)
    rows = _raw(client_for(personas.admin_pemda), campaign)
    assert len(rows) == 14
    k = domain.min_group_size()
    assert min(Counter(r["unit"] for r in rows).values()) >= k
    assert min(Counter(tuple(r[c] for c in QI) for r in rows).values()) >= k
    # The one person attributed to DUKCAPIL itself is never a row of its own.
    assert Counter(r["unit"] for r in rows)["DUKCAPIL"] != 1


def test_raw_export_rows_cannot_be_matched_to_the_register(personas, client_for):
    """Status, age band and tenure band are derivable from the NIP: matched against the people
    known to have answered (from a copy of the invitations), no row narrows to fewer than k."""
    rng = random.Random(7)
    pemda = personas.pemda
    units = [make_unit(pemda, f"B{i}", f"Bidang {i}", "bidang", personas.opd_b) for i in range(2)]
    people = _staff(pemda, units[0], 12, "b0") + _staff(pemda, units[1], 14, "b1")
    truth = {}
    for e in people:
        truth[e.email] = {
            "employment_kind": rng.choice(["pns", "pns", "pppk"]),
            "age_band": rng.choice(["<30", "30-39", "40-49", "50+"]),
            "tenure_band": rng.choice(["<5", "5-14", "15+"]),
        }
    campaign = _campaign(personas, depth=1)
    tokens = _tokens_by_email(campaign)
    answered = rng.sample(people, 20)
    for e in answered:
        _answer(tokens[e.email], demographics=truth[e.email])
    campaign = publish(campaign)
    rows = _raw(client_for(personas.admin_pemda), campaign)
    # Each person's row is exported under the nearest shown group of the person's own unit.
    snapshot = {u.unit_id: u for u in CampaignUnit.objects.filter(campaign=campaign)}
    by_pk = {u.pk: u for u in snapshot.values()}
    shown = set(
        ResultGroup.objects.filter(campaign=campaign, suppressed=False).values_list(
            "campaign_unit_id", flat=True
        )
    )

    def exported_as(employee: Employee) -> str:
        node = snapshot[employee.unit_id]
        while node.pk not in shown:
            node = by_pk[node.parent_id]
        return node.code

    register = [
        (
            exported_as(e),
            truth[e.email]["employment_kind"],
            truth[e.email]["age_band"],
            truth[e.email]["tenure_band"],
        )
        for e in answered
    ]
    k = domain.min_group_size()
    assert len(rows) == 20
    fields = ((1, "status"), (2, "usia"), (3, "masa_kerja"))
    for row in rows:
        candidates = [
            p
            for p in register
            if row["unit"] == p[0] and all(row[c] in ("", p[i]) for i, c in fields)
        ]
        assert len(candidates) >= k, (row, candidates)


# --- 5. comments by subtraction --------------------------------------------------------------------


def test_a_parent_list_minus_its_childrens_lists_reveals_nothing(personas, client_for):
    capil, pddk, direct = _depth_two_tree(personas)
    people = _staff(personas.pemda, capil, 10, "capil") + _staff(personas.pemda, pddk, 10, "pddk")
    campaign = _campaign(personas, depth=1)
    tokens = _tokens_by_email(campaign)
    for i, e in enumerate(people):
        _answer(tokens[e.email], comment=f"saran bidang nomor {chr(65 + i % 26)}")
    _answer(tokens[direct[0].email], comment="rahasia kepala dinas")
    campaign = publish(campaign)
    sekda = client_for(personas.admin_pemda)
    seen = ""
    for group in ResultGroup.objects.filter(campaign=campaign, suppressed=False):
        seen += sekda.get(
            reverse("culture:group_comments", args=[campaign.code, group.campaign_unit.code])
        ).content.decode()
        seen += sekda.get(
            reverse("culture:group", args=[campaign.code, group.campaign_unit.code])
        ).content.decode()
    assert "saran bidang nomor" in seen  # a bidang list is there
    assert "rahasia kepala dinas" not in seen  # the lone direct respondent's is nowhere
    # No comment is counted in two lists: no list is the sum of others.
    counts = dict(
        ResultGroup.objects.filter(campaign=campaign).values_list(
            "campaign_unit__code", "comment_count"
        )
    )
    assert counts["DUKCAPIL"] == 0 and counts["palu"] == 0
    assert sum(counts.values()) in (10, 20)  # a bidang may be hidden to protect the OPD's 2


# --- 6. before and after -------------------------------------------------------------------------


def test_one_more_answer_changes_no_published_figure(personas, client_for, tmp_path):
    _staff(personas.pemda, personas.opd_b, 11, "dukcapil")
    campaign = _campaign(personas)
    tokens = list(_tokens_by_email(campaign).items())
    admin = client_for(personas.admin_pemda)
    for _, token in tokens[:-1]:
        _answer(token)
    domain.results_recompute(campaign=campaign)  # the nightly run while open
    before = _api(admin, campaign)
    _answer(tokens[-1][1], comment="satu orang lagi")
    domain.results_recompute(campaign=campaign)
    after = _api(admin, campaign)
    assert before == after and before["published"] is False and before["groups"] == []

    campaign = publish(campaign)
    published = _api(admin, campaign)
    assert published["published"] is True
    n = {g["unit"]: g["n"] for g in published["groups"]}
    assert n["palu"] == 12
    # A late paper sheet: one more would single that person out, so nothing changes.
    line = "DUKCAPIL,BP1;AK1;KO1,BP1;AK1;L01,AD1;AD2;AD3\n"
    domain.responses_import(
        actor=None, campaign=campaign, file=io.StringIO("unit,pv,cc,dc\n" + line)
    )
    domain.results_recompute(campaign=campaign)
    assert _api(admin, campaign) == published
    campaign.refresh_from_db()
    assert campaign.publication_held == [{"unit": "palu", "change": 1}]
    # k more sheets: the new version may replace the old one.
    domain.responses_import(
        actor=None,
        campaign=campaign,
        file=io.StringIO("unit,pv,cc,dc\n" + line * (domain.min_group_size() - 1)),
    )
    domain.results_recompute(campaign=campaign)
    campaign.refresh_from_db()
    assert campaign.publication_held == []
    assert {g["unit"]: g["n"] for g in _api(admin, campaign)["groups"]}["palu"] == 12 + 5


# --- 7. subtraction of shown groups on random trees ---------------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_no_published_difference_isolates_fewer_than_k(personas, client_for, seed):
    """Random trees with respondents at every level, read as the API publishes them: for every
    shown group, its n minus its nearest shown descendants' is 0 or at least k."""
    rng = random.Random(seed)
    pemda = personas.pemda
    units = [personas.opd_a, personas.puskesmas, personas.opd_b]
    for i in range(rng.randint(3, 8)):
        parent = rng.choice(units)
        if parent.depth < 3:
            units.append(make_unit(pemda, f"R{seed}-{i}", f"Unit {i}", "seksi", parent))
    campaign = domain.campaign_create(
        actor=None,
        pemda=pemda,
        code=f"acak{seed}",
        name="acak",
        kind="implementasi",
        period_start=START,
        period_end=END,
        picks=3,
        attribution_depth=5,
        today=START,
    )
    rows = []
    snapshot = list(CampaignUnit.objects.filter(campaign=campaign))
    for unit in snapshot:
        for _ in range(rng.choice([0, 1, 2, 3, 4, 6, 9])):
            rows.append(
                Response(
                    campaign=campaign,
                    campaign_unit=unit,
                    created_on=START,
                    **{b: domain.ballot_mask(ANSWER[b], campaign.instrument) for b in ANSWER},
                )
            )
    Response.objects.bulk_create(rows)
    domain.tallies_reset(campaign=campaign)
    campaign = publish(campaign)
    data = _api(client_for(personas.admin_pemda), campaign)
    n = {g["unit"]: g["n"] for g in data["groups"]}
    shown = {g["unit"] for g in data["groups"] if not g["suppressed"]}
    nodes = [disclosure.Node(u.pk, u.parent_id, u.code) for u in snapshot]
    code = {u.pk: u.code for u in snapshot}
    atoms = disclosure.residuals(
        nodes, {u.pk: n[u.code] for u in snapshot}, {u.pk for u in snapshot if u.code in shown}
    )
    k = domain.min_group_size()
    assert all(a == 0 or a >= k for a in atoms.values()), {code[p]: a for p, a in atoms.items()}
    assert shown  # something is published at all
