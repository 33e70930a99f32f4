from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


# Error pages. A refusal is an answer, not an incident: each page says what happened in the
# user's language and offers a way on, and nothing of the request (path, token) is echoed.


def _error_page(
    request: HttpRequest, status: int, title: str, message: str, reload_path: str = ""
) -> HttpResponse:
    return render(
        request,
        "errors/error.html",
        {"status": status, "title": title, "message": message, "reload_path": reload_path},
        status=status,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request,
        400,
        _("Permintaan tidak dapat diproses"),
        _("Data yang dikirim tidak lengkap atau tidak sesuai. Kembali dan coba lagi."),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request,
        403,
        _("Akses ditolak"),
        _(
            "Peran Anda tidak mencakup halaman ini. Jika Anda memerlukannya, "
            "hubungi Admin Pemda atau Admin OPD Anda."
        ),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request,
        404,
        _("Halaman tidak ditemukan"),
        _(
            "Alamat ini tidak ada, sudah tidak berlaku, atau bukan bagian dari unit Anda. "
            "Periksa tautannya atau mulai lagi dari beranda."
        ),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error_page(
        request,
        403,
        _("Formulir kedaluwarsa"),
        _(
            "Formulir ini sudah terlalu lama terbuka atau cookie browser Anda diblokir, "
            "sehingga kirimannya tidak dapat diterima. Muat ulang halaman, isi lagi, lalu kirim. "
            "Izinkan cookie untuk situs ini bila pesan ini muncul lagi."
        ),
        # The form's own address (a survey link keeps its token): reloading it starts afresh.
        reload_path=request.get_full_path(),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    context = {
        "status": 500,
        "title": _("Terjadi kesalahan pada server"),
        "message": _(
            "Permintaan Anda tidak selesai diproses. Kesalahan ini sudah tercatat; "
            "coba lagi beberapa saat lagi."
        ),
    }
    try:
        html = render_to_string("errors/error.html", context, request=request)
    except Exception:  # noqa: BLE001 — the failure may be the database the context needs
        html = render_to_string("errors/error.html", {**context, "bare": True})
    return HttpResponse(html, status=500)
