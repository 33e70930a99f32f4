"""What the SKM and IPAK forms share to reach citizens: the short public link (on this server's
address or SIKAP_BASE_URL, never a fixed host), the kiosk link and its key check, the QR image
and the printable poster page. Views pass the survey; the scoping stays with them."""

from __future__ import annotations

import io
from typing import Any

import qrcode
import qrcode.image.svg
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sikap.org.tenancy import base_url, public_reverse
from sikap.publicservice.models import ServiceUnit

# The public form and kiosk routes of each survey a service unit runs.
FORM = {"skm": "publicservice:form", "ipak": "publicservice:ipak_form"}
KIOSK = {"skm": "publicservice:kiosk", "ipak": "publicservice:ipak_kiosk"}


def public_url(request: HttpRequest, viewname: str, *args: Any) -> str:
    """A citizen's link: short (no Pemda), on this server's address or SIKAP_BASE_URL."""
    return base_url(request) + public_reverse(viewname, *args)


def form_url(request: HttpRequest, su: ServiceUnit, survey: str) -> str:
    return public_url(request, FORM[survey], su.public_slug)


def kiosk_url(request: HttpRequest, su: ServiceUnit, survey: str) -> str:
    """The kiosk link with its key: whoever holds it answers without the per-address limit."""
    return public_url(request, KIOSK[survey], su.public_slug) + f"?k={su.kiosk_key}"


def kiosk_key_ok(request: HttpRequest, su: ServiceUnit) -> bool:
    key = request.GET.get("k", "")
    return bool(key) and key == su.kiosk_key


def qr_svg(url: str) -> HttpResponse:
    img = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buf = io.BytesIO()
    img.save(buf)
    return HttpResponse(buf.getvalue(), content_type="image/svg+xml")


def poster(
    request: HttpRequest,
    su: ServiceUnit,
    *,
    survey: str,
    url: str,
    qr_src: str,
    product: Any = None,
) -> HttpResponse:
    """The printable poster of a survey's QR; ``?loket=`` names the counter it hangs at."""
    return render(
        request,
        "publicservice/poster.html",
        {
            "su": su,
            "survey": survey,
            "product": product,
            "url": url,
            "qr_src": qr_src,
            "counter": request.GET.get("loket", "")[:40],
        },
    )
