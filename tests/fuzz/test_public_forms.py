"""Hypothesis posts hostile forms to the pages anyone can reach without a login: the SKM and
IPAK forms (by their slug) and the culture survey. Random Unicode, NUL bytes, huge values, missing and
duplicated fields, multipart, urlencoded and non-UTF-8 bodies: the answer is never a 5xx.

Each example runs in a savepoint that is rolled back and with the flood counters cleared, so a
good submission does not spend the token or trip the throttle for the next example.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote_from_bytes, urlencode

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sikap.culture import domain as culture_domain
from sikap.publicservice import domain as skm_domain
from sikap.publicservice.models import PROFILE_FIELDS
from tests.culture.conftest import make_campaign

FUZZ = settings(
    max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)

SPECIAL = ["²", "①", "٣", "３", "-1", "0", "9" * 40, "\x00", "4\x00", "1e3", " 4 ", ""]
HOSTILE = st.one_of(
    st.sampled_from(SPECIAL),
    st.sampled_from(SPECIAL),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1000),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


# Text a browser can send: HTTP carries UTF-8, which has no lone surrogates. Bytes that are not
# UTF-8 at all are sent by the "raw" encoding below.
COMMENT = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=200)
ENCODINGS = st.sampled_from(["multipart", "urlencoded", "raw"])


@st.composite
def _form(draw, valid: dict[str, st.SearchStrategy[Any]]) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Pairs of (field, value): a valid form where each field may instead be missing, sent
    twice or replaced by a hostile value; then a few fields nobody asked for."""
    pairs: list[tuple[str, str]] = []
    for name, good in valid.items():
        action = draw(st.sampled_from(["good"] * 5 + ["missing", "twice", "hostile", "hostile"]))
        if action in ("good", "twice"):
            value = draw(good)
            pairs += [(name, v) for v in value] if isinstance(value, list) else [(name, value)]
        if action in ("twice", "hostile"):
            pairs.append((name, draw(HOSTILE)))
    pairs += draw(st.lists(st.tuples(st.text(max_size=10), HOSTILE), max_size=2))
    return pairs


def _post(client, url: str, pairs: list[tuple[str, str]], encoding: str, junk: bytes):  # type: ignore[no-untyped-def]
    if encoding == "urlencoded":
        body = urlencode(pairs)
        return client.post(url, body, content_type="application/x-www-form-urlencoded")
    if encoding == "raw":
        # The same fields, then one whose value is arbitrary bytes (often not UTF-8).
        raw = urlencode(pairs).encode() + b"&comment=" + quote_from_bytes(junk).encode()
        return client.post(url, raw, content_type="application/x-www-form-urlencoded")
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return client.post(url, data)


def _in_savepoint(action):  # type: ignore[no-untyped-def]
    cache.clear()
    with transaction.atomic():
        response = action()
        transaction.set_rollback(True)
    return response


@pytest.mark.django_db
def test_public_skm_form_never_answers_5xx(personas, client):
    su, _ = skm_domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    product = skm_domain.service_product_create(actor=None, service_unit=su, name="Rawat Jalan")
    answer = st.sampled_from(["1", "2", "3", "4"])
    valid = {
        **{f"u{i}": answer for i in range(1, 10)},
        **{name: st.just("") for name in PROFILE_FIELDS},
        "comment": COMMENT,
        "product": st.sampled_from(["", str(product.pk)]),
    }
    base = reverse("publicservice:form", args=[su.public_slug])

    @FUZZ
    @given(
        pairs=_form(valid),
        produk=st.one_of(st.none(), st.none(), st.just(str(product.pk)), HOSTILE),
        encoding=ENCODINGS,
        junk=st.binary(max_size=40),
    )
    def check(pairs, produk, encoding, junk):  # type: ignore[no-untyped-def]
        url = base if produk is None else f"{base}?{urlencode({'produk': produk})}"
        response = _in_savepoint(lambda: _post(client, url, pairs, encoding, junk))
        assert response.status_code < 500, (pairs, produk)
        assert response.status_code in (302, 400, 404, 409, 429)

    check()


@pytest.mark.django_db
def test_public_ipak_form_never_answers_5xx(personas, client):
    from sikap.publicservice.ipak.models import ITEM_FIELDS

    su, _ = skm_domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    valid = dict.fromkeys(ITEM_FIELDS, st.sampled_from(["1", "2", "3", "4"]))
    url = reverse("publicservice:ipak_form", args=[su.public_slug])

    @FUZZ
    @given(pairs=_form(valid), encoding=ENCODINGS, junk=st.binary(max_size=40))
    def check(pairs, encoding, junk):  # type: ignore[no-untyped-def]
        response = _in_savepoint(lambda: _post(client, url, pairs, encoding, junk))
        assert response.status_code < 500, pairs
        assert response.status_code in (302, 400, 429)

    check()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["implementasi", "likert"])
def test_culture_survey_post_never_answers_5xx(personas, client, kind):
    from sikap.rules import berakhlak

    campaign = make_campaign(personas, launch=True, kind=kind)
    token = culture_domain.invitations_generate(actor=None, campaign=campaign)[0].token
    codes = [b["code"] for b in campaign.instrument.behaviours]
    ballot = st.lists(st.sampled_from(codes), min_size=3, max_size=3, unique=True)
    likert = st.sampled_from(["1", "2", "3", "4", "5"])
    valid: dict[str, st.SearchStrategy[Any]] = (
        dict.fromkeys(("pv", "cc", "dc"), ballot)
        if kind == "implementasi"
        else {b.code: likert for b in berakhlak.BEHAVIOURS[:6]}
    )
    valid["comment"] = COMMENT
    valid["campaign"] = st.one_of(st.just(str(campaign.pk)), st.just(str(campaign.pk)), HOSTILE)
    valid["step"] = st.sampled_from(["answers", "answers", "", "x"])
    pairs_strategy = _form(valid)

    @FUZZ
    @given(
        pairs=pairs_strategy,
        use_token=st.one_of(st.just(token), st.text(max_size=30).filter(lambda t: "/" not in t)),
        encoding=ENCODINGS,
        junk=st.binary(max_size=40),
    )
    def check(pairs, use_token, encoding, junk):  # type: ignore[no-untyped-def]
        url = reverse("culture:survey")
        with_token = [("token", use_token), *pairs]
        response = _in_savepoint(lambda: _post(client, url, with_token, encoding, junk))
        assert response.status_code < 500, (pairs, use_token)
        assert response.status_code in (200, 302, 400, 404)

    check()
