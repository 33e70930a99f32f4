"""Reads of the culture survey, narrowed through the scoping gate, one module per topic.

Results are read from ResultGroup snapshots only; a page never scans responses. Reads import
no write code (an import contract in `make lint` holds this). The names below are the
package's public surface; callers import them from `sikap.culture.queries`.
"""

from sikap.culture.queries.campaigns import (
    campaign_at,
    campaign_by_code,
    campaign_get,
    campaign_managed_at,
    campaign_managed_get,
    campaigns_managed,
    campaigns_visible,
)
from sikap.culture.queries.comments import (
    COMMENTS_IN_PDF,
    comment_units,
    group_comment_counts,
    group_comment_texts,
    group_comments,
)
from sikap.culture.queries.exports import RawRow, export_rows, raw_rows
from sikap.culture.queries.home import CultureHome, culture_home
from sikap.culture.queries.overview import (
    Overview,
    children_of,
    overview,
    pemda_group,
    radar_data,
    unit_trend,
)
from sikap.culture.queries.participation import (
    ParticipationRow,
    invitation_units,
    participation,
    participation_visible,
)
from sikap.culture.queries.plans import (
    PlanRow,
    plan_get,
    plan_overdue_days,
    plans_visible,
    plans_with_results,
)
from sikap.culture.queries.results import (
    HIGHLIGHTS,
    Highlights,
    TopTen,
    ValueRow,
    behaviour_shares,
    group_at,
    group_get,
    group_public,
    highlights,
    likert_items,
    positive_energy,
    r1,
    results_json,
    results_visible,
    top_ten,
    value_rows,
)

__all__ = [
    "culture_home",
    "CultureHome",
    "COMMENTS_IN_PDF",
    "HIGHLIGHTS",
    "Highlights",
    "Overview",
    "ParticipationRow",
    "PlanRow",
    "RawRow",
    "TopTen",
    "ValueRow",
    "behaviour_shares",
    "campaign_by_code",
    "campaign_at",
    "campaign_get",
    "campaign_managed_at",
    "campaign_managed_get",
    "campaigns_managed",
    "campaigns_visible",
    "children_of",
    "comment_units",
    "export_rows",
    "group_comment_counts",
    "group_comment_texts",
    "group_comments",
    "group_at",
    "group_get",
    "group_public",
    "highlights",
    "likert_items",
    "overview",
    "unit_trend",
    "invitation_units",
    "participation",
    "participation_visible",
    "pemda_group",
    "plan_get",
    "plan_overdue_days",
    "plans_visible",
    "plans_with_results",
    "positive_energy",
    "r1",
    "radar_data",
    "raw_rows",
    "results_json",
    "results_visible",
    "top_ten",
    "value_rows",
]
