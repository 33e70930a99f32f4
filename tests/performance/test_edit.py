"""Editing a PK after creation: its parties and its indicators, only while it is a draft (a
signed PK is reopened by a lawful revision first), scoped and audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.performance import domain
from sikap.performance.models import Agreement, Indicator, UnitResult
from tests.factories import EmployeeFactory

EDIT = {
    "code": "I-1", "name": "Persentase ibu hamil mendapat layanan K4", "kind": "outcome",
    "is_iku": "on", "measure": "%", "polarity": "naik", "target": "90", "target_max": "",
    "target_q1": "20", "target_q2": "45", "target_q3": "", "target_q4": "90",
    "data_source": "PWS KIA", "smart": ["S", "M"],
}  # fmt: skip


def _indicator_state(indicator: Indicator) -> tuple:
    indicator.refresh_from_db()
    return (
        indicator.name, indicator.target, indicator.target_q2, indicator.supports_id,
        indicator.capaian, indicator.smart,
    )  # fmt: skip


def test_indicator_edit_page_saves_audits_and_recomputes(chain, personas, client_for) -> None:
    domain.realisation_record(
        actor=None, indicator=chain.opd_indicator, period="year", value=Decimal(72)
    )
    chain.opd_indicator.refresh_from_db()
    assert chain.opd_indicator.capaian == Decimal("90.00")  # 72 / 80
    client = client_for(personas.admin_opd)
    url = reverse("performance:indicator_edit", args=[chain.opd_indicator.pk])
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'value="80"' in text and 'value="20"' in text  # the current target and TW I
    assert f'<option value="{chain.iku.pk}" selected>IKU-1 Angka harapan hidup' in text
    response = client.post(url, {**EDIT, "supports": str(chain.iku.pk)})
    assert response.status_code == 302
    assert response["Location"] == reverse("performance:agreement", args=[chain.opd_pk.pk])
    ind = Indicator.objects.get(pk=chain.opd_indicator.pk)
    assert (ind.name, ind.target, ind.target_q2, ind.target_q3, ind.data_source) == (
        "Persentase ibu hamil mendapat layanan K4", Decimal(90), Decimal(45), None, "PWS KIA",
    )  # fmt: skip
    assert ind.smart == ["S", "M"] and ind.supports_id == chain.iku.pk
    # the capaian follows the new target: 72 / 90 = 80.00, the PK's too
    assert ind.capaian == Decimal("80.00")
    assert UnitResult.objects.get(agreement=chain.opd_pk).capaian == Decimal("80.00")
    log = AuditLog.objects.filter(action="pk.indicator_update").get()
    assert log.before["target"] == "80.0000" and log.after["target"] == "90"
    assert log.actor_id == personas.admin_opd.pk


def test_indicator_edit_bad_input_changes_nothing(chain, personas, client_for) -> None:
    client = client_for(personas.admin_opd)
    url = reverse("performance:indicator_edit", args=[chain.opd_indicator.pk])
    before = _indicator_state(chain.opd_indicator)
    logs = AuditLog.objects.count()
    # a target range upside down: the domain's message on the page, 400
    response = client.post(url, {**EDIT, "target_max": "50"})
    assert response.status_code == 400
    assert "Target maksimal tidak boleh lebih kecil dari target." in response.content.decode()
    # not a number: the field's message
    response = client.post(url, {**EDIT, "target": "sembilan puluh"})
    assert response.status_code == 400 and "Masukkan angka" in response.content.decode()
    # a row above that is not offered (the indicator itself)
    response = client.post(url, {**EDIT, "supports": str(chain.opd_indicator.pk)})
    assert response.status_code == 400
    assert _indicator_state(chain.opd_indicator) == before
    assert AuditLog.objects.count() == logs


def test_indicator_edit_refused_on_a_signed_pk_until_revised(chain, personas, client_for) -> None:
    domain.agreement_sign(actor=None, agreement=chain.opd_pk, signed_on=dt.date(2024, 2, 1))
    client = client_for(personas.admin_opd)
    url = reverse("performance:indicator_edit", args=[chain.opd_indicator.pk])
    page = client.get(url).content.decode()
    assert "sudah ditandatangani" in page and "disabled" in page
    before = _indicator_state(chain.opd_indicator)
    logs = AuditLog.objects.count()
    response = client.post(url, {**EDIT, "supports": str(chain.iku.pk)})
    assert response.status_code == 400
    assert "ubah hanya lewat revisi" in response.content.decode()
    assert _indicator_state(chain.opd_indicator) == before
    assert AuditLog.objects.count() == logs
    # a revision for a lawful reason reopens it; the edit then goes through
    domain.agreement_revise(
        actor=None, agreement=chain.opd_pk, reason="strategi", note="Anggaran K4 ditambah"
    )
    assert client.post(url, {**EDIT, "supports": str(chain.iku.pk)}).status_code == 302
    chain.opd_indicator.refresh_from_db()
    assert chain.opd_indicator.target == Decimal(90)
    # the signed content is kept with the revision
    revision = chain.opd_pk.revisions.get()
    assert revision.before["sasaran"][0]["indicators"][0]["target"] == "80.0000"


def test_indicator_edit_is_scoped(chain, personas, client_for) -> None:
    before = _indicator_state(chain.iku)
    logs = AuditLog.objects.count()
    # the Pemda's own PK row is not the Admin OPD's; a Pimpinan only reads; another Pemda's
    # admin does not see Palu at all
    url = reverse("performance:indicator_edit", args=[chain.iku.pk])
    assert client_for(personas.admin_opd).get(url).status_code == 404
    assert client_for(personas.admin_opd).post(url, EDIT).status_code == 404
    own = reverse("performance:indicator_edit", args=[chain.opd_indicator.pk])
    assert client_for(personas.pimpinan).post(own, EDIT).status_code == 403
    assert client_for(personas.outsider).post(own, EDIT).status_code == 404
    assert _indicator_state(chain.iku) == before
    assert AuditLog.objects.count() == logs


def test_parties_edit_by_nip_or_name(chain, personas, client_for) -> None:
    new_head = EmployeeFactory(pemda=personas.pemda, unit=personas.opd_a, name="Kadis Baru")
    client = client_for(personas.admin_opd)
    url = reverse("performance:agreement_edit", args=[chain.opd_pk.pk])
    page = client.get(url).content.decode()
    assert f'value="{chain.kadis.nip}"' in page and 'value="Wali Kota Palu"' in page
    response = client.post(
        url,
        {"holder_nip": new_head.nip, "holder_name": "", "supervisor_nip": "",
         "supervisor_name": "  Wali Kota   Palu  "},
    )  # fmt: skip
    assert response.status_code == 302
    pk = Agreement.objects.get(pk=chain.opd_pk.pk)
    assert (pk.holder_id, pk.supervisor_id, pk.supervisor_name) == (
        new_head.pk,
        None,
        "Wali Kota Palu",
    )
    log = AuditLog.objects.get(action="pk.parties_set")
    assert (log.before["holder_id"], log.after["holder_id"]) == (chain.kadis.pk, new_head.pk)


def test_parties_edit_refusals_change_nothing(chain, personas, client_for) -> None:
    outside = EmployeeFactory(pemda=personas.pemda, unit=personas.opd_b, name="Orang Dukcapil")
    client = client_for(personas.admin_opd)
    url = reverse("performance:agreement_edit", args=[chain.opd_pk.pk])
    logs = AuditLog.objects.count()

    def state() -> tuple:
        a = Agreement.objects.get(pk=chain.opd_pk.pk)
        return (a.holder_id, a.holder_name, a.supervisor_id, a.supervisor_name)

    before = state()
    # an employee of another OPD (outside the Admin OPD's reach) or an unknown NIP
    for nip in (outside.nip, "199999999999999999"):
        response = client.post(url, {"holder_nip": nip, "supervisor_name": "Wali Kota"})
        assert response.status_code == 400
        assert f"Pegawai dengan NIP {nip} tidak ditemukan." in response.content.decode()
    # no first party at all
    response = client.post(url, {"holder_nip": "", "holder_name": " ", "supervisor_name": "x"})
    assert (
        response.status_code == 400 and "Pihak pertama PK wajib diisi" in response.content.decode()
    )
    # signed: refused until a revision (change of official) reopens it
    domain.agreement_sign(actor=None, agreement=chain.opd_pk, signed_on=dt.date(2024, 2, 1))
    logs = AuditLog.objects.count()
    response = client.post(url, {"holder_name": "Kadis Baru", "supervisor_name": "Wali Kota"})
    assert response.status_code == 400 and "ubah hanya lewat revisi" in response.content.decode()
    assert state() == before and AuditLog.objects.count() == logs
    # another OPD's admin, a Pimpinan, another Pemda: refused, nothing written
    other = reverse("performance:agreement_edit", args=[chain.pemda_pk.pk])
    assert client.post(other, {"holder_name": "X"}).status_code == 404
    assert client_for(personas.pimpinan).post(url, {"holder_name": "X"}).status_code == 403
    assert client_for(personas.outsider).get(url).status_code == 404
    assert state() == before and AuditLog.objects.count() == logs
    domain.agreement_revise(
        actor=None, agreement=chain.opd_pk, reason="pejabat", note="Kepala Dinas dimutasi"
    )
    client = client_for(personas.admin_opd)
    response = client.post(url, {"holder_name": "Kadis Baru", "supervisor_name": "Wali Kota"})
    assert response.status_code == 302
    assert state() == (None, "Kadis Baru", None, "Wali Kota")
