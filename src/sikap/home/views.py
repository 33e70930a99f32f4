"""Each role's home: the next things to do in the Pemda of the page, then the way in.

The home sits above the feature apps (it is wired like the URLs) and asks each of them what
this user has waiting: open surveys for a Pegawai; results, plans due and SKM follow-ups for a
Kepala OPD; evaluations to review for a Penilai; the Pemda across yardsticks for the Sekda,
the Wali Kota and the Admin Pemda.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sikap.culture import queries as culture
from sikap.publicservice import queries as service


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    pemda = request.pemda  # type: ignore[attr-defined]
    today = timezone.localdate()
    employee = user.employee if user.employee_id else None
    return render(
        request,
        "home/index.html",
        {
            "today": today,
            "culture": culture.culture_home(user, pemda, employee=employee, today=today),
            "service": service.service_home(user, pemda, today=today),
        },
    )
