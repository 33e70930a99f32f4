"""Result pages, addressed by campaign and unit code: overview, a unit, its comments, exports."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, get_script_prefix, resolve, reverse
from django.utils.translation import gettext as _

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import reach
from sikap.core.i18n import localized
from sikap.core.spreadsheet import SafeCsvWriter
from sikap.culture import domain, exports, queries
from sikap.rules import berakhlak

# --- campaigns -----------------------------------------------------------------------------


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
            "trend": queries.unit_trend(request.user, campaign, group.campaign_unit.code),
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
        comments=queries.group_comment_counts(group),
        radar=queries.radar_data(group, pemda),
        trend=queries.unit_trend(request.user, campaign, group.campaign_unit.code),
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="budaya-{campaign.code}-{group.campaign_unit.code}.pdf"'
    )
    return response


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
