"""Campaign work: printable link sheets per unit, revoking and re-issuing a unit's unused links,
and participation per unit for those who may read it."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.culture import domain, queries
from sikap.culture.models import Ballot, Invitation, Invitee
from sikap.org.models import Employee
from sikap.org.tenancy import public_reverse
from tests.conftest import pdf_text, qr_decode
from tests.culture.conftest import make_campaign, unit_of
from tests.factories import EmployeeFactory

IMPL = {"pv": ["BP1", "AK1", "KO1"], "cc": ["BP1", "AK1", "L01"], "dc": ["AD1", "AD2", "AD3"]}
CODE = r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"


@pytest.fixture
def campaign(personas):
    """An open campaign over Palu: one employee in the Puskesmas, three in Dukcapil."""
    for _ in range(3):
        EmployeeFactory(pemda=personas.pemda, unit=personas.opd_b)
    return make_campaign(personas, launch=True)


def _pdf_codes(data: bytes) -> list[str]:
    return re.findall(CODE, pdf_text(data))


def _pdf_qr_links(data: bytes) -> list[str]:
    import pypdf

    # WeasyPrint shares one resource dictionary between pages: each image once, by name.
    images = {}
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        images.update({image.name: image.image for image in page.images})
    return [link for image in images.values() for link in qr_decode(image.convert("L"))]


def _page_texts(data: bytes) -> list[str]:
    import pypdf

    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def _issue(client, campaign, **data):
    return client.post(reverse("culture:campaign_tokens", args=[campaign.code]), data)


def _reissue(client, campaign, code):
    url = reverse(
        "culture:campaign_links_reissue", args=[campaign.code, unit_of(campaign, code).code]
    )
    return client.post(url)


def _open(client, token):
    return client.post(public_reverse("culture:survey"), {"token": token})


def _works(client, token) -> bool:
    return "Bagian 1 dari 3" in _open(client, token).content.decode()


# --- printable sheets ----------------------------------------------------------------------


def test_link_sheets_pdf_has_one_part_per_unit_with_qr_and_code_and_no_names(
    personas, client_for, campaign
):
    client = client_for(personas.admin_pemda)
    resp = _issue(client, campaign, output="pdf")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert resp["Cache-Control"] == "no-store"
    assert resp["Content-Disposition"] == 'attachment; filename="tautan-survei-c2023.pdf"'
    text = pdf_text(resp.content)
    codes = _pdf_codes(resp.content)
    assert len(codes) == len(set(codes)) == Invitation.objects.count() == 4
    # Every printed code opens the survey; its QR code is the link with that code.
    links = _pdf_qr_links(resp.content)
    base = "http://testserver"  # the address the request came to (no SIKAP_BASE_URL set)
    assert sorted(links) == sorted(f"{base}/budaya/isi/#{c}" for c in codes)
    assert (
        f"Pindai kode QR, atau buka alamat ini dan ketik kode di atas: {base}/budaya/isi/" in text
    )
    assert "Potong di garis putus-putus." in text and "jangan mencatat siapa" in text
    # Each unit starts a page of its own, with its cards only.
    pages = _page_texts(resp.content)
    dukcapil = [p for p in pages if "Dinas Kependudukan dan Pencatatan Sipil DUKCAPIL" in p]
    puskesmas = [p for p in pages if "Puskesmas Kamonji DINKES-PKM-KAMONJI" in p]
    assert len(dukcapil) == len(puskesmas) == 1 and dukcapil != puskesmas
    assert len(re.findall(CODE, dukcapil[0])) == 3 and "3 kartu" in dukcapil[0]
    assert len(re.findall(CODE, puskesmas[0])) == 1 and "1 kartu" in puskesmas[0]
    # A cut card still names its unit.
    assert dukcapil[0].count("DUKCAPIL · Dinas Kependudukan dan Pencatatan Sipil") == 3
    assert puskesmas[0].count("DINKES-PKM-KAMONJI · Puskesmas Kamonji") == 1
    # No person is named anywhere on the sheets.
    for employee in Employee.objects.filter(pemda=personas.pemda):
        assert employee.name not in text and employee.nip not in text
    for code in codes:
        assert _works(client_for(None), code)


def test_link_sheets_for_one_unit_invite_that_unit_only(personas, client_for, campaign):
    client = client_for(personas.admin_pemda)
    dukcapil = unit_of(campaign, "DUKCAPIL")
    resp = _issue(client, campaign, output="pdf", unit=str(dukcapil.pk))
    assert resp["Content-Disposition"] == (
        'attachment; filename="tautan-survei-c2023-DUKCAPIL.pdf"'
    )
    assert len(_pdf_codes(resp.content)) == 3
    assert set(Invitation.objects.values_list("campaign_unit__code", flat=True)) == {"DUKCAPIL"}
    audit = AuditLog.objects.get(action="culture.invitations.generate")
    assert audit.after == {"count": 3, "unit": "DUKCAPIL"}
    # A second run for the same unit has nothing to print; the rest are still to invite.
    again = _issue(client, campaign, output="pdf", unit=str(dukcapil.pk))
    assert again.status_code == 302 and Invitation.objects.count() == 3
    rest = _issue(client, campaign, output="pdf")
    assert len(_pdf_codes(rest.content)) == 1 and Invitation.objects.count() == 4


@pytest.mark.parametrize("unit", ["abc", "99999", "-1", "²"])
def test_link_sheets_refuse_an_unknown_unit_and_invite_nobody(personas, client_for, campaign, unit):
    resp = _issue(client_for(personas.admin_pemda), campaign, output="pdf", unit=unit)
    assert resp.status_code == 302 and Invitation.objects.count() == 0


def test_link_sheets_refuse_a_unit_of_another_campaign(personas, client_for, campaign):
    other = make_campaign(personas, code="lain", launch=True)
    resp = _issue(
        client_for(personas.admin_pemda),
        campaign,
        output="pdf",
        unit=str(unit_of(other, "DUKCAPIL").pk),
    )
    assert resp.status_code == 302 and Invitation.objects.count() == 0


def test_manage_page_warns_that_links_are_shown_once(personas, client_for, campaign):
    html = client_for(personas.admin_pemda).get(
        reverse("culture:campaign_manage", args=[campaign.code])
    )
    text = html.content.decode()
    assert "Tautan dan kode hanya ditampilkan sekali, saat dibuat" in text
    assert "PDF untuk dicetak" in text
    # The unit picker offers the units answers are attributed to, Dukcapil before its links.
    assert f'<option value="{unit_of(campaign, "DUKCAPIL").pk}">' in text
    # A unit with unused links offers to replace them; one without links does not.
    reissue = reverse(
        "culture:campaign_links_reissue", args=[campaign.code, unit_of(campaign, "DUKCAPIL").code]
    )
    assert reissue not in text
    domain.invitations_generate(actor=None, campaign=campaign)
    text = (
        client_for(personas.admin_pemda)
        .get(reverse("culture:campaign_manage", args=[campaign.code]))
        .content.decode()
    )
    assert f'action="{reissue}"' in text
    assert "Cabut 3 tautan Dinas Kependudukan dan Pencatatan Sipil yang belum dipakai" in text
    domain.campaign_close(actor=personas.admin_pemda, campaign=campaign)
    text = (
        client_for(personas.admin_pemda)
        .get(reverse("culture:campaign_manage", args=[campaign.code]))
        .content.decode()
    )
    assert reissue not in text and "PDF untuk dicetak" not in text


# --- revoke and re-issue -------------------------------------------------------------------


def _state():
    return {
        "invitations": sorted(
            Invitation.objects.values_list(
                "pk", "campaign_unit__code", "employee_id", "token_hash", "used"
            )
        ),
        "ballots": sorted(Ballot.objects.values_list("pk", "campaign_unit_id", "sealed")),
        "invitees": sorted(Invitee.objects.values_list("pk", "employee_id")),
    }


def test_reissue_revokes_unused_links_of_one_unit_and_leaves_used_ones(
    personas, client_for, campaign
):
    issued = domain.invitations_generate(actor=None, campaign=campaign)
    in_b = [t.token for t in issued if t.unit_code == "DUKCAPIL"]
    in_pkm = [t.token for t in issued if t.unit_code != "DUKCAPIL"]
    domain.response_submit(token=in_b[0], answers=IMPL)
    before = _state()
    client = client_for(personas.admin_pemda)
    resp = _reissue(client, campaign, "DUKCAPIL")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert resp["Content-Disposition"] == (
        'attachment; filename="tautan-survei-c2023-DUKCAPIL.pdf"'
    )
    new = _pdf_codes(resp.content)
    assert len(new) == 2 and "2 kartu" in pdf_text(resp.content)
    after = _state()
    # The ballot box, the invitee list and the spent invitation are exactly as they were.
    assert after["ballots"] == before["ballots"] and after["invitees"] == before["invitees"]
    spent = [row for row in before["invitations"] if row[4]]
    assert len(spent) == 1 and spent[0] in after["invitations"]
    # The other unit's links are untouched; this unit's unused ones have new hashes only.
    changed = set(after["invitations"]) - set(before["invitations"])
    assert {row[1] for row in changed} == {"DUKCAPIL"} and len(changed) == 2
    assert {(r[0], r[2]) for r in changed} == {
        (r[0], r[2]) for r in before["invitations"] if r[1] == "DUKCAPIL" and not r[4]
    }
    anon = client_for(None)
    # Revoked links are refused; the new ones work; the other unit's still work.
    for old in in_b[1:]:
        assert not _works(anon, old)
        with pytest.raises(domain.TokenRefused):
            domain.response_submit(token=old, answers=IMPL)
    assert all(_works(anon, code) for code in new) and _works(anon, in_pkm[0])
    assert _state() == after
    domain.response_submit(token=new[0], answers=IMPL)
    assert Ballot.objects.count() == 2
    audit = AuditLog.objects.get(action="culture.invitations.reissue")
    assert audit.after == {"unit": "DUKCAPIL", "count": 2} and audit.actor == personas.admin_pemda


def test_reissue_of_a_unit_without_unused_links_changes_nothing(personas, client_for, campaign):
    (token,) = [
        t.token
        for t in domain.invitations_generate(actor=None, campaign=campaign)
        if t.unit_code != "DUKCAPIL"
    ]
    domain.response_submit(token=token, answers=IMPL)
    before = _state()
    resp = _reissue(client_for(personas.admin_pemda), campaign, "DINKES-PKM-KAMONJI")
    assert resp.status_code == 302
    assert _state() == before


def test_reissue_after_the_close_is_refused_and_changes_nothing(personas, client_for, campaign):
    domain.invitations_generate(actor=None, campaign=campaign)
    domain.campaign_close(actor=personas.admin_pemda, campaign=campaign)
    before, audits = _state(), AuditLog.objects.count()
    resp = _reissue(client_for(personas.admin_pemda), campaign, "DUKCAPIL")
    assert resp.status_code == 302
    assert _state() == before and AuditLog.objects.count() == audits
    with pytest.raises(Exception, match="selama kampanye dibuka"):
        domain.invitations_reissue(
            actor=None, campaign=campaign, unit=unit_of(campaign, "DUKCAPIL")
        )


def test_reissue_refuses_a_unit_of_another_campaign(personas, client_for, campaign):
    domain.invitations_generate(actor=None, campaign=campaign)
    other = make_campaign(personas, code="lain", launch=True)
    before = _state()
    # By address, a unit is one of the campaign's own: a code it does not hold is not found.
    url = reverse("culture:campaign_links_reissue", args=[campaign.code, "TIDAK-ADA"])
    assert client_for(personas.admin_pemda).post(url).status_code == 404
    assert _state() == before
    with pytest.raises(Exception, match="tidak termasuk kampanye"):
        domain.invitations_reissue(actor=None, campaign=campaign, unit=unit_of(other, "DUKCAPIL"))


@pytest.mark.parametrize("who", ["admin_opd", "pimpinan", "penilai", "pegawai", "outsider", None])
def test_only_the_pemdas_admin_reissues_or_prints(personas, client_for, campaign, who):
    domain.invitations_generate(actor=None, campaign=campaign)
    before, audits = _state(), AuditLog.objects.count()
    client = client_for(getattr(personas, who) if who else None)
    for resp in (
        _reissue(client, campaign, "DUKCAPIL"),
        _issue(client, campaign, output="pdf"),
    ):
        assert resp.status_code in (302, 404) if who is None else resp.status_code == 404
        assert resp.get("Content-Type") != "application/pdf"
    assert _state() == before and AuditLog.objects.count() == audits


def test_reissue_answers_post_only(personas, client_for, campaign):
    url = reverse(
        "culture:campaign_links_reissue", args=[campaign.code, unit_of(campaign, "DUKCAPIL").code]
    )
    assert client_for(personas.admin_pemda).get(url).status_code == 405


# --- participation -------------------------------------------------------------------------


def _participation_rows(html: str) -> dict[str, list[str]]:
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    rows = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [
            " ".join(re.sub(r"<[^>]+>", " ", c).split())
            for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        ]
        rows[cells[0]] = cells[1:]
    return rows


def test_participation_counts_rate_and_progress_per_unit(personas, campaign):
    issued = domain.invitations_generate(actor=None, campaign=campaign)
    in_b = [t.token for t in issued if t.unit_code == "DUKCAPIL"]
    domain.response_submit(token=in_b[0], answers=IMPL)
    rows = {r.unit.code: r for r in queries.participation(campaign)}
    b = rows["DUKCAPIL"]
    assert (b.invited, b.responded, b.pending, b.minimum) == (3, 1, 2, 3)
    assert (b.rate, b.percent, b.short, b.met) == (33, 33, 2, False)
    pkm = rows["DINKES-PKM-KAMONJI"]
    assert (pkm.invited, pkm.responded, pkm.rate, pkm.short) == (1, 0, 0, pkm.minimum)


def test_rate_and_progress_round_half_up():
    from sikap.culture.models import CampaignUnit
    from sikap.culture.queries.participation import ParticipationRow

    row = ParticipationRow(CampaignUnit(), invited=8, responded=5, minimum=8)
    assert (row.rate, row.percent) == (63, 63)  # 62.5 → 63
    assert ParticipationRow(CampaignUnit(), 0, 0, 0).rate is None
    assert ParticipationRow(CampaignUnit(), 4, 4, 2).percent == 100


def test_kepala_opd_sees_their_units_participation_during_the_campaign(
    personas, client_for, campaign
):
    issued = domain.invitations_generate(actor=None, campaign=campaign)
    pkm = next(t.token for t in issued if t.unit_code != "DUKCAPIL")
    domain.response_submit(token=pkm, answers=IMPL)
    resp = client_for(personas.pimpinan).get(reverse("culture:results", args=[campaign.code]))
    assert resp.status_code == 200
    html = resp.content.decode()
    rows = _participation_rows(html)
    assert list(rows) == ["Puskesmas Kamonji DINKES-PKM-KAMONJI"]
    eligible, invited, responded, rate, minimum, progress = rows[
        "Puskesmas Kamonji DINKES-PKM-KAMONJI"
    ]
    assert (eligible, invited, responded, rate, minimum) == ("1", "1", "1", "100%", "1")
    assert progress == "100% minimal tercapai"
    # Other units of the Pemda are not shown, not even by name.
    assert "Dinas Kependudukan" not in html and "DUKCAPIL" not in html
    # Nothing of the results before the close.
    assert "chart-radar" not in html


def test_admin_pemda_sees_every_units_participation(personas, client_for, campaign):
    domain.invitations_generate(actor=None, campaign=campaign)
    html = (
        client_for(personas.admin_pemda)
        .get(reverse("culture:results", args=[campaign.code]))
        .content.decode()
    )
    rows = _participation_rows(html)
    dukcapil = rows["Dinas Kependudukan dan Pencatatan Sipil DUKCAPIL"]
    assert dukcapil == ["3", "3", "0", "0%", "3", "0% kurang 3 responden"]


@pytest.mark.parametrize("who", ["outsider", "pegawai", None])
def test_participation_is_not_shown_outside_the_scope(personas, client_for, campaign, who):
    domain.invitations_generate(actor=None, campaign=campaign)
    resp = client_for(getattr(personas, who) if who else None).get(
        reverse("culture:results", args=[campaign.code])
    )
    assert resp.status_code in ((302,) if who is None else (403, 404))
    assert b"DUKCAPIL" not in resp.content and b"Kamonji" not in resp.content


def test_kepala_of_another_opd_sees_only_that_opd(personas, client_for, campaign):
    """The Kepala OPD of Dukcapil sees Dukcapil's row and not the Dinkes Puskesmas."""
    from tests.factories import UserFactory

    kepala = UserFactory(username="kepala-dukcapil", pemda=personas.pemda)
    kepala.role_assignments.create(pemda=personas.pemda, role="pimpinan", unit=personas.opd_b)
    domain.invitations_generate(actor=None, campaign=campaign)
    html = client_for(kepala).get(reverse("culture:results", args=[campaign.code])).content.decode()
    assert list(_participation_rows(html)) == ["Dinas Kependudukan dan Pencatatan Sipil DUKCAPIL"]


def test_the_invitation_form_is_rendered_in_the_one_form_style(personas, client_for, campaign):
    text = (
        client_for(personas.admin_pemda)
        .get(reverse("culture:campaign_manage", args=[campaign.code]))
        .content.decode()
    )
    dukcapil = unit_of(campaign, "DUKCAPIL").pk
    picker = re.search(r'<select name="unit"[^>]*>.*?</select>', text, re.S)
    assert picker is not None, "no unit picker"
    assert '<label class="form-label" for="id_unit">Unit</label>' in text
    assert 'data-searchable="Cari unit…"' in picker.group(0)
    assert 'class="form-select"' in picker.group(0) and 'id="id_unit"' in picker.group(0)
    assert '<option value="" selected>Semua unit</option>' in picker.group(0)
    assert f'<option value="{dukcapil}">' in picker.group(0)
    assert '<select name="output" class="form-select" id="id_output">' in text
    assert '<input type="checkbox" name="email" class="form-check-input" id="id_email">' in text
