"""The audit trail's helpers: a write and its audit row go together or not at all."""

from __future__ import annotations

import pytest
from django.db import transaction

from sikap.core.audit import audited_save
from sikap.core.models import AuditLog
from sikap.org.models import Pemda

pytestmark = pytest.mark.django_db


def test_audited_save_writes_only_the_changes_and_audits_them():
    pemda = Pemda.objects.create(code="kota-a", name="Kota A", time_zone="Asia/Makassar")
    pemda.name = "typed but not part of the change"
    with transaction.atomic():
        audited_save(
            pemda, actor="sikap test", action="pemda.update", changes={"time_zone": "Asia/Jakarta"}
        )
    stored = Pemda.objects.get(pk=pemda.pk)
    assert (stored.time_zone, stored.name) == ("Asia/Jakarta", "Kota A")
    log = AuditLog.objects.get(action="pemda.update")
    assert (log.before, log.after) == (
        {"time_zone": "Asia/Makassar"},
        {"time_zone": "Asia/Jakarta"},
    )
    assert log.object_id == str(pemda.pk)


def test_audited_save_inserts_a_new_object_with_no_before():
    with transaction.atomic():
        pemda = audited_save(
            Pemda(code="kota-b"),
            actor="sikap test",
            action="pemda.create",
            changes={"name": "Kota B"},
            watched=["code", "name"],
        )
    assert Pemda.objects.get(pk=pemda.pk).name == "Kota B"
    log = AuditLog.objects.get(action="pemda.create")
    assert (log.before, log.after) == (None, {"code": "kota-b", "name": "Kota B"})


@pytest.mark.django_db(transaction=True)
def test_audited_save_outside_a_transaction_writes_nothing():
    pemda = Pemda.objects.create(code="kota-c", name="Kota C")
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audited_save(pemda, actor=None, action="pemda.update", changes={"name": "Lain"})
    assert Pemda.objects.get(pk=pemda.pk).name == "Kota C"
    assert not AuditLog.objects.filter(action="pemda.update").exists()
