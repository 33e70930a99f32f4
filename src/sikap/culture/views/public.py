"""The respondent's pages: no login, phone first, one submission per token.

A used, unknown or closed token gets the same kind page, so the link reveals nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from sikap.core.i18n import pick
from sikap.core.inputs import parse_int
from sikap.culture import domain
from sikap.culture.forms import DEMOGRAPHIC_CHOICES, survey_answers, survey_demographics
from sikap.culture.models import InstrumentKind
from sikap.rules import berakhlak

# Lazy: the module is imported once, the respondent's language is chosen per request.
LIKERT_LABELS = (
    (1, gettext_lazy("Sangat tidak sesuai")),
    (2, gettext_lazy("Tidak sesuai")),
    (3, gettext_lazy("Netral")),
    (4, gettext_lazy("Sesuai")),
    (5, gettext_lazy("Sangat sesuai")),
)


# Refusals and form errors answer 200, like a good page: the status says nothing about a token.
def _refused(request: HttpRequest) -> HttpResponse:
    return render(request, "culture/survey_refused.html")


BALLOT_TITLES = {
    "pv": gettext_lazy("Nilai pribadi"),
    "cc": gettext_lazy("Budaya saat ini"),
    "dc": gettext_lazy("Budaya yang diharapkan"),
}
BALLOT_HELP = {
    "pv": gettext_lazy("Pilih perilaku yang paling menggambarkan diri Anda."),
    "cc": gettext_lazy("Pilih perilaku yang paling sering Anda lihat di unit kerja Anda sekarang."),
    "dc": gettext_lazy("Pilih perilaku yang Anda harapkan ada di unit kerja Anda."),
}


def _ballot_sections(
    campaign: domain.SurveySpec, answers: dict[str, Any], errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    ballots = ("pv", "cc", "dc")
    return [
        {
            "name": ballot,
            "number": number,
            "title": BALLOT_TITLES[ballot],
            "help": BALLOT_HELP[ballot],
            "errors": errors.get(ballot, []),
            "checked_count": len(answers.get(ballot) or []),
            "options": [
                {
                    "code": b["code"],
                    "text": b["text"],
                    "checked": b["code"] in (answers.get(ballot) or []),
                }
                for b in campaign.instrument.behaviours
            ],
        }
        for number, ballot in enumerate(ballots, start=1)
    ]


def _sections(
    campaign: domain.SurveySpec, answers: dict[str, Any], errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """One section per step: the three ballots, or the Likert items of each value."""
    if campaign.kind == InstrumentKind.IMPLEMENTASI:
        return _ballot_sections(campaign, answers, errors)
    sections = []
    for number, value in enumerate(berakhlak.VALUES, start=1):
        items = []
        for b in berakhlak.BEHAVIOURS:
            if b.value_code != value.code:
                continue
            items.append(
                {
                    "code": b.code,
                    "text": pick(b, "text"),
                    "errors": errors.get(b.code, []),
                    "choices": [
                        {"value": v, "label": label, "checked": str(answers.get(b.code)) == str(v)}
                        for v, label in LIKERT_LABELS
                    ],
                }
            )
        sections.append(
            {
                "name": value.code,
                "number": number,
                "title": pick(value, "name"),
                "errors": [e for item in items for e in item["errors"]],
                "items": items,
            }
        )
    return sections


def _error_list(
    sections: list[dict[str, Any]], errors: dict[str, list[str]]
) -> list[dict[str, str]]:
    """The errors in the order of the form, each named by what the respondent sees (a section,
    a statement, a field), never by an internal key such as `pv` or `BP1`."""
    total = len(sections)
    named: list[tuple[str, str, str]] = []
    for s in sections:
        part = _("Bagian %(n)s dari %(total)s (%(title)s)") % {
            "n": s["number"],
            "total": total,
            "title": s["title"],
        }
        if "items" not in s:
            named.append((s["name"], part, "step-" + s["name"]))
            continue
        for item in s["items"]:
            named.append((item["code"], f"{part}: {item['text']}", "item-" + item["code"]))
    named.append(("comment", str(_("Saran atau komentar")), "comment"))
    for name, label, _choices in DEMOGRAPHIC_CHOICES:
        named.append((name, str(label), "demo-" + name))
    result = []
    for key, label, anchor in named:
        result.extend({"label": label, "message": m, "anchor": anchor} for m in errors.get(key, []))
    known = {key for key, _label, _anchor in named}
    for key, messages in errors.items():
        if key not in known:
            result.extend({"label": _("Isian"), "message": m, "anchor": ""} for m in messages)
    return result


def _token_field(request: HttpRequest) -> str:
    return (request.POST.get("token") or "").strip()


@never_cache
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest) -> HttpResponse:
    """The survey, at one address for everyone: the token never travels in a URL.

    A link reads `/budaya/isi/#<token>`: browsers do not send the fragment, so no server or proxy
    log sees it; the page's script moves it into the form and posts it. Without script, the
    respondent types the code. A POST with the token alone opens the questions; a POST with
    the answers (step=answers) submits them.
    """
    if request.method == "GET":
        return render(request, "culture/survey_code.html", {"k": domain.min_group_size()})
    token = _token_field(request)
    if request.POST.get("step") != "answers":
        ticket = domain.ticket_for_token(token)
        if ticket is None:
            return _refused(request)
        return _survey_page(request, token, ticket, {}, {}, "", {})
    # The answers are checked against the campaign the form names, so a good submission costs
    # one statement; the write still requires the token to belong to that campaign.
    ticket = None
    campaign_id = parse_int(request.POST.get("campaign"))
    spec = None if campaign_id is None else domain.survey_spec(campaign_id)
    if spec is None:
        ticket = domain.ticket_for_token(token)
        if ticket is None:
            return _refused(request)
        spec = ticket.spec
    answers = survey_answers(request.POST, spec.kind)
    demographics = survey_demographics(request.POST)
    comment = request.POST.get("comment", "")
    try:
        domain.response_submit(
            token=token,
            answers=answers,
            demographics=demographics,
            campaign_id=spec.campaign_id,
            comment=comment,
        )
    except domain.TokenRefused:
        return _refused(request)
    except ValidationError as exc:
        errors = exc.message_dict
    else:
        return redirect("culture:survey_thanks")
    ticket = ticket or domain.ticket_for_token(token)
    if ticket is None:
        return _refused(request)
    return _survey_page(request, token, ticket, answers, demographics, comment, errors)


def _survey_page(
    request: HttpRequest,
    token: str,
    ticket: domain.SurveyTicket,
    answers: dict[str, Any],
    demographics: dict[str, str],
    comment: str,
    errors: dict[str, list[str]],
) -> HttpResponse:
    spec = ticket.spec
    sections = _sections(spec, answers, errors)
    context = {
        "token": token,
        "campaign": spec,
        "unit_name": ticket.unit_name,
        "sections": sections,
        "step_count": len(sections),
        "errors": errors,
        "error_list": _error_list(sections, errors),
        "demographics": [
            {"name": name, "label": label, "choices": choices, "value": demographics.get(name, "")}
            for name, label, choices in DEMOGRAPHIC_CHOICES
        ],
        "is_implementasi": spec.kind == InstrumentKind.IMPLEMENTASI,
        "comment": comment,
        "comment_max": domain.COMMENT_MAX_CHARS,
        "comment_min_group": domain.comment_min_group_size(),
        "k": domain.min_group_size(),
    }
    return render(request, "culture/survey.html", context)


@require_GET
def survey_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "culture/survey_thanks.html")
