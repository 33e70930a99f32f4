"""Schemathesis over /api/schema/: every operation, valid and invalid requests, no 5xx.

The requests go through Django's test client (one transaction per test, so the personas and
the data below are visible), authenticated as an Admin Pemda with the token `sikap token
create` prints. Examples per operation are bounded so the run stays well under a minute.
"""

from __future__ import annotations

import io
import json
from urllib.parse import quote, urlencode

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from sikap.publicservice import domain as skm_domain
from tests.culture.conftest import PKM, add_ballots, make_campaign

EXAMPLES = 15

# What schema-driven generation rarely tries: digits that are not ASCII, NUL, numbers too large
# for any column, and plain random Unicode. Mixed into path and query parameters.
HOSTILE_TEXT = st.one_of(
    st.sampled_from(["²", "①", "٣", "３", "-1", "0", "9" * 40, "1\x00", "1.5", " 1", "1e3", ""]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=30),
)


def _token(username: str) -> str:
    out = io.StringIO()
    call_command("token", "create", "--user", username, stdout=out)
    return out.getvalue().strip()


def _send(client, case, token: str):  # type: ignore[no-untyped-def]
    headers = {str(k): str(v) for k, v in (case.headers or {}).items()}
    # The schema names token and session auth, so generated cases carry made-up credentials;
    # the point here is what an authorised caller can reach, so the real token always wins.
    headers = {k: v for k, v in headers.items() if k.lower() not in ("authorization", "cookie")}
    headers["Authorization"] = f"Token {token}"
    # JSON strings may hold lone surrogates, which UTF-8 cannot; send them as the invalid bytes
    # a hostile client would.
    path = "/".join(
        quote(part, safe="", errors="surrogatepass") for part in case.formatted_path.split("/")
    )
    query = urlencode(case.query or {}, doseq=True, errors="surrogatepass")
    body = case.body
    data: bytes | str = b""
    content_type = case.media_type or "application/json"
    if body is not None and not isinstance(body, schemathesis.core.NotSet):
        data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.generic(
        case.method,
        path + (f"?{query}" if query else ""),
        data=data,
        content_type=content_type,
        headers={k: v for k, v in headers.items() if k.lower() != "content-type"},
    )


@pytest.fixture
def api_world(personas):
    su, _ = skm_domain.service_unit_ensure(actor=None, unit=personas.puskesmas)
    product = skm_domain.service_product_create(actor=None, service_unit=su, name="Rawat Jalan")
    skm_domain.skm_submit(
        service_unit=su, product=product, answers={f"U{i}": 3 for i in range(1, 10)}
    )
    campaign = make_campaign(personas)
    add_ballots(campaign, "DINKES-PKM-KAMONJI", PKM)
    return personas


def test_api_answers_generated_requests_without_a_server_error(api_world, client):
    token = _token("admin-pemda")
    raw = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    schema = schemathesis.openapi.from_dict(raw)
    server_errors: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
            def check(case, data):  # type: ignore[no-untyped-def]
                for params in (case.path_parameters, case.query):
                    if params and data.draw(st.booleans()):
                        params[data.draw(st.sampled_from(sorted(params)))] = data.draw(HOSTILE_TEXT)
                response = _send(client, case, token)
                if response.status_code >= 500:
                    server_errors.append(
                        f"{case.method} {case.formatted_path} query={case.query!r} "
                        f"headers={case.headers!r} body={case.body!r} -> {response.status_code}"
                    )

            check()
    assert server_errors == []
