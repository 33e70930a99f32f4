"""Read-only REST API on Perjanjian Kinerja (with sasaran, indicators, realisasi and capaian)
and SKP, per Pemda (`?pemda=`), year and unit, scoped like the pages.

Capaian are the snapshots of the last recompute (percent, two decimals), as the pages show.
A unit filter takes the unit and its sub-units; a unit the caller does not reach answers 404
like a missing one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound

from sikap.core.api import IntegerInput
from sikap.core.codes import get_by_code
from sikap.core.roles import Cap
from sikap.core.scoping import has_capability, reach
from sikap.org.models import OrgUnit, Pemda
from sikap.org.tenancy import PemdaApiMixin
from sikap.performance import queries
from sikap.performance.models import Agreement, Indicator, Sasaran, Skp, SkpResult

_RATING = "diatas, sesuai, dibawah; kosong: belum dinilai"

# --- output ----------------------------------------------------------------------------------


class PkRealisationOutput(serializers.Serializer[Any]):
    period = serializers.CharField(help_text="q1, q2, q3, q4 atau year")
    value = serializers.DecimalField(max_digits=18, decimal_places=4)
    evidence = serializers.CharField()


class PkIndicatorOutput(serializers.ModelSerializer[Indicator]):
    supports = serializers.IntegerField(
        source="supports_id", allow_null=True, help_text="id indikator di atasnya yang didukung"
    )
    realisations = PkRealisationOutput(many=True)
    capaian = serializers.DecimalField(
        max_digits=9, decimal_places=2, allow_null=True, help_text="persen; null: belum terukur"
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "is_iku",
            "measure",
            "polarity",
            "target",
            "target_max",
            "target_q1",
            "target_q2",
            "target_q3",
            "target_q4",
            "data_source",
            "smart",
            "supports",
            "realisations",
            "capaian",
        ]


class PkSasaranOutput(serializers.ModelSerializer[Sasaran]):
    indicators = PkIndicatorOutput(many=True)

    class Meta:
        model = Sasaran
        fields = ["id", "code", "name", "capaian", "indicators"]


class PkPartyOutput(serializers.Serializer[Any]):
    nip = serializers.CharField(allow_null=True, help_text="null: tidak ada di daftar pegawai")
    name = serializers.CharField()


class PkResultOutput(serializers.Serializer[Any]):
    indicators = serializers.IntegerField()
    measured = serializers.IntegerField()
    rulebook_version = serializers.CharField()
    computed_at = serializers.DateTimeField()


def _party(employee: Any, name: str) -> dict[str, Any]:
    if employee is not None:
        return {"nip": employee.nip, "name": employee.name}
    return {"nip": None, "name": name}


class PkAgreementOutput(serializers.ModelSerializer[Agreement]):
    pemda = serializers.CharField(source="pemda.code")
    unit = serializers.CharField(
        source="unit.code", allow_null=True, default=None, help_text="null: PK Pemerintah Daerah"
    )
    unit_name = serializers.CharField(source="unit.name", allow_null=True, default=None)
    holder = serializers.SerializerMethodField(help_text="pihak pertama")
    supervisor = serializers.SerializerMethodField(help_text="pihak kedua")
    capaian = serializers.DecimalField(
        max_digits=9, decimal_places=2, allow_null=True, help_text="persen; rata-rata sasaran"
    )
    level = serializers.CharField(help_text="pemda, opd, eselon3, eselon4 atau staff")
    status = serializers.CharField(help_text="draft atau signed")
    result = serializers.SerializerMethodField()
    sasaran = PkSasaranOutput(many=True)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "pemda",
            "year",
            "level",
            "unit",
            "unit_name",
            "holder",
            "supervisor",
            "status",
            "signed_on",
            "revision",
            "capaian",
            "result",
            "sasaran",
        ]

    @extend_schema_field(PkPartyOutput)
    def get_holder(self, obj: Agreement) -> dict[str, Any]:
        return _party(obj.holder, obj.holder_name)

    @extend_schema_field(PkPartyOutput)
    def get_supervisor(self, obj: Agreement) -> dict[str, Any]:
        return _party(obj.supervisor, obj.supervisor_name)

    @extend_schema_field(PkResultOutput(allow_null=True))
    def get_result(self, obj: Agreement) -> dict[str, Any] | None:
        result = getattr(obj, "result", None)
        return None if result is None else dict(PkResultOutput(result).data)


class SkpResultOutput(serializers.ModelSerializer[SkpResult]):
    intervenes = serializers.IntegerField(
        source="intervenes_id", allow_null=True, help_text="id hasil kerja atasan"
    )
    intervenes_indicator = serializers.IntegerField(
        source="intervenes_indicator_id", allow_null=True, help_text="id indikator PK"
    )
    level = serializers.CharField(help_text=_RATING)

    class Meta:
        model = SkpResult
        fields = [
            "id",
            "kind",
            "text",
            "intervenes",
            "intervenes_indicator",
            "aspect",
            "indicator",
            "target",
            "realisation",
            "level",
        ]


class SkpOutput(serializers.ModelSerializer[Skp]):
    pemda = serializers.CharField(source="pemda.code")
    nip = serializers.CharField(source="employee.nip")
    name = serializers.CharField(source="employee.name")
    unit = serializers.CharField(source="unit.code")
    rater_nip = serializers.CharField(
        source="rater.nip", allow_null=True, default=None, help_text="null: Kepala Daerah"
    )
    unit_capaian = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        allow_null=True,
        help_text="kepala unit: capaian unit asal rating hasil kerja",
    )
    status = serializers.CharField(help_text="draft, agreed atau rated")
    rating_hasil = serializers.CharField(help_text=_RATING)
    rating_perilaku = serializers.CharField(help_text=_RATING)
    results = SkpResultOutput(many=True)

    class Meta:
        model = Skp
        fields = [
            "id",
            "pemda",
            "year",
            "nip",
            "name",
            "unit",
            "position_level",
            "rater_nip",
            "approach",
            "status",
            "is_unit_head",
            "rating_hasil",
            "rating_perilaku",
            "predicate",
            "unit_capaian",
            "rating_basis",
            "annex_resources",
            "annex_accountability",
            "annex_consequences",
            "results",
        ]


# --- filters ---------------------------------------------------------------------------------


class PkFilterInput(serializers.Serializer[dict[str, Any]]):
    """Query parameters; a bad value is a 400 naming the parameter."""

    year = IntegerInput(required=False, min_value=2000, max_value=2100)
    unit = serializers.CharField(required=False, max_length=40, allow_blank=True)


def _filters(request: Any) -> dict[str, Any]:
    data = PkFilterInput(data=request.query_params)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


def _unit(request: Any, pemda: Pemda, code: str, capability: str) -> OrgUnit:
    """The unit named by its code (any case), among those the caller reaches: else 404."""
    scope = OrgUnit.objects.filter(pemda=pemda).filter(reach(request.user, capability).unit_q())
    unit = get_by_code(scope, code)
    if unit is None:
        raise NotFound(_("Unit %(code)s tidak ditemukan.") % {"code": code})
    return unit


_PARAMS = [
    OpenApiParameter("year", OpenApiTypes.INT, description="tahun, mis. 2024"),
    OpenApiParameter("unit", str, description="kode unit (huruf bebas); termasuk sub-unitnya"),
]


@extend_schema_view(
    list=extend_schema(
        parameters=_PARAMS,
        description="PK yang boleh dibaca pemanggil, dengan sasaran, indikator, realisasi dan "
        "capaian. Dengan `unit`, PK Pemerintah Daerah tidak ikut.",
    ),
    retrieve=extend_schema(description="Satu PK dengan sasaran, indikator dan capaian."),
)
class AgreementViewSet(PemdaApiMixin, viewsets.ReadOnlyModelViewSet[Agreement]):
    serializer_class = PkAgreementOutput

    def get_queryset(self) -> QuerySet[Agreement]:
        request: Any = self.request
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return Agreement.objects.none()
        if not has_capability(request.user, Cap.PERFORMANCE_VIEW):
            return Agreement.objects.none()
        indicators = Indicator.objects.prefetch_related("realisations")
        return (
            queries.agreements_visible(request.user, request.pemda)
            .select_related("pemda", "result")
            .prefetch_related(
                Prefetch(
                    "sasaran",
                    Sasaran.objects.prefetch_related(Prefetch("indicators", indicators)),
                )
            )
            .order_by("-year", "unit__path", "level")
        )

    def filter_queryset(self, queryset: QuerySet[Agreement]) -> QuerySet[Agreement]:
        if self.action != "list":
            return queryset
        request: Any = self.request
        f = _filters(request)
        if f.get("year") is not None:
            queryset = queryset.filter(year=f["year"])
        if f.get("unit"):
            unit = _unit(request, request.pemda, f["unit"], Cap.PERFORMANCE_VIEW)
            queryset = queryset.filter(unit__path__startswith=unit.path, unit__pemda=unit.pemda)
        return queryset


@extend_schema_view(
    list=extend_schema(
        parameters=_PARAMS,
        description="SKP yang boleh dibaca pemanggil: miliknya dan bawahannya, atau unit yang "
        "dijangkau perannya; dengan hasil kerja, rating, predikat dan lampiran.",
    ),
    retrieve=extend_schema(description="Satu SKP."),
)
class SkpViewSet(PemdaApiMixin, viewsets.ReadOnlyModelViewSet[Skp]):
    serializer_class = SkpOutput

    def get_queryset(self) -> QuerySet[Skp]:
        request: Any = self.request
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return Skp.objects.none()
        return (
            queries.skps_visible(request.user, request.pemda)
            .select_related("pemda", "rater")
            .prefetch_related("results")
            .order_by("-year", "unit__path", "employee__name", "pk")
        )

    def filter_queryset(self, queryset: QuerySet[Skp]) -> QuerySet[Skp]:
        if self.action != "list":
            return queryset
        request: Any = self.request
        f = _filters(request)
        if f.get("year") is not None:
            queryset = queryset.filter(year=f["year"])
        if f.get("unit"):
            # Any unit of the Pemda the caller may see SKPs in: their reach, or the units of
            # the SKPs visible to them as employee/atasan.
            code = f["unit"]
            units = OrgUnit.objects.filter(pemda=request.pemda).filter(
                reach(request.user, Cap.SKP_VIEW).unit_q() | Q(pk__in=queryset.values("unit_id"))
            )
            unit = get_by_code(units, code)
            if unit is None:
                raise NotFound(_("Unit %(code)s tidak ditemukan.") % {"code": code})
            queryset = queryset.filter(unit__path__startswith=unit.path, unit__pemda=unit.pemda)
        return queryset
