"""Writes on service units, SKM, follow-up, Ombudsman and PEKPPP, one module per topic.

Every write is atomic and audited, except the anonymous SKM answers themselves (see
`skm_answers`). The names below are the package's public surface; callers import them from
`sikap.publicservice.domain`.
"""

from sikap.publicservice.domain.evidence import EVIDENCE_MAX_BYTES, evidence_validate
from sikap.publicservice.domain.followup import (
    followup_create,
    followup_update,
    publication_record,
)
from sikap.publicservice.domain.library import (
    FOLLOWUP,
    OMBUDSMAN,
    PEKPPP,
    SCHEMES,
    Scheme,
    followup_evidence_attach,
    followup_evidence_detach,
    followup_evidence_upload,
    followup_year,
    library_evidence_attach,
    library_evidence_detach,
    library_evidence_release,
    library_evidence_upload,
    scheme_codes,
)
from sikap.publicservice.domain.official import ombudsman_result_record, pekppp_official_record
from sikap.publicservice.domain.ombudsman import (
    ombudsman_assessment_ensure,
    ombudsman_checklist_answer,
    ombudsman_complaints_record,
    ombudsman_complaints_set,
    ombudsman_finding_add,
    ombudsman_finding_update,
    ombudsman_item_set,
)
from sikap.publicservice.domain.pekppp import (
    PEKPPP_SKM_INDICATORS,
    ScoreAnswer,
    pekppp_evaluation_ensure,
    pekppp_review,
    pekppp_score_set,
    pekppp_scores_set,
    pekppp_skm_prefill,
)
from sikap.publicservice.domain.skm_answers import (
    COMMENT_MAX,
    FIELD_OF_CODE,
    UNSUR_CODES,
    SkmAnswerError,
    VisitCodeError,
    skm_submit,
    visit_codes_issue,
)
from sikap.publicservice.domain.skm_import import (
    ImportResult,
    SkmImportError,
    age_band_of,
    skm_import,
)
from sikap.publicservice.domain.skm_snapshots import (
    RECOMPUTE_DELAY,
    RECOMPUTE_TASK,
    skm_recompute,
    skm_recompute_many,
    skm_rollups_rebuild,
    skm_schedule_recompute,
    tasks_in_process,
)
from sikap.publicservice.domain.units import (
    kiosk_key_rotate,
    product_volume_set,
    service_product_create,
    service_unit_ensure,
    service_unit_settings_update,
)

__all__ = [
    "FOLLOWUP",
    "OMBUDSMAN",
    "PEKPPP",
    "SCHEMES",
    "Scheme",
    "followup_evidence_attach",
    "followup_year",
    "followup_evidence_detach",
    "followup_evidence_upload",
    "library_evidence_attach",
    "library_evidence_detach",
    "library_evidence_release",
    "library_evidence_upload",
    "scheme_codes",
    "COMMENT_MAX",
    "EVIDENCE_MAX_BYTES",
    "FIELD_OF_CODE",
    "PEKPPP_SKM_INDICATORS",
    "RECOMPUTE_DELAY",
    "RECOMPUTE_TASK",
    "UNSUR_CODES",
    "ImportResult",
    "SkmAnswerError",
    "SkmImportError",
    "VisitCodeError",
    "age_band_of",
    "evidence_validate",
    "followup_create",
    "followup_update",
    "kiosk_key_rotate",
    "ombudsman_assessment_ensure",
    "ombudsman_checklist_answer",
    "ombudsman_complaints_record",
    "ombudsman_complaints_set",
    "ombudsman_finding_add",
    "ombudsman_finding_update",
    "ombudsman_item_set",
    "ombudsman_result_record",
    "pekppp_evaluation_ensure",
    "pekppp_official_record",
    "pekppp_review",
    "ScoreAnswer",
    "pekppp_score_set",
    "pekppp_scores_set",
    "pekppp_skm_prefill",
    "product_volume_set",
    "publication_record",
    "service_product_create",
    "service_unit_ensure",
    "service_unit_settings_update",
    "skm_import",
    "skm_recompute",
    "skm_recompute_many",
    "skm_rollups_rebuild",
    "skm_schedule_recompute",
    "skm_submit",
    "tasks_in_process",
    "visit_codes_issue",
]
