"""The public SKM form: no login, reached by QR, link or a kiosk; nothing about other answers."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_http_methods

from sikap.core.clientip import client_ip
from sikap.core.inputs import parse_int
from sikap.publicservice import domain, links, queries, throttle
from sikap.publicservice.forms import SkmPublicForm
from sikap.publicservice.models import PROFILE_FIELDS, ServiceProduct, ServiceUnit, SkmResponse


def _unit(slug: str) -> ServiceUnit:
    su = queries.public_service_unit(slug)
    if su is None:
        raise Http404
    return su


def _fixed_product(request: HttpRequest, su: ServiceUnit) -> ServiceProduct | None:
    raw = request.GET.get("produk", "")
    if not raw:
        return None
    pk = parse_int(raw)
    if pk is None:
        raise Http404
    product = ServiceProduct.objects.filter(service_unit=su, pk=pk, is_active=True).first()
    if product is None:
        raise Http404
    return product


def _submitted_product(
    request: HttpRequest, su: ServiceUnit, fixed: ServiceProduct | None
) -> tuple[ServiceProduct | None, bool]:
    """The product chosen on the form (if any) and whether the choice is valid."""
    if fixed is not None:
        return fixed, True
    raw = request.POST.get("product", "")
    if not raw:
        return None, True
    pk = parse_int(raw)
    if pk is None:
        return None, False
    product = ServiceProduct.objects.filter(service_unit=su, pk=pk, is_active=True).first()
    return product, product is not None


@never_cache
@ensure_csrf_cookie
@require_http_methods(["GET", "POST"])
def skm_form(request: HttpRequest, slug: str, kiosk: bool = False) -> HttpResponse:
    su = _unit(slug)
    if kiosk and not links.kiosk_key_ok(request, su):
        raise Http404
    product = _fixed_product(request, su)
    if request.method == "GET":
        form = SkmPublicForm(service_unit=su, fixed_product=product)
        return _render_form(request, su, form, product, kiosk, "", 200)

    # The happy path goes straight to the domain, which checks every value; the Django form is
    # only built to show the answers back with their errors.
    def bound() -> SkmPublicForm:
        return SkmPublicForm(request.POST, service_unit=su, fixed_product=product)

    chosen, product_ok = _submitted_product(request, su, product)
    if not product_ok:
        form = bound()
        form.is_valid()
        return _render_form(request, su, form, product, kiosk, "", 400)
    if kiosk:
        allowed = throttle.allow("kiosk", str(su.pk), throttle.kiosk_limit())
    else:
        allowed = throttle.allow("web", client_ip(request), throttle.web_limit())
    if not allowed:
        notice = _(
            "Terlalu banyak jawaban terkirim dari jaringan ini dalam waktu singkat. "
            "Jawaban Anda belum terkirim, tetapi masih tersimpan di formulir ini: "
            "silakan tekan Kirim lagi beberapa menit lagi. Terima kasih atas kesabaran Anda."
        )
        return _render_form(request, su, bound(), product, kiosk, notice, 429)
    post = request.POST
    try:
        domain.skm_submit(
            service_unit=su,
            product=chosen,
            answers={code: post.get(f"u{i}", "") for i, code in enumerate(domain.UNSUR_CODES, 1)},
            profile={k: post.get(k, "") for k in PROFILE_FIELDS},
            comment=post.get("comment", ""),
            visit_code=post.get("visit_code", ""),
            source=SkmResponse.Source.KIOSK if kiosk else SkmResponse.Source.WEB,
        )
    except domain.VisitCodeError as exc:
        form = bound()
        form.is_valid()
        return _render_form(request, su, form, product, kiosk, " ".join(exc.messages), 409)
    except domain.SkmAnswerError as exc:
        form = bound()
        if form.is_valid():
            for field, message in exc.errors.items():
                name = field.lower() if field.upper().startswith("U") else field
                form.add_error(name if name in form.fields else None, message)
        return _render_form(request, su, form, product, kiosk, "", 400)
    name = "publicservice:kiosk_thanks" if kiosk else "publicservice:form_thanks"
    url = reverse(name, args=[su.public_slug])
    if kiosk:
        url += f"?k={su.kiosk_key}"
    if product is not None:
        url += ("&" if "?" in url else "?") + f"produk={product.pk}"
    return redirect(url)


def _render_form(
    request: HttpRequest,
    su: ServiceUnit,
    form: SkmPublicForm,
    product: ServiceProduct | None,
    kiosk: bool,
    notice: str,
    status: int,
) -> HttpResponse:
    return render(
        request,
        "publicservice/public_form.html",
        {"su": su, "form": form, "product": product, "kiosk": kiosk, "notice": notice},
        status=status,
    )


@never_cache
@require_GET
def skm_thanks(request: HttpRequest, slug: str, kiosk: bool = False) -> HttpResponse:
    su = _unit(slug)
    if kiosk and not links.kiosk_key_ok(request, su):
        raise Http404
    again = reverse("publicservice:kiosk" if kiosk else "publicservice:form", args=[slug])
    params = []
    if kiosk:
        params.append(f"k={su.kiosk_key}")
    product_id = parse_int(request.GET.get("produk"))
    if product_id is not None:
        params.append(f"produk={product_id}")
    if params:
        again += "?" + "&".join(params)
    return render(
        request, "publicservice/public_thanks.html", {"su": su, "kiosk": kiosk, "again": again}
    )
