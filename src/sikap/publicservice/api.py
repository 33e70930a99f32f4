"""Read-only REST API on service units, SKM, Ombudsman and PEKPPP results, scoped like the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from sikap.accounts.roles import Cap
from sikap.core.inputs import parse_int
from sikap.org.tenancy import PemdaApiMixin
from sikap.publicservice import queries
from sikap.publicservice.models import OmbudsmanResult, OmbudsmanResultVersion, ServiceUnit
from sikap.publicservice.periods import Period, parse_period


class ServiceUnitOutput(serializers.ModelSerializer[ServiceUnit]):
    unit = serializers.IntegerField(source="unit_id")
    unit_code = serializers.CharField(source="unit.code")
    name = serializers.CharField(source="unit.name")

    class Meta:
        model = ServiceUnit
        fields = ["id", "unit", "unit_code", "name", "is_active"]


class PeriodInput(serializers.Serializer[dict[str, Any]]):
    period = serializers.CharField(required=False, max_length=8)

    def validate_period(self, value: str) -> Period:
        try:
            return parse_period(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc


class ResultOutput(serializers.Serializer[Any]):
    unit = serializers.CharField()
    period = serializers.CharField()
    n = serializers.IntegerField()
    nrr = serializers.DictField(child=serializers.FloatField(allow_null=True))
    ikm = serializers.FloatField(allow_null=True)
    category = serializers.CharField(allow_null=True)
    label = serializers.CharField(allow_null=True)
    weakest = serializers.ListField(child=serializers.CharField())
    version = serializers.CharField()
    sample_needed = serializers.IntegerField(allow_null=True)


class OmbudsmanVersionOutput(serializers.ModelSerializer[OmbudsmanResultVersion]):
    sampled_units = serializers.SerializerMethodField()

    class Meta:
        model = OmbudsmanResultVersion
        fields = [
            "number",
            "score",
            "grade",
            "zone",
            "version",
            "dimensions",
            "sampled_units",
            "note",
            "reason",
            "recorded_by_label",
            "recorded_at",
        ]

    def get_sampled_units(self, obj: OmbudsmanResultVersion) -> list[str]:
        return sorted(u.code for u in obj.sampled_units.all())


class OmbudsmanResultOutput(serializers.ModelSerializer[OmbudsmanResult]):
    """The current values (the latest version) and, in `history`, every version, newest first."""

    sampled_units = serializers.SerializerMethodField()
    revision = serializers.SerializerMethodField()
    history = OmbudsmanVersionOutput(source="versions", many=True, read_only=True)

    class Meta:
        model = OmbudsmanResult
        fields = [
            "id",
            "year",
            "score",
            "grade",
            "zone",
            "version",
            "dimensions",
            "sampled_units",
            "revision",
            "history",
        ]

    def get_sampled_units(self, obj: OmbudsmanResult) -> list[str]:
        return sorted(u.code for u in obj.current.sampled_units.all())

    def get_revision(self, obj: OmbudsmanResult) -> int:
        return obj.current.number


def _period(request: Request) -> Period:
    data = PeriodInput(data=request.query_params)
    data.is_valid(raise_exception=True)
    return data.validated_data.get("period") or parse_period(str(timezone.localdate().year))


def _result_payload(result: queries.UnitResult) -> dict[str, Any]:
    return {
        **result.as_json(),
        "weakest": list(result.score.weakest),
        "version": result.score.version,
        "sample_needed": result.adequacy.needed,
    }


period_param = OpenApiParameter("period", str, description="2024, 2024S1 or 2024Q1")


class ServiceUnitViewSet(PemdaApiMixin, viewsets.ReadOnlyModelViewSet[ServiceUnit]):
    serializer_class = ServiceUnitOutput

    def get_queryset(self) -> Any:
        return queries.service_units(self.request.user, Cap.SERVICE_RESULTS).order_by("unit__path")

    @extend_schema(parameters=[period_param], responses=ResultOutput)
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str | None = None) -> Response:
        su = self.get_object()
        return Response(
            ResultOutput(_result_payload(queries.unit_result(su.unit, _period(request)))).data
        )


class OrgResultViewSet(PemdaApiMixin, viewsets.ViewSet):
    """Results of any visible OrgUnit, rolled up over its subtree's service units."""

    @extend_schema(
        parameters=[
            period_param,
            OpenApiParameter("id", int, OpenApiParameter.PATH, description="OrgUnit id"),
        ],
        responses=ResultOutput,
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        unit_id = parse_int(pk)
        if unit_id is None:
            raise NotFound
        unit = queries.get_org_unit(request.user, Cap.SERVICE_RESULTS, unit_id)
        return Response(
            ResultOutput(_result_payload(queries.unit_result(unit, _period(request)))).data
        )


class OmbudsmanResultViewSet(PemdaApiMixin, viewsets.ReadOnlyModelViewSet[OmbudsmanResult]):
    serializer_class = OmbudsmanResultOutput

    def get_queryset(self) -> Any:
        return queries.ombudsman_results(self.request.user, Cap.SERVICE_RESULTS).order_by("-year")


class PekpppEvaluationOutput(serializers.Serializer[Any]):
    """A self-evaluation's state: IPP and predicate only once every indicator is answered."""

    id = serializers.IntegerField()
    unit_code = serializers.CharField()
    year = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["complete", "incomplete"])
    answered = serializers.IntegerField()
    total = serializers.IntegerField()
    ipp = serializers.FloatField(allow_null=True)
    category = serializers.CharField(allow_null=True)
    label = serializers.CharField(allow_null=True)
    version = serializers.CharField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return {
            "id": instance.pk,
            "unit_code": instance.service_unit.unit.code,
            "year": instance.year,
            **queries.pekppp_projection(instance).status(),
        }


class PekpppEvaluationViewSet(PemdaApiMixin, viewsets.ReadOnlyModelViewSet[Any]):
    serializer_class = PekpppEvaluationOutput

    def get_queryset(self) -> Any:
        return queries.pekppp_evaluations(self.request.user, Cap.SERVICE_RESULTS).order_by(
            "service_unit__unit__path", "-year"
        )
