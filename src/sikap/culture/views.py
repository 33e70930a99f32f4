"""Culture pages: campaigns (Admin Pemda), results and action plans (scoped by the gate).

Each view names its capability and reads through `queries`; objects by id answer 404 for
"missing" and "not yours" alike. Figures come from ResultGroup snapshots only.
"""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, get_script_prefix, resolve, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts.decorators import require_capability
from sikap.accounts.roles import Cap
from sikap.accounts.scoping import get_in_scope, has_capability, reach, scope_units
from sikap.core.i18n import localized
from sikap.core.spreadsheet import SafeCsvWriter
from sikap.core.tasks_util import enqueue_on_commit
from sikap.core.validation import add_to_form
from sikap.culture import domain, exports, queries
from sikap.culture.domain import ballot_box
from sikap.culture.forms import (
    ActionPlanForm,
    CampaignForm,
    InstrumentForm,
    InvitationForm,
    ProgressForm,
)
from sikap.culture.tasks import recompute_results
from sikap.org.models import OrgUnit, Pemda
from sikap.org.tenancy import base_url
from sikap.rules import berakhlak

# --- campaigns -----------------------------------------------------------------------------


@login_required
@require_GET
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


@login_required
@require_http_methods(["GET", "POST"])
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


@login_required
@require_GET
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


@login_required
@require_POST
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


@login_required
@require_http_methods(["GET", "POST"])
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


@login_required
@require_GET
def campaign_by_id(request: HttpRequest, pk: int, rest: str = "") -> HttpResponse:
    """An address from before campaigns were addressed by code (`kampanye/<id>/…`, with
    `unit/<result id>/…`): sent on to the same page by code, while the result row exists."""
    campaign = queries.campaign_get(request.user, pk)
    parts = rest.split("/")
    if len(parts) >= 2 and parts[0] == "unit":
        group = queries.group_get(request.user, campaign, parts[1])
        parts[1] = group.campaign_unit.code
        rest = "/".join(parts)
    target = reverse("culture:results", kwargs={"code": campaign.code}) + rest
    try:
        resolve(target[len(get_script_prefix()) - 1 :])
    except Resolver404:
        raise Http404 from None
    return redirect(target, permanent=True)


@login_required
@require_GET
def results(request: HttpRequest, code: str) -> HttpResponse:
    campaign = queries.campaign_at(request.user, code)
    if campaign.published_at is None:
        # Nothing but participation is shown before the campaign closes and is published.
        return render(
            request,
            "culture/results_pending.html",
            {
                "campaign": campaign,
                "rows": queries.participation_visible(request.user, campaign),
                "k": domain.min_group_size(),
            },
        )
    ov = queries.overview(request.user, campaign)
    return render(
        request,
        "culture/results.html",
        {
            "campaign": campaign,
            "ov": ov,
            "values": berakhlak.VALUES,
            "top_rows": queries.value_rows(ov.top, year=campaign.year) if ov.top else [],
            "heatmap": [(g, queries.value_rows(g, year=campaign.year)) for g in ov.ranking],
            "radar": queries.radar_data(ov.top),
            "k": domain.min_group_size(),
            "can_raw": reach(request.user, Cap.CULTURE_RAW).covers_pemda(campaign.pemda_id),
        },
    )


@login_required
@require_GET
def group_detail(request: HttpRequest, code: str, unit_code: str) -> HttpResponse:
    campaign = queries.campaign_at(request.user, code)
    group = queries.group_at(request.user, campaign, unit_code)
    pemda = queries.pemda_group(campaign)
    behaviours = queries.behaviour_shares(group, campaign)
    first = queries.highlights(behaviours)
    plans = []
    if group.campaign_unit.unit_id:
        plans = list(
            queries.plans_visible(request.user).filter(unit_id=group.campaign_unit.unit_id)
        )
    return render(
        request,
        "culture/group.html",
        {
            "campaign": campaign,
            "group": group,
            "rows": queries.value_rows(group, pemda_group=pemda, year=campaign.year),
            "children": queries.children_of(request.user, campaign, group),
            "weakest": first.weakest,
            "limiting": first.limiting,
            "gaps": first.gaps,
            "radar": queries.radar_data(group, pemda),
            "likert_weakest": queries.likert_items(group)[: queries.HIGHLIGHTS],
            "top": queries.top_ten(behaviours),
            "plans": plans,
            "comment_min_group": domain.comment_min_group_size(),
            "k": domain.min_group_size(),
            "energi": queries.positive_energy(group),
            "bands": [
                localized(b) for b in berakhlak.RULEBOOKS.select(campaign.year).bands.describe()
            ],
        },
    )


COMMENTS_PER_PAGE = 50


@login_required
@require_GET
def group_comments(request: HttpRequest, code: str, unit_code: str) -> HttpResponse:
    """The comments of one group, 50 a page; a list page, kept off the dashboards."""
    campaign = queries.campaign_at(request.user, code)
    group = queries.group_at(request.user, campaign, unit_code)
    page = Paginator(queries.group_comments(group), COMMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "culture/group_comments.html",
        {
            "campaign": campaign,
            "group": group,
            "page": page,
            "comment_min_group": domain.comment_min_group_size(),
        },
    )


def _unpublished(request: HttpRequest, campaign: Any) -> HttpResponse | None:
    """Exports exist only for published results; before that, back to the results page."""
    if campaign.published_at is not None:
        return None
    messages.info(request, _("Hasil belum diterbitkan; unduhan tersedia setelah kampanye ditutup."))
    return redirect("culture:results", code=campaign.code)


@login_required
@require_GET
def export_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    campaign = queries.campaign_at(request.user, code)
    if (back := _unpublished(request, campaign)) is not None:
        return back
    data = exports.results_xlsx(campaign, queries.export_rows(request.user, campaign))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="budaya-{campaign.code}.xlsx"'
    return response


@login_required
@require_GET
def export_pdf(request: HttpRequest, code: str, unit_code: str) -> HttpResponse:
    campaign = queries.campaign_at(request.user, code)
    group = queries.group_at(request.user, campaign, unit_code)
    pemda = queries.pemda_group(campaign)
    data = exports.group_pdf(
        request,
        campaign=campaign,
        group=group,
        rows=queries.value_rows(group, pemda_group=pemda, year=campaign.year),
        children=queries.children_of(request.user, campaign, group),
        comments=queries.group_comment_texts(group),
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="budaya-{campaign.code}-{group.campaign_unit.code}.pdf"'
    )
    return response


@login_required
@require_GET
def export_raw(request: HttpRequest, code: str) -> HttpResponse:
    campaign = queries.campaign_at(request.user, code, Cap.CULTURE_RAW)
    if not reach(request.user, Cap.CULTURE_RAW).covers_pemda(campaign.pemda_id):
        raise Http404
    if (back := _unpublished(request, campaign)) is not None:
        return back
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer)
    exports.write_raw(writer, campaign, queries.raw_rows(request.user, campaign))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="budaya-{campaign.code}-mentah.csv"'
    return response


# --- action plans --------------------------------------------------------------------------


def _plan_choices(request: HttpRequest) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    units = scope_units(OrgUnit.objects.filter(depth=0), request.user, Cap.ACTIONPLAN_MANAGE)
    unit_choices = [(u.pk, u.name) for u in units.order_by("name")]
    campaigns = queries.campaigns_visible(request.user, Cap.ACTIONPLAN_MANAGE).filter(
        recomputed_at__isnull=False
    )
    return unit_choices, [(c.pk, c.name) for c in campaigns]


@login_required
@require_GET
def plans(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.ACTIONPLAN_MANAGE)
    items = list(queries.plans_visible(request.user).order_by("due_date", "id"))
    return render(request, "culture/plans.html", {"plans": queries.plans_with_results(items)})


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.ACTIONPLAN_MANAGE)
    unit_choices, campaign_choices = _plan_choices(request)
    initial = {
        k: request.GET.get(k) for k in ("unit", "campaign", "value_code") if k in request.GET
    }
    form = ActionPlanForm(
        request.POST or None,
        initial=initial,
        unit_choices=unit_choices,
        campaign_choices=campaign_choices,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = get_in_scope(
            scope_units(OrgUnit.objects.all(), request.user, Cap.ACTIONPLAN_MANAGE),
            pk=data["unit"],
        )
        campaign = queries.campaign_get(request.user, data["campaign"], Cap.ACTIONPLAN_MANAGE)
        try:
            plan = domain.action_plan_create(
                actor=request.user,
                campaign=campaign,
                unit=unit,
                value_code=data["value_code"],
                actions=data["actions"],
                owner=data["owner"],
                due_date=data["due_date"],
                indicator=data["indicator"],
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Rencana aksi disimpan."))
            return redirect("culture:plan_detail", pk=plan.pk)
    return render(request, "culture/plan_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = queries.plan_get(request.user, pk)
    form = ProgressForm(
        request.POST or None,
        initial={
            "status": plan.status,
            "progress_percent": plan.progress_percent,
            "progress_note": plan.progress_note,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.action_plan_report_progress(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Kemajuan disimpan."))
            return redirect("culture:plan_detail", pk=plan.pk)
    return render(
        request,
        "culture/plan_detail.html",
        {"plan": plan, "form": form, "row": queries.plans_with_results([plan])[0]},
    )
