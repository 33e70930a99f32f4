"""The public SKM form: no login, reached by QR, link or a kiosk; nothing about other answers."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_http_methods

from sikap.publicservice import domain, queries, throttle
from sikap.publicservice.forms import SkmPublicForm
from sikap.publicservice.models import ServiceProduct, ServiceUnit, SkmResponse


def _unit(slug: str) -> ServiceUnit:
    su = queries.public_service_unit(slug)
    if su is None:
        raise Http404
    return su


def _fixed_product(request: HttpRequest, su: ServiceUnit) -> ServiceProduct | None:
    raw = request.GET.get("produk", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    product = ServiceProduct.objects.filter(service_unit=su, pk=int(raw), is_active=True).first()
    if product is None:
        raise Http404
    return product


def _kiosk_ok(request: HttpRequest, su: ServiceUnit) -> bool:
    key = request.GET.get("k", "")
    return bool(key) and key == su.kiosk_key


@never_cache
@ensure_csrf_cookie
@require_http_methods(["GET", "POST"])
def skm_form(request: HttpRequest, slug: str, kiosk: bool = False) -> HttpResponse:
    su = _unit(slug)
    if kiosk and not _kiosk_ok(request, su):
        raise Http404
    product = _fixed_product(request, su)
    status = 200
    notice = ""
    if request.method == "POST":
        form = SkmPublicForm(request.POST, service_unit=su, fixed_product=product)
        if form.is_valid():
            if kiosk:
                allowed = throttle.allow("kiosk", str(su.pk), throttle.kiosk_limit())
            else:
                allowed = throttle.allow(
                    "web", throttle.client_address(request), throttle.web_limit()
                )
            if not allowed:
                status = 429
                notice = _(
                    "Terlalu banyak jawaban terkirim dari jaringan ini dalam waktu singkat. "
                    "Jawaban Anda belum terkirim, tetapi masih tersimpan di formulir ini: "
                    "silakan tekan Kirim lagi beberapa menit lagi. Terima kasih atas kesabaran Anda."
                )
            else:
                try:
                    domain.skm_submit(
                        service_unit=su,
                        product=product or form.cleaned_data.get("product"),
                        answers=form.answers(),
                        profile=form.profile(),
                        comment=form.cleaned_data["comment"],
                        visit_code=form.cleaned_data["visit_code"],
                        source=SkmResponse.Source.KIOSK if kiosk else SkmResponse.Source.WEB,
                    )
                except domain.VisitCodeError as exc:
                    status = 409
                    notice = " ".join(exc.messages)
                except domain.SkmAnswerError as exc:
                    status = 400
                    for field, message in exc.errors.items():
                        name = field.lower() if field.upper().startswith("U") else field
                        form.add_error(None if name not in form.fields else name, message)
                else:
                    name = "publicservice:kiosk_thanks" if kiosk else "publicservice:form_thanks"
                    url = reverse(name, args=[su.public_slug])
                    if kiosk:
                        url += f"?k={su.kiosk_key}"
                    if product is not None:
                        url += ("&" if "?" in url else "?") + f"produk={product.pk}"
                    return redirect(url)
        else:
            status = 400
    else:
        form = SkmPublicForm(service_unit=su, fixed_product=product)
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
    if kiosk and not _kiosk_ok(request, su):
        raise Http404
    again = reverse("publicservice:kiosk" if kiosk else "publicservice:form", args=[slug])
    params = []
    if kiosk:
        params.append(f"k={su.kiosk_key}")
    produk = request.GET.get("produk", "")
    if produk.isdigit():
        params.append(f"produk={produk}")
    if params:
        again += "?" + "&".join(params)
    return render(
        request, "publicservice/public_thanks.html", {"su": su, "kiosk": kiosk, "again": again}
    )
