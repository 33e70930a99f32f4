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
    IpakForm,
    NipForm,
    SampleSizeForm,
    SkpDistributionForm,
    SkpForm,
)

FORMS: dict[str, type[forms.Form]] = {
    "grade": GradeForm,
    "ipak": IpakForm,
    "sample-size": SampleSizeForm,
    "nip": NipForm,
    "skp": SkpForm,
    "skp-distribution": SkpDistributionForm,
}


def _target(kind: str, scheme: str | None = None) -> str:
    return f"result-grade-{scheme}" if scheme else f"result-{kind}"


def _page_context(result: dict[str, Any] | None = None) -> dict[str, Any]:
    """The whole page; ``result`` (no-JavaScript submit) puts a bound form and its answer in place."""
    bound: forms.Form | None = result["form"] if result else None
    target: str | None = result["target"] if result else None
    rulebooks = calculators.rulebooks_overview()
    for book in rulebooks:
        if book["gradable"]:
            book["grade_target"] = _target("grade", book["scheme"])
            book["grade_form"] = (
                bound
                if target == book["grade_target"]
                else GradeForm(
                    initial={"scheme": book["scheme"]},
                    auto_id=f"id_grade_{book['scheme']}_%s",
                    scheme=book["scheme"],
                )
            )

    def form(kind: str, form_class: type[forms.Form]) -> forms.Form:
        if bound is not None and target == _target(kind):
            return bound
        return form_class(auto_id=f"id_{kind}_%s")

    return {
        "rulebooks": rulebooks,
        "sample_form": form("sample-size", SampleSizeForm),
        "nip_form": form("nip", NipForm),
        "ipak_form": form("ipak", IpakForm),
        "skp_form": form("skp", SkpForm),
        "distribution_form": form("skp-distribution", SkpDistributionForm),
        "skp_matrix": calculators.skp_matrix(),
        "skp_curve": calculators.skp_curve(),
        "zi": calculators.zi_thresholds(),
        "result": result,
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
    form: forms.Form
    target = _target(kind)
    if form_class is GradeForm:
        given = request.GET.get("scheme", "")
        scheme = given if given in calculators.GRADE_SCHEMES else None
        form = GradeForm(request.GET, auto_id=f"id_grade_{scheme}_%s", scheme=scheme or "")
        # An unknown scheme has no card on the page: its error shows at the top.
        target = _target(kind, scheme) if scheme else "result-top"
    else:
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
    result = {"kind": kind, "form": form, "outcome": outcome, "target": target}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "scoring/_result.html", result)
    return render(request, "scoring/index.html", _page_context(result))
