"""Writes of the culture survey, one module per topic: instruments, campaigns, invitations,
responses, tallies, results, plans, and the ballot box between a submit and the response table.

Every function is keyword-only, atomic and audited. Responses are anonymous by construction:
the audit row of a submission names the campaign only, never the invitation or the response.
The names below are the package's public surface; callers import them from
`sikap.culture.domain`.
"""

from sikap.core.rowerrors import ImportRejected
from sikap.culture.domain import ballot_box
from sikap.culture.domain.campaigns import (
    campaign_close,
    campaign_create,
    campaign_launch,
    campaigns_past_end,
)
from sikap.culture.domain.instruments import instrument_create, instrument_update
from sikap.culture.domain.invitations import (
    CODE_LENGTH,
    IssuedToken,
    attribution_units,
    code_new,
    code_normalize,
    invitations_email,
    invitations_generate,
    invitations_reissue,
    invitations_remind,
    survey_address,
    survey_link,
    token_hash,
)
from sikap.culture.domain.plans import action_plan_create, action_plan_report_progress
from sikap.culture.domain.responses import (
    COMMENT_MAX_CHARS,
    SurveySpec,
    SurveyTicket,
    TokenRefused,
    ballot_mask,
    clean_answers,
    clean_comment,
    identifying_detail,
    mask_codes,
    response_submit,
    responses_import,
    survey_spec,
    ticket_for_token,
)
from sikap.culture.domain.results import (
    GroupRow,
    ballots_mix_due,
    campaigns_due,
    publication_blockers,
    results_recompute,
    results_recompute_due,
)
from sikap.culture.domain.tallies import TALLY_OPEN_DAYS, tallies_reset, tallies_stored
from sikap.culture.groups import COMMENT_MIN_GROUP, comment_min_group_size, min_group_size

__all__ = [
    "COMMENT_MAX_CHARS",
    "COMMENT_MIN_GROUP",
    "TALLY_OPEN_DAYS",
    "CODE_LENGTH",
    "GroupRow",
    "ImportRejected",
    "IssuedToken",
    "SurveySpec",
    "SurveyTicket",
    "TokenRefused",
    "action_plan_create",
    "action_plan_report_progress",
    "attribution_units",
    "ballot_box",
    "ballot_mask",
    "ballots_mix_due",
    "campaign_close",
    "campaign_create",
    "campaign_launch",
    "campaigns_due",
    "campaigns_past_end",
    "clean_answers",
    "code_new",
    "code_normalize",
    "clean_comment",
    "comment_min_group_size",
    "identifying_detail",
    "instrument_create",
    "instrument_update",
    "invitations_email",
    "invitations_generate",
    "invitations_reissue",
    "invitations_remind",
    "mask_codes",
    "min_group_size",
    "publication_blockers",
    "response_submit",
    "responses_import",
    "results_recompute",
    "results_recompute_due",
    "survey_address",
    "survey_link",
    "survey_spec",
    "tallies_reset",
    "tallies_stored",
    "ticket_for_token",
    "token_hash",
]
