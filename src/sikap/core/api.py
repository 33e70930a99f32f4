"""One error shape for the REST API: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from sikap.core.inputs import parse_int


class IntegerInput(serializers.IntegerField):  # type: ignore[misc]
    """An integer query or body value in ASCII digits only (DRF's own also takes "٣" and "3.0")."""

    def to_internal_value(self, data: Any) -> int:
        floor = self.min_value
        number = parse_int(data, allow_negative=not (isinstance(floor, int) and floor >= 0))
        if number is None:
            self.fail("invalid")
        return super().to_internal_value(number)  # type: ignore[no-any-return]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    fields: dict[str, Any] = {}
    message = ""
    if isinstance(detail, dict) and "detail" in detail:
        message = str(detail["detail"])
    elif isinstance(detail, dict):
        fields = {
            k: [str(e) for e in (v if isinstance(v, list) else [v])] for k, v in detail.items()
        }
        message = "; ".join(f"{k}: {' '.join(v)}" for k, v in fields.items())
    elif isinstance(detail, list):
        message = " ".join(str(d) for d in detail)
    code = getattr(exc, "default_code", "error")
    response.data = {"error": {"code": code, "message": message, "fields": fields}}
    return response
