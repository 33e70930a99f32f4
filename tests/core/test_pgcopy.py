"""The binary COPY reader: exact columns, and refusal of any stream it cannot split safely."""

from __future__ import annotations

import struct

import pytest
from django.db import connection

from sikap.core import pgcopy
from tests.conftest import skip_or_fail

COLUMNS = [("unit", "int8"), ("flag", "int2"), ("answer", "int4")]


def stream(rows: list[tuple[int, ...]], *, widths: tuple[int, ...] = (8, 2, 4)) -> bytes:
    """A binary COPY stream as PostgreSQL writes it, with a 4-byte header extension."""
    formats = {2: ">h", 4: ">i", 8: ">q"}
    out = pgcopy.SIGNATURE + struct.pack(">ii", 0, 4) + b"\x00\x00\x00\x00"
    for row in rows:
        out += struct.pack(">h", len(row))
        for value, width in zip(row, widths, strict=True):
            out += struct.pack(">i", width) + struct.pack(formats[width], value)
    return out + pgcopy.TRAILER


def test_parse_gives_each_column_exactly():
    rows = [(7, 1, 5), (2**40, 0, -3), (-1, -32768, 2**31 - 1)]
    got = pgcopy.parse(stream(rows), COLUMNS)
    assert list(got) == ["unit", "flag", "answer"]
    assert got["unit"].tolist() == [7, 2**40, -1]
    assert got["flag"].tolist() == [1, 0, -32768]
    assert got["answer"].tolist() == [5, -3, 2**31 - 1]
    assert [got[name].dtype.itemsize for name in got] == [8, 2, 4]
    assert all(got[name].dtype.isnative for name in got)


def test_parse_of_no_rows_gives_empty_columns():
    got = pgcopy.parse(stream([]), COLUMNS)
    assert [len(got[name]) for name in got] == [0, 0, 0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"unit,flag,answer\n7,1,5\n", "not a binary COPY stream"),
        (stream([(7, 1, 5)])[:-2], "without its trailer"),
        (stream([(7, 1, 5), (8, 1, 6)])[:-5] + pgcopy.TRAILER, "unequal size"),
        # The second column wider than declared in every row: the sizes agree, the lengths not.
        (stream([(7, 1, 5), (8, 1, 6)], widths=(8, 4, 2)), "column 2 is not int2"),
    ],
)
def test_parse_refuses_what_it_cannot_split(data, message):
    with pytest.raises(pgcopy.CopyFormatError, match=message):
        pgcopy.parse(data, COLUMNS)


def test_parse_refuses_a_null_field():
    # A NULL is sent as length -1 with no value: that row is shorter than the others.
    good = stream([(7, 1, 5)])
    null_row = struct.pack(">hiqihi", 3, 8, 8, 2, 1, -1)
    data = good[:-2] + null_row + pgcopy.TRAILER
    with pytest.raises(pgcopy.CopyFormatError, match="unequal size"):
        pgcopy.parse(data, COLUMNS)
    # Seven such rows are exactly one full row short: the sizes add up, the fields do not.
    data = good[:-2] + null_row * 7 + good[23:-2] + pgcopy.TRAILER
    with pytest.raises(pgcopy.CopyFormatError, match="another number of fields|column"):
        pgcopy.parse(data, COLUMNS)


@pytest.mark.postgres
def test_read_columns_from_postgresql(db):
    if connection.vendor != "postgresql":
        skip_or_fail("PostgreSQL is needed for a real COPY")
    columns = [
        ("n", "g", "int8"),
        ("half", "g % 2", "int2"),
        ("big", "g * 3000000000", "int8"),
    ]
    source = "generate_series(1, 5) AS g WHERE g <> 3"
    with connection.cursor() as cursor:
        got = pgcopy.read_columns(cursor.cursor, source, columns)
    assert got["n"].tolist() == [1, 2, 4, 5]
    assert got["half"].tolist() == [1, 0, 0, 1]
    assert got["big"].tolist() == [3000000000, 6000000000, 12000000000, 15000000000]
    with connection.cursor() as cursor, pytest.raises(pgcopy.CopyFormatError):
        pgcopy.read_columns(cursor.cursor, source, [("n", "NULLIF(g, 2)", "int4")])
