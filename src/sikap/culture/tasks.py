"""Culture tasks: mix ballot boxes, recompute and publish result snapshots."""

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
    """The nightly job (see CELERY_BEAT_SCHEDULE): closes campaigns past their end date,
    mixes open ones and publishes the closed ones."""
    return len(domain.results_recompute_due(actor="system"))


@shared_task(name="sikap.culture.mix_due")
def mix_due() -> int:
    """The hourly mix of every open campaign's ballot box (see CELERY_BEAT_SCHEDULE)."""
    return domain.ballots_mix_due(actor="system")
