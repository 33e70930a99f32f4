"""Reads on service units, SKM results, Ombudsman and PEKPPP, always through the scoping gate.

One module per topic; callers import the names below from `sikap.publicservice.queries`.
"""

from sikap.publicservice.queries.official import (
    pekppp_official_results,
)
from sikap.publicservice.queries.ombudsman import (
    OmbudsmanProjection,
    ReadinessRow,
    Shortfall,
    ombudsman_assessments,
    ombudsman_findings,
    ombudsman_gaps,
    ombudsman_projection,
    ombudsman_readiness,
    ombudsman_results,
)
from sikap.publicservice.queries.pekppp import (
    PekpppProjection,
    pekppp_evaluations,
    pekppp_projection,
)
from sikap.publicservice.queries.public import (
    PUBLIC_UNIT_TTL,
    forget_public_unit,
    public_service_unit,
)
from sikap.publicservice.queries.skm_results import (
    UNSUR_CODES,
    Adequacy,
    OverviewRow,
    UnitResult,
    comments_allowed,
    computed_at,
    overview,
    pooled_score,
    profile_breakdown,
    recent_comments,
    service_unit_rows,
    subtree_service_unit_ids,
    totals_by,
    trend,
    unit_result,
)
from sikap.publicservice.queries.units import (
    default_pemda_id,
    follow_ups,
    get_org_unit,
    get_service_unit,
    get_unit_by_code,
    org_units,
    pemda_reachable,
    products_of,
    publications,
    service_units,
)

__all__ = [
    "Adequacy",
    "OmbudsmanProjection",
    "OverviewRow",
    "PUBLIC_UNIT_TTL",
    "PekpppProjection",
    "ReadinessRow",
    "Shortfall",
    "UNSUR_CODES",
    "UnitResult",
    "comments_allowed",
    "computed_at",
    "default_pemda_id",
    "follow_ups",
    "forget_public_unit",
    "get_org_unit",
    "get_service_unit",
    "get_unit_by_code",
    "ombudsman_assessments",
    "ombudsman_findings",
    "ombudsman_gaps",
    "ombudsman_projection",
    "ombudsman_readiness",
    "ombudsman_results",
    "org_units",
    "overview",
    "pekppp_evaluations",
    "pekppp_official_results",
    "pekppp_projection",
    "pemda_reachable",
    "pooled_score",
    "products_of",
    "profile_breakdown",
    "public_service_unit",
    "publications",
    "recent_comments",
    "service_unit_rows",
    "service_units",
    "subtree_service_unit_ids",
    "totals_by",
    "trend",
    "unit_result",
]
