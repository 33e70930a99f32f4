"""Item codes of an assessment's instrument, looked up case-insensitively."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sikap.integrity.models import Assessment, AssessmentItem
from sikap.rules import integrity as rules
from sikap.rules.errors import RuleError


def item_code(assessment: Assessment, code: str) -> str:
    """The instrument's spelling of `code`, or a ValidationError naming it."""
    try:
        if assessment.kind == Assessment.Kind.ZI:
            return rules.zi_item(code, year=assessment.year).code
        rules.sakip_part(code, year=assessment.year)
        return str(code).strip().lower()
    except RuleError as exc:
        raise ValidationError(
            _("Butir %(code)s tidak ada pada LKE ini.") % {"code": str(code)[:40]}
        ) from exc


def item_for(assessment: Assessment, code: str) -> AssessmentItem:
    item, _created = AssessmentItem.objects.get_or_create(assessment=assessment, code=code)
    return item
