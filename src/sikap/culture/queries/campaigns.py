"""Campaigns a user may read or manage, by id or by code."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import get_in_scope, reach, scope_by_pemda
from sikap.core.codes import by_code, code_filter
from sikap.culture.models import Campaign


def campaigns_visible(user: Any, capability: str = Cap.CULTURE_RESULTS) -> QuerySet[Campaign]:
    """Campaigns of every Pemda where the user reaches at least one unit for `capability`."""
    r = reach(user, capability)
    qs = Campaign.objects.select_related("pemda", "instrument")
    if r.everything:
        return qs
    return qs.filter(pemda_id__in=sorted(r.pemda_ids))


def campaigns_managed(user: Any) -> QuerySet[Campaign]:
    return scope_by_pemda(
        Campaign.objects.select_related("pemda", "instrument"), user, Cap.CULTURE_MANAGE
    )


def campaign_get(user: Any, campaign_id: Any, capability: str = Cap.CULTURE_RESULTS) -> Campaign:
    return get_in_scope(campaigns_visible(user, capability), pk=campaign_id)


def campaign_managed_get(user: Any, campaign_id: Any) -> Campaign:
    return get_in_scope(campaigns_managed(user), pk=campaign_id)


def campaign_at(user: Any, code: str, capability: str = Cap.CULTURE_RESULTS) -> Campaign:
    """The campaign a page addresses by its code (any case), among those the user may see; a
    page is served inside one Pemda, whose codes are unique. 404 when missing or not yours."""
    return get_in_scope(by_code(campaigns_visible(user, capability), code))


def campaign_managed_at(user: Any, code: str) -> Campaign:
    return get_in_scope(by_code(campaigns_managed(user), code))


def campaign_by_code(user: Any, code: str, pemda_code: str | None = None) -> Campaign:
    """The one visible campaign of that code, in any case (sikap.core.codes); 404 when none
    or when the code is used in more than one Pemda and none is named."""
    qs = by_code(campaigns_visible(user), code)
    if pemda_code:
        qs = qs.filter(code_filter("pemda__code", pemda_code))
    found = list(qs[:2])
    if len(found) != 1:
        from django.http import Http404

        raise Http404
    return found[0]
