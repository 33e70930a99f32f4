from __future__ import annotations

import base64
import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from sikap.core.models import AuditLog
from sikap.culture import domain, queries
from sikap.culture.domain import ballot_box
from sikap.culture.models import (
    ActionPlan,
    Ballot,
    Campaign,
    Invitation,
    Response,
    ResultGroup,
)
from sikap.org.tenancy import pemda_url, public_reverse
from tests.conftest import pdf_text, qr_decode
from tests.culture.conftest import DUKCAPIL, add_ballots, make_campaign, publish
from tests.factories import make_unit

# A plan cannot be due before it is made: the tests' plans fall due a month from today.
DUE = timezone.localdate() + dt.timedelta(days=30)


def gid(campaign, code):
    return ResultGroup.objects.get(campaign=campaign, campaign_unit__code=code).pk


# --- respondent pages ----------------------------------------------------------------------


def _token(personas, **kw):
    campaign = make_campaign(personas, launch=True, **kw)
    return campaign, domain.invitations_generate(actor=None, campaign=campaign)[0].token


def _open(client, token):
    """What the survey page's script does with the link's #token: post it."""
    return client.post(public_reverse("culture:survey"), {"token": token})


def _send(client, token, data):
    return client.post(
        public_reverse("culture:survey"), {"token": token, "step": "answers", **data}
    )


def _sheet(campaign):
    """The one sheet in the ballot box, opened with the application's key."""
    return ballot_box.open_sealed(campaign.pk, Ballot.objects.get(campaign=campaign).sealed)


def test_survey_link_keeps_the_token_out_of_every_url(personas, client):
    campaign, token = _token(personas)
    link = domain.survey_link(token, "https://sikap.example.go.id")
    assert link == f"https://sikap.example.go.id/budaya/isi/#{token}"
    page = client.get("/budaya/isi/")
    html = page.content.decode()
    assert page.status_code == 200 and 'name="token"' in html and token not in html
    assert "culture/survey.js" in html
    # Old links with the token in the path are gone: nothing answers there.
    assert client.get(f"/budaya/s/{token}/").status_code == 404


def test_survey_page_submit_and_refuse_again(personas, client):
    campaign, token = _token(personas)
    page = _open(client, token)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<fieldset") == 4 and "<legend" in html
    assert 'name="cc" value="AD1"' in html
    assert f'name="token" value="{token}"' in html
    data = {
        "pv": ["BP1", "AK1", "KO1"],
        "cc": ["BP1", "AK1", "L01"],
        "dc": ["AD1", "AD2", "AD3"],
        "employment_kind": "pppk",
    }
    done = _send(client, token, data)
    assert done.status_code == 302 and done["Location"] == public_reverse("culture:survey_thanks")
    assert token not in done["Location"]
    assert client.get(done["Location"]).status_code == 200
    assert _sheet(campaign)["employment_kind"] == "pppk"
    again = _send(client, token, data)
    unknown = _open(client, "unknown-token")
    assert again.status_code == unknown.status_code == 200

    def main(resp):
        return resp.content.decode().split('id="main"')[1].split("</main>")[0]

    assert main(again) == main(unknown)
    assert "tidak dapat dipakai" in main(again)
    assert Ballot.objects.count() == 1 and Response.objects.count() == 0


def test_survey_errors_keep_choices_and_spend_nothing(personas, client):
    campaign, token = _token(personas)
    page = _send(client, token, {"pv": ["BP1"], "cc": ["BP1", "AK1", "L01"], "dc": []})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bagian 1 dari 3 (Nilai pribadi)</a>: pilih tepat 3 perilaku; yang dipilih 1" in html
    assert 'id="cc-L01" checked' in html
    assert f'name="token" value="{token}"' in html
    assert not Invitation.objects.get().used and Ballot.objects.count() == 0


IMPL = {"pv": ["BP1", "AK1", "KO1"], "cc": ["BP1", "AK1", "L01"], "dc": ["AD1", "AD2", "AD3"]}


def test_survey_form_names_its_campaign_and_is_stored_under_it(personas, client):
    campaign, token = _token(personas)
    html = _open(client, token).content.decode()
    assert f'name="campaign" value="{campaign.pk}"' in html
    unit_id = Invitation.objects.get().campaign_unit_id
    assert _send(client, token, {**IMPL, "campaign": str(campaign.pk)}).status_code == 302
    b = Ballot.objects.get()
    assert (b.campaign_id, b.campaign_unit_id) == (campaign.pk, unit_id)
    assert Invitation.objects.get().used and Invitation.objects.get().employee_id is None


@pytest.mark.parametrize("field", ["", "abc", "99999999", "-1", "²", "١٢"])
def test_survey_without_a_usable_campaign_field_looks_the_token_up(personas, client, field):
    campaign, token = _token(personas)
    assert _send(client, token, {**IMPL, "campaign": field}).status_code == 302
    assert Ballot.objects.filter(campaign=campaign).count() == 1


def test_survey_naming_another_campaign_is_refused_and_spends_nothing(personas, client):
    campaign, token = _token(personas)
    other = make_campaign(personas, code="lain", launch=True)
    refused = _send(client, token, {**IMPL, "campaign": str(other.pk)})
    assert refused.status_code == 200 and "tidak dapat dipakai" in refused.content.decode()
    assert Ballot.objects.count() == 0
    assert not Invitation.objects.get(campaign=campaign).used
    assert Invitation.objects.get(campaign=campaign).employee_id is not None
    # The genuine form still works afterwards.
    assert _send(client, token, {**IMPL, "campaign": str(campaign.pk)}).status_code == 302


def test_survey_of_a_closed_campaign_is_refused_and_spends_nothing(personas, client):
    campaign, token = _token(personas)
    form = _open(client, token)
    assert form.status_code == 200
    domain.campaign_close(actor=personas.admin_pemda, campaign=campaign)
    refused = _send(client, token, {**IMPL, "campaign": str(campaign.pk)})
    assert "tidak dapat dipakai" in refused.content.decode()
    assert Ballot.objects.count() == 0 and not Invitation.objects.get().used


def test_respondent_pages_send_no_menu_or_htmx_script(personas, client, client_for):
    campaign, token = _token(personas)
    pages = [
        client.get(public_reverse("culture:survey")),
        _open(client, token),
        _open(client, "no-such-token"),
        client.get(public_reverse("culture:survey_thanks")),
    ]
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert "bootstrap.bundle" not in html and "htmx.min.js" not in html
    assert "culture/survey.js" in pages[1].content.decode()
    staff = client_for(personas.admin_pemda).get(reverse("culture:index")).content.decode()
    assert "bootstrap.bundle" in staff and "htmx.min.js" in staff


def test_likert_survey_page(personas, client):
    campaign, token = _token(personas, kind="likert")
    assert _open(client, token).content.decode().count('type="radio"') == 105
    assert _send(client, token, {"BP1": "5", "AK2": "3"}).status_code == 302
    sheet = _sheet(campaign)
    assert (sheet["bp1"], sheet["ak2"], sheet["kl3"]) == (5, 3, None)


def test_likert_labels_follow_the_respondents_language(personas, client):
    campaign, token = _token(personas, kind="likert")
    assert "Sangat tidak sesuai" in _open(client, token).content.decode()
    client.cookies["django_language"] = "en"
    english = _open(client, token).content.decode()
    assert "Strongly disagree" in english and "Sangat tidak sesuai" not in english


# --- campaign management -------------------------------------------------------------------


def test_manage_page_counts_non_respondents_per_unit(personas, client_for):
    from tests.factories import EmployeeFactory

    for _ in range(2):
        EmployeeFactory(pemda=personas.pemda, unit=personas.opd_b)
    campaign = make_campaign(personas, launch=True)
    issued = domain.invitations_generate(actor=None, campaign=campaign)
    in_b = [t for t in issued if t.unit_code == "DUKCAPIL"]
    assert len(in_b) == 2 and len(issued) == 3
    domain.response_submit(token=in_b[0].token, answers=IMPL)
    rows = {r.unit.code: r for r in queries.participation(campaign)}
    assert (rows["DUKCAPIL"].invited, rows["DUKCAPIL"].responded, rows["DUKCAPIL"].pending) == (
        2,
        1,
        1,
    )
    other = next(code for code in rows if code != "DUKCAPIL" and rows[code].invited)
    assert (rows[other].responded, rows[other].pending) == (0, 1)
    page = client_for(personas.admin_pemda).get(
        reverse("culture:campaign_manage", args=[campaign.code])
    )
    html = page.content.decode()
    assert "Kirim pengingat (2 belum menjawab)" in html
    assert "Belum menjawab" in html
    assert personas.employee.name not in html


def test_admin_pemda_creates_launches_and_prints_tokens(personas, client_for):
    client = client_for(personas.admin_pemda)
    resp = client.post(
        reverse("culture:campaign_new"),
        {
            "code": "c24",
            "name": "Survei 2024",
            "kind": "implementasi",
            "picks": 10,
            "period_start": "2024-09-01",
            "period_end": "2024-10-01",
            "attribution_depth": 0,
            "sample_method": "krejcie_morgan",
        },
    )
    campaign = Campaign.objects.get(code="c24")
    assert resp.status_code == 302
    client.post(reverse("culture:campaign_action", args=[campaign.code, "launch"]))
    assert Campaign.objects.get(pk=campaign.pk).status == "open"
    sheet = client.post(
        reverse("culture:campaign_tokens", args=[campaign.code]), {"email": "1", "output": "page"}
    )
    html = sheet.content.decode()
    assert sheet.status_code == 200 and html.count("data:image/png;base64,") == 1
    assert "/budaya/isi/#" in html and personas.employee.name not in html
    # The printed QR code carries the same personal link as the text beside it.
    png = base64.b64decode(re.search(r"data:image/png;base64,([A-Za-z0-9+/=]+)", html).group(1))
    (link,) = qr_decode(Image.open(io.BytesIO(png)))
    assert "/budaya/isi/#" in link and link in html
    resp = client.post(reverse("culture:campaign_action", args=[campaign.code, "remind"]))
    assert resp.status_code == 302
    page = client.get(reverse("culture:campaign_manage", args=[campaign.code]))
    assert page.status_code == 200
    assert personas.employee.name not in page.content.decode()


def test_campaign_create_form_errors(personas, client_for):
    client = client_for(personas.admin_pemda)
    resp = client.post(
        reverse("culture:campaign_new"),
        {
            "code": "c24",
            "name": "x",
            "kind": "implementasi",
            "picks": 10,
            "period_start": "2024-09-01",
            "period_end": "2024-08-01",
            "attribution_depth": 0,
            "sample_method": "krejcie_morgan",
        },
    )
    assert resp.status_code == 200
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in resp.content.decode()
    assert not Campaign.objects.exists()


@pytest.mark.parametrize("who", ["admin_opd", "pimpinan", "penilai", "pegawai", "outsider", None])
def test_only_admin_pemda_manages(personas, client_for, who, computed):
    client = client_for(getattr(personas, who) if who else None)
    before = AuditLog.objects.count()
    status = computed.status
    for name in ("campaign_manage", "campaign_tokens"):
        url = reverse(f"culture:{name}", args=[computed.code])
        resp = client.post(url) if name == "campaign_tokens" else client.get(url)
        assert resp.status_code in (302, 404) if who is None else resp.status_code == 404
    for action in ("launch", "remind", "recompute", "close"):
        resp = client.post(reverse("culture:campaign_action", args=[computed.code, action]))
        assert resp.status_code in (302, 404)
    assert Campaign.objects.get(pk=computed.pk).status == status
    assert Invitation.objects.count() == 0 and AuditLog.objects.count() == before
    if who == "outsider":  # Admin Pemda of Donggala: creates campaigns there only
        assert client.get(reverse("culture:campaign_new")).status_code == 404
        there = client.get(pemda_url(personas.other_pemda, "culture:campaign_new"))
        assert "Donggala" in there.content.decode()
    elif who is not None:
        assert client.get(reverse("culture:campaign_new")).status_code == 403


# --- results pages -------------------------------------------------------------------------


def test_overview_for_admin_pemda(personas, client_for, computed):
    html = client_for(personas.admin_pemda).get(reverse("culture:results", args=[computed.code]))
    text = html.content.decode()
    assert html.status_code == 200
    assert "Pemerintah Kota Palu" in text and 'class="chart chart-radar"' in text
    assert text.count("band-") > 7


def test_admin_opd_sees_own_subtree_only(personas, client_for, computed):
    client = client_for(personas.admin_opd)
    page = client.get(reverse("culture:results", args=[computed.code]))
    text = page.content.decode()
    assert "Dinas Kesehatan" in text and "Kependudukan" not in text
    assert (
        client.get(reverse("culture:group", args=[computed.code, "DINKES-PKM-KAMONJI"])).status_code
        == 200
    )
    for code in ("DUKCAPIL", "palu"):
        assert client.get(reverse("culture:group", args=[computed.code, code])).status_code == 404


def test_group_page_shows_why_and_hides_suppressed(personas, client_for, computed):
    client = client_for(personas.admin_pemda)
    pkm = client.get(reverse("culture:group", args=[computed.code, "DINKES-PKM-KAMONJI"]))
    text = pkm.content.decode()
    assert "28,6" in text and "Mengapa kategori ini?" in text
    assert "Tidak Sehat" in text
    hidden = client.get(reverse("culture:group", args=[computed.code, "DUKCAPIL"]))
    htext = hidden.content.decode()
    assert "disembunyikan untuk menjaga anonimitas" in htext
    assert "band-" not in htext.split('id="main"')[1].split("Rencana aksi")[0]


@pytest.mark.parametrize("who", ["penilai", "pegawai", "outsider"])
def test_results_refused_without_capability(personas, client_for, computed, who):
    client = client_for(getattr(personas, who))
    for url in (
        reverse("culture:results", args=[computed.code]),
        reverse("culture:group", args=[computed.code, "palu"]),
        reverse("culture:export_xlsx", args=[computed.code]),
        reverse("culture:export_raw", args=[computed.code]),
        reverse("culture:group_pdf", args=[computed.code, "palu"]),
    ):
        assert client.get(url).status_code == 404, url


def test_anonymous_is_sent_to_login(client, computed):
    resp = client.get(reverse("culture:results", args=[computed.code]))
    assert resp.status_code == 302 and "/akun/" in resp["Location"]


def test_index_query_count(personas, client_for, computed, django_assert_max_num_queries):
    client = client_for(personas.admin_pemda)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("culture:index")).status_code == 200
    for i in range(2):
        make_campaign(personas, code=f"extra{i}")
    with django_assert_max_num_queries(8):
        resp = client.get(reverse("culture:index"))
    assert resp.content.decode().count("Survei extra") == 2


def test_results_query_count_does_not_grow(personas, client_for, computed):
    client = client_for(personas.admin_pemda)

    def queries_for(campaign) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("culture:results", args=[campaign.code])).status_code == 200
        return len(ctx.captured_queries)

    small = queries_for(computed)
    for i in range(4):
        make_unit(personas.pemda, f"DINAS-{i}", f"Dinas Tambahan {i}", "dinas")
    larger = make_campaign(personas, code="c2023b")
    for i in range(4):
        add_ballots(larger, f"DINAS-{i}", DUKCAPIL)
    larger = publish(larger)
    assert ResultGroup.objects.filter(campaign=larger).count() > 3 + 4 - 1
    assert small <= 12 and queries_for(larger) == small


# --- exports -------------------------------------------------------------------------------


def test_excel_and_raw_exports_leave_out_suppressed(personas, client_for, computed):
    import io

    from openpyxl import load_workbook

    client = client_for(personas.admin_pemda)
    xlsx = client.get(reverse("culture:export_xlsx", args=[computed.code]))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    by_unit = {r[0]: r for r in rows[1:]}
    assert by_unit["DUKCAPIL"][2:] == (3, "ya", None, None, *([None] * 7), None)
    assert by_unit["DINKES-PKM-KAMONJI"][4:6] == (28.6, "C")
    raw = client.get(reverse("culture:export_raw", args=[computed.code])).content.decode()
    lines = raw.strip().splitlines()
    assert lines[0].startswith("unit,pv,cc,dc")
    # DINKES (complementary) and DUKCAPIL (small) are hidden: their 6 + 3 sheets are exported
    # as the Pemda's, the nearest shown group, never under their own codes.
    units = sorted(line.split(",")[0] for line in lines[1:])
    assert units == ["DINKES-PKM-KAMONJI"] * 5 + ["palu"] * 9
    # Admin OPD has no raw access.
    assert (
        client_for(personas.admin_opd)
        .get(reverse("culture:export_raw", args=[computed.code]))
        .status_code
        == 404
    )


def test_pdf_report(personas, client_for, computed):
    resp = client_for(personas.admin_pemda).get(
        reverse("culture:group_pdf", args=[computed.code, "DINKES-PKM-KAMONJI"])
    )
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    text = pdf_text(resp.content)
    assert "Puskesmas Kamonji" in text, text


# --- action plans --------------------------------------------------------------------------


def test_action_plan_create_and_progress(personas, client_for, computed):
    client = client_for(personas.admin_opd)
    resp = client.post(
        reverse("culture:plan_new"),
        {
            "unit": personas.opd_a.pk,
            "campaign": computed.pk,
            "value_code": "AD",
            "actions": "Lokakarya inovasi bulanan",
            "owner": "Sekretaris Dinas",
            "due_date": DUE.isoformat(),
            "indicator": "3 inovasi baru",
        },
    )
    plan = ActionPlan.objects.get()
    assert resp.status_code == 302 and plan.unit == personas.opd_a
    page = client.get(reverse("culture:plans"))
    assert "Lokakarya inovasi bulanan" in page.content.decode()
    client.post(
        reverse("culture:plan_detail", args=[plan.pk]),
        {"status": "ongoing", "progress_percent": 40, "progress_note": "2 lokakarya"},
    )
    plan.refresh_from_db()
    assert (plan.status, plan.progress_percent) == ("ongoing", 40)


def test_action_plan_other_opd_refused(personas, client_for, computed):
    plan = domain.action_plan_create(
        actor=None,
        campaign=computed,
        unit=personas.opd_b,
        value_code="AD",
        actions="x",
        owner="y",
        due_date=DUE,
        indicator="z",
    )
    client = client_for(personas.admin_opd)
    assert client.get(reverse("culture:plan_detail", args=[plan.pk])).status_code == 404
    assert (
        client.post(
            reverse("culture:plan_detail", args=[plan.pk]),
            {"status": "done", "progress_percent": 100},
        ).status_code
        == 404
    )
    assert ActionPlan.objects.get(pk=plan.pk).status == "planned"
    resp = client.post(
        reverse("culture:plan_new"),
        {
            "unit": personas.opd_b.pk,
            "campaign": computed.pk,
            "value_code": "AD",
            "actions": "a",
            "owner": "b",
            "due_date": DUE.isoformat(),
            "indicator": "c",
        },
    )
    assert resp.status_code == 200 and ActionPlan.objects.count() == 1
    outsider = client_for(personas.outsider)
    assert outsider.get(reverse("culture:plans")).status_code == 404  # Palu is not theirs
    other = outsider.get(pemda_url(personas.other_pemda, "culture:plans")).content.decode()
    assert "Belum ada rencana aksi." in other
    assert client_for(personas.penilai).get(reverse("culture:plans")).status_code == 403


def test_dashboards_never_read_responses(personas, client_for, computed):
    """Pages read snapshots only, so their cost does not grow with the number of responses."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(personas.admin_pemda)
    urls = [
        reverse("culture:results", args=[computed.code]),
        reverse("culture:group", args=[computed.code, "DINKES-PKM-KAMONJI"]),
        f"/api/culture/campaigns/{computed.pk}/results/?pemda=palu",
        reverse("culture:export_xlsx", args=[computed.code]),
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        assert not [q for q in ctx.captured_queries if "culture_response" in q["sql"]], url


def test_recompute_button_runs_the_task_after_commit(
    personas, client_for, django_capture_on_commit_callbacks
):
    campaign = make_campaign(personas)
    add_ballots(campaign, "DUKCAPIL", DUKCAPIL)
    client = client_for(personas.admin_pemda)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        resp = client.post(reverse("culture:campaign_action", args=[campaign.code, "recompute"]))
    assert resp.status_code == 302 and len(callbacks) == 1
    # Not closed yet: nothing is published.
    assert not ResultGroup.objects.filter(campaign=campaign).exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        resp = client.post(reverse("culture:campaign_action", args=[campaign.code, "close"]))
    assert resp.status_code == 302 and len(callbacks) == 1
    g = ResultGroup.objects.get(campaign=campaign, campaign_unit__code="DUKCAPIL")
    assert (g.n, g.suppressed, g.overall_band) == (5, False, "C")
    assert Campaign.objects.get(pk=campaign.pk).published_at is not None


def test_instrument_editable_until_launch(personas, client_for):
    from sikap.culture.models import Instrument

    campaign = make_campaign(personas)
    client = client_for(personas.admin_pemda)
    url = reverse("culture:instrument_edit", args=[campaign.code])
    assert "L01 | " in client.get(url).content.decode()
    bad = client.post(url, {"name": "v", "limiting": "L01 Birokrasi"})
    assert "Baris 1 harus berbentuk KODE | uraian." in bad.content.decode()
    resp = client.post(
        url, {"name": "Instrumen Palu", "limiting": "L01 | Lambat\nX2 | Ego sektoral"}
    )
    assert resp.status_code == 302
    instrument = Instrument.objects.get(pk=campaign.instrument_id)
    assert instrument.limiting_codes == ["L01", "X2"] and instrument.name == "Instrumen Palu"
    assert (
        client_for(personas.admin_opd).post(url, {"name": "x", "limiting": "A | b"}).status_code
        == 404
    )
    domain.campaign_launch(actor=None, campaign=campaign)
    refused = client_for(personas.admin_pemda).post(url, {"name": "y", "limiting": "A | b"})
    assert "sudah dikunci" in refused.content.decode()
    assert Instrument.objects.get(pk=campaign.instrument_id).limiting_codes == ["L01", "X2"]


def test_plans_list_query_count(personas, client_for, computed, django_assert_max_num_queries):
    client = client_for(personas.admin_pemda)

    def plan(i):
        domain.action_plan_create(
            actor=None,
            campaign=computed,
            unit=personas.opd_a,
            value_code="AD",
            actions=f"Aksi {i}",
            owner="x",
            due_date=DUE,
            indicator="y",
        )

    plan(0)
    with django_assert_max_num_queries(10):
        assert "Aksi 0" in client.get(reverse("culture:plans")).content.decode()
    plan(1)
    plan(2)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("culture:plans")).content.decode().count("Aksi ") == 3


def test_likert_group_page_lists_weakest_items(personas, client_for):
    from tests.culture.conftest import add_likert

    campaign = make_campaign(personas, kind="likert")
    add_likert(campaign, "DUKCAPIL", [{"BP1": 5, "AK1": 2, "KL3": 3}] * 5)
    publish(campaign)
    page = client_for(personas.admin_pemda).get(
        reverse("culture:group", args=[campaign.code, "DUKCAPIL"])
    )
    text = page.content.decode()
    assert "Perilaku terlemah (rata-rata 1–5)" in text
    weakest = text.split("Perilaku terlemah (rata-rata 1–5)")[1]
    assert weakest.index("jujur") < weakest.index("Menggerakkan") < weakest.index("Memahami")


def test_group_page_top_ten_and_matches(personas, client_for, computed):
    from sikap.culture import queries

    group = ResultGroup.objects.get(campaign=computed, campaign_unit__code="DINKES-PKM-KAMONJI")
    top = queries.top_ten(queries.behaviour_shares(group, computed))
    assert [b["code"] for b in top.pv][:3] == ["BP1", "AK1", "KO1"]
    assert top.pv[0]["pv"] == 100.0
    assert [b["code"] for b in top.cc] == [
        "L01",
        "AD1",
        "AK1",
        "AK2",
        "BP1",
        "BP2",
        "BP3",
        "HA1",
        "KL1",
        "KO1",
    ]
    assert top.pv_cc == ["BP1", "AK1", "KO1"]
    assert set(top.cc_dc) == {b["code"] for b in top.cc} & {b["code"] for b in top.dc}
    text = (
        client_for(personas.admin_pemda)
        .get(reverse("culture:group", args=[computed.code, group.campaign_unit.code]))
        .content.decode()
    )
    assert "Sepuluh perilaku teratas" in text and "Kecocokan nilai pribadi" in text
    # Limiting behaviour L01: 3 of 5 ballots (60%), Wilson 95% interval 23.1–88.2.
    l01 = next(b for b in queries.behaviour_shares(group, computed) if b["code"] == "L01")
    assert (l01["cc"], l01["cc_ci"]) == (60.0, (23.1, 88.2))
    limiting_html = text.split("Perilaku pembatas terkuat")[1].split("</ol>")[0]
    assert 'Birokrasi berbelit — 60,0% <span class="text-muted">(95%: 23,1–88,2)</span>' in (
        limiting_html
    )
    # Gaps list only behaviours more desired than present (DC above CC).
    gaps_html = text.split("Kesenjangan terbesar")[1].split("</ol>")[0]
    for b in queries.behaviour_shares(group, computed):
        if b["gap"] <= 0:
            assert f"{b['text']}:" not in gaps_html


# --- publication -----------------------------------------------------------------------------


def test_before_publication_pages_show_participation_only(personas, client_for):
    from tests.factories import EmployeeFactory

    EmployeeFactory(pemda=personas.pemda, unit=personas.opd_b)
    campaign = make_campaign(personas, launch=True)
    issued = domain.invitations_generate(actor=None, campaign=campaign)
    domain.response_submit(token=issued[0].token, answers=IMPL)
    domain.results_recompute(campaign=campaign)  # the nightly run: nothing published
    admin = client_for(personas.admin_pemda)
    page = admin.get(reverse("culture:results", args=[campaign.code]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Hasil diterbitkan setelah kampanye ditutup" in html
    assert "chart-radar" not in html and "band-" not in html
    assert [r.unit.code for r in page.context["rows"]] == [
        "DINKES-PKM-KAMONJI",
        "DUKCAPIL",
    ]
    assert sum(r.responded for r in page.context["rows"]) == 1
    # Exports wait for publication too.
    for name in ("culture:export_xlsx", "culture:export_raw"):
        back = admin.get(reverse(name, args=[campaign.code]))
        assert back.status_code == 302, name
        assert back["Location"] == reverse("culture:results", args=[campaign.code])
    manage = admin.get(reverse("culture:campaign_manage", args=[campaign.code])).content.decode()
    assert "Belum diterbitkan: hasil terbit setelah kampanye ditutup." in manage
    assert "1 jawaban tersegel menunggu di kotak suara" in manage
    # A Kepala OPD sees its own units only.
    own = client_for(personas.pimpinan).get(reverse("culture:results", args=[campaign.code]))
    assert [r.unit.code for r in own.context["rows"]] == ["DINKES-PKM-KAMONJI"]


def test_manage_page_says_why_a_new_version_was_held(personas, client_for, computed):
    import io

    line = "DUKCAPIL,BP1;AK1;KO1,BP1;AK1;L01,AD1;AD2;AD3\n"
    domain.responses_import(
        actor=None, campaign=computed, file=io.StringIO("unit,pv,cc,dc\n" + line)
    )
    domain.results_recompute(campaign=computed)
    html = (
        client_for(personas.admin_pemda)
        .get(reverse("culture:campaign_manage", args=[computed.code]))
        .content.decode()
    )
    assert "Perhitungan terbaru tidak diterbitkan" in html
    assert "<li>palu: +1</li>" in html
