"""client_ip: the header is believed only from our own proxies, and only as far as they reach."""

from __future__ import annotations

import ipaddress

import pytest
from django.test import RequestFactory

from sikap.core.clientip import client_ip, resolve_client
from sikap.env import EnvError, env_networks

NGINX = (ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("::1/128"))
CHAIN = (ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.20.0.0/16"))


@pytest.mark.parametrize(
    ("peer", "forwarded", "proxies", "expected"),
    [
        # No trusted proxy: the header is whatever the client wrote, never read.
        ("203.0.113.9", "198.51.100.1", (), "203.0.113.9"),
        # A peer outside the list sends the header: ignored, even if it names a proxy.
        ("203.0.113.9", "127.0.0.1, 198.51.100.1", NGINX, "203.0.113.9"),
        # Through nginx: the right-most entry is what nginx saw.
        ("127.0.0.1", "198.51.100.1", NGINX, "198.51.100.1"),
        # A client that pre-fills the header cannot choose its address.
        ("127.0.0.1", "1.1.1.1, 8.8.8.8, 198.51.100.1", NGINX, "198.51.100.1"),
        # Two proxies of ours: skip both, take the first outsider from the right.
        ("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.20.3.4", CHAIN, "198.51.100.1"),
        # Trusted proxy but no header (health check from nginx host): the proxy itself.
        ("127.0.0.1", "", NGINX, "127.0.0.1"),
        # Garbage where a proxy writes an address: stop at the last address we trust.
        ("127.0.0.1", "not-an-ip", NGINX, "127.0.0.1"),
        ("127.0.0.1", "198.51.100.1, bogus\x00", NGINX, "127.0.0.1"),
        # Ports and brackets as some proxies write them; IPv4-mapped IPv6 folded.
        ("::1", "[2001:db8::7]:443", NGINX, "2001:db8::7"),
        ("127.0.0.1", "198.51.100.1:5555", NGINX, "198.51.100.1"),
        ("::ffff:127.0.0.1", "198.51.100.1", NGINX, "198.51.100.1"),
        ("", "198.51.100.1", NGINX, "unknown"),
    ],
)
def test_resolve_client(peer, forwarded, proxies, expected):
    assert resolve_client(peer=peer, forwarded_for=forwarded, trusted_proxies=proxies) == expected


def test_client_ip_reads_the_setting(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.2"
    )
    settings.SIKAP_TRUSTED_PROXIES = ()
    assert client_ip(request) == "127.0.0.1"
    settings.SIKAP_TRUSTED_PROXIES = NGINX
    assert client_ip(request) == "198.51.100.2"


def test_trusted_proxies_from_the_environment(monkeypatch):
    monkeypatch.setenv("SIKAP_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8 ,::1")
    assert env_networks("SIKAP_TRUSTED_PROXIES") == (
        ipaddress.ip_network("127.0.0.1/32"),
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("::1/128"),
    )
    monkeypatch.setenv("SIKAP_TRUSTED_PROXIES", "127.0.0.1,nginx")
    with pytest.raises(EnvError, match="SIKAP_TRUSTED_PROXIES: 'nginx' is not an IP address"):
        env_networks("SIKAP_TRUSTED_PROXIES")


class TestForwardedProto:
    """X-Forwarded-Proto decides the scheme only when our own proxy wrote it."""

    SETTINGS = {
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "SECURE_SSL_REDIRECT": True,
        "SIKAP_TRUSTED_PROXIES": NGINX,
    }

    @pytest.mark.parametrize(
        ("peer", "expected_status"),
        [
            # Through nginx, which says the client used https: served.
            ("127.0.0.1", 200),
            ("::1", 200),
            # A client reaching gunicorn directly claims https: not believed, sent to https.
            ("203.0.113.9", 301),
            ("", 301),
        ],
    )
    def test_only_a_trusted_proxy_sets_the_scheme(
        self, client, settings, peer, expected_status
    ) -> None:
        for name, value in self.SETTINGS.items():
            setattr(settings, name, value)
        response = client.get("/health/", headers={"x-forwarded-proto": "https"}, REMOTE_ADDR=peer)
        assert response.status_code == expected_status
        if expected_status == 301:
            assert response["Location"] == "https://testserver/health/"

    def test_the_scheme_of_public_links_follows_the_same_rule(self, settings) -> None:
        from sikap.core.middleware import ForwardedProtoMiddleware
        from sikap.org.tenancy import base_url

        for name, value in self.SETTINGS.items():
            setattr(settings, name, value)
        settings.SIKAP_BASE_URL = ""
        seen: dict[str, str] = {}

        def view(request):
            seen[request.META["REMOTE_ADDR"]] = base_url(request)
            return None

        middleware = ForwardedProtoMiddleware(view)
        for peer in ("127.0.0.1", "203.0.113.9"):
            request = RequestFactory().get(
                "/", HTTP_HOST="testserver", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR=peer
            )
            middleware(request)
        assert seen == {"127.0.0.1": "https://testserver", "203.0.113.9": "http://testserver"}
