"""Read-only REST API on units and employees, scoped like the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.request import Request

from sikap.core.api import IntegerInput
from sikap.org import queries
from sikap.org.models import Employee, OrgUnit
from sikap.org.tenancy import PemdaApiMixin


class UnitOutput(serializers.ModelSerializer[OrgUnit]):
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    merged_into = serializers.IntegerField(source="merged_into_id", allow_null=True)
    is_closed = serializers.BooleanField()

    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "parent",
            "depth",
            "valid_from",
            "valid_to",
            "is_closed",
            "merged_into",
        ]


class EmployeeOutput(serializers.ModelSerializer[Employee]):
    unit = serializers.IntegerField(source="unit_id")
    unit_code = serializers.CharField(source="unit.code")
    atasan = serializers.IntegerField(source="atasan_id", allow_null=True)

    class Meta:
        model = Employee
        fields = [
            "id",
            "nip",
            "name",
            "kind",
            "jabatan",
            "jenis_jabatan",
            "eselon",
            "golongan",
            "unit",
            "unit_code",
            "atasan",
            "is_active",
        ]


class ListFilterInput(serializers.Serializer[dict[str, Any]]):
    """Query parameters; a bad value is a 400 naming the parameter, never a silent empty list."""

    unit = IntegerInput(required=False, min_value=1)
    q = serializers.CharField(required=False, max_length=100, allow_blank=True)
    kind = serializers.CharField(required=False, max_length=20)


def _filters(request: Request, kinds: list[str]) -> dict[str, Any]:
    data = ListFilterInput(data=request.query_params)
    data.is_valid(raise_exception=True)
    values = dict(data.validated_data)
    if values.get("kind") and values["kind"] not in kinds:
        raise serializers.ValidationError(
            {"kind": [_("Nilai tidak dikenal; pilihan: %(k)s") % {"k": ", ".join(kinds)}]}
        )
    return values


_PARAMS = [
    OpenApiParameter("unit", int, description="id unit; termasuk sub-unitnya"),
    OpenApiParameter("q", str, description="cari nama (atau NIP / kode)"),
    OpenApiParameter("kind", str, description="jenis unit / jenis pegawai"),
]


@extend_schema_view(list=extend_schema(parameters=_PARAMS))
class UnitViewSet(PemdaApiMixin, viewsets.ReadOnlyModelViewSet[OrgUnit]):
    serializer_class = UnitOutput

    def get_queryset(self) -> QuerySet[OrgUnit]:
        return queries.units_visible(self.request.user).order_by("pemda_id", "path")

    def filter_queryset(self, queryset: QuerySet[OrgUnit]) -> QuerySet[OrgUnit]:
        if self.action != "list":
            return queryset
        f = _filters(self.request, list(OrgUnit.Kind.values))
        if f.get("unit"):
            root = queries.unit_get(self.request.user, f["unit"])
            queryset = queryset.filter(pemda_id=root.pemda_id, path__startswith=root.path)
        if f.get("q"):
            queryset = queryset.filter(Q(name__icontains=f["q"]) | Q(code__icontains=f["q"]))
        if f.get("kind"):
            queryset = queryset.filter(kind=f["kind"])
        return queryset

    def get_object(self) -> OrgUnit:
        return queries.unit_get(self.request.user, self.kwargs["pk"])


@extend_schema_view(list=extend_schema(parameters=_PARAMS))
class EmployeeViewSet(PemdaApiMixin, viewsets.ReadOnlyModelViewSet[Employee]):
    serializer_class = EmployeeOutput

    def get_queryset(self) -> QuerySet[Employee]:
        return queries.employees_visible(self.request.user).select_related("unit")

    def filter_queryset(self, queryset: QuerySet[Employee]) -> QuerySet[Employee]:
        if self.action != "list":
            return queryset
        f = _filters(self.request, list(Employee.Kind.values))
        unit = queries.unit_get(self.request.user, f["unit"]) if f.get("unit") else None
        return queries.employee_search(
            self.request.user,
            queries.EmployeeFilter(q=f.get("q", ""), unit=unit, kind=f.get("kind", "")),
        )

    def get_object(self) -> Employee:
        return queries.employee_get(self.request.user, self.kwargs["pk"])
