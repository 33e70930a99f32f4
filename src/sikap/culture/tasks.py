"""Culture tasks: recompute result snapshots, of one campaign or of every campaign due."""

from __future__ import annotations

from celery import shared_task

from sikap.culture import domain
from sikap.culture.models import Campaign


@shared_task(name="sikap.culture.recompute_results")
def recompute_results(campaign_id: int) -> int:
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return 0
    return domain.results_recompute(campaign=campaign, actor="system")


@shared_task(name="sikap.culture.recompute_due")
def recompute_due() -> int:
    """The nightly recompute (see CELERY_BEAT_SCHEDULE): open and newly closed campaigns."""
    return len(domain.results_recompute_due(actor="system"))
