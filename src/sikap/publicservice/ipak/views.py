"""The public IPAK form (no login, like the SKM form) and the unit's scoped IPAK results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_http_methods

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import reach
from sikap.core.clientip import client_ip
from sikap.core.i18n import english, pick
from sikap.publicservice import links, throttle
from sikap.publicservice import queries as ps_queries
from sikap.publicservice.forms import SCALE_ICONS, SCALE_TONES
from sikap.publicservice.ipak import domain, queries
from sikap.publicservice.ipak.models import ITEM_FIELDS, SCALE
from sikap.publicservice.models import ServiceUnit
from sikap.publicservice.periods import Period, parse_period
from sikap.rules import ipak
from sikap.rules.errors import RuleError


def _unit(slug: str) -> ServiceUnit:
    su = ps_queries.public_service_unit(slug)
    if su is None:
        raise Http404
    return su


def _rows(values: Mapping[str, str], errors: Mapping[str, str]) -> list[dict[str, Any]]:
    """The statements of this year's rulebook with the answers given so far."""
    book = ipak.RULEBOOKS.select(timezone.localdate().year)
    labels = book.answers_en if english() else book.answers
    rows = []
    for number, (name, item) in enumerate(zip(ITEM_FIELDS, book.items, strict=True), start=1):
        current = str(values.get(name, ""))
        rows.append(
            {
                "number": number,
                "name": name,
                "title": pick(item, "name"),
                "statement": pick(item, "statement"),
                "error": errors.get(name, ""),
                "options": [
                    {
                        "value": v,
                        "label": labels[v - SCALE[0]],
                        "icon": SCALE_ICONS[v],
                        "tone": SCALE_TONES[v],
                        "checked": current == str(v),
                        "id": f"id_{name}_{v}",
                    }
                    for v in range(SCALE[0], SCALE[1] + 1)
                ],
            }
        )
    return rows


def _render_form(
    request: HttpRequest,
    su: ServiceUnit,
    values: Mapping[str, str],
    errors: Mapping[str, str],
    notice: str,
    status: int,
) -> HttpResponse:
    # Errors on fields the form does not have (a made-up name) are shown above the form.
    general = [m for k, m in errors.items() if k not in ITEM_FIELDS]
    return render(
        request,
        "publicservice/ipak_form.html",
        {"su": su, "rows": _rows(values, errors), "general": general, "notice": notice},
        status=status,
    )


@never_cache
@ensure_csrf_cookie
@require_http_methods(["GET", "POST"])
def ipak_form(request: HttpRequest, slug: str, kiosk: bool = False) -> HttpResponse:
    su = _unit(slug)
    if kiosk and not links.kiosk_key_ok(request, su):
        raise Http404
    if request.method == "GET":
        return _render_form(request, su, {}, {}, "", 200)
    post = request.POST
    typed = {name: post.get(name, "") for name in ITEM_FIELDS}
    # A kiosk is one address with many visitors: it has its own limit per service unit.
    if kiosk:
        allowed = throttle.allow("ipak-kiosk", str(su.pk), throttle.kiosk_limit())
    else:
        allowed = throttle.allow("ipak", client_ip(request), throttle.web_limit())
    if not allowed:
        notice = _(
            "Terlalu banyak jawaban terkirim dari jaringan ini dalam waktu singkat. "
            "Jawaban Anda belum terkirim, tetapi masih tersimpan di formulir ini: "
            "silakan tekan Kirim lagi beberapa menit lagi. Terima kasih atas kesabaran Anda."
        )
        return _render_form(request, su, typed, {}, notice, 429)
    # Every posted field but the CSRF token is an answer; an unknown one is refused by name.
    answers = {k: v for k, v in post.items() if k != "csrfmiddlewaretoken"}
    try:
        domain.ipak_submit(service_unit=su, answers=answers)
    except domain.IpakAnswerError as exc:
        return _render_form(request, su, typed, exc.errors, "", 400)
    if kiosk:
        url = reverse("publicservice:ipak_kiosk_thanks", args=[su.public_slug])
        return redirect(f"{url}?k={su.kiosk_key}")
    return redirect(reverse("publicservice:ipak_thanks", args=[su.public_slug]))


@never_cache
@require_GET
def ipak_thanks(request: HttpRequest, slug: str, kiosk: bool = False) -> HttpResponse:
    su = _unit(slug)
    if kiosk and not links.kiosk_key_ok(request, su):
        raise Http404
    if kiosk:
        again = reverse("publicservice:ipak_kiosk", args=[slug]) + f"?k={su.kiosk_key}"
    else:
        again = reverse("publicservice:ipak_form", args=[slug])
    return render(
        request, "publicservice/ipak_thanks.html", {"su": su, "again": again, "kiosk": kiosk}
    )


@login_required
@require_GET
def ipak_poster(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable IPAK poster: the QR of the public IPAK link (managers of the unit only)."""
    su = ps_queries.get_service_unit(request.user, Cap.SERVICE_MANAGE, pk)
    return links.poster(
        request,
        su,
        survey="ipak",
        url=links.form_url(request, su, "ipak"),
        qr_src=reverse("publicservice:ipak_qr", args=[su.pk]),
    )


@login_required
@require_GET
def ipak_qr(request: HttpRequest, pk: int) -> HttpResponse:
    su = ps_queries.get_service_unit(request.user, Cap.SERVICE_MANAGE, pk)
    return links.qr_svg(links.form_url(request, su, "ipak"))


def _period(request: HttpRequest) -> Period:
    raw = request.GET.get("period") or str(timezone.localdate().year)
    try:
        return parse_period(raw)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return parse_period(str(timezone.localdate().year))


@login_required
@require_GET
def ipak_results(request: HttpRequest, pk: int) -> HttpResponse:
    su = ps_queries.get_service_unit(request.user, Cap.SERVICE_RESULTS, pk)
    period = _period(request)
    res = queries.result(su, period)
    try:
        book: ipak.IpakRulebook | None = ipak.RULEBOOKS.select(period.year)
    except RuleError:
        book = None
    items: list[dict[str, Any]] = []
    if res is not None and book is not None:
        items = [
            {
                "code": item.code,
                "name": pick(item, "name"),
                "answered": res.items[item.code].answered,
                "mean": res.items[item.code].mean,
            }
            for item in book.items
        ]
    public_url = links.form_url(request, su, "ipak")
    return render(
        request,
        "publicservice/ipak_results.html",
        {
            "su": su,
            "unit": su.unit,
            "period": period,
            "result": res,
            "book": book,
            "items": items,
            "public_url": public_url,
            "can_manage": reach(request.user, Cap.SERVICE_MANAGE).covers_unit(su.unit),
        },
    )
