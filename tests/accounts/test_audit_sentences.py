"""The audit log reads as sentences, 25 to a page, in the reader's language."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from sikap.core.models import AuditLog
from sikap.publicservice import domain as service

pytestmark = pytest.mark.django_db


def sentences(html: str) -> list[str]:
    found = re.findall(r"<div class=\"text-break\" data-sentence>(.*?)</div>", html, re.S)
    return [re.sub(r"\s+", " ", s).strip() for s in found]


def test_a_changed_score_reads_as_a_sentence(personas, client_for):
    su, _ = service.service_unit_ensure(actor=personas.admin_pemda, unit=personas.puskesmas)
    year = timezone.localdate().year
    evaluation = service.pekppp_evaluation_ensure(
        actor=personas.admin_pemda, service_unit=su, year=year
    )
    service.pekppp_score_set(actor=personas.admin_pemda, evaluation=evaluation, code="K3", score=3)
    service.pekppp_score_set(actor=personas.admin_pemda, evaluation=evaluation, code="K3", score=4)
    html = (
        client_for(personas.admin_pemda)
        .get(reverse("accounts:audit"), {"action": "pekppp.score.set"})
        .content.decode()
    )
    assert sentences(html)[0] == (
        f"Admin Pemda mengubah skor PEKPPP K3 · Puskesmas Kamonji {year}: skor 3 → 4"
    )
    # The codes stay one click away, for whoever needs them.
    assert "<summary>Rincian" in html and "pekppp.score.set" in html
    # The filter offers actions by what they do, not by their codes.
    assert '<option value="pekppp.score.set" selected>mengubah skor PEKPPP</option>' in html


def test_sentences_follow_the_language(personas, client_for):
    service.service_unit_ensure(actor=personas.admin_pemda, unit=personas.puskesmas)
    client = client_for(personas.admin_pemda)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    with translation.override("en"):
        html = client.get(reverse("accounts:audit"), {"action": "service_unit.create"})
    assert sentences(html.content.decode()) == [
        "Admin Pemda activated the service unit Puskesmas Kamonji"
    ]


def test_twenty_five_to_a_page(personas, client_for):
    for i in range(30):
        service.service_unit_ensure(
            actor=personas.admin_pemda,
            unit=personas.puskesmas if i == 0 else _unit(personas, i),
        )
    client = client_for(personas.admin_pemda)
    first = client.get(reverse("accounts:audit")).content.decode()
    total = AuditLog.objects.filter(pemda_id=personas.pemda.pk).count()
    assert len(sentences(first)) == 25
    last = client.get(reverse("accounts:audit"), {"page": 99}).content.decode()
    assert len(sentences(last)) == total - 25 * ((total - 1) // 25)


def _unit(personas, i):
    from sikap.org import domain as org

    return org.unit_create(
        actor=None,
        pemda=personas.pemda,
        code=f"UPT-{i}",
        name=f"UPT {i}",
        kind="upt",
        parent=personas.opd_a,
    )
