"""Every SIKAP URL plus the throughput baseline: a bare view that does one INSERT."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import include, path
from django.views.decorators.http import require_POST

from bench._support import BASELINE_TABLE


@require_POST
def baseline_insert(request: HttpRequest) -> HttpResponse:
    # Same middleware stack (sessions, CSRF, auth) as the real forms; only the view is bare.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BASELINE_TABLE} (payload, created_on) VALUES (%s, CURRENT_DATE)",  # noqa: S608
            [request.POST.get("payload", "")],
        )
    return HttpResponseRedirect("/")


urlpatterns = [
    path("bench/baseline/", baseline_insert, name="bench_baseline"),
    path("", include("sikap.urls")),
]
