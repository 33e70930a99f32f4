from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from sikap.core.clientip import from_trusted_proxy


class ForwardedProtoMiddleware:
    """Believe `X-Forwarded-Proto` only from SIKAP's own proxies (`SIKAP_TRUSTED_PROXIES`).

    In production Django reads the scheme from that header (SECURE_PROXY_SSL_HEADER), and the
    scheme decides the SSL redirect, secure cookies and the public links built from the
    request. A client that reaches gunicorn directly could otherwise claim https; its header is
    dropped here, before any other middleware reads it, as `client_ip` ignores its
    X-Forwarded-For.
    """

    header = "HTTP_X_FORWARDED_PROTO"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.header in request.META and not from_trusted_proxy(request):
            del request.META[self.header]
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """A strict CSP on every response: no inline script or style, no third-party origin."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy: str = settings.SIKAP_CSP

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = (
                getattr(response, "csp_override", None) or self.policy
            )
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class DefaultLanguageMiddleware:
    """Bahasa Indonesia unless the user chose otherwise (language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a civil servant
    whose browser is set to English would get a half-translated UI they never asked for.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.setdefault("Content-Language", language)
        return response


class RejectNulMiddleware:
    """Answer 400 for a NUL byte anywhere in a request's path, query, form or JSON body.

    PostgreSQL cannot store NUL in text, so such a value would fail deep in a write (a 500) or,
    on SQLite, be stored and break the exports later. No browser sends one from a text field;
    refusing the whole request at the door means every form, view and endpoint is covered,
    including those that read request.POST directly. Files are read by the importers, which
    clean their text with core.inputs.clean_text.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = _nul_field(request)
        if field is not None:
            return _nul_refusal(request, field)
        return self.get_response(request)


def _nul_field(request: HttpRequest) -> str | None:
    """The name of the first part of `request` holding a NUL byte, else None."""
    from sikap.core.inputs import has_nul

    if has_nul(request.path_info):
        return "URL"
    for source in (request.GET, _form_data(request)):
        for key, values in source.lists():
            if has_nul(key) or any(has_nul(str(v)) for v in values):
                return _shown(key)
    for name, uploads in request.FILES.lists() if _is_form(request) else ():
        if any(has_nul(getattr(upload, "name", "") or "") for upload in uploads):
            return _shown(name)
    if request.content_type == "application/json":
        return _json_nul(request.body)
    return None


def _shown(name: str) -> str:
    """A field name as the refusal shows it: the NUL visible, and short (the name is the
    sender's own text)."""
    return name.replace("\x00", "\\0")[:60]


def _is_form(request: HttpRequest) -> bool:
    return request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    )


def _form_data(request: HttpRequest) -> Any:
    from django.http import QueryDict

    return request.POST if _is_form(request) else QueryDict()


def _json_nul(body: bytes) -> str | None:
    import json

    if b"\x00" in body:
        return "JSON"
    try:
        data = json.loads(body or b"null")
    except ValueError:
        return None  # the API answers a malformed body with its own 400

    def walk(value: Any, where: str) -> str | None:
        if isinstance(value, str):
            return where if "\x00" in value else None
        pairs = (
            value.items()
            if isinstance(value, dict)
            else enumerate(value)
            if isinstance(value, list)
            else ()
        )
        for key, item in pairs:
            name = _shown(str(key))
            if "\x00" in str(key):
                return name
            found = walk(item, name)
            if found is not None:
                return found
        return None

    return walk(data, "JSON")


def _nul_refusal(request: HttpRequest, field: str) -> HttpResponse:
    from django.http import JsonResponse
    from django.template.loader import render_to_string
    from django.utils.translation import gettext as _

    message = _(
        "Isian %(field)s memuat karakter NUL (\\0) yang tidak dapat disimpan. Tidak ada yang "
        "disimpan: hapus karakter itu lalu kirim lagi."
    ) % {"field": field}
    if request.path_info.startswith("/api/"):
        body = {
            "error": {"code": "nul_character", "message": message, "fields": {field: [message]}}
        }
        return JsonResponse(body, status=400)
    html = render_to_string("core/bad_input.html", {"message": message}, request=request)
    return HttpResponse(html, status=400)
