"""The LKE workbook of an assessment: exported in the familiar layout, imported all or nothing."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sikap.core.roles import Cap
from sikap.core.rowerrors import ImportRejected
from sikap.integrity import domain, exports, forms, queries
from sikap.integrity.views.assessments import workspace_post
from sikap.integrity.views.common import (
    assessment_for,
)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_POST
def lke_import(request: HttpRequest, kind: str, year: int, unit: str) -> HttpResponse:
    a = assessment_for(request, kind, year, unit, Cap.INTEGRITY_MANAGE)
    form = forms.ImportForm(request.POST, request.FILES)

    def act(d: dict[str, Any]) -> None:
        upload = d["file"]  # its size checked by the form
        try:
            domain.lke_import(
                actor=request.user, assessment=a, file_name=upload.name, data=upload.read()
            )
        except ImportRejected as exc:
            shown = "; ".join(str(e) for e in exc.row_errors[:10])
            raise ValidationError(
                _("Impor dibatalkan, tidak ada yang disimpan: %(errors)s") % {"errors": shown}
            ) from exc

    return workspace_post(request, a, form, act, ok=_("Jawaban LKE diimpor."), field="file")


@login_required
@require_GET
def lke_export(request: HttpRequest, kind: str, year: int, unit: str) -> HttpResponse:
    a = assessment_for(request, kind, year, unit)
    body = exports.lke_xlsx(a, queries.workspace(a))
    response = HttpResponse(body, content_type=XLSX_CONTENT_TYPE)
    name = f"lke-{a.kind}-{a.unit.code}-{a.year}.xlsx".lower()
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
