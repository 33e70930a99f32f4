"""Writes of the integrity app: one module per topic, re-exported here."""

from sikap.integrity.domain.assessments import (
    answer_record,
    assessment_settings_set,
    assessment_start,
    hasil_from_sikap,
    hasil_record,
    item_pic_set,
    team_member_add,
    team_member_remove,
)
from sikap.integrity.domain.counts import counts_record, review_counts_record
from sikap.integrity.domain.documents import (
    attachment_add,
    attachment_remove,
    sikap_evidence_attach,
)
from sikap.integrity.domain.imports import lke_import, lke_rows
from sikap.integrity.domain.official import (
    gates_record,
    proposal_checks,
    proposal_make,
    tpn_result_record,
)
from sikap.integrity.domain.review import (
    assessment_submit,
    review_finish,
    review_reply,
    review_return,
    review_score,
    tpn_score,
)

__all__ = [
    "answer_record",
    "counts_record",
    "review_counts_record",
    "assessment_settings_set",
    "assessment_start",
    "assessment_submit",
    "attachment_add",
    "attachment_remove",
    "gates_record",
    "hasil_from_sikap",
    "hasil_record",
    "item_pic_set",
    "lke_import",
    "lke_rows",
    "proposal_checks",
    "proposal_make",
    "review_finish",
    "review_reply",
    "review_return",
    "review_score",
    "sikap_evidence_attach",
    "team_member_add",
    "team_member_remove",
    "tpn_result_record",
    "tpn_score",
]
