"""Read many rows out of PostgreSQL as NumPy columns, with no Python work per row; write many
with one COPY.

`COPY (SELECT …) TO STDOUT (FORMAT binary)` sends each row as a 16-bit field count followed,
per field, by a 32-bit length and the value, all in network byte order. When every column is a
fixed-width integer and never NULL (the caller's SELECT coalesces), every row has the same size,
so the whole stream is one NumPy structured array and each column is one strided copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    import numpy as np

SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
TRAILER = b"\xff\xff"
# PostgreSQL integer type -> its width in bytes.
WIDTHS = {"int2": 2, "int4": 4, "int8": 8}


class CopyFormatError(RuntimeError):
    """The stream is not what the SELECT promised (another format, a NULL, a wider value)."""


def read_columns(
    cursor: Any, source: str, columns: Sequence[tuple[str, str, str]]
) -> dict[str, np.ndarray]:
    """Run `COPY (SELECT expr::type, … FROM source)` on a psycopg cursor; {name: array}.

    `columns` are (name, SQL expression, "int2" | "int4" | "int8"); each expression must never
    be NULL. `source` is the FROM clause (table and WHERE), trusted SQL built by the caller.
    """
    unknown = sorted({kind for _name, _expr, kind in columns} - WIDTHS.keys())
    if unknown:
        raise ValueError(f"not a fixed-width integer type: {', '.join(unknown)}")
    selects = ", ".join(f"({expr})::{kind}" for _name, expr, kind in columns)
    sql = f"COPY (SELECT {selects} FROM {source}) TO STDOUT (FORMAT binary)"  # noqa: S608
    data = bytearray()
    with cursor.copy(sql) as copy:
        for block in copy:
            data += block
    return parse(data, [(name, kind) for name, _expr, kind in columns])


def parse(data: bytes | bytearray, columns: Sequence[tuple[str, str]]) -> dict[str, np.ndarray]:
    """Split a binary COPY stream of fixed-width, non-NULL integer columns into arrays."""
    import numpy as np

    if data[: len(SIGNATURE)] != SIGNATURE or len(data) < len(SIGNATURE) + 8 + len(TRAILER):
        raise CopyFormatError("not a binary COPY stream")
    header = np.frombuffer(data, dtype=">i4", count=2, offset=len(SIGNATURE))
    start = len(SIGNATURE) + 8 + int(header[1])  # flags, then the header extension's length
    if data[-len(TRAILER) :] != TRAILER:
        raise CopyFormatError("binary COPY stream without its trailer")
    fields: list[tuple[str, str]] = [("_count", ">i2")]
    for i, (name, kind) in enumerate(columns):
        fields += [(f"_length{i}", ">i4"), (name, f">i{WIDTHS[kind]}")]
    row = np.dtype(fields)
    size = len(data) - len(TRAILER) - start
    if size < 0 or size % row.itemsize:
        raise CopyFormatError("rows of unequal size (a NULL or an unexpected type)")
    rows = np.frombuffer(data, dtype=row, count=size // row.itemsize, offset=start)
    if (rows["_count"] != len(columns)).any():
        raise CopyFormatError("rows with another number of fields")
    for i, (_name, kind) in enumerate(columns):
        if (rows[f"_length{i}"] != WIDTHS[kind]).any():
            raise CopyFormatError(f"column {i + 1} is not {kind} in every row")
    return {name: rows[name].astype(f"=i{WIDTHS[kind]}") for name, kind in columns}


# --- writing rows with COPY FROM STDIN (text format) -----------------------------------------

NULL = "\\N"
# Text-format COPY reads a backslash as an escape and a tab, newline or CR as a separator.
_SPECIAL = ("\\", "\t", "\n", "\r")
_ESCAPES = (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"))
# Rows sent per write: PostgreSQL parses each batch while the caller produces the next.
BATCH_ROWS = 256


def text_value(value: Any) -> str:
    """One value in COPY's text format; dicts and lists as JSON (for json/jsonb columns).

    Floats are written as Python's shortest repr, which PostgreSQL reads back as the same
    double; JSON is encoded by orjson, whose floats are shortest round-trip digits too, so
    every value reads back equal to the one written.
    """
    if value is None:
        return NULL
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (dict, list, tuple)):
        return json_value(value)
    text = str(value)
    if any(c in text for c in _SPECIAL):
        for raw, escaped in _ESCAPES:
            text = text.replace(raw, escaped)
    return text


def json_value(value: Any) -> str:
    """A dict or list as JSON in COPY's text format (None as NULL)."""
    if value is None:
        return NULL
    # orjson escapes every control character inside strings; only backslashes remain.
    text = orjson.dumps(value).decode("utf-8")
    return text.replace("\\", "\\\\") if "\\" in text else text


def float_value(value: float | None) -> str:
    """A float (or None) in COPY's text format, as text_value writes it."""
    return NULL if value is None else repr(value)


def bool_value(value: bool | None) -> str:
    """A boolean (or None) in COPY's text format, as text_value writes it."""
    return NULL if value is None else ("t" if value else "f")


def write_lines(cursor: Any, table: str, columns: Sequence[str], lines: Iterable[str]) -> int:
    """COPY rows already in COPY's text format (each line ending in a newline); the count.

    For callers that build each line in one step from values of known types, skipping
    text_value's per-value type tests; batches are sent as the lines are produced.
    """
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    count = 0
    batch: list[str] = []
    with cursor.copy(sql) as copy:
        for line in lines:
            batch.append(line)
            if len(batch) >= BATCH_ROWS:
                copy.write("".join(batch))
                count += len(batch)
                batch.clear()
        if batch:
            copy.write("".join(batch))
            count += len(batch)
    return count


def write_rows(
    cursor: Any, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """COPY `rows` into `table` (trusted SQL names) on a psycopg cursor; returns the count.

    `rows` may be a generator: batches are sent as they are produced, so the server stores
    one while the next is worked out.
    """
    lines = ("\t".join([text_value(v) for v in row]) + "\n" for row in rows)
    return write_lines(cursor, table, columns, lines)


_LZ4: bool | None = None


def prefer_lz4(cursor: Any) -> None:
    """Compress the large values written in this transaction with LZ4 when the server can.

    LZ4 costs a fraction of PostgreSQL's default (pglz) to compress and to read back, and
    reads are transparent: each stored value records its own method.
    """
    global _LZ4
    if _LZ4 is None:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        row = cursor.fetchone()
        _LZ4 = bool(row and row[0])
    if _LZ4:
        cursor.execute("SET LOCAL default_toast_compression = 'lz4'")
