"""Survey links of a campaign (Admin Pemda): issue them per unit as printable sheets, and
revoke and re-issue a unit's unused ones. Codes exist only in the one response that carries
them; SIKAP keeps their hashes, so every response here is `no-store`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sikap.accounts.scoping import get_in_scope
from sikap.core.codes import by_code
from sikap.culture import domain, link_sheets, queries
from sikap.culture.forms import InvitationForm
from sikap.culture.models import Campaign, CampaignUnit
from sikap.org.tenancy import base_url


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _pdf(
    request: HttpRequest, campaign: Campaign, sheets: list[link_sheets.Sheet], base: str
) -> HttpResponse:
    data = link_sheets.sheets_pdf(campaign=campaign, sheets=sheets, base=base, request=request)
    name = campaign.code if len(sheets) != 1 else f"{campaign.code}-{sheets[0].unit_code}"
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tautan-survei-{name}.pdf"'
    return _no_store(response)


def unit_choices(campaign: Campaign) -> list[tuple[int, str]]:
    """The units links are issued for: those answers are attributed to."""
    return [(u.pk, u.name) for u in queries.invitation_units(campaign)]


@login_required
@require_POST
def campaign_tokens(request: HttpRequest, code: str) -> HttpResponse:
    """Issue links to the employees not yet invited (of one unit, or all), e-mail those that
    have an address when asked, and hand the rest out once, as a PDF or a page."""
    campaign = queries.campaign_managed_at(request.user, code)
    form = InvitationForm(request.POST, unit_choices=unit_choices(campaign))
    if not form.is_valid():
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect("culture:campaign_manage", code=campaign.code)
    unit_pk = form.cleaned_data["unit"]
    unit = None if unit_pk is None else CampaignUnit.objects.get(pk=unit_pk, campaign=campaign)
    try:
        issued = domain.invitations_generate(actor=request.user, campaign=campaign, unit=unit)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("culture:campaign_manage", code=campaign.code)
    if form.cleaned_data["email"]:
        sent = domain.invitations_email(campaign=campaign, issued=issued, base=base_url(request))
        messages.success(request, _("%(n)s tautan dikirim lewat email.") % {"n": sent})
        issued = [t for t in issued if not t.email]
    base = base_url(request)
    sheets = link_sheets.sheets_for(issued, base)
    if form.cleaned_data["output"] == "pdf":
        if not sheets:
            messages.info(request, _("Tidak ada tautan baru untuk dicetak."))
            return redirect("culture:campaign_manage", code=campaign.code)
        return _pdf(request, campaign, sheets, base)
    return _no_store(
        render(request, "culture/token_sheets.html", {"campaign": campaign, "sheets": sheets})
    )


@login_required
@require_POST
def campaign_links_reissue(request: HttpRequest, code: str, unit_code: str) -> HttpResponse:
    """Revoke a unit's unused links and hand out new ones, once, as a PDF."""
    campaign = queries.campaign_managed_at(request.user, code)
    unit = get_in_scope(by_code(CampaignUnit.objects.filter(campaign=campaign), unit_code))
    try:
        issued = domain.invitations_reissue(actor=request.user, campaign=campaign, unit=unit)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("culture:campaign_manage", code=campaign.code)
    if not issued:
        messages.info(request, _("Semua tautan unit ini sudah dipakai; tidak ada yang diganti."))
        return redirect("culture:campaign_manage", code=campaign.code)
    base = base_url(request)
    return _pdf(request, campaign, link_sheets.sheets_for(issued, base), base)
