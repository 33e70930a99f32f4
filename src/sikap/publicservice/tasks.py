"""SKM snapshot tasks: take ids, safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache

from sikap.publicservice import domain


@shared_task(name=domain.RECOMPUTE_TASK)
def skm_recompute_unit(service_unit_id: int) -> int:
    # Drop the debounce key first: an answer committed from now on queues the next rebuild.
    cache.delete(f"skm-recompute:{service_unit_id}")
    return domain.skm_recompute(service_unit_id=service_unit_id)
