"""Model fields shared by the apps."""

from __future__ import annotations

import functools
import itertools
import operator
import struct
import sys
from array import array
from collections.abc import Iterable, Sequence
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


# The packed form: one byte giving the width of every word (4 when every integer fits 32 bits,
# else 8), then the words, little-endian.
_WIDTHS = {4: "i", 8: "q"}
# Packing tries the narrow words first. struct packs straight from the integers, several times
# faster than building an array of them, and refuses an integer too wide for the word where it
# meets it.
_WORDS = (("i", b"\x04"), ("q", b"\x08"))


def pack_ints(values: Sequence[int]) -> bytes:
    """Integers as packed little-endian words of 32 bits, or 64 when one needs it."""
    values = values if isinstance(values, (list, tuple)) else list(values)
    for code, width in _WORDS:
        try:
            return width + _packer(len(values), code).pack(*values)
        except struct.error:
            continue
    raise _refused(values)


def pack_int_rows(rows: Iterable[Sequence[int]]) -> bytes:
    """Many lists of integers one after another, packed as pack_ints packs one (the caller
    knows their length)."""
    rows = rows if isinstance(rows, list) else list(rows)
    for code, width in _WORDS:
        try:
            return width + b"".join([_packer(len(row), code).pack(*row) for row in rows])
        except struct.error:
            continue
    raise _refused(itertools.chain.from_iterable(rows))


@functools.lru_cache(maxsize=64)
def _packer(count: int, code: str) -> struct.Struct:
    """`count` little-endian words (code "i": 32 bits, "q": 64)."""
    return struct.Struct(f"<{count}{code}")


def _refused(values: Iterable[Any]) -> Exception:
    """Why integers could not be packed: one is no integer, or one needs more than 64 bits."""
    for value in values:
        try:
            operator.index(value)
        except TypeError as error:
            return error
    return OverflowError("an integer does not fit 64 bits")


def unpack_ints(data: bytes | memoryview) -> array[int]:
    """pack_ints reversed: an array of the integers (indexed like a list, with no object per
    integer until one is read)."""
    view = memoryview(data)
    code = _WIDTHS.get(view[0]) if len(view) else None
    if code is None:
        raise ValueError("not packed integers")
    packed = array(code)
    packed.frombytes(view[1:])
    if sys.byteorder == "big":
        packed.byteswap()
    return packed


class IntListField(models.BinaryField):
    """A list of integers stored packed (pack_ints; bytea / BLOB): fewer bytes than JSON text and
    no number to print or parse, for sums that are only ever written and read whole. Reads back
    as a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else unpack_ints(value).tolist()

    def to_python(self, value: Any) -> Any:
        if isinstance(value, (bytes, memoryview)):
            return unpack_ints(value).tolist()
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None or isinstance(value, (bytes, memoryview)):
            return value
        return pack_ints(value)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        return None if value is None else connection.Database.Binary(value)

    def value_to_string(self, obj: Any) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else orjson.dumps(list(value)).decode("utf-8")
