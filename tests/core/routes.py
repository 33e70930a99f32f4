"""The route table every URL test reads: which object each named route addresses, who may open
it and how it is asked. A new route gets its entry here (tests/core/test_url_sweep.py fails
until it has one); the phone-layout and accessibility checks visit the pages it lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.core.conftest import Side

# Public by design: login, password reset, health, language switch, the rulebook page, the API
# schema/docs, the citizen/respondent forms reached by link or QR, and logging out (which only
# ends the visitor's own session and sends everyone to the login page).
PUBLIC = {
    "core:health",
    "accounts:logout",
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "set_language",
    "scoring:index",
    "scoring:calculate",
    "api-schema",
    "api-docs",
    "publicservice:form",
    "publicservice:form_thanks",
    "publicservice:kiosk",
    "publicservice:kiosk_thanks",
    "publicservice:ipak_form",
    "publicservice:ipak_thanks",
    "publicservice:ipak_kiosk",
    "publicservice:ipak_kiosk_thanks",
    "culture:survey",
    "culture:survey_thanks",
}

GET, POST, BOTH = ("get",), ("post",), ("get", "post")


@dataclass(frozen=True)
class Route:
    """`args` fills the URL from a Side and `data` the form of an action; `allowed` names the
    user it serves. `other_opd_refused`: an admin of another OPD is refused this object;
    `unit_scoped`: the allowed user is refused the same kind of object of another OPD."""

    args: Callable[[Side], dict[str, Any]]
    allowed: str = "admin_opd"
    methods: tuple[str, ...] = GET
    unit_scoped: bool = True
    other_opd_refused: bool = True
    data: Callable[[Side], dict[str, Any]] | None = None
    status: int = 200  # what the allowed user gets for a GET


def su(s: Side) -> dict[str, Any]:
    return {"pk": s.su.pk}


def campaign(s: Side) -> dict[str, Any]:
    return {"code": s.campaign.code}


def campaign_id(s: Side) -> dict[str, Any]:
    return {"pk": s.campaign.pk}


def group(s: Side) -> dict[str, Any]:
    return {"code": s.campaign.code, "unit_code": s.group.campaign_unit.code}


def agreement(s: Side) -> dict[str, Any]:
    return {"pk": s.agreement.pk}


def skp(s: Side) -> dict[str, Any]:
    return {"pk": s.skp.pk}


def unit_code(s: Side) -> dict[str, Any]:
    return {"code": s.unit.code}


def zi(s: Side) -> dict[str, Any]:
    return {"kind": "zi", "year": s.zi.year, "unit": s.zi.unit.code}


def doc(s: Side) -> dict[str, Any]:
    return {"pk": s.doc.pk}


def none(s: Side) -> dict[str, Any]:
    return {}


def template(s: Side) -> dict[str, Any]:
    return {"what": "units", "fmt": "csv"}


# Routes that address no stored object: they show each user its own, see the leak test.
OBJECTLESS_ARGS = (none, template)


# A campaign, the Ombudsman's result, an import, a user and its roles belong to the whole Pemda:
# its admin reaches those of every OPD, and another OPD's admin is refused them by its role.
PEMDA_WIDE: dict[str, Any] = {"allowed": "admin_pemda", "unit_scoped": False}
# Pages every OPD of the Pemda reads (each sees its own part): only another Pemda is refused.
SHARED: dict[str, Any] = {"unit_scoped": False, "other_opd_refused": False}

ROUTES: dict[str, Route] = {
    # accounts
    "accounts:roles": Route(none, allowed="admin_pemda", **SHARED),
    "accounts:user_create": Route(none, methods=POST, **PEMDA_WIDE),
    "accounts:user_detail": Route(lambda s: {"user_id": s.user.pk}, **PEMDA_WIDE),
    "accounts:role_revoke": Route(
        lambda s: {"assignment_id": s.assignment.pk}, methods=POST, **PEMDA_WIDE
    ),
    "accounts:audit": Route(none, **PEMDA_WIDE),
    # The list of the user's own Pemdas, where an address without one lands when there is a
    # choice.
    "accounts:pemda_choose": Route(none, **SHARED),
    # core and org
    "home:index": Route(none, **SHARED),
    "org:unit_tree": Route(none, **SHARED),
    "org:unit_detail": Route(lambda s: {"unit_id": s.unit.pk}),
    "org:unit_children": Route(lambda s: {"unit_id": s.opd.pk}),
    "org:employee_list": Route(none, **SHARED),
    "org:employee_detail": Route(lambda s: {"employee_id": s.employee.pk}),
    "org:data_quality": Route(none, **SHARED),
    "org:home_summary": Route(none, **SHARED),
    "org_import:upload": Route(none, methods=BOTH, **PEMDA_WIDE),
    "org_import:progress": Route(lambda s: {"pk": s.import_job.pk}, **PEMDA_WIDE),
    "org_import:status": Route(lambda s: {"pk": s.import_job.pk}, **PEMDA_WIDE),
    "org_import:template": Route(template, **PEMDA_WIDE),
    # culture
    "culture:index": Route(none, **SHARED),
    "culture:campaign_new": Route(none, methods=BOTH, **PEMDA_WIDE),
    "culture:campaign_manage": Route(campaign, **PEMDA_WIDE),
    "culture:instrument_edit": Route(campaign, methods=BOTH, **PEMDA_WIDE),
    "culture:campaign_tokens": Route(campaign, methods=POST, **PEMDA_WIDE),
    "culture:campaign_links_reissue": Route(
        lambda s: {"code": s.campaign.code, "unit_code": s.group.campaign_unit.code},
        methods=POST,
        **PEMDA_WIDE,
    ),
    "culture:campaign_action": Route(
        lambda s: {"code": s.campaign.code, "action": "close"}, methods=POST, **PEMDA_WIDE
    ),
    "culture:results": Route(campaign, **SHARED),
    # Addresses by id from before: sent on (301) to the same page by code.
    "culture:campaign_by_id": Route(campaign_id, status=301, **SHARED),
    "culture:campaign_by_id_rest": Route(
        lambda s: {"pk": s.campaign.pk, "rest": f"unit/{s.group.pk}/"}, status=301
    ),
    "culture:export_xlsx": Route(campaign, **SHARED),
    "culture:export_raw": Route(campaign, **PEMDA_WIDE),
    "culture:group": Route(group),
    "culture:group_pdf": Route(group),
    "culture:group_comments": Route(group),
    "culture:plans": Route(none, **SHARED),
    "culture:plan_new": Route(none, methods=BOTH, **SHARED),
    "culture:plan_detail": Route(lambda s: {"pk": s.plan.pk}, methods=BOTH),
    # public service, management
    "publicservice:dashboard": Route(none, **SHARED),
    "publicservice:units_excel": Route(none, **SHARED),
    "publicservice:activate": Route(none, methods=POST, data=lambda s: {"unit": s.unit.pk}),
    "publicservice:unit": Route(su),
    "publicservice:ipak_results": Route(su),
    "publicservice:ipak_poster": Route(su),
    "publicservice:ipak_qr": Route(su),
    "publicservice:unit_manage": Route(su),
    "publicservice:product_create": Route(su, methods=POST),
    "publicservice:product_volume_set": Route(su, methods=POST),
    "publicservice:unit_settings_update": Route(su, methods=POST),
    "publicservice:kiosk_key_rotate": Route(su, methods=POST),
    "publicservice:poster": Route(su),
    "publicservice:qr": Route(su),
    "publicservice:visit_codes": Route(su, methods=POST),
    "publicservice:followups": Route(su, methods=POST),
    "publicservice:followup_edit": Route(lambda s: {"pk": s.followup.pk}, methods=BOTH),
    "publicservice:followup_evidence_upload": Route(lambda s: {"pk": s.followup.pk}, methods=POST),
    "publicservice:followup_evidence_pick": Route(lambda s: {"pk": s.followup.pk}, methods=POST),
    "publicservice:followup_evidence_detach": Route(lambda s: {"pk": s.followup.pk}, methods=POST),
    "publicservice:publication_add": Route(su, methods=POST),
    "publicservice:evidence": Route(lambda s: {"kind": "tindak-lanjut", "pk": s.followup.pk}),
    "publicservice:excel": Route(su),
    "publicservice:pdf": Route(su),
    "publicservice:org": Route(lambda s: {"pk": s.opd.pk}),
    "publicservice:ombudsman_pemda": Route(none, **SHARED),
    "publicservice:ombudsman_record": Route(none, methods=POST, **PEMDA_WIDE),
    "publicservice:ombudsman_finding_add": Route(
        lambda s: {"pk": s.ombudsman.pk}, methods=POST, **PEMDA_WIDE
    ),
    "publicservice:ombudsman_finding_update": Route(
        lambda s: {"pk": s.finding.pk}, methods=POST, **PEMDA_WIDE
    ),
    "publicservice:ombudsman_unit": Route(su),
    "publicservice:ombudsman_item_set": Route(su, methods=POST),
    "publicservice:ombudsman_complaints_set": Route(su, methods=POST),
    "publicservice:pekppp_list": Route(none, **SHARED),
    "publicservice:pekppp_unit": Route(su),
    "publicservice:pekppp_start": Route(su, methods=POST),
    "publicservice:pekppp_score_set": Route(su, methods=POST),
    "publicservice:pekppp_page_save": Route(su, methods=POST),
    # Reviewing is the evaluator's (a Penilai assigned to the unit's OPD), the official result
    # the Pemda's.
    "publicservice:pekppp_review": Route(su, methods=POST, allowed="penilai"),
    "publicservice:pekppp_official_record": Route(su, methods=POST, **PEMDA_WIDE),
    "publicservice:ombudsman_evidence_upload": Route(su, methods=POST),
    "publicservice:ombudsman_evidence_pick": Route(su, methods=POST),
    "publicservice:ombudsman_evidence_detach": Route(su, methods=POST),
    "publicservice:pekppp_evidence_upload": Route(su, methods=POST),
    "publicservice:pekppp_evidence_pick": Route(su, methods=POST),
    "publicservice:pekppp_evidence_detach": Route(su, methods=POST),
    # performance
    "performance:index": Route(none, **SHARED),
    "performance:tree": Route(none, **SHARED),
    "performance:planning_year_set": Route(none, methods=POST, **PEMDA_WIDE),
    "performance:agreement_create": Route(none, methods=POST, **SHARED),
    "performance:agreement": Route(agreement),
    "performance:agreement_pdf": Route(agreement),
    "performance:agreement_edit": Route(agreement, methods=BOTH),
    "performance:lkjip_pdf": Route(agreement),
    "performance:lkjip_docx": Route(agreement),
    "performance:sasaran_create": Route(agreement, methods=POST),
    "performance:agreement_sign": Route(agreement, methods=POST),
    "performance:agreement_revise": Route(agreement, methods=POST),
    "performance:indicator_create": Route(lambda s: {"pk": s.sasaran.pk}, methods=POST),
    "performance:realisation_record": Route(lambda s: {"pk": s.indicator.pk}, methods=POST),
    "performance:indicator_edit": Route(lambda s: {"pk": s.indicator.pk}, methods=BOTH),
    "performance:skp_list": Route(none, allowed="pimpinan", **SHARED),
    "performance:skp_create": Route(none, methods=POST, allowed="pimpinan", **SHARED),
    "performance:skp_export": Route(none, allowed="pimpinan", **SHARED),
    "performance:skp_export_xlsx": Route(none, allowed="pimpinan", **SHARED),
    "performance:skp": Route(skp, allowed="pimpinan"),
    "performance:skp_pdf": Route(skp, allowed="pimpinan"),
    # The employee writes their own plan; the Pimpinan of the unit rates it.
    "performance:skp_result_add": Route(skp, methods=POST, allowed="pegawai"),
    "performance:skp_expectation_set": Route(skp, methods=POST, allowed="pegawai"),
    "performance:skp_annex_set": Route(skp, methods=POST, allowed="pegawai"),
    "performance:skp_agree": Route(skp, methods=POST, allowed="pegawai"),
    "performance:skp_checkin": Route(skp, methods=POST, allowed="pimpinan"),
    "performance:skp_behaviour_rate": Route(skp, methods=POST, allowed="pimpinan"),
    "performance:skp_rate": Route(skp, methods=POST, allowed="pimpinan"),
    "performance:skp_result_assess": Route(
        lambda s: {"pk": s.skp_result.pk}, methods=POST, allowed="pimpinan"
    ),
    "performance:calibration": Route(unit_code, allowed="pimpinan"),
    "performance:org_predicate_set": Route(unit_code, methods=POST, allowed="pimpinan"),
    "performance:values": Route(unit_code, allowed="pimpinan"),
    # API
    "unit-list": Route(none, **SHARED),
    "unit-detail": Route(lambda s: {"pk": s.unit.pk}),
    "employee-list": Route(none, **SHARED),
    "employee-detail": Route(lambda s: {"pk": s.employee.pk}),
    "culture-campaign-list": Route(none, **SHARED),
    "culture-campaign-detail": Route(campaign_id, **SHARED),
    "culture-campaign-results": Route(campaign_id, **SHARED),
    "layanan-unit-list": Route(none, **SHARED),
    "layanan-unit-detail": Route(su),
    "layanan-unit-results": Route(su),
    "layanan-org-result-detail": Route(lambda s: {"pk": s.opd.pk}),
    "layanan-ombudsman-list": Route(none, **SHARED),
    "layanan-ombudsman-detail": Route(lambda s: {"pk": s.ombudsman.pk}, **PEMDA_WIDE),
    "layanan-pekppp-list": Route(none, **SHARED),
    "layanan-pekppp-detail": Route(lambda s: {"pk": s.pekppp.pk}),
    "kinerja-pk-list": Route(none, **SHARED),
    "kinerja-pk-detail": Route(agreement),
    "kinerja-skp-list": Route(none, allowed="pimpinan", **SHARED),
    "kinerja-skp-detail": Route(skp, allowed="pimpinan"),
    # integrity (Zona Integritas, SAKIP, evidence library)
    "integrity:index": Route(none, **SHARED),
    "integrity:start": Route(none, methods=POST, data=lambda s: {"unit": s.unit.pk}),
    "integrity:overview": Route(none, **SHARED),
    "integrity:gates": Route(none, methods=POST, **PEMDA_WIDE),
    "integrity:workspace": Route(zi),
    "integrity:answer": Route(zi, methods=POST),
    "integrity:counts": Route(zi, methods=POST),
    "integrity:pic": Route(zi, methods=POST),
    "integrity:settings": Route(zi, methods=POST),
    "integrity:hasil": Route(zi, methods=POST),
    "integrity:hasil_sikap": Route(zi, methods=POST, data=lambda s: {"key": "ipkp"}),
    "integrity:attach": Route(zi, methods=POST),
    "integrity:detach": Route(zi, methods=POST),
    "integrity:sikap_evidence": Route(zi, methods=POST),
    "integrity:team_add": Route(zi, methods=POST),
    "integrity:team_remove": Route(zi, methods=POST),
    "integrity:submit": Route(zi, methods=POST),
    "integrity:review": Route(zi, methods=POST, allowed="penilai"),
    "integrity:review_counts": Route(zi, methods=POST, allowed="penilai"),
    "integrity:review_finish": Route(zi, methods=POST, allowed="penilai"),
    "integrity:review_return": Route(zi, methods=POST, allowed="penilai"),
    "integrity:reply": Route(zi, methods=POST),
    "integrity:import": Route(zi, methods=POST),
    "integrity:export": Route(zi),
    "integrity:propose": Route(zi, methods=POST, **PEMDA_WIDE),
    "integrity:proposal_pdf": Route(zi),
    "integrity:tpn": Route(zi, methods=POST, **PEMDA_WIDE),
    "integrity:tpn_score": Route(zi, methods=POST, **PEMDA_WIDE),
    "evidence:library": Route(none, **SHARED),
    "evidence:upload": Route(none, methods=POST, data=lambda s: {"unit": s.unit.pk}),
    "evidence:link": Route(none, methods=POST, data=lambda s: {"unit": s.unit.pk}),
    "evidence:document": Route(doc),
    "evidence:replace": Route(doc, methods=POST),
    "evidence:remove": Route(doc, methods=POST),
    "evidence:download": Route(lambda s: {"pk": s.doc.pk, "number": 1}),
}
