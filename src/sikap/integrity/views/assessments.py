"""The ZI and SAKIP workspace: the list, the start, a unit's items, answers, evidence, review."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from sikap.core.decorators import require_capability
from sikap.core.providers import PERFORMANCE_UNIT_EVIDENCE, ask
from sikap.core.roles import Cap
from sikap.core.scoping import get_in_scope, reach
from sikap.core.validation import validation_messages
from sikap.evidence.models import Document
from sikap.integrity import domain, forms, queries
from sikap.integrity.hasil import sikap_figure
from sikap.integrity.models import Assessment, HasilFigure, ItemScore
from sikap.integrity.views.common import (
    EmptyForm,
    assessment_for,
    form_page,
    pemda_of,
    posted_row,
    run_form,
    unit_for,
    units_for,
    workspace_url,
    year_picker,
)
from sikap.rules import integrity as rules
from sikap.rules import integrity_sakip as sakip_lke
from sikap.rules import zi
from sikap.rules.errors import RuleError


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.INTEGRITY_VIEW)
    return _index_page(request)


def _index_page(request: HttpRequest, start_form: Any = None) -> HttpResponse:
    """The list of the year; a refused start form comes back bound, errors at their fields."""
    year, year_form = year_picker(request)
    rows = queries.assessments_visible(request.user, pemda_of(request)).filter(year=year)
    units = units_for(request)
    return render(
        request,
        "integrity/index.html",
        {
            "year": year,
            "year_form": year_form,
            "rows": list(rows.order_by("unit__path", "kind")),
            "units": units,
            "start_form": start_form or forms.StartForm(units=units, initial={"year": year}),
        },
    )


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.INTEGRITY_MANAGE)
    # The unit first: one out of reach is a 404 whatever else the form holds.
    unit = unit_for(request, request.POST.get("unit"))
    form = forms.StartForm(request.POST, units=units_for(request))

    def act(d: dict[str, Any]) -> None:
        domain.assessment_start(
            actor=request.user,
            unit=unit,
            kind=d["kind"],
            year=d["year"],
            target=d["target"] or "wbk",
            pencanangan_date=d["pencanangan_date"],
        )

    return form_page(
        request,
        form,
        act,
        ok=_("Penilaian dimulai."),
        back=reverse("integrity:index"),
        page=lambda refused: _index_page(request, refused),
        field="year",
    )


def _rights(request: HttpRequest, a: Assessment) -> dict[str, bool]:
    user = request.user
    return {
        "can_manage": reach(user, Cap.INTEGRITY_MANAGE).covers_unit(a.unit),
        "can_review": reach(user, Cap.INTEGRITY_REVIEW).covers_unit(a.unit),
        "can_official": reach(user, Cap.INTEGRITY_OFFICIAL).covers_pemda(a.pemda_id),
    }


@login_required
@require_GET
def workspace(request: HttpRequest, kind: str, year: int, unit: str) -> HttpResponse:
    return workspace_page(request, assessment_for(request, kind, year, unit))


def workspace_page(
    request: HttpRequest, a: Assessment, refused: forms.WorkspaceForm | None = None
) -> HttpResponse:
    """The workspace; a `refused` form comes back bound in its place (its row), each error
    next to its field."""
    data = queries.workspace(a)
    rights = _rights(request, a)
    area = (request.GET.get("area") or "").strip().upper()
    documents = (
        list(queries.documents_for(request.user, a)[: queries.ATTACH_CHOICES])
        if rights["can_manage"]
        else []
    )
    open_ = a.stage != Assessment.Stage.PROPOSED

    def form(cls: type[forms.WorkspaceForm], row: str = "", **kwargs: Any) -> Any:
        if refused is not None and refused.holds(cls.slot, row):
            return refused
        return cls(row=row, **kwargs)

    items = []
    for r in data["items"]:
        if area and r["group_code"].upper() != area:
            continue
        code = r["code"]
        manage = rights["can_manage"] and open_
        row: dict[str, Any] = {**r, "forms": {}}
        row["evidence"] = [
            (
                d,
                form(forms.DetachForm, f"{code}-{d.pk}", initial={"code": code, "document": d.pk})
                if manage
                else None,
            )
            for d in r["documents"]
        ]
        f = row["forms"]
        if manage:
            f["answer"] = form(
                forms.AnswerForm,
                code,
                initial={
                    "code": code,
                    "answer": r["self"].answer if r["self"] else "",
                    "justification": r["justification"],
                },
            )
            if r["count_rows"]:
                f["counts"] = form(
                    forms.CountsForm,
                    code,
                    counts=count_rows(a, code),
                    initial={
                        "code": code,
                        **{c["code"]: _blank(c["self"]) for c in r["count_rows"]},
                    },
                )
            if documents:
                f["attach"] = form(forms.AttachForm, code, initial={"code": code})
            f["pic"] = form(forms.PicForm, code, initial={"code": code, "pic": r["pic"]})
            if r["tpi"] and (r["tpi"].note or r["tpi"].flag):
                f["reply"] = form(forms.ReplyForm, code, initial={"code": code})
        if rights["can_review"] and a.stage == Assessment.Stage.REVIEW:
            tpi = r["tpi"]
            f["review"] = form(
                forms.ReviewForm,
                code,
                initial={
                    "code": code,
                    "answer": tpi.answer if tpi else "",
                    "flag": tpi.flag if tpi else "",
                    "note": tpi.note if tpi else "",
                },
            )
            if r["count_rows"]:
                f["review_counts"] = form(
                    forms.ReviewCountsForm,
                    code,
                    counts=count_rows(a, code),
                    initial={
                        "code": code,
                        **{c["code"]: _blank(c["tpi"]) for c in r["count_rows"]},
                    },
                )
        if rights["can_official"] and a.stage == Assessment.Stage.PROPOSED:
            tpn = r["tpn"]
            f["tpn"] = form(
                forms.TpnScoreForm,
                code,
                initial={
                    "code": code,
                    "answer": tpn.answer if tpn else "",
                    "note": tpn.note if tpn else "",
                },
            )
        items.append(row)
    manage_open = rights["can_manage"] and open_
    ctx: dict[str, Any] = {
        "a": a,
        "data": data,
        "items": items,
        "area": area,
        "groups": sorted(
            {(r["group_code"], r["group"]) for r in data["items"]}, key=lambda g: g[0]
        ),
        "documents": documents,
        "team": [
            (
                m,
                form(forms.TeamRemoveForm, str(m.pk), initial={"member": m.pk})
                if manage_open
                else None,
            )
            for m in a.team.all()
        ],
        "team_form": form(forms.TeamForm) if manage_open else None,
        "import_form": (
            form(forms.ImportForm) if manage_open and a.kind == Assessment.Kind.ZI else None
        ),
        "settings_form": (
            form(
                forms.SettingsForm,
                kind=a.kind,
                documents=documents,
                initial={
                    "target": a.target,
                    "pencanangan_date": a.pencanangan_date,
                    "pencanangan_document": a.pencanangan_document_id,
                    "sakip_inclusive": a.sakip_inclusive,
                },
            )
            if manage_open
            else None
        ),
        **rights,
    }
    if a.kind == Assessment.Kind.ZI:
        ctx["levels"] = _levels(a, data["status"])
        own = data["status"]["self"]
        ctx["closers"] = list((own.closers_for(a.target) or own.closers)[:10])
        ctx["stale"] = sorted({c for st in data["status"].values() for c in st.stale})
        ib = rules.RULEBOOKS.select(a.year)
        ctx["capaian_options"] = list(ib.capaian_text.items())
        ctx["survey_confidence"] = CONFIDENCE_LABELS[ib.survey_confidence]
        ctx["zi_version"] = zi.RULEBOOKS.select(a.year).meta.version
        ctx["hasil_rows"] = [
            (
                k,
                label,
                data["hasil"].get(k),
                *_sikap_figure(request, a, k),
                form(forms.HasilSikapForm, k, initial={"key": k}) if manage_open else None,
            )
            for k, label in HasilFigure.Key.choices
        ]
        ctx["ipkp_confidence"] = CONFIDENCE_LABELS[ib.ipkp_confidence]
        ctx["capaian_confidence"] = CONFIDENCE_LABELS[ib.capaian_derive_confidence]
        ctx["hasil_form"] = form(forms.HasilForm) if manage_open else None
        if rights["can_official"] and a.stage == Assessment.Stage.REVIEWED:
            ctx["proposal_form"] = form(forms.ProposalForm, initial={"target": a.target})
        if rights["can_official"] and a.stage == Assessment.Stage.PROPOSED:
            ctx["tpn_form"] = form(forms.TpnForm)
    else:
        ctx["sakip_status"] = data["status"]["self"]
        offers = (
            ask(PERFORMANCE_UNIT_EVIDENCE, user=request.user, unit=a.unit, year=a.year)
            if rights["can_manage"]
            else None
        )
        codes = [r["code"] for r in data["items"]]
        ctx["sikap_evidence"] = []
        for i, o in enumerate(offers or [], start=1):
            # The item the year's rulebook offers it for first; the user may pick another.
            suggested = sakip_lke.evidence_item(o["type"], year=a.year)
            ctx["sikap_evidence"].append(
                {
                    **o,
                    "suggested": suggested,
                    "form": form(
                        forms.SikapEvidenceForm,
                        str(i),
                        codes=codes,
                        title=o["title"],
                        initial={"ref": o["key"], "code": suggested},
                    )
                    if open_
                    else None,
                }
            )
    return render(request, "integrity/workspace.html", ctx)


def workspace_post(
    request: HttpRequest,
    a: Assessment,
    form: forms.WorkspaceForm,
    action: Any,
    *,
    ok: str,
    field: str | None = None,
) -> HttpResponse:
    """Validate, run the one domain action, go back to the workspace (at the row). A refusal
    shows the workspace again with the form bound, each error next to its field (a domain
    refusal that names no field goes to `field`), and stores nothing."""
    return form_page(
        request,
        form,
        action,
        ok=ok,
        back=workspace_url(a, form.row if "code" in form.fields else ""),
        page=lambda refused: workspace_page(request, a, refused=refused),
        field=field,
    )


Action = Callable[[HttpRequest, Assessment, dict[str, Any]], Any]


def workspace_action(
    form_class: type[Any],
    *,
    ok: StrPromise,
    field: str | None = None,
    button: bool = False,
    capability: str = Cap.INTEGRITY_MANAGE,
) -> Callable[[Action], Callable[..., HttpResponse]]:
    """The wiring of one POST of the workspace around `act(request, assessment, cleaned_data)`,
    its one domain call: logged in, POST only; the URL's assessment reached for `capability`
    (the unit's by default; 404 outside it); the form bound to the POST, at the posted item's row when it has a
    `code`; back to the workspace (at that row) with `ok`. A refusal stores nothing: a form
    comes back in the workspace with each error at its field (`workspace_post`: a refusal
    that names no field at `field`); a `button` (hidden fields only) flashes it and goes back
    (`run_form`)."""

    def wrap(act: Action) -> Callable[..., HttpResponse]:
        @login_required
        @require_POST
        @wraps(act)
        def view(request: HttpRequest, kind: str, year: int, unit: str) -> HttpResponse:
            a = assessment_for(request, kind, year, unit, capability)
            row = posted_row(request) if "code" in form_class.base_fields else ""

            def action(d: dict[str, Any]) -> None:
                act(request, a, d)

            if button:
                back = workspace_url(a, row)
                return run_form(request, form_class(request.POST), action, ok=str(ok), back=back)
            form = form_class(request.POST, row=row)
            return workspace_post(request, a, form, action, ok=str(ok), field=field)

        return view

    return wrap


def _blank(value: int | None) -> int | str:
    return "" if value is None else value


def _sikap_figure(request: HttpRequest, a: Assessment, key: str) -> tuple[Any, str]:
    """(the figure SIKAP holds for `key` now, read as the user, or None; why there is none)."""
    try:
        return sikap_figure(request.user, a, key), ""
    except ValidationError as exc:
        return None, " ".join(validation_messages(exc))


LEVEL_LABELS = {
    "self": gettext_lazy("Penilaian mandiri"),
    "tpi": gettext_lazy("Reviu TPI"),
    "tpn": gettext_lazy("Evaluasi TPN"),
}
CONFIDENCE_LABELS = {
    "high": gettext_lazy("tinggi"),
    "medium": gettext_lazy("sedang"),
    "low": gettext_lazy("rendah"),
}
RULE_LABELS = {
    "total": gettext_lazy("Nilai total"),
    "pengungkit": gettext_lazy("Total pengungkit"),
    "birokrasi_bersih": gettext_lazy("Birokrasi bersih dan akuntabel"),
    "ipak": gettext_lazy("Nilai IPAK"),
    "capaian_kinerja": gettext_lazy("Capaian kinerja"),
    "pelayanan_prima": gettext_lazy("Pelayanan publik prima (IPKP)"),
}


def _levels(a: Assessment, status: dict[str, rules.ZiStatus]) -> list[dict[str, Any]]:
    """Per level shown: totals, areas and each target's verdict with its unmet conditions.
    The TPI level appears once the TPI reviews, the TPN level once TPN scores exist."""
    shown = ["self"]
    if (
        a.stage != Assessment.Stage.DRAFT
        or ItemScore.objects.filter(item__assessment=a, level="tpi").exists()
    ):
        shown.append("tpi")
    if ItemScore.objects.filter(item__assessment=a, level="tpn").exists():
        shown.append("tpn")
    out = []
    for key in shown:
        st = status[key]
        areas = {c: area.name for c, area in st.result.breakdown.items()}
        targets = []
        for t in rules.TARGETS:
            short = [
                {
                    "rule": c.rule,
                    "label": areas.get(c.rule.removeprefix("area:")) or RULE_LABELS[c.rule],
                    "actual": c.actual,
                    "required": c.required,
                    "short": c.short,
                    "low": c.confidence == "low",
                }
                for c in st.conditions[t]
                if not c.met
            ]
            targets.append(
                {
                    "key": t,
                    "label": t.upper(),
                    "passed": not short,
                    "confidence": CONFIDENCE_LABELS[st.confidence[t]],
                    "short": short,
                }
            )
        out.append(
            {
                "key": key,
                "label": LEVEL_LABELS[key],
                "result": st.result,
                "areas": list(st.result.breakdown.values()),
                "targets": targets,
            }
        )
    return out


@workspace_action(forms.AnswerForm, ok=gettext_lazy("Jawaban disimpan."), field="answer")
def answer(request: HttpRequest, a: Assessment, d: dict[str, Any]) -> None:
    domain.answer_record(
        actor=request.user,
        assessment=a,
        code=d["code"],
        answer=d["answer"],
        justification=d["justification"],
    )


def count_rows(a: Assessment, code: str) -> tuple[Any, ...]:
    """The count rows of item `code` of the assessment's year (none for another item)."""
    if a.kind != Assessment.Kind.ZI:
        return ()
    try:
        return rules.zi_item(code, year=a.year).counts
    except RuleError:
        return ()


@login_required
@require_POST
def settings_set(request: HttpRequest, kind: str, year: int, unit: str) -> HttpResponse:
    a = assessment_for(request, kind, year, unit, Cap.INTEGRITY_MANAGE)

    def act(d: dict[str, Any]) -> None:
        doc = None
        if d["pencanangan_document"] is not None:
            doc = get_in_scope(queries.documents_for(request.user, a), pk=d["pencanangan_document"])
        domain.assessment_settings_set(
            actor=request.user,
            assessment=a,
            target=d["target"],
            pencanangan_date=d["pencanangan_date"],
            pencanangan_document=doc,
            sakip_inclusive=d.get("sakip_inclusive", False),
        )

    form = forms.SettingsForm(
        request.POST,
        kind=a.kind,
        documents=(
            queries.documents_for(request.user, a)[: queries.ATTACH_CHOICES]
            if reach(request.user, Cap.INTEGRITY_MANAGE).covers_unit(a.unit)
            else []
        ),
    )
    return workspace_post(request, a, form, act, ok=_("Pengaturan disimpan."), field="target")


@workspace_action(forms.PicForm, ok=gettext_lazy("Penanggung jawab disimpan."), field="pic")
def pic(request: HttpRequest, a: Assessment, d: dict[str, Any]) -> None:
    domain.item_pic_set(actor=request.user, assessment=a, code=d["code"], pic=d["pic"])


@workspace_action(forms.HasilForm, ok=gettext_lazy("Nilai hasil disimpan."), field="value")
def hasil(request: HttpRequest, a: Assessment, d: dict[str, Any]) -> None:
    domain.hasil_record(actor=request.user, assessment=a, **d)


@workspace_action(forms.AttachForm, ok=gettext_lazy("Eviden dilampirkan."), field="document")
def attach(request: HttpRequest, a: Assessment, d: dict[str, Any]) -> None:
    doc = get_in_scope(queries.documents_for(request.user, a), pk=d["document"])
    domain.attachment_add(actor=request.user, assessment=a, code=d["code"], document=doc)


@workspace_action(
    forms.DetachForm,
    ok=gettext_lazy("Eviden dilepas dari butir."),
    button=True,
)
def detach(request: HttpRequest, a: Assessment, d: dict[str, Any]) -> None:
    attached = Document.objects.filter(pemda=a.pemda, attachments__item__assessment=a)
    doc = get_in_scope(attached.distinct(), pk=d["document"])
    domain.attachment_remove(actor=request.user, assessment=a, code=d["code"], document=doc)


@workspace_action(forms.TeamForm, ok=gettext_lazy("Anggota tim ditambahkan."), field="name")
def team_add(request: HttpRequest, a: Assessment, d: dict[str, Any]) -> None:
    domain.team_member_add(actor=request.user, assessment=a, **d)


@workspace_action(forms.TeamRemoveForm, ok=gettext_lazy("Anggota tim dihapus."), button=True)
def team_remove(request: HttpRequest, a: Assessment, d: dict[str, Any]) -> None:
    member = get_in_scope(a.team.all(), pk=d["member"])
    domain.team_member_remove(actor=request.user, member=member)


@workspace_action(EmptyForm, ok=gettext_lazy("Penilaian diajukan ke TPI."), button=True)
def submit(request: HttpRequest, a: Assessment, d: dict[str, Any]) -> None:
    domain.assessment_submit(actor=request.user, assessment=a)


@workspace_action(
    forms.HasilSikapForm,
    ok=gettext_lazy("Nilai hasil diambil dari data SIKAP."),
    button=True,
)
def hasil_sikap(request: HttpRequest, a: Assessment, d: dict[str, Any]) -> None:
    """Take a hasil figure from SIKAP's own data (PK capaian, SKM), read as the user."""
    domain.hasil_from_sikap(actor=request.user, assessment=a, key=d["key"])


@workspace_action(
    forms.SikapEvidenceForm,
    ok=gettext_lazy("Dokumen kinerja dilampirkan sebagai eviden."),
    button=True,
)
def sikap_evidence(request: HttpRequest, a: Assessment, d: dict[str, Any]) -> None:
    """Attach the unit's PK, realisasi or LKjIP draft (performance app) to an item."""
    domain.sikap_evidence_attach(actor=request.user, assessment=a, code=d["code"], ref=d["ref"])
