"""The Pemda in the URL: every Pemda page lives under `/p/<pemda_code>/…`.

`PemdaMiddleware` is the one place that decides which Pemda a page is about. It takes the
prefix off the path, finds the Pemda by its code (any case), and, for a Pemda page, checks that
the signed-in user holds a role there (a superuser: any Pemda); a Pemda that is missing or not
the user's answers 404 alike. It sets `request.pemda` and narrows the scoping gate to that
Pemda, so every scoped query on the page sees that Pemda only. While the page is served the
script prefix carries the Pemda, so `reverse()` and `{% url %}` stay inside it.

A page is a Pemda page unless it is listed in `GLOBAL_VIEWS` or its namespace in
`GLOBAL_NAMESPACES` (sign-in, the public survey and SKM forms, the national rulebooks, the
admin) or it has no namespace (the API, the language switch). An old address without the
prefix is sent to the same page in the user's Pemda (the one last used, else their own, else
the first they hold a role in); a user with roles in several switches in the header.

The API takes the Pemda as a required `pemda` query parameter (`PemdaApiMixin`), because API
clients authenticate per request and filter by parameters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import (
    Resolver404,
    ResolverMatch,
    get_script_prefix,
    resolve,
    reverse,
    set_script_prefix,
)
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import NotFound, ValidationError

from sikap.core.codes import get_by_code
from sikap.core.scoping import enter_pemda, member_pemda_ids
from sikap.org.models import Pemda

PREFIX = re.compile(r"^/p/(?P<code>[^/]+)(?P<rest>/.*)?$")
SESSION_KEY = "sikap_pemda"

# Pages that belong to no Pemda. Everything else with a namespace is a Pemda page, so a new
# app's pages are scoped by default.
GLOBAL_NAMESPACES = frozenset({"admin", "scoring"})
GLOBAL_VIEWS = frozenset(
    {
        "core:health",
        "accounts:login",
        "accounts:logout",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_confirm",
        "accounts:password_reset_complete",
        "accounts:pemda_choose",
        "culture:survey",
        "culture:survey_thanks",
        "publicservice:form",
        "publicservice:form_thanks",
        "publicservice:kiosk",
        "publicservice:kiosk_thanks",
        "publicservice:ipak_form",
        "publicservice:ipak_thanks",
        "publicservice:ipak_kiosk",
        "publicservice:ipak_kiosk_thanks",
    }
)


def pemda_by_code(code: str) -> Pemda | None:
    return get_by_code(Pemda.objects.all(), code)


def is_member(user: Any, pemda: Pemda) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or pemda.pk in member_pemda_ids(user)


def user_pemdas(user: Any) -> list[Pemda]:
    """The Pemdas the header offers: those where the user holds a role (a superuser: all)."""
    if not getattr(user, "is_authenticated", False):
        return []
    qs = Pemda.objects.all()
    if not user.is_superuser:
        qs = qs.filter(pk__in=sorted(member_pemda_ids(user)))
    return list(qs.order_by("name", "code"))


def default_pemda(request: HttpRequest) -> Pemda | None:
    """Where an address without a Pemda goes: the Pemda last used, the user's own, else the
    only one they hold a role in. None when there is a choice to make (a superuser without
    roles, or roles in several Pemdas and none used yet)."""
    user: Any = request.user
    code = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if code:
        pemda = pemda_by_code(code)
        if pemda is not None and is_member(user, pemda):
            return pemda
    if user.pemda_id:
        own = Pemda.objects.filter(pk=user.pemda_id).first()
        if own is not None and is_member(user, own):
            return own
    ids = sorted(member_pemda_ids(user))
    if len(ids) == 1:
        return Pemda.objects.get(pk=ids[0])
    return None


def is_pemda_view(request: HttpRequest) -> bool:
    return _is_pemda_match(request.resolver_match)


def _is_pemda_match(match: ResolverMatch | None) -> bool:
    if match is None or not match.namespace:
        return False
    if match.namespaces[0] in GLOBAL_NAMESPACES:
        return False
    return match.view_name not in GLOBAL_VIEWS


def _base_prefix(request: HttpRequest) -> str:
    """The prefix SIKAP is mounted under (SCRIPT_NAME), without the Pemda."""
    script_name = str(request.META.get("SCRIPT_NAME", "") or "")
    return script_name.rstrip("/") + "/"


@contextmanager
def _script_prefix(prefix: str) -> Iterator[None]:
    previous = get_script_prefix()
    set_script_prefix(prefix)
    try:
        yield
    finally:
        set_script_prefix(previous)


@contextmanager
def in_pemda(pemda: Pemda | None) -> Iterator[None]:
    """Reverse URLs inside `pemda` (None: outside every Pemda) for the block."""
    base = _base_of_current()
    with _script_prefix(base if pemda is None else f"{base}p/{pemda.code}/"):
        yield


def _base_of_current() -> str:
    prefix = get_script_prefix()
    match = re.match(r"^(?P<base>.*/)p/[^/]+/$", prefix)
    return match["base"] if match else prefix


def public_reverse(viewname: str, *args: Any, **kwargs: Any) -> str:
    """The path of a public page (survey, SKM form), short whatever Pemda is being served."""
    with in_pemda(None):
        return reverse(viewname, args=args or None, kwargs=kwargs or None)


def base_url(request: HttpRequest | None = None) -> str:
    """Scheme, host and port that public links start with: `SIKAP_BASE_URL` when set, else
    the address the request came to (its Host, as allowed by ALLOWED_HOSTS)."""
    configured = str(getattr(settings, "SIKAP_BASE_URL", "") or "").rstrip("/")
    if configured or request is None:
        return configured
    return f"{request.scheme}://{request.get_host()}"


def pemda_url(pemda: Pemda, viewname: str, *args: Any, **kwargs: Any) -> str:
    with in_pemda(pemda):
        return reverse(viewname, args=args or None, kwargs=kwargs or None)


class PemdaMiddleware:
    """Resolve `/p/<pemda_code>/` for every request (after authentication)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        base = _base_prefix(request)
        request.pemda = None  # type: ignore[attr-defined]
        request.pemda_code = None  # type: ignore[attr-defined]
        match = PREFIX.match(request.path_info)
        if match is None:
            with _script_prefix(base):
                return self.get_response(request)
        if not match["rest"]:
            return HttpResponseRedirect(request.path + "/")
        request.path_info = match["rest"]
        try:
            pemda_page = _is_pemda_match(resolve(request.path_info))
        except Resolver404:
            pemda_page = True
        if not pemda_page:
            # A page of no Pemda (sign-out, the language switch, the rulebooks) reached under
            # a Pemda's address: served as it is, its links short.
            with _script_prefix(base):
                return self.get_response(request)
        request.pemda_code = match["code"]  # type: ignore[attr-defined]
        pemda = pemda_by_code(match["code"])
        if pemda is not None and is_member(request.user, pemda):
            if pemda.code != match["code"]:
                # One address per page: `/p/PALU/…` is `/p/palu/…`.
                return _redirect(request, base, pemda, permanent=True)
            request.pemda = pemda  # type: ignore[attr-defined]
            enter_pemda(request.user, pemda.pk)
            _remember(request, pemda)
        with _script_prefix(f"{base}p/{quote(match['code'], safe='')}/"):
            return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not is_pemda_view(request):
            return None
        user: Any = request.user
        base = _base_prefix(request)
        if not user.is_authenticated:
            with _script_prefix(base):
                return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))
        if request.pemda is not None:  # type: ignore[attr-defined]
            return None
        if request.pemda_code is not None:  # type: ignore[attr-defined]
            raise Http404(_("Pemda tidak ditemukan."))
        pemda = default_pemda(request)
        if pemda is None:
            with _script_prefix(base):
                return HttpResponseRedirect(reverse("accounts:pemda_choose"))
        return _redirect(request, base, pemda, permanent=False)


def _remember(request: HttpRequest, pemda: Pemda) -> None:
    """Keep the Pemda last used, where there is a choice to remember (roles in several)."""
    user: Any = request.user
    if not hasattr(request, "session") or request.session.get(SESSION_KEY) == pemda.code:
        return
    if user.is_superuser or len(member_pemda_ids(user)) > 1:
        request.session[SESSION_KEY] = pemda.code


def _redirect(request: HttpRequest, base: str, pemda: Pemda, *, permanent: bool) -> HttpResponse:
    """The same address inside `pemda`: 301/302 for reads, 308/307 (method kept) for writes."""
    url = f"{base}p/{pemda.code}{request.path_info}"
    query = request.META.get("QUERY_STRING", "")
    if query:
        url += "?" + query
    response = HttpResponseRedirect(url)
    if request.method in ("GET", "HEAD"):
        response.status_code = 301 if permanent else 302
    else:
        response.status_code = 308 if permanent else 307
    return response


class PemdaSchema(AutoSchema):  # type: ignore[misc]
    """Documents the required `pemda` parameter on every operation of a Pemda API view."""

    def get_override_parameters(self) -> list[Any]:
        return [
            *super().get_override_parameters(),
            OpenApiParameter(
                "pemda", str, required=True, description="kode Pemda, mis. palu (huruf bebas)"
            ),
        ]


class PemdaApiMixin:
    """For API views: the Pemda comes from the required `pemda` query parameter (its code).

    Missing: 400 naming the parameter; unknown or not the caller's: 404 alike. The scoping gate
    is narrowed to it, as on pages."""

    schema = PemdaSchema()

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        code = str(request.query_params.get("pemda", "")).strip()
        if not code:
            raise ValidationError(
                {"pemda": [_("Parameter pemda (kode Pemda) wajib diisi, mis. ?pemda=palu.")]}
            )
        pemda = pemda_by_code(code)
        if pemda is None or not is_member(request.user, pemda):
            raise NotFound(_("Pemda tidak ditemukan."))
        request.pemda = pemda
        request._request.pemda = pemda
        enter_pemda(request.user, pemda.pk)
