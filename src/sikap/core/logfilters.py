"""Keep expected refusals quiet in the server log, and keep paths out of it.

Django logs every 4xx on `django.request` (a 403 with its whole traceback) and every CSRF
refusal on `django.security.csrf`, each with the request path. Survey links carry their token
in the path, and no log may ever hold a token; a refused request is also no reason for a
traceback that buries real errors. So these records keep their message but name the route
pattern (`budaya/s/<str:token>/`) instead of the path, and lose the traceback unless the
status is a server error.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest
from django.urls import Resolver404, resolve


def route_of(request: HttpRequest) -> str:
    """The URL pattern a request matched, or only its first path segment when none did."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
    if match is not None and match.route:
        return "/" + match.route
    first = request.path_info.lstrip("/").split("/", 1)[0]
    return f"/{first}/…" if first else "/"


class RedactRequestRecords(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if not isinstance(request, HttpRequest):
            return True
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        if isinstance(record.args, tuple):
            paths = {request.path, request.path_info, request.get_full_path()}
            record.args = tuple(
                route_of(request) if isinstance(arg, str) and arg in paths else arg
                for arg in record.args
            )
        return True
