"""Campaign pages (Admin Pemda): the list, a new campaign, its instrument, launch and close."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sikap.accounts.decorators import require_capability
from sikap.accounts.roles import Cap
from sikap.accounts.scoping import has_capability, reach, scope_units
from sikap.core.tasks_util import enqueue_on_commit
from sikap.core.validation import add_to_form
from sikap.culture import domain, queries
from sikap.culture.domain import ballot_box
from sikap.culture.forms import (
    CampaignForm,
    InstrumentForm,
    InvitationForm,
)
from sikap.culture.tasks import recompute_results
from sikap.org.models import OrgUnit, Pemda
from sikap.org.tenancy import base_url

# --- campaigns -----------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    can_manage = has_capability(request.user, Cap.CULTURE_MANAGE)
    if not (can_manage or has_capability(request.user, Cap.CULTURE_RESULTS)):
        raise PermissionDenied
    campaigns = list(queries.campaigns_visible(request.user).order_by("-period_start", "code"))
    return render(request, "culture/index.html", {"campaigns": campaigns, "can_manage": can_manage})


def _managed_pemda(request: HttpRequest) -> Pemda:
    """The page's Pemda, when the user may run campaigns for the whole of it."""
    pemda: Pemda = request.pemda  # type: ignore[attr-defined]
    if not reach(request.user, Cap.CULTURE_MANAGE).covers_pemda(pemda.pk):
        raise PermissionDenied
    return pemda


def campaign_new(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.CULTURE_MANAGE)
    pemda = _managed_pemda(request)
    units = scope_units(OrgUnit.objects.filter(pemda=pemda), request.user, Cap.CULTURE_MANAGE)
    choices = [(u.pk, u.name) for u in units.filter(depth=0).order_by("name")]
    form = CampaignForm(request.POST or None, unit_choices=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = domain.campaign_create(
                actor=request.user,
                pemda=pemda,
                code=data["code"],
                name=data["name"],
                kind=data["kind"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                picks=data["picks"],
                attribution_depth=data["attribution_depth"],
                sample_method=data["sample_method"],
                target_units=units.filter(pk__in=[int(x) for x in data["target_units"]]),
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Kampanye dibuat sebagai draf."))
            return redirect("culture:campaign_manage", code=campaign.code)
    return render(request, "culture/campaign_form.html", {"form": form, "pemda": pemda})


def campaign_manage(request: HttpRequest, code: str) -> HttpResponse:
    campaign = queries.campaign_managed_at(request.user, code)
    rows = queries.participation(campaign)
    return render(
        request,
        "culture/campaign_manage.html",
        {
            "campaign": campaign,
            "waiting": ballot_box.ballots_waiting(campaign),
            "k": domain.min_group_size(),
            "rows": rows,
            "responded": sum(r.responded for r in rows),
            "invited": sum(r.invited for r in rows),
            "pending": sum(r.pending for r in rows),
            "invite_form": InvitationForm(
                unit_choices=[(u.pk, u.name) for u in queries.invitation_units(campaign)]
            ),
        },
    )


def campaign_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    campaign = queries.campaign_managed_at(request.user, code)
    try:
        if action == "launch":
            domain.campaign_launch(actor=request.user, campaign=campaign)
            messages.success(request, _("Kampanye dibuka."))
        elif action == "close":
            domain.campaign_close(actor=request.user, campaign=campaign)
            # The final mix and the publication run after commit, as a task.
            enqueue_on_commit(recompute_results, campaign.pk)
            messages.success(request, _("Kampanye ditutup; hasil diterbitkan setelah dihitung."))
        elif action == "remind":
            count = domain.invitations_remind(
                actor=request.user, campaign=campaign, base=base_url(request)
            )
            messages.success(
                request, _("Pengingat dikirim ke %(n)s pegawai yang belum menjawab.") % {"n": count}
            )
        elif action == "recompute":
            enqueue_on_commit(recompute_results, campaign.pk)
            messages.success(request, _("Penghitungan ulang hasil dijadwalkan."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("culture:campaign_manage", code=campaign.code)


def instrument_edit(request: HttpRequest, code: str) -> HttpResponse:
    campaign = queries.campaign_managed_at(request.user, code)
    instrument = campaign.instrument
    lines = "\n".join(f"{b['code']} | {b['text']}" for b in instrument.behaviours if b["limiting"])
    form = InstrumentForm(
        request.POST or None, initial={"name": instrument.name, "limiting": lines}
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.instrument_update(
                actor=request.user,
                instrument=instrument,
                name=form.cleaned_data["name"],
                limiting=form.cleaned_data["limiting"],
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Instrumen disimpan."))
            return redirect("culture:campaign_manage", code=campaign.code)
    return render(
        request,
        "culture/instrument_form.html",
        {"form": form, "campaign": campaign, "instrument": instrument},
    )


# --- results -------------------------------------------------------------------------------
