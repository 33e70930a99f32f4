"""Comments of a group, shown only where its own respondents are enough (max(10, k))."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from sikap.culture import groups
from sikap.culture.models import Campaign, Response, ResultGroup

COMMENTS_IN_PDF = 200


def group_comments(group: ResultGroup) -> QuerySet[Response]:
    """The comments of a group, in alphabetical order (never in arrival order).

    Only the comments attributed to the group's own unit, and only when that unit's own
    respondents number at least max(10, k) (group.comment_count, set by the recompute): no list
    is built by adding children's lists, so taking one list from another reveals nothing.
    The caller has fetched `group` through the scoping gate.
    """
    if group.suppressed or group.comment_count == 0:
        return Response.objects.none()
    return Response.objects.filter(
        ~Q(comment=""),  # the same condition as the partial index response_commented
        campaign_id=group.campaign_id,
        campaign_unit_id=group.campaign_unit_id,
    ).order_by("comment")


def group_comment_texts(group: ResultGroup, limit: int = COMMENTS_IN_PDF) -> list[str]:
    return list(group_comments(group).values_list("comment", flat=True)[:limit])


def group_comment_counts(group: ResultGroup, limit: int = COMMENTS_IN_PDF) -> list[tuple[str, int]]:
    """Each distinct comment of a group once, with how many respondents wrote it, in
    alphabetical order: a report lists "Ruang tunggu panas (3×)" rather than three lines."""
    return list(
        group_comments(group)
        .values("comment")
        .annotate(k=Count("id"))
        .order_by("comment")
        .values_list("comment", "k")[:limit]
    )


def comment_units(campaign: Campaign) -> set[int]:
    """Units whose own comments may be read (their own group is shown and large enough)."""
    return set(
        ResultGroup.objects.filter(
            campaign=campaign,
            suppressed=False,
            n_direct__gte=groups.comment_min_group_size(),
        ).values_list("campaign_unit_id", flat=True)
    )
