"""The roles of SIKAP and the capabilities each grants, in one table.

Views and endpoints name a capability; the scoping gate turns a user's role assignments that
grant it into the set of units they may see.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN_PEMDA = "admin_pemda", _("Admin Pemda")
    ADMIN_OPD = "admin_opd", _("Admin OPD")
    PIMPINAN = "pimpinan", _("Pimpinan")
    PENILAI = "penilai", _("Penilai")
    PEGAWAI = "pegawai", _("Pegawai")


class Cap:
    ORG_VIEW = "org.view"
    ORG_MANAGE = "org.manage"
    ROLES_MANAGE = "roles.manage"
    AUDIT_VIEW = "audit.view"
    CULTURE_MANAGE = "culture.manage"
    CULTURE_RESULTS = "culture.results"
    CULTURE_RAW = "culture.raw"
    SERVICE_MANAGE = "service.manage"
    SERVICE_RESULTS = "service.results"
    ASSESSMENT_REVIEW = "assessment.review"
    ACTIONPLAN_MANAGE = "actionplan.manage"
    PERFORMANCE_VIEW = "performance.view"
    PERFORMANCE_MANAGE = "performance.manage"
    SKP_VIEW = "skp.view"
    SKP_CALIBRATE = "skp.calibrate"
    EVIDENCE_VIEW = "evidence.view"
    EVIDENCE_MANAGE = "evidence.manage"
    INTEGRITY_VIEW = "integrity.view"
    INTEGRITY_MANAGE = "integrity.manage"
    INTEGRITY_REVIEW = "integrity.review"
    INTEGRITY_OFFICIAL = "integrity.official"


ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.ADMIN_PEMDA: frozenset(
        {
            Cap.ORG_VIEW,
            Cap.ORG_MANAGE,
            Cap.ROLES_MANAGE,
            Cap.AUDIT_VIEW,
            Cap.CULTURE_MANAGE,
            Cap.CULTURE_RESULTS,
            Cap.CULTURE_RAW,
            Cap.SERVICE_MANAGE,
            Cap.SERVICE_RESULTS,
            Cap.ACTIONPLAN_MANAGE,
            Cap.PERFORMANCE_VIEW,
            Cap.PERFORMANCE_MANAGE,
            Cap.SKP_VIEW,
            Cap.SKP_CALIBRATE,
            Cap.EVIDENCE_VIEW,
            Cap.EVIDENCE_MANAGE,
            Cap.INTEGRITY_VIEW,
            Cap.INTEGRITY_MANAGE,
            Cap.INTEGRITY_OFFICIAL,
        }
    ),
    Role.ADMIN_OPD: frozenset(
        {
            Cap.ORG_VIEW,
            Cap.CULTURE_RESULTS,
            Cap.SERVICE_MANAGE,
            Cap.SERVICE_RESULTS,
            Cap.ACTIONPLAN_MANAGE,
            Cap.PERFORMANCE_VIEW,
            Cap.PERFORMANCE_MANAGE,
            Cap.EVIDENCE_VIEW,
            Cap.EVIDENCE_MANAGE,
            Cap.INTEGRITY_VIEW,
            Cap.INTEGRITY_MANAGE,
        }
    ),
    Role.PIMPINAN: frozenset(
        {
            Cap.ORG_VIEW,
            Cap.CULTURE_RESULTS,
            Cap.SERVICE_RESULTS,
            Cap.ACTIONPLAN_MANAGE,
            Cap.PERFORMANCE_VIEW,
            Cap.SKP_VIEW,
            Cap.SKP_CALIBRATE,
            Cap.EVIDENCE_VIEW,
            Cap.INTEGRITY_VIEW,
        }
    ),
    Role.PENILAI: frozenset(
        {
            Cap.ORG_VIEW,
            Cap.SERVICE_RESULTS,
            Cap.ASSESSMENT_REVIEW,
            Cap.PERFORMANCE_VIEW,
            Cap.EVIDENCE_VIEW,
            Cap.INTEGRITY_VIEW,
            Cap.INTEGRITY_REVIEW,
        }
    ),
    Role.PEGAWAI: frozenset(),
}


def capabilities_of(role: str) -> frozenset[str]:
    return ROLE_CAPABILITIES.get(role, frozenset())
