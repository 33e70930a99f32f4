"""Read-only REST API on campaigns and results, scoped and suppressed like the pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from sikap.accounts.roles import Cap
from sikap.accounts.scoping import has_capability
from sikap.culture import queries
from sikap.culture.models import Campaign
from sikap.org.tenancy import PemdaApiMixin


class CampaignOutput(serializers.ModelSerializer[Campaign]):
    pemda = serializers.CharField(source="pemda.code")
    instrument = serializers.CharField(source="kind")

    class Meta:
        model = Campaign
        fields = [
            "id",
            "pemda",
            "code",
            "name",
            "instrument",
            "picks",
            "period_start",
            "period_end",
            "status",
            "eligible",
            "minimum",
            "recomputed_at",
        ]


class ScoreOutput(serializers.Serializer[dict[str, Any]]):
    index = serializers.FloatField(allow_null=True)
    band = serializers.CharField(allow_null=True)


class GroupOutput(serializers.Serializer[dict[str, Any]]):
    unit = serializers.CharField()
    n = serializers.IntegerField()
    suppressed = serializers.BooleanField()
    overall = ScoreOutput()
    values = serializers.DictField(child=ScoreOutput())
    entropy = serializers.FloatField(allow_null=True, required=False)


class ResultsOutput(serializers.Serializer[dict[str, Any]]):
    campaign = serializers.CharField()
    instrument = serializers.CharField()
    # Results are published when the campaign closes; before that, `groups` is empty.
    published = serializers.BooleanField()
    groups = GroupOutput(many=True)


class CampaignViewSet(PemdaApiMixin, viewsets.ReadOnlyModelViewSet[Campaign]):
    serializer_class = CampaignOutput

    def get_queryset(self) -> Any:
        if not has_capability(self.request.user, Cap.CULTURE_RESULTS):
            return Campaign.objects.none()
        return queries.campaigns_visible(self.request.user).order_by("-period_start", "code")

    @extend_schema(responses=ResultsOutput)
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str | None = None) -> Response:
        campaign = queries.campaign_get(request.user, pk)
        return Response(ResultsOutput(queries.results_json(request.user, campaign)).data)
