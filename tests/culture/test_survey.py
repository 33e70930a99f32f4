"""The respondent's survey as the server sends it: the long form that works without script,
errors in plain words, and the short codes printed on cards."""

from __future__ import annotations

import re
import secrets

import pytest

from sikap.culture import domain
from sikap.culture.models import Ballot, Invitation
from sikap.org.tenancy import public_reverse
from tests.culture.conftest import make_campaign, unit_of

IMPL = {"pv": ["BP1", "AK1", "KO1"], "cc": ["BP1", "AK1", "L01"], "dc": ["AD1", "AD2", "AD3"]}


def _token(personas, **kw):
    campaign = make_campaign(personas, launch=True, **kw)
    return campaign, domain.invitations_generate(actor=None, campaign=campaign)[0].token


def _open(client, token):
    return client.post(public_reverse("culture:survey"), {"token": token})


def _send(client, token, data):
    return client.post(
        public_reverse("culture:survey"), {"token": token, "step": "answers", **data}
    )


def _main(resp) -> str:
    return resp.content.decode().split('id="main"')[1].split("</main>")[0]


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _summary(html: str) -> str:
    return _text(re.search(r'id="form-errors"[^>]*>(.*?)</div>', html, re.S).group(1))


def test_first_screen_says_who_how_long_until_when_and_how_anonymity_works(personas, client):
    campaign, token = _token(personas)
    text = _text(_main(_open(client, token)))
    assert "Pemerintah Kota Palu mengadakan survei budaya kerja BerAKHLAK ini untuk" in text
    assert "Waktu pengisian ± 5 menit · batas pengisian 20 Oktober 2023." in text
    assert (
        "Jawaban Anda disimpan tanpa nama, NIP atau alamat IP dan baru masuk ke hasil setelah "
        "tercampur dengan sedikitnya 5 jawaban lain dari unit Anda. Hasil diterbitkan sekali, "
        "setelah survei ditutup, hanya untuk kelompok dengan sedikitnya 5 responden."
    ) in text
    code_page = _text(_main(client.get(public_reverse("culture:survey"))))
    assert "Waktu pengisian ± 5 menit." in code_page
    assert "sedikitnya 5 jawaban lain dari unit Anda" in code_page


def test_without_script_the_survey_is_one_long_form(personas, client):
    """Every section, the comment and the submit button are in the one form as sent; the step
    buttons are hidden until the script shows them."""
    campaign, token = _token(personas)
    html = _main(_open(client, token))
    form = html.split('<form method="post"')[1].split("</form>")[0]
    legends = re.findall(r'<legend class="h5 survey-legend"[^>]*>([^<]+)</legend>', form)
    assert legends == [
        "Bagian 1 dari 3: Nilai pribadi",
        "Bagian 2 dari 3: Budaya saat ini",
        "Bagian 3 dari 3: Budaya yang diharapkan",
    ]
    assert form.count('type="checkbox"') == 3 * len(campaign.instrument.codes)
    assert 'name="comment"' in form and 'type="submit"' in form
    # No step is hidden in the page as sent; only the script's buttons are.
    assert not re.search(r'class="[^"]*js-step[^"]*"[^>]*hidden', html)
    for button in re.findall(r"<button[^>]*js-(?:next|back)[^>]*>", html):
        assert " hidden" in button
    assert re.search(r'<button type="submit"[^>]*>', form).group().count("hidden") == 0
    # The pick counters only move with the script, so the page as sent hides them.
    assert form.count('<span class="js-count">0</span>/3') == 3
    assert len(re.findall(r'<div class="survey-counter[^"]*"[^>]*hidden>', form)) == 3


def test_a_long_form_answered_at_once_is_accepted(personas, client):
    campaign, token = _token(personas)
    done = _send(client, token, {**IMPL, "age_band": "30-39", "comment": "Rapat lebih singkat."})
    assert done.status_code == 302 and done["Location"] == public_reverse("culture:survey_thanks")
    assert Ballot.objects.filter(campaign=campaign).count() == 1
    assert Invitation.objects.get(campaign=campaign).used


def test_errors_are_named_by_what_the_respondent_sees(personas, client):
    campaign, token = _token(personas)
    data = {
        "pv": ["BP1", "AK1", "KO1", "HA1"],
        "cc": ["BP1", "AK1", "ZZ9"],
        "dc": ["AD1", "AD1", "AD2"],
        "comment": "hubungi saya di budi@example.go.id",
        "employment_kind": "direktur",
    }
    page = _send(client, token, data)
    assert page.status_code == 200
    html = _main(page)
    summary = _summary(html)
    assert summary == (
        "Ada isian yang perlu diperbaiki: "
        "Bagian 1 dari 3 (Nilai pribadi) : pilih tepat 3 perilaku; yang dipilih 4 "
        "Bagian 2 dari 3 (Budaya saat ini) : ada pilihan yang tidak dikenal: ZZ9 "
        "Bagian 3 dari 3 (Budaya yang diharapkan) : perilaku yang sama dipilih lebih dari "
        "sekali: AD1 "
        "Saran atau komentar : komentar memuat alamat email; hapus agar jawaban tetap tanpa nama "
        "Status kepegawaian : Pilihan tidak dikenal."
    )
    # No internal key is shown as a label.
    for key in ("pv:", "cc:", "dc:", "comment:", "employment_kind"):
        assert key not in _text(html)
    # Each error links to its part of the form; the answers given are kept.
    for anchor in ("step-pv", "step-cc", "step-dc", "comment", "demo-employment_kind"):
        assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html
    assert 'id="pv-HA1" checked' in html and "budi@example.go.id</textarea>" in html
    assert '<span class="js-count">4</span>/3' in html
    assert Ballot.objects.count() == 0 and not Invitation.objects.get().used


def test_likert_errors_name_the_statement(personas, client):
    campaign, token = _token(personas, kind="likert")
    page = _send(client, token, {"BP1": "9", "AK2": "²"})
    html = _main(page)
    summary = _summary(html)
    assert summary.startswith(
        "Ada isian yang perlu diperbaiki: Bagian 1 dari 7 (Berorientasi Pelayanan): "
        "Memahami dan memenuhi kebutuhan masyarakat"
    )
    assert summary.count("jawaban harus 1–5") == 2
    assert "Bagian 2 dari 7 (Akuntabel)" in summary
    assert "BP1:" not in _text(html) and "AK2:" not in _text(html)
    legends = re.findall(r'<legend class="h5 survey-legend"[^>]*>([^<]+)</legend>', html)
    assert len(legends) == 7 and legends[0] == "Bagian 1 dari 7: Berorientasi Pelayanan"
    assert Ballot.objects.count() == 0


def test_english_survey_names_its_steps_in_english(personas, client):
    campaign, token = _token(personas)
    client.cookies["django_language"] = "en"
    html = _main(_send(client, token, {**IMPL, "pv": ["BP1"]}))
    assert "Part 1 of 3: Personal values" in html
    assert "choose exactly 3 behaviours; 1 chosen" in html
    assert "Bagian" not in html


# --- short codes ---------------------------------------------------------------------------


def test_issued_codes_are_short_and_typed_in_any_spelling(personas, client):
    campaign, token = _token(personas)
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", token)
    compact = token.replace("-", "")
    spellings = [
        compact.lower(),
        " ".join(token.split("-")),
        f"  {token.lower()}  ",
        compact.replace("0", "o").replace("1", "l"),
    ]
    for typed in spellings:
        page = _open(client, typed)
        assert "Bagian 1 dari 3" in page.content.decode(), typed
    assert _send(client, spellings[-1], IMPL).status_code == 302
    assert Invitation.objects.get().used
    refused = _open(client, token)
    assert "tidak dapat dipakai" in refused.content.decode()


@pytest.mark.parametrize(
    "typed",
    ["", "ABCD-EFGH-JKMN-PQR", "ABCD-EFGH-JKMN-PQRSU", "ÀBCD-EFGH-JKMN-PQRS", "x" * 101],
)
def test_malformed_codes_are_refused_like_unknown_ones(personas, client, typed):
    _token(personas)
    page = _open(client, typed)
    assert page.status_code == 200 and "tidak dapat dipakai" in page.content.decode()
    assert not Invitation.objects.get().used


def test_older_long_tokens_still_open_their_survey(personas, client):
    campaign = make_campaign(personas, launch=True)
    old = secrets.token_urlsafe(16)
    assert len(old) == 22
    Invitation.objects.create(
        campaign=campaign,
        campaign_unit=unit_of(campaign, "DUKCAPIL"),
        employee=personas.employee,
        token_hash=domain.token_hash(old),
    )
    assert "Bagian 1 dari 3" in _open(client, old).content.decode()
    assert "tidak dapat dipakai" in _open(client, old.upper()).content.decode()
    assert _send(client, old, IMPL).status_code == 302
    assert Invitation.objects.get().used


def test_code_normalize_keeps_one_spelling():
    code = domain.code_new()
    assert len(code) == 19 and domain.code_normalize(code) == code.replace("-", "")
    assert domain.code_normalize("abcd efgh jkmn pqrs") == "ABCDEFGHJKMNPQRS"
    assert domain.code_normalize("OIL0-0000-0000-0000") == "0110000000000000"
    # Not a short code: kept as typed (an older token, or nonsense that matches nothing).
    assert domain.code_normalize("abcd-efgh") == "abcd-efgh"
    assert domain.token_hash("abcd-efgh-jkmn-pqrs") == domain.token_hash("ABCDEFGHJKMNPQRS")


def test_codes_are_stored_as_a_keyed_hash(personas, settings):
    """A copy of the database holds no hash that can be searched for the 80-bit codes
    without the key from the environment; older tokens keep their plain SHA-256."""
    import hashlib

    campaign, token = _token(personas)
    stored = Invitation.objects.get().token_hash
    compact = token.replace("-", "")
    assert stored == domain.token_hash(token) == domain.token_hash(compact.lower())
    assert stored not in {
        hashlib.sha256(t.encode()).hexdigest() for t in (token, compact, compact.lower())
    }
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert domain.token_hash(token) != stored
    legacy = secrets.token_urlsafe(16)
    assert domain.token_hash(legacy) == hashlib.sha256(legacy.encode()).hexdigest()
