"""Official results keep their history: a change needs a reason, earlier versions stay whole."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sikap.core.models import AuditLog
from sikap.core.versioning import ChangeNeedsReason, StaleVersion
from sikap.publicservice import domain
from sikap.publicservice.models import (
    OmbudsmanResult,
    OmbudsmanResultVersion,
    PekpppOfficialResult,
    PekpppOfficialResultVersion,
)
from tests.form_style import field_error

URL = "/p/palu/layanan/ombudsman/hasil/"


def _versions(result: OmbudsmanResult) -> list[tuple[int, str, str, list[str], str]]:
    return [
        (v.number, str(v.score), v.grade, sorted(u.code for u in v.sampled_units.all()), v.reason)
        for v in OmbudsmanResultVersion.objects.filter(head=result).order_by("number")
    ]


@pytest.fixture
def recorded(personas):
    return domain.ombudsman_result_record(
        actor=personas.admin_pemda,
        pemda=personas.pemda,
        year=2023,
        score=86.07,
        sampled_units=[personas.opd_b, personas.puskesmas],
    )


def test_second_value_without_reason_is_refused_and_changes_nothing(personas, recorded):
    audits = AuditLog.objects.count()
    with pytest.raises(ChangeNeedsReason) as caught:
        domain.ombudsman_result_record(
            actor=personas.admin_pemda, pemda=personas.pemda, year=2023, score=90
        )
    assert caught.value.number == 1
    assert (caught.value.before["score"], caught.value.after["score"]) == ("86.07", "90")
    assert caught.value.before["sampled_units"] == ["DINKES-PKM-KAMONJI", "DUKCAPIL"]
    assert caught.value.after["sampled_units"] == []
    head = OmbudsmanResult.objects.get()
    assert (str(head.score), head.grade) == ("86.07", "B")
    assert _versions(head) == [(1, "86.07", "B", ["DINKES-PKM-KAMONJI", "DUKCAPIL"], "")]
    assert AuditLog.objects.count() == audits
    # Only blanks for a reason are no reason either.
    with pytest.raises(ChangeNeedsReason):
        domain.ombudsman_result_record(
            actor=None, pemda=personas.pemda, year=2023, score=90, reason=" \t\n"
        )
    assert _versions(head) == [(1, "86.07", "B", ["DINKES-PKM-KAMONJI", "DUKCAPIL"], "")]


def test_second_value_with_reason_keeps_both_versions_and_their_units(personas, recorded):
    domain.ombudsman_result_record(
        actor=personas.admin_pemda,
        pemda=personas.pemda,
        year=2023,
        score=90,
        sampled_units=[personas.opd_b],
        reason="Rapor diterbitkan ulang, surat 12/2024",
        confirmed_number=1,
    )
    head = OmbudsmanResult.objects.get()
    assert (str(head.score), head.grade, head.zone) == ("90.00", "A", "hijau")
    assert head.current.number == 2
    assert _versions(head) == [
        (1, "86.07", "B", ["DINKES-PKM-KAMONJI", "DUKCAPIL"], ""),
        (2, "90.00", "A", ["DUKCAPIL"], "Rapor diterbitkan ulang, surat 12/2024"),
    ]
    audit = AuditLog.objects.filter(action="ombudsman.result.record").order_by("id")
    assert audit.count() == 2
    first, second = audit
    assert first.before is None and first.after["revision"] == 1
    assert second.object_id == str(head.pk) and second.pemda_id == personas.pemda.pk
    assert second.before == {
        "revision": 1,
        "score": "86.07",
        "grade": "B",
        "zone": "hijau",
        "version": "ombudsman:2022",
        "dimensions": {},
        "note": "",
        "sampled_units": ["DINKES-PKM-KAMONJI", "DUKCAPIL"],
    }
    assert second.after == {
        "revision": 2,
        "score": "90",
        "grade": "A",
        "zone": "hijau",
        "version": "ombudsman:2022",
        "dimensions": {},
        "note": "",
        "sampled_units": ["DUKCAPIL"],
        "reason": "Rapor diterbitkan ulang, surat 12/2024",
    }


def test_the_same_values_again_add_no_version(personas, recorded):
    audits = AuditLog.objects.count()
    domain.ombudsman_result_record(
        actor=None,
        pemda=personas.pemda,
        year=2023,
        score=86.07,
        sampled_units=[personas.puskesmas, personas.opd_b],  # other order, same sample
    )
    assert _versions(OmbudsmanResult.objects.get()) == [
        (1, "86.07", "B", ["DINKES-PKM-KAMONJI", "DUKCAPIL"], "")
    ]
    assert AuditLog.objects.count() == audits


def test_confirmation_of_an_outdated_version_is_refused(personas, recorded):
    domain.ombudsman_result_record(
        actor=None, pemda=personas.pemda, year=2023, score=88, reason="koreksi pertama"
    )
    with pytest.raises(StaleVersion):
        domain.ombudsman_result_record(
            actor=None,
            pemda=personas.pemda,
            year=2023,
            score=90,
            reason="koreksi kedua, dari versi yang sudah lama",
            confirmed_number=1,
        )
    assert [v[:2] for v in _versions(OmbudsmanResult.objects.get())] == [
        (1, "86.07"),
        (2, "88.00"),
    ]


@pytest.mark.parametrize(
    ("reason", "message"),
    [("alasan\x00", "NUL"), ("x" * 1001, "terlalu panjang")],
)
def test_hostile_reason_is_refused(personas, recorded, reason, message):
    with pytest.raises(ValidationError) as caught:
        domain.ombudsman_result_record(
            actor=None, pemda=personas.pemda, year=2023, score=90, reason=reason
        )
    assert message in " ".join(caught.value.messages)
    assert len(_versions(OmbudsmanResult.objects.get())) == 1


def test_page_shows_old_and_new_and_saves_only_with_a_reason(client_for, personas, recorded):
    client = client_for(personas.admin_pemda)
    post = {"year": "2023", "score": "90", "sampled": [personas.opd_b.pk], "note": "rapor baru"}
    response = client.post(URL, post)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Konfirmasi perubahan hasil resmi" in html
    assert "<td>86.07</td><td>90</td>" in html
    assert "<td>B</td><td>A</td>" in html
    assert "<td>DINKES-PKM-KAMONJI, DUKCAPIL</td><td>DUKCAPIL</td>" in html
    assert 'name="reason"' in html and 'name="confirm_version" value="1"' in html
    assert f'name="sampled" value="{personas.opd_b.pk}"' in html
    head = OmbudsmanResult.objects.get()
    assert len(_versions(head)) == 1
    # Confirming without a reason: asked again, still nothing saved.
    response = client.post(URL, {**post, "confirm_version": "1", "reason": "  "})
    assert response.status_code == 409
    assert "tanpa alasan tidak ada yang disimpan" in response.content.decode()
    assert len(_versions(head)) == 1
    response = client.post(URL, {**post, "confirm_version": "1", "reason": "Rapor terbit ulang"})
    assert response.status_code == 302
    assert _versions(head) == [
        (1, "86.07", "B", ["DINKES-PKM-KAMONJI", "DUKCAPIL"], ""),
        (2, "90.00", "A", ["DUKCAPIL"], "Rapor terbit ulang"),
    ]
    page = client.get("/p/palu/layanan/ombudsman/?tahun=2023").content.decode()
    assert 'data-testid="score-2023">90,00<' in page
    assert "Riwayat: 2 versi" in page
    assert 'data-testid="version-2023-1"' in page and 'data-testid="version-2023-2"' in page
    v1 = page.split('data-testid="version-2023-1"')[1].split("</li>")[0]
    v2 = page.split('data-testid="version-2023-2"')[1].split("</li>")[0]
    assert "86,07 · B · " in v1 and "90,00 · A · " in v2
    assert ("Puskesmas Kamonji" in v1, "Puskesmas Kamonji" in v2) == (True, False)
    assert "Dinas Kependudukan" in v1 and "Dinas Kependudukan" in v2
    assert "alasan: Rapor terbit ulang" in page


def test_page_refuses_a_garbled_confirmation(client_for, personas, recorded):
    client = client_for(personas.admin_pemda)
    response = client.post(
        URL, {"year": "2023", "score": "90", "confirm_version": "satu", "reason": "x"}, follow=True
    )
    assert response.status_code == 400  # the page again with the refusal, nothing stored
    assert "&#x27;satu&#x27; bukan bilangan bulat." in response.content.decode()
    assert len(_versions(OmbudsmanResult.objects.get())) == 1


def test_api_shows_the_current_value_and_the_history(client_for, personas, recorded):
    domain.ombudsman_result_record(
        actor=None,
        pemda=personas.pemda,
        year=2023,
        score=90,
        sampled_units=[personas.opd_b],
        reason="koreksi",
    )
    body = client_for(personas.admin_pemda).get("/api/layanan/ombudsman/?pemda=palu").json()
    (row,) = body["results"]
    assert (row["score"], row["grade"], row["sampled_units"], row["revision"]) == (
        "90.00",
        "A",
        ["DUKCAPIL"],
        2,
    )
    assert [(v["number"], v["score"], v["sampled_units"], v["reason"]) for v in row["history"]] == [
        (2, "90.00", ["DUKCAPIL"], "koreksi"),
        (1, "86.07", ["DINKES-PKM-KAMONJI", "DUKCAPIL"], ""),
    ]


def test_pekppp_official_result_is_versioned_the_same_way(personas):
    su, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    domain.pekppp_official_record(actor=None, service_unit=su, year=2023, ipp=4.6)
    with pytest.raises(ChangeNeedsReason):
        domain.pekppp_official_record(actor=None, service_unit=su, year=2023, ipp=4.2)
    head = PekpppOfficialResult.objects.get()
    assert (str(head.ipp), head.category) == ("4.60", "A")
    domain.pekppp_official_record(
        actor=None, service_unit=su, year=2023, ipp=4.2, reason="hasil banding"
    )
    head.refresh_from_db()
    assert (str(head.ipp), head.category) == ("4.20", "A-")
    assert [
        (v.number, str(v.ipp), v.category, v.reason)
        for v in PekpppOfficialResultVersion.objects.filter(head=head).order_by("number")
    ] == [(1, "4.60", "A", ""), (2, "4.20", "A-", "hasil banding")]
    audit = AuditLog.objects.filter(action="pekppp.official.record").order_by("id").last()
    assert audit is not None
    assert (audit.before["ipp"], audit.after["ipp"], audit.after["category"]) == (
        "4.6",
        "4.2",
        "A-",
    )
    with pytest.raises(ValidationError):
        domain.pekppp_official_record(
            actor=None, service_unit=su, year=2023, ipp=6, reason="salah ketik"
        )
    assert PekpppOfficialResultVersion.objects.count() == 2


def test_pekppp_official_page_asks_for_a_reason_and_shows_history(client_for, personas):
    su, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    url = f"/p/palu/layanan/unit/{su.pk}/pekppp/hasil-resmi/"
    client = client_for(personas.admin_pemda)
    assert client.post(url, {"tahun": "2023", "ipp": "4,6"}).status_code == 302
    response = client.post(url, {"tahun": "2023", "ipp": "4.2"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "<td>4.6</td><td>4.2</td>" in html and "<td>A</td><td>A-</td>" in html
    assert f'action="{url}"' in html and 'name="tahun" value="2023"' in html
    assert PekpppOfficialResultVersion.objects.count() == 1
    response = client.post(
        url,
        {
            "tahun": "2023",
            "ipp": "4.2",
            "confirm_version": "1",
            "reason": "Hasil banding diterima",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/p/palu/layanan/unit/{su.pk}/pekppp/?tahun=2023").content.decode()
    assert 'data-testid="official-current">IPP 4,20 · A-</div>' in page
    assert 'data-testid="official-version-1"><strong>Versi 1</strong>: IPP 4,60 · A' in page
    assert "alasan: Hasil banding diterima" in page
    # Bad input: a clear message, nothing stored.
    for bad, message in (
        ("abc", "IPP &#x27;abc&#x27; bukan angka."),
        ("nan", "IPP harus berupa angka terhingga, bukan nan"),
        ("5.5", "pekppp: nilai 5.5 di luar rentang 0.00–5.00"),
    ):
        response = client.post(url, {"tahun": "2023", "ipp": bad, "reason": "x"}, follow=True)
        # the page again (400), the refusal at the IPP field
        assert response.status_code == 400
        assert message in field_error(response.content.decode(), "o-ipp")
    assert PekpppOfficialResultVersion.objects.count() == 2


@pytest.mark.parametrize(("who", "status"), [("admin_opd", 403), ("outsider", 404)])
def test_pekppp_official_record_refused(client_for, personas, who, status):
    su, _ = domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    client = client_for(getattr(personas, who))
    response = client.post(
        f"/p/palu/layanan/unit/{su.pk}/pekppp/hasil-resmi/", {"tahun": "2023", "ipp": "4.6"}
    )
    assert response.status_code == status
    assert PekpppOfficialResult.objects.count() == 0
