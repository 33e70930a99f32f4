"""The performance pages render their forms through the one form style: a refused value comes
back on the page next to its field, tied to it with aria-describedby, and nothing is stored."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from sikap.core.models import AuditLog
from sikap.performance.models import Agreement, PlanningYear, Skp
from tests.form_style import field_error


def stored() -> tuple[int, int, int]:
    return Agreement.objects.count(), PlanningYear.objects.count(), AuditLog.objects.count()


def test_the_index_forms_are_rendered_in_the_one_style(chain, personas, client_for) -> None:
    html = (
        client_for(personas.admin_pemda)
        .get(reverse("performance:index"), {"year": "2024"})
        .content.decode()
    )
    assert '<label class="form-label small" for="filter_year">Tahun</label>' in html
    assert (
        '<input type="number" name="year" value="2024" min="2000" max="2100"'
        ' class="form-control" id="filter_year">'
    ) in html
    assert '<label class="form-label" for="setting_dpa_approved_on">' in html
    assert 'placeholder="dd/mm/yyyy"' in html
    assert '<label class="form-label" for="id_unit_code">Kode unit</label>' in html


def test_a_bad_year_in_the_filter_is_shown_at_it_and_the_current_year_listed(
    chain, personas, client_for
) -> None:
    response = client_for(personas.admin_pemda).get(reverse("performance:index"), {"year": "1900"})
    assert response.status_code == 200
    html = response.content.decode()
    assert field_error(html, "filter_year") == (
        "Pastikan nilai ini lebih besar dari atau sama dengan 2000."
    )
    assert f"Perjanjian Kinerja {timezone.localdate().year}" in html


def test_a_bad_dpa_date_is_shown_at_its_field_and_nothing_is_stored(
    chain, personas, client_for
) -> None:
    before = stored()
    response = client_for(personas.admin_pemda).post(
        reverse("performance:planning_year_set"),
        {"year": "2024", "dpa_approved_on": "2024-13-45", "evaluation_period": "monthly"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, "setting_dpa_approved_on") == (
        "Tanggal harus ditulis hh/bb/tttt, mis. 04/12/2026."
    )
    assert 'value="2024-13-45"' in html  # what was typed stays to be corrected
    assert stored() == before


def test_an_unknown_unit_for_a_new_pk_is_shown_at_its_field_and_nothing_is_made(
    chain, personas, client_for
) -> None:
    before = stored()
    response = client_for(personas.admin_pemda).post(
        reverse("performance:agreement_create"), {"year": "2025", "unit_code": "TIDAK-ADA"}
    )
    assert response.status_code == 400
    assert (
        field_error(response.content.decode(), "id_unit_code") == "Unit TIDAK-ADA tidak ditemukan."
    )
    assert stored() == before


def test_a_pemda_pk_by_an_admin_opd_is_refused_at_the_unit_field(
    chain, personas, client_for
) -> None:
    before = stored()
    response = client_for(personas.admin_opd).post(
        reverse("performance:agreement_create"), {"year": "2025", "unit_code": ""}
    )
    assert response.status_code == 400
    assert field_error(response.content.decode(), "id_unit_code") == (
        "PK Pemerintah Daerah hanya dibuat oleh Admin Pemda."
    )
    assert stored() == before


def test_a_year_out_of_range_for_a_new_pk_is_shown_at_the_year(chain, personas, client_for) -> None:
    before = stored()
    response = client_for(personas.admin_pemda).post(
        reverse("performance:agreement_create"), {"year": "abc", "unit_code": "1.02"}
    )
    assert response.status_code == 400
    assert field_error(response.content.decode(), "id_year") == (
        "Masukkan bilangan bulat dengan angka 0–9."
    )
    assert stored() == before


def test_the_new_skp_form_offers_the_creatable_employees(chain, personas, client_for) -> None:
    html = (
        client_for(chain.kabid_user)
        .get(reverse("performance:skp_list"), {"year": "2024"})
        .content.decode()
    )
    assert '<input type="hidden" name="year" value="2024" id="id_year">' in html
    picker = re.search(r'<select name="employee"[^>]*>.*?</select>', html, re.S)
    assert picker is not None and 'class="form-select"' in picker.group(0)
    offered = re.findall(r'<option value="(\d+)"', picker.group(0))
    assert sorted(map(int, offered)) == sorted(
        e.pk for e in (chain.kabid, chain.kasi, chain.staff1, chain.staff2)
    )


def test_a_bad_approach_is_shown_at_its_field_and_no_skp_is_made(chain, client_for) -> None:
    before = Skp.objects.count(), AuditLog.objects.count()
    response = client_for(chain.kabid_user).post(
        reverse("performance:skp_create"),
        {"year": "2024", "employee": chain.kabid.pk, "approach": "kira-kira"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, "id_approach") == (
        "Masukkan pilihan yang valid. kira-kira bukan salah satu dari pilihan yang tersedia."
    )
    assert f'<option value="{chain.kabid.pk}" selected>' in html  # the choice is kept
    assert (Skp.objects.count(), AuditLog.objects.count()) == before


def test_a_second_skp_of_the_year_is_refused_at_the_form(chain, client_for) -> None:
    from sikap.performance import domain

    domain.skp_create(actor=None, employee=chain.kasi, year=2024)
    before = Skp.objects.count(), AuditLog.objects.count()
    response = client_for(chain.kabid_user).post(
        reverse("performance:skp_create"),
        {"year": "2024", "employee": chain.kasi.pk, "approach": "kuantitatif"},
    )
    # the Kepala Seksi already has one: not creatable, so the gate refuses it as before
    assert response.status_code == 403
    assert (Skp.objects.count(), AuditLog.objects.count()) == before


def test_the_calibration_forms_are_rendered_in_the_one_style(chain, personas, client_for) -> None:
    from sikap.performance import domain

    staff = domain.skp_create(actor=None, employee=chain.staff1, year=2024)
    domain.skp_result_add(actor=None, skp=staff, kind="utama", text="a", indicator_text="b",
                          target="1", intervenes_indicator=chain.opd_indicator)  # fmt: skip
    domain.skp_agree(actor=None, skp=staff)
    url = reverse("performance:calibration", args=[chain.seksi.code])
    html = client_for(personas.pimpinan).get(url, {"year": "2024"}).content.decode()
    assert '<input type="hidden" name="year" value="2024" id="id_year">' in html
    assert '<label class="form-label small" for="id_predicate">' in html
    assert (
        f'<select name="rating_hasil" class="form-select" id="rate{staff.pk}-rating_hasil">' in html
    )
    assert f'<label class="visually-hidden" for="rate{staff.pk}-rating_perilaku">' in html


def test_a_bad_organisation_predicate_is_shown_at_its_field(chain, personas, client_for) -> None:
    before = AuditLog.objects.count()
    response = client_for(personas.pimpinan).post(
        reverse("performance:org_predicate_set", args=[chain.seksi.code]),
        {"year": "2024", "predicate": "Luar Biasa"},
    )
    assert response.status_code == 400
    assert field_error(response.content.decode(), "id_predicate") == (
        "Masukkan pilihan yang valid. Luar Biasa bukan salah satu dari pilihan yang tersedia."
    )
    assert AuditLog.objects.count() == before
    from sikap.performance.models import OrgPredicate

    assert OrgPredicate.objects.count() == 0


def pk_state(chain):
    from sikap.performance.models import Indicator, Realisation, Sasaran

    return (
        Sasaran.objects.count(),
        Indicator.objects.count(),
        Realisation.objects.count(),
        AuditLog.objects.count(),
    )


def test_the_pk_forms_are_rendered_in_the_one_style(chain, personas, client_for) -> None:
    url = reverse("performance:agreement", args=[chain.opd_pk.pk])
    html = client_for(personas.admin_opd).get(url).content.decode()
    i = chain.opd_indicator.pk
    assert f'<label class="form-label small" for="real{i}-value">Realisasi</label>' in html
    assert f'<select name="period" class="form-select" id="real{i}-period">' in html
    s = chain.opd_sasaran.pk
    assert f'<label class="form-label" for="ind{s}-code">Kode indikator</label>' in html
    assert '<legend class="form-label fs-6">SMART</legend>' in html
    supports = re.search(
        rf'<select name="supports"[^>]*id="ind{s}-supports">.*?</select>', html, re.S
    )
    assert supports is not None
    assert f'<option value="{chain.iku.pk}">IKU-1 Angka harapan hidup</option>' in supports.group(0)
    assert '<label class="form-label" for="sasaran-code">' in html
    assert 'name="signed_on"' in html and 'placeholder="dd/mm/yyyy"' in html


def test_a_bad_realisation_is_shown_in_its_row_and_nothing_is_stored(
    chain, personas, client_for
) -> None:
    before = pk_state(chain)
    i = chain.opd_indicator.pk
    response = client_for(personas.admin_opd).post(
        reverse("performance:realisation_record", args=[i]),
        {"period": "year", "value": "banyak", "evidence": "PWS"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, f"real{i}-value") == "Masukkan angka, mis. 86,07."
    assert f'id="real{i}-evidence">\nPWS</textarea>' in html
    assert pk_state(chain) == before


def test_a_bad_indicator_target_is_shown_at_its_field(chain, personas, client_for) -> None:
    before = pk_state(chain)
    s = chain.opd_sasaran.pk
    response = client_for(personas.admin_opd).post(
        reverse("performance:indicator_create", args=[s]),
        {"code": "I-2", "name": "Cakupan", "kind": "output", "polarity": "higher",
         "target": "sepuluh"},
    )  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, f"ind{s}-target") == "Masukkan angka, mis. 86,07."
    assert re.search(r"<details open><summary[^>]*>Tambah indikator", html)
    assert pk_state(chain) == before


def test_a_bad_signing_date_is_shown_at_its_field(chain, personas, client_for) -> None:
    before = pk_state(chain)
    response = client_for(personas.admin_opd).post(
        reverse("performance:agreement_sign", args=[chain.opd_pk.pk]), {"signed_on": "31/02/2024"}
    )
    assert response.status_code == 400
    assert field_error(response.content.decode(), "id_signed_on") == (
        "Tanggal harus ditulis hh/bb/tttt, mis. 04/12/2026."
    )
    chain.opd_pk.refresh_from_db()
    assert (chain.opd_pk.status, pk_state(chain)) == ("draft", before)


def test_a_sasaran_for_a_signed_pk_is_refused_on_top(chain, personas, client_for) -> None:
    import datetime as dt

    from sikap.performance import domain

    domain.agreement_sign(actor=None, agreement=chain.opd_pk, signed_on=dt.date(2024, 2, 1))
    before = pk_state(chain)
    response = client_for(personas.admin_opd).post(
        reverse("performance:sasaran_create", args=[chain.opd_pk.pk]),
        {"code": "S9", "name": "Baru"},
    )
    assert response.status_code == 400
    alert = re.search(
        r'<div class="alert alert-danger" role="alert">([^<]*)</div>', response.content.decode()
    )
    assert alert is not None and "ubah hanya lewat revisi" in alert.group(1)
    assert "__all__" not in alert.group(1)
    assert pk_state(chain) == before


@pytest.fixture
def agreed(chain):
    from sikap.performance import domain

    kasi = domain.skp_create(actor=None, employee=chain.kasi, year=2024)
    domain.skp_result_add(actor=None, skp=kasi, kind="utama", text="Rujukan tepat waktu",
                          indicator_text="y", target="1",
                          intervenes_indicator=chain.opd_indicator)  # fmt: skip
    domain.skp_agree(actor=None, skp=kasi)
    return kasi


def skp_state(skp):
    skp.refresh_from_db()
    rows = [(r.realisation, r.level) for r in skp.results.all()]
    behaviours = [(b.expectation, b.level) for b in skp.behaviours.all()]
    return skp.predicate, rows, behaviours, AuditLog.objects.count()


def test_the_skp_forms_are_rendered_in_the_one_style(agreed, chain, client_for) -> None:
    html = (
        client_for(chain.kabid_user)
        .get(reverse("performance:skp", args=[agreed.pk]))
        .content.decode()
    )
    r = agreed.results.get().pk
    assert f'<label class="form-label small" for="as{r}-realisation">Realisasi</label>' in html
    b = agreed.behaviours.first().value
    assert f'<input type="hidden" name="value" value="{b}" id="beh-{b}-value">' in html
    assert f'<select name="level" class="form-select" id="beh-{b}-level">' in html
    assert '<label class="form-label" for="rate-rating_hasil">Rating hasil kerja</label>' in html
    assert '<label class="form-label" for="checkin-period">Periode</label>' in html


def test_a_bad_level_is_shown_in_its_row_and_nothing_is_stored(agreed, chain, client_for) -> None:
    before = skp_state(agreed)
    r = agreed.results.get().pk
    response = client_for(chain.kabid_user).post(
        reverse("performance:skp_result_assess", args=[r]),
        {"realisation": "12 rujukan", "level": "luar-biasa"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, f"as{r}-level") == (
        "Masukkan pilihan yang valid. luar-biasa bukan salah satu dari pilihan yang tersedia."
    )
    assert 'value="12 rujukan"' in html
    assert skp_state(agreed) == before


def test_a_bad_behaviour_rating_is_shown_in_its_row(agreed, chain, client_for) -> None:
    before = skp_state(agreed)
    b = agreed.behaviours.first().value
    response = client_for(chain.kabid_user).post(
        reverse("performance:skp_behaviour_rate", args=[agreed.pk]), {"value": b, "level": "x"}
    )
    assert response.status_code == 400
    assert field_error(response.content.decode(), f"beh-{b}-level").startswith(
        "Masukkan pilihan yang valid."
    )
    assert skp_state(agreed) == before


def test_a_missing_annual_rating_is_shown_at_its_field(agreed, chain, client_for) -> None:
    before = skp_state(agreed)
    response = client_for(chain.kabid_user).post(
        reverse("performance:skp_rate", args=[agreed.pk]), {"rating_hasil": "sesuai"}
    )
    assert response.status_code == 400
    assert field_error(response.content.decode(), "rate-rating_perilaku") == (
        "Bidang ini harus diisi."
    )
    assert skp_state(agreed) == before


def test_the_year_filter_shows_the_year_listed_when_none_is_asked(chain, personas, client_for):
    html = client_for(personas.admin_pemda).get(reverse("performance:index")).content.decode()
    year = timezone.localdate().year
    assert (
        f'name="year" value="{year}" min="2000" max="2100" class="form-control" id="filter_year"'
        in html
    )
