"""Model fields shared by the apps."""

from __future__ import annotations

from typing import Any

import orjson
from django.db import models


class JSONTextField(models.TextField):  # type: ignore[type-arg]
    """A JSON document stored as plain text, for large snapshot figures that are only ever read
    and written whole: PostgreSQL's jsonb would parse every number of every row on each write
    (the bulk of a 5,001-row result COPY), and nothing queries inside these documents.
    Values round-trip exactly (orjson writes the shortest float that reads back the same)."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else orjson.loads(value)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            return orjson.loads(value)
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return orjson.dumps(value).decode("utf-8")

    def value_to_string(self, obj: Any) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else orjson.dumps(value).decode("utf-8")
