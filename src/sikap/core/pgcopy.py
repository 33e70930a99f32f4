"""Read many rows out of PostgreSQL as NumPy columns, with no Python work per row.

`COPY (SELECT …) TO STDOUT (FORMAT binary)` sends each row as a 16-bit field count followed,
per field, by a 32-bit length and the value, all in network byte order. When every column is a
fixed-width integer and never NULL (the caller's SELECT coalesces), every row has the same size,
so the whole stream is one NumPy structured array and each column is one strided copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

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
