from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from sikap.culture import domain
from sikap.culture.models import Ballot, Invitation
from tests.conftest import skip_or_fail
from tests.culture.conftest import make_campaign

ANSWERS = {"pv": ["BP1", "AK1", "KO1"], "cc": ["BP1", "AK1", "L01"], "dc": ["AD1", "AD2", "AD3"]}


@pytest.mark.postgres
def test_same_token_in_parallel_gives_one_response(personas, transactional_db):
    if connection.vendor != "postgresql":
        skip_or_fail("PostgreSQL is needed for a real concurrent submit")
    campaign = make_campaign(personas, launch=True)
    token = domain.invitations_generate(actor=None, campaign=campaign)[0].token
    threads = 8
    barrier = threading.Barrier(threads)
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit() -> None:
        try:
            barrier.wait()
            try:
                domain.response_submit(token=token, answers=ANSWERS)
                result = "ok"
            except domain.TokenRefused:
                result = "refused"
            with lock:
                outcomes.append(result)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=submit) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert sorted(outcomes) == ["ok"] + ["refused"] * (threads - 1)
    assert Ballot.objects.filter(campaign=campaign).count() == 1
    assert Invitation.objects.get(campaign=campaign).used is True


@pytest.mark.postgres
def test_spending_a_token_rewrites_no_index(db):
    """No index holds a column the spend changes, and pages keep room: a HOT update."""
    if connection.vendor != "postgresql":
        skip_or_fail("HOT updates are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a "
            "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
            "WHERE i.indrelid = 'culture_invitation'::regclass"
        )
        indexed = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT reloptions FROM pg_class WHERE oid = 'culture_invitation'::regclass")
        options = cursor.fetchone()[0]
    assert indexed == {"id", "campaign_id", "campaign_unit_id", "token_hash"}
    assert options == ["fillfactor=80"]
