"""Management pages: results per unit, OPD and Pemda; products, visit codes, follow-up.

Each view names its capability and reads through `queries` (the scoping gate); objects by id
answer 404 for "missing" and "not yours" alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts.decorators import require_capability
from sikap.accounts.roles import Cap
from sikap.accounts.scoping import get_in_scope, has_capability, reach
from sikap.core.formflow import form_page
from sikap.core.inputs import parse_int
from sikap.publicservice import domain, exports, links, queries
from sikap.publicservice.assessments.library import followup_library_context
from sikap.publicservice.forms import (
    ActivateUnitForm,
    FollowUpEditForm,
    FollowUpForm,
    PeriodForm,
    ProductForm,
    PublicationForm,
    SettingsForm,
    VisitCodesForm,
    VolumeForm,
)
from sikap.publicservice.models import FollowUp
from sikap.publicservice.periods import Period, parse_period


def _period(request: HttpRequest) -> Period:
    # ?periode= is the older spelling, still read so that saved links keep working.
    raw = request.GET.get("period") or request.GET.get("periode") or str(timezone.localdate().year)
    try:
        return parse_period(raw)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return parse_period(str(timezone.localdate().year))


def _period_form(request: HttpRequest, period: Period) -> PeriodForm:
    """The period picker: what was typed, its error next to it, else the period shown."""
    raw = request.GET.get("period") or request.GET.get("periode")
    if raw:
        form = PeriodForm({"period": raw}, auto_id="%s")
        form.is_valid()
        return form
    return PeriodForm(initial={"period": period.key}, auto_id="%s")


UNITS_PER_PAGE = 50


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.SERVICE_RESULTS)
    period = _period(request)
    pemda_id = request.pemda.pk
    # (id, path) tuples of every visible service unit count the OPDs' units and are paged;
    # only the listed page becomes rows.
    unit_paths = queries.service_unit_paths(request.user, Cap.SERVICE_RESULTS, pemda_id=pemda_id)
    ids = [i for i, _path in unit_paths]
    # The OPD table and the Pemda's figure cover every unit; the unit list is paged, so the
    # page renders a bounded number of rows whatever the number of service units.
    page = Paginator(ids, UNITS_PER_PAGE).get_page(request.GET.get("page"))
    listed = list(page.object_list)
    whole_pemda = queries.pemda_reachable(request.user, Cap.SERVICE_RESULTS, pemda_id)
    pemda_score = None
    pemda_trend: list[Any] = []
    if whole_pemda:
        # A whole-Pemda reader's OPD and Pemda figures and trend are read prepared (the
        # roll-up snapshot): only the listed units' own totals are read.
        opd_totals, pemda_trend = queries.rollup_totals(pemda_id, period)
        per_unit = queries.totals_by(listed, period)
        rows = queries.overview(
            request.user,
            Cap.SERVICE_RESULTS,
            period,
            pemda_id=pemda_id,
            unit_paths=unit_paths,
            opd_totals=opd_totals,
        )
        pemda_score = next(score for p, score in pemda_trend if p.key == period.key)
    else:
        per_unit = queries.totals_by(ids, period)
        rows = queries.overview(
            request.user,
            Cap.SERVICE_RESULTS,
            period,
            pemda_id=pemda_id,
            per_unit=per_unit,
            unit_paths=unit_paths,
        )
    can_manage = has_capability(request.user, Cap.SERVICE_MANAGE)
    candidates: list[tuple[int, str]] = []
    if can_manage:
        # (id, name) pairs, not model rows: up to 500 options are built on every view.
        candidates = list(
            queries.org_units(request.user, Cap.SERVICE_MANAGE)
            .filter(service_unit__isnull=True, pemda_id=pemda_id)
            .order_by("path")
            .values_list("pk", "name")[:500]
        )
    return render(
        request,
        "publicservice/dashboard.html",
        {
            "period_form": _period_form(request, period),
            "period": period,
            "rows": rows,
            "units": queries.service_unit_page(listed, period, per_unit),
            "page": page,
            "page_query": f"period={period.key}",
            "can_manage": can_manage,
            "activate_form": ActivateUnitForm(candidates=candidates) if candidates else None,
            "unit_prefix": reverse("publicservice:dashboard") + "unit/",
            "org_prefix": reverse("publicservice:dashboard") + "org/",
            "whole_pemda": whole_pemda,
            "pemda_score": pemda_score,
            "pemda_trend": pemda_trend,
        },
    )


@login_required
@require_POST
def activate_unit(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.SERVICE_MANAGE)
    unit = queries.get_org_unit(
        request.user, Cap.SERVICE_MANAGE, parse_int(request.POST.get("unit")) or 0
    )
    su, created = domain.service_unit_ensure(actor=request.user, unit=unit)
    if created:
        messages.success(request, _("%(unit)s kini unit layanan.") % {"unit": unit.name})
    return redirect("publicservice:unit_manage", pk=su.pk)


@login_required
@require_GET
def unit_results(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_RESULTS, pk)
    return _unit_page(request, su)


def _unit_page(
    request: HttpRequest,
    su: Any,
    *,
    followup_form: forms.Form | None = None,
    publication_form: forms.Form | None = None,
) -> HttpResponse:
    """A service unit's results page; a refused follow-up or publication form comes back bound
    (status 400), its errors next to its fields."""
    period = _period(request)
    result = queries.unit_result(su.unit, period, with_products=True)
    omb = (
        queries.ombudsman_assessments(request.user, Cap.SERVICE_RESULTS)
        .filter(service_unit=su, year=period.year)
        .first()
    )
    pek = (
        queries.pekppp_evaluations(request.user, Cap.SERVICE_RESULTS)
        .filter(service_unit=su)
        .order_by("-year")
        .first()
    )
    return render(
        request,
        "publicservice/unit.html",
        {
            "period_form": _period_form(request, period),
            "ombudsman": queries.ombudsman_projection(omb) if omb else None,
            "pekppp": (pek, queries.pekppp_projection(pek)) if pek else None,
            "su": su,
            "unit": su.unit,
            "period": period,
            "result": result,
            "trend": queries.trend(su.unit, period),
            "comments": queries.recent_comments(su.unit, period) if result.comments_allowed else [],
            "min_comment_group": settings.SIKAP_MIN_COMMENT_GROUP_SIZE,
            "followups": list(
                queries.follow_ups(request.user, Cap.SERVICE_RESULTS).filter(service_unit=su)
            ),
            "publications": list(
                queries.publications(request.user, Cap.SERVICE_RESULTS).filter(service_unit=su)
            ),
            "computed_at": queries.computed_at(su.unit),
            "can_manage": reach(request.user, Cap.SERVICE_MANAGE).covers_unit(su.unit),
            "followup_form": followup_form
            or FollowUpForm(
                initial={"period": period.key, "unsur": (result.score.weakest or ("U1",))[0]},
                auto_id=FOLLOWUP_IDS,
            ),
            "publication_form": publication_form
            or PublicationForm(initial={"period": period.key}, auto_id=PUBLICATION_IDS),
        },
        status=400 if followup_form or publication_form else 200,
    )


# The unit page holds two forms with a `period` field: each has its own element ids.
FOLLOWUP_IDS = "followup-%s"
PUBLICATION_IDS = "publication-%s"


@login_required
@require_GET
def org_results(request: HttpRequest, pk: int) -> HttpResponse:
    unit = queries.get_org_unit(request.user, Cap.SERVICE_RESULTS, pk)
    period = _period(request)
    result = queries.unit_result(unit, period)
    children = [
        (su, score)
        for su, score in queries.service_unit_rows(
            request.user, Cap.SERVICE_RESULTS, period, pemda_id=unit.pemda_id
        )[0]
        if su.unit.path.startswith(unit.path)
    ]
    return render(
        request,
        "publicservice/org.html",
        {
            "period_form": _period_form(request, period),
            "unit": unit,
            "period": period,
            "result": result,
            "trend": queries.trend(unit, period),
            "children": children,
        },
    )


@login_required
@require_GET
def unit_manage(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_MANAGE, pk)
    return _manage_page(request, su, ProductForm())


def _manage_page(
    request: HttpRequest,
    su: Any,
    product_form: forms.Form,
    *,
    volume_form: VolumeForm | None = None,
    codes_form: VisitCodesForm | None = None,
) -> HttpResponse:
    """The manage page; a refused form comes back bound, its errors next to its fields."""
    products = list(queries.products_of(su).prefetch_related("volumes"))
    year = timezone.localdate().year
    refused = volume_form.data.get("product") if volume_form is not None else None
    rows = [
        (
            p,
            volume_form
            if volume_form is not None and refused == str(p.pk)
            else VolumeForm(initial={"product": p.pk, "year": year}, auto_id=f"id_v{p.pk}_%s"),
        )
        for p in products
    ]
    return render(
        request,
        "publicservice/manage.html",
        {
            "su": su,
            "products": rows,
            "product_form": product_form,
            "form_url": links.form_url(request, su, "skm"),
            "kiosk_url": links.kiosk_url(request, su, "skm"),
            "ipak_url": links.form_url(request, su, "ipak"),
            "ipak_kiosk_url": links.kiosk_url(request, su, "ipak"),
            "settings_form": SettingsForm(initial={"require_visit_code": su.require_visit_code}),
            "codes_form": codes_form or VisitCodesForm(),
        },
    )


@login_required
@require_POST
def product_create(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_MANAGE, pk)
    form = ProductForm(request.POST)
    if form.is_valid():
        try:
            domain.service_product_create(
                actor=request.user, service_unit=su, name=form.cleaned_data["name"]
            )
            messages.success(request, _("Jenis layanan ditambahkan."))
            return redirect("publicservice:unit_manage", pk=su.pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return _manage_page(request, su, form)


@login_required
@require_POST
def product_volume_set(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_MANAGE, pk)
    product_id = parse_int(request.POST.get("product"))
    form = VolumeForm(request.POST, auto_id=f"id_v{product_id}_%s")
    if not form.is_valid():
        messages.error(request, _("Tahun dan volume harus angka yang sah."))
        if product_id is not None and queries.products_of(su).filter(pk=product_id).exists():
            return _manage_page(request, su, ProductForm(), volume_form=form)
        return redirect("publicservice:unit_manage", pk=su.pk)
    product = queries.products_of(su).filter(pk=form.cleaned_data["product"]).first()
    if product is None:
        messages.error(request, _("Jenis layanan tidak ditemukan."))
        return redirect("publicservice:unit_manage", pk=su.pk)
    try:
        domain.product_volume_set(
            actor=request.user,
            product=product,
            year=form.cleaned_data["year"],
            volume=form.cleaned_data["volume"],
        )
        messages.success(request, _("Volume layanan disimpan."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("publicservice:unit_manage", pk=su.pk)


@login_required
@require_POST
def unit_settings_update(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_MANAGE, pk)
    form = SettingsForm(request.POST)
    form.is_valid()  # a checkbox: absent or any value, never an error
    domain.service_unit_settings_update(
        actor=request.user,
        service_unit=su,
        require_visit_code=bool(form.cleaned_data.get("require_visit_code")),
    )
    messages.success(request, _("Pengaturan disimpan."))
    return redirect("publicservice:unit_manage", pk=su.pk)


@login_required
@require_POST
def kiosk_key_rotate(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_MANAGE, pk)
    domain.kiosk_key_rotate(actor=request.user, service_unit=su)
    messages.success(request, _("Tautan kios lama tidak berlaku lagi."))
    return redirect("publicservice:unit_manage", pk=su.pk)


@login_required
@require_GET
def unit_poster(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_MANAGE, pk)
    product = None
    product_id = parse_int(request.GET.get("produk"))
    if product_id is not None:
        product = queries.products_of(su).filter(pk=product_id).first()
    url = links.form_url(request, su, "skm")
    qr_src = reverse("publicservice:qr", args=[su.pk])
    if product is not None:
        url += f"?produk={product.pk}"
        qr_src += f"?produk={product.pk}"
    return links.poster(request, su, survey="skm", url=url, qr_src=qr_src, product=product)


@login_required
@require_GET
def unit_qr(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_MANAGE, pk)
    url = links.form_url(request, su, "skm")
    product_id = parse_int(request.GET.get("produk"))
    if product_id is not None and queries.products_of(su).filter(pk=product_id).exists():
        url += f"?produk={product_id}"
    return links.qr_svg(url)


@login_required
@require_POST
def visit_codes(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_MANAGE, pk)
    form = VisitCodesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Jumlah kode harus 1–500."))
        return _manage_page(request, su, ProductForm(), codes_form=form)
    codes = domain.visit_codes_issue(
        actor=request.user, service_unit=su, count=form.cleaned_data["count"]
    )
    return render(
        request,
        "publicservice/visit_codes.html",
        {
            "su": su,
            "codes": codes,
            "url": links.form_url(request, su, "skm"),
        },
    )


def _record_from_unit_page(
    request: HttpRequest,
    su: Any,
    form: forms.Form,
    record: Callable[[dict[str, Any]], object],
    done: str,
    *,
    name: str,
    field: str | None = None,
) -> HttpResponse:
    """Check a form posted from the unit page and record it, then go back to the page. A refusal
    shows the page again with the form (`name` in its context) bound and each error at its field
    (a domain refusal naming no field at `field`); nothing is stored then."""
    return form_page(
        request,
        form,
        record,
        ok=done,
        back=reverse("publicservice:unit", args=[su.pk]),
        page=lambda bound: _unit_page(request, su, **{name: bound}),
        field=field,
    )


@login_required
@require_POST
def followups(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_MANAGE, pk)
    return _record_from_unit_page(
        request,
        su,
        FollowUpForm(request.POST, auto_id=FOLLOWUP_IDS),
        lambda data: domain.followup_create(
            actor=request.user,
            service_unit=su,
            period=data["period"],
            unsur=data["unsur"],
            action=data["action"],
            owner=data["owner"],
            deadline=data["deadline"],
            status=data["status"],
        ),
        _("Tindak lanjut dicatat."),
        name="followup_form",
        field="status",
    )


@login_required
@require_http_methods(["GET", "POST"])
def followup_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item: FollowUp = get_in_scope(queries.follow_ups(request.user, Cap.SERVICE_MANAGE), pk=pk)
    form = FollowUpEditForm(instance=item)
    if request.method == "POST":
        # The form validates into a copy: `item` keeps its stored values for the audit row.
        form = FollowUpEditForm(request.POST, instance=FollowUp.objects.get(pk=item.pk))
        if form.is_valid():
            try:
                domain.followup_update(
                    actor=request.user,
                    followup=item,
                    action=form.cleaned_data["action"],
                    owner=form.cleaned_data["owner"],
                    deadline=form.cleaned_data["deadline"],
                    status=form.cleaned_data["status"],
                )
                messages.success(request, _("Tindak lanjut diperbarui."))
                return redirect("publicservice:unit", pk=item.service_unit_id)
            except ValidationError as exc:
                form.add_error(None, exc)
    return render(
        request,
        "publicservice/followup_edit.html",
        {"item": item, "form": form, "library": followup_library_context(request, item)},
    )


@login_required
@require_POST
def publication_add(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_MANAGE, pk)
    return _record_from_unit_page(
        request,
        su,
        PublicationForm(request.POST, auto_id=PUBLICATION_IDS),
        lambda data: domain.publication_record(
            actor=request.user,
            service_unit=su,
            period=data["period"],
            published_on=data["published_on"],
            channel=data["channel"],
            url=data["url"],
        ),
        _("Publikasi hasil SKM dicatat."),
        name="publication_form",
    )


@login_required
@require_GET
def units_excel(request: HttpRequest) -> HttpResponse:
    require_capability(request, Cap.SERVICE_RESULTS)
    period = _period(request)
    pemda_id = request.pemda.pk
    rows, per_unit = queries.service_unit_rows(
        request.user, Cap.SERVICE_RESULTS, period, pemda_id=pemda_id
    )
    whole_pemda = queries.pemda_reachable(request.user, Cap.SERVICE_RESULTS, pemda_id)
    opds = queries.overview(
        request.user,
        Cap.SERVICE_RESULTS,
        period,
        pemda_id=pemda_id,
        per_unit=per_unit,
        unit_paths=[(su.pk, su.unit.path) for su, _score in rows],
    )
    response = HttpResponse(
        exports.units_xlsx(
            rows,
            period,
            pemda_name=request.pemda.name,
            opds=opds,
            pemda_score=queries.pooled_score(per_unit, period) if whole_pemda else None,
        ),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="skm-unit-{period.key}.xlsx"'
    return response


@login_required
@require_GET
def unit_excel(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_RESULTS, pk)
    period = _period(request)
    data = exports.results_xlsx(su, period)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="skm-{su.unit.code}-{period.key}.xlsx"'
    return response


@login_required
@require_GET
def unit_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    su = queries.get_service_unit(request.user, Cap.SERVICE_RESULTS, pk)
    period = _period(request)
    data = exports.laporan_pdf(request, su, period)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="laporan-skm-{su.unit.code}-{period.key}.pdf"'
    )
    return response
