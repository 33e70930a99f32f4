from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import reach


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    org_reach = reach(request.user, Cap.ORG_VIEW)
    return render(request, "core/home.html", {"org_reach": org_reach})


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
