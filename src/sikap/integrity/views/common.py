"""What the integrity pages share: the request's Pemda, scoped fetches, the POST pattern."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from sikap.core.formflow import EmptyForm, form_page, run_form
from sikap.core.inputs import parse_int
from sikap.core.roles import Cap
from sikap.core.scoping import reach
from sikap.evidence.views import owner_unit, owner_units
from sikap.integrity import queries
from sikap.integrity.models import Assessment
from sikap.org.models import OrgUnit, Pemda

__all__ = [
    "EmptyForm",
    "assessment_for",
    "form_page",
    "page_year",
    "pemda_of",
    "posted_row",
    "run_form",
    "unit_for",
    "units_for",
    "workspace_url",
    "year_picker",
]


def pemda_of(request: HttpRequest) -> Pemda:
    """The page's Pemda, set by the tenancy middleware from the /p/<code>/ prefix."""
    pemda: Pemda = request.pemda  # type: ignore[attr-defined]
    return pemda


def page_year(request: HttpRequest) -> int:
    """The ?year= of the page when it is a plausible year, else this year."""
    asked = parse_int(request.GET.get("year"))
    return asked if asked is not None and 2000 <= asked <= 2100 else timezone.localdate().year


def year_picker(request: HttpRequest) -> tuple[int, Any]:
    """The page's year and the form that picks it; a bad ?year= is shown at the field and the
    page shows this year."""
    from sikap.integrity.forms import YearForm

    year = page_year(request)
    if "year" in request.GET:
        form = YearForm(request.GET, auto_id="year-%s")
        form.is_valid()
    else:
        form = YearForm(initial={"year": year}, auto_id="year-%s")
    return year, form


def assessment_for(
    request: HttpRequest, kind: str, year: int, unit: str, capability: str = Cap.INTEGRITY_VIEW
) -> Assessment:
    """The assessment of the URL (kind, year, unit code in any case), scoped; 404 otherwise.
    The official actions (proposal, TPN) are the instansi's: they need the whole Pemda (403
    for reach over the unit alone), as the workspace offers them."""
    a = queries.assessment_get(
        request.user, pemda_of(request), kind=kind, year=year, unit_code=unit, capability=capability
    )
    if capability == Cap.INTEGRITY_OFFICIAL and not reach(request.user, capability).covers_pemda(
        a.pemda_id
    ):
        raise PermissionDenied
    return a


def unit_for(request: HttpRequest, pk: object, capability: str = Cap.INTEGRITY_MANAGE) -> OrgUnit:
    return owner_unit(request, pk, capability)


def units_for(request: HttpRequest, capability: str = Cap.INTEGRITY_MANAGE) -> list[OrgUnit]:
    return owner_units(request, capability)


def posted_row(request: HttpRequest) -> str:
    """The LKE item a row form of the workspace was posted from."""
    return request.POST.get("code", "")[:40]


def workspace_url(a: Assessment, code: str = "") -> str:
    """The unit's workspace, at the row of item `code` when given."""
    url = reverse("integrity:workspace", args=[a.kind, a.year, a.unit.code])
    return f"{url}#item-{code}" if code else url
