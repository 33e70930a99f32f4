"""The address of the client behind SIKAP's own proxies: the one helper everything keys on.

`X-Forwarded-For` is written by whoever sent the request, so it is believed only from a peer
listed in `SIKAP_TRUSTED_PROXIES`, and only as far as the chain of trusted proxies reaches:
reading from the right, the first address that is not one of our proxies is the client. The
left-most entries were supplied by the client itself and are never used.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from django.conf import settings
from django.http import HttpRequest

from sikap.env import Network

UNKNOWN = "unknown"

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_address(raw: str) -> Address | None:
    """An address as proxies write it (`1.2.3.4`, `1.2.3.4:5678`, `[::1]:80`, `::1`), or None."""
    text = raw.strip()
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, proxies: Sequence[Network]) -> bool:
    return any(address in network for network in proxies)


def resolve_client(*, peer: str, forwarded_for: str, trusted_proxies: Sequence[Network]) -> str:
    """The client's address from the TCP peer and the X-Forwarded-For chain."""
    current = parse_address(peer)
    if current is None:
        return UNKNOWN
    if not _trusted(current, trusted_proxies):
        return str(current)
    for raw in reversed(forwarded_for.split(",")):
        hop = parse_address(raw)
        if hop is None:
            # Our proxies write valid addresses; anything else was written before them.
            break
        current = hop
        if not _trusted(hop, trusted_proxies):
            break
    return str(current)


def from_trusted_proxy(request: HttpRequest) -> bool:
    """Whether the TCP peer of `request` is one of SIKAP's own proxies."""
    peer = parse_address(request.META.get("REMOTE_ADDR", ""))
    return peer is not None and _trusted(peer, settings.SIKAP_TRUSTED_PROXIES)


def client_ip(request: HttpRequest) -> str:
    """The address to count, throttle and audit a request by."""
    return resolve_client(
        peer=request.META.get("REMOTE_ADDR", ""),
        forwarded_for=request.META.get("HTTP_X_FORWARDED_FOR", ""),
        trusted_proxies=settings.SIKAP_TRUSTED_PROXIES,
    )
