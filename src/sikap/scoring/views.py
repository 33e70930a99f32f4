"""The "Aturan penilaian" page: public regulation facts, read-only, for anyone.

No organisation data is read here, so there is no scoping: every visitor (anonymous
included) sees the same rulebooks, and the calculators only echo what they were given.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sikap.scoring import calculators
from sikap.scoring.forms import (
    GradeForm,
    NipForm,
    SampleSizeForm,
    SkpDistributionForm,
    SkpForm,
)

FORMS: dict[str, type[forms.Form]] = {
    "grade": GradeForm,
    "sample-size": SampleSizeForm,
    "nip": NipForm,
    "skp": SkpForm,
    "skp-distribution": SkpDistributionForm,
}


def _page_context() -> dict[str, Any]:
    rulebooks = calculators.rulebooks_overview()
    return {
        "rulebooks": rulebooks,
        "grade_forms": {
            r["scheme"]: GradeForm(
                initial={"scheme": r["scheme"]}, auto_id=f"id_grade_{r['scheme']}_%s"
            )
            for r in rulebooks
            if r["gradable"]
        },
        "sample_form": SampleSizeForm(auto_id="id_sample_%s"),
        "nip_form": NipForm(auto_id="id_nip_%s"),
        "skp_form": SkpForm(auto_id="id_skp_%s"),
        "distribution_form": SkpDistributionForm(auto_id="id_dist_%s"),
    }


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "scoring/index.html", _page_context())


@require_GET
def calculate(request: HttpRequest, kind: str) -> HttpResponse:
    """One calculator's answer: a partial for HTMX, the whole page without JavaScript."""
    form_class = FORMS.get(kind)
    if form_class is None:
        raise Http404
    form = form_class(request.GET, auto_id=f"id_{kind}_%s")
    outcome: calculators.Outcome | None = None
    if form.is_valid():
        try:
            outcome = form.run()  # type: ignore[attr-defined]
        except calculators.CalculatorError as exc:
            # An invalid NIP still has a result that lists what is wrong with it.
            outcome = exc.outcome
            if outcome is None:
                form.add_error(None, exc.message)
    result = {"kind": kind, "form": form, "outcome": outcome}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "scoring/_result.html", result)
    context = _page_context()
    context["result"] = result
    return render(request, "scoring/index.html", context)
