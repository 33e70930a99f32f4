"""One entry point per calculator, shared by `sikap rules …` and the "Aturan penilaian" page.

Each function takes the user's raw input (text as typed, or a file), calls ``sikap.rules``
and returns an :class:`Outcome`: the JSON shape the command prints with ``--json`` and the
Indonesian "why" lines both the command and the page show. No threshold, scale or formula
lives here; invalid input becomes a :class:`CalculatorError` whose message names the fault.
"""

from __future__ import annotations

import inspect
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from sikap.core import inputs, tables
from sikap.core.spreadsheet import SafeCsvDictWriter
from sikap.rules import nip as nip_rules
from sikap.rules import registry, sakip, sampling, skm, skp, zi
from sikap.rules.errors import RuleError


@dataclass(frozen=True)
class Outcome:
    data: dict[str, Any]
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return _("baris %(row)s, kolom %(column)s, nilai %(value)r: %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "reason": self.reason}


class CalculatorError(ValueError):
    """Invalid input; ``message`` is shown to the user as is.

    ``outcome`` is set when a result still exists (an invalid NIP still has its errors);
    ``cells`` lists file cells at fault.
    """

    def __init__(
        self,
        message: str,
        *,
        outcome: Outcome | None = None,
        cells: Sequence[CellError] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.outcome = outcome
        self.cells = tuple(cells)

    @classmethod
    def from_rule(cls, error: RuleError) -> CalculatorError:
        return cls(error.message_id)

    def to_dict(self) -> dict[str, Any]:
        if self.outcome is not None:
            return self.outcome.data
        data: dict[str, Any] = {"error": self.message}
        if self.cells:
            data["errors"] = [c.to_dict() for c in self.cells]
        return data


def round_half_up(value: float | None, places: int) -> float | None:
    """Presentation rounding, half-up as the official tables print (3.0625 → 3.063)."""
    if value is None:
        return None
    step = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


def parse_decimal(text: str, what: str) -> Decimal:
    """A number as typed; accepts the Indonesian decimal comma (86,07)."""
    cleaned = str(text).strip().replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = Decimal("NaN")
    if not cleaned or not value.is_finite():
        raise CalculatorError(
            _("%(what)s harus berupa angka, bukan %(value)r") % {"what": what, "value": text}
        )
    return value


def parse_int(text: str | int, what: str) -> int:
    number = inputs.parse_int(text, allow_negative=True)
    if number is None:
        raise CalculatorError(
            _("%(what)s harus berupa bilangan bulat, bukan %(value)r")
            % {"what": what, "value": text}
        )
    return number


# --- sample size ----------------------------------------------------------------------------

SAMPLE_METHODS = ("krejcie-morgan", "slovin")
SLOVIN_DEFAULT_ERROR = inspect.signature(sampling.slovin).parameters["error"].default


def sample_size(
    population: str | int, *, method: str = "krejcie-morgan", error: str | None = None
) -> Outcome:
    n_pop = parse_int(population, _("Populasi"))
    if method not in SAMPLE_METHODS:
        raise CalculatorError(
            _("metode %(method)r tidak dikenal; pilih %(choices)s")
            % {"method": method, "choices": ", ".join(SAMPLE_METHODS)}
        )
    try:
        if method == "slovin":
            e = (
                parse_decimal(error, _("Batas kesalahan"))
                if error not in (None, "")
                else Decimal(repr(SLOVIN_DEFAULT_ERROR))
            )
            n = sampling.slovin(n_pop, float(e))
            lines = (
                _("Slovin, N = %(pop)s, e = %(e)s → n = %(n)s") % {"pop": n_pop, "e": e, "n": n},
            )
        else:
            given = None if error in (None, "") else parse_decimal(error, _("Batas kesalahan"))
            if given is not None and Fraction(given) != sampling.MARGIN:
                margin = Decimal(sampling.MARGIN.numerator) / sampling.MARGIN.denominator
                raise CalculatorError(
                    _(
                        "batas kesalahan hanya dapat diatur untuk metode slovin; "
                        "Krejcie & Morgan memakai d = %(d)s"
                    )
                    % {"d": margin}
                )
            n = sampling.krejcie_morgan(n_pop)
            lines = (
                _("Krejcie & Morgan (PermenPANRB 14/2017), N = %(pop)s → n = %(n)s")
                % {"pop": n_pop, "n": n},
            )
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    return Outcome({"population": n_pop, "method": method, "n": n}, lines)


# --- NIP ------------------------------------------------------------------------------------


def nip_check(nip: str) -> Outcome:
    """Reads a PNS or PPPK NIP; an invalid one raises with the result still attached."""
    try:
        result = nip_rules.parse(str(nip))
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    full = result.to_dict()
    data = {
        "valid": result.valid,
        "kind": result.kind,
        "birth_date": full["birth_date"],
        "gender": result.gender,
        "tmt": full["tmt"],
        "serial": result.serial,
        "errors": list(result.errors),
    }
    if not result.valid:
        outcome = Outcome(data, tuple(result.errors))
        raise CalculatorError("; ".join(result.errors), outcome=outcome)
    kind = "PNS" if result.kind == "pns" else "PPPK"
    gender = _("laki-laki") if result.gender == "L" else _("perempuan")
    lines = (
        _("NIP %(kind)s sah: %(formatted)s") % {"kind": kind, "formatted": result.formatted},
        _("lahir %(birth)s, %(gender)s, TMT %(tmt)s, nomor urut %(serial)s")
        % {
            "birth": full["birth_date"],
            "gender": gender,
            "tmt": full["tmt"],
            "serial": result.serial,
        },
    )
    return Outcome(data, lines)


# --- SKM from a file ------------------------------------------------------------------------

MAX_REPORTED_CELLS = 20


def _answer_cell(value: str | None) -> int | None | str:
    """The integer in a cell, None for blank, or the text to report when it is not one."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else repr(value)
    text = str(value).strip()
    if text.isascii() and text.isdigit():
        return int(text)
    return text


def skm_file(path: str, *, year: int | None = None) -> Outcome:
    """IKM of a unit from a respondent table with one column per unsur (U1…U9)."""
    try:
        book = skm.RULEBOOKS.select(year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    try:
        table = tables.read_path(path, header_names=[u.code for u in book.unsur])
    except tables.TableError as exc:
        raise CalculatorError(exc.reason) from exc
    codes = [u.code for u in book.unsur]
    columns = {code: table.column(code) for code in codes}
    missing = [code for code, index in columns.items() if index is None]
    if missing:
        raise CalculatorError(
            _("kolom %(missing)s tidak ada di baris judul (dibutuhkan %(codes)s)")
            % {"missing": ", ".join(missing), "codes": ", ".join(codes)}
        )
    lo, hi = book.scale_min, book.scale_max
    reason = _("harus bilangan bulat %(lo)s–%(hi)s atau kosong") % {"lo": lo, "hi": hi}
    responses: list[dict[str, int | None]] = []
    cells: list[CellError] = []
    for row_number, values in table.rows:
        response: dict[str, int | None] = {}
        for code, index in columns.items():
            assert index is not None
            raw = tables.Table.cell(values, index) or None
            answer = _answer_cell(raw)
            if isinstance(answer, str) or (answer is not None and not lo <= answer <= hi):
                cells.append(CellError(row_number, table.headers[index], str(raw), reason))
                continue
            response[code] = answer
        responses.append(response)
    if cells:
        shown = "; ".join(str(c) for c in cells[:MAX_REPORTED_CELLS])
        more = len(cells) - MAX_REPORTED_CELLS
        if more > 0:
            shown += " " + _("(dan %(n)s sel lain)") % {"n": more}
        raise CalculatorError(shown, cells=cells)
    try:
        result = skm.compute(responses, year=year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    nrr = {code: round_half_up(value, 3) for code, value in result.nrr.items()}
    data = {
        "n": result.n,
        "nrr": nrr,
        "ikm": round_half_up(result.ikm_converted, 2),
        "category": result.category,
        "label": result.label,
    }
    lines = [result.explanation]
    for code, unsur in result.breakdown.items():
        shown_nrr = "-" if nrr[code] is None else f"{nrr[code]:.3f}"
        lines.append(
            _("%(code)s %(name)s: NRR %(nrr)s dari %(answered)s jawaban")
            % {"code": code, "name": unsur.name, "nrr": shown_nrr, "answered": unsur.answered}
        )
    return Outcome(data, tuple(lines))


# --- grades ---------------------------------------------------------------------------------

GRADE_SCHEMES: tuple[str, ...] = registry.GRADABLE

# How the page and the command name each scheme (display only; numbers come from sikap.rules).
SCHEME_TITLES = {
    "berakhlak": _lazy("Indeks BerAKHLAK"),
    "skm": _lazy("Survei Kepuasan Masyarakat (IKM)"),
    "ombudsman": _lazy("Ombudsman RI: kepatuhan pelayanan publik"),
    "pekppp": _lazy("PEKPPP: Indeks Pelayanan Publik"),
    "skp": _lazy("SKP: Predikat Kinerja Pegawai"),
    "zi": _lazy("Zona Integritas menuju WBK/WBBM"),
    "sakip": _lazy("Evaluasi SAKIP"),
}
CONFIDENCE_LABELS = {
    "high": _lazy("tinggi"),
    "medium": _lazy("sedang"),
    "low": _lazy("rendah"),
}


def _years_text(years: Sequence[int | None]) -> str:
    start, end = years[0], years[1]
    if end is None:
        return _("%(start)s–sekarang") % {"start": start}
    if end == start:
        return str(start)
    return f"{start}–{end}"


def rulebooks_list() -> Outcome:
    """Every version of every rulebook."""
    books = [info.to_dict() for info in registry.list_rulebooks()]
    data = {
        "rulebooks": [
            {
                "scheme": b["scheme"],
                "version": b["version"],
                "years": {"from": b["years"][0], "to": b["years"][1]},
                "source": b["source"],
                "url": b["url"],
                "confidence": b["confidence"],
            }
            for b in books
        ]
    }
    lines = tuple(
        _("%(version)s  %(years)s  keyakinan %(confidence)s  %(source)s")
        % {
            "version": b["version"].ljust(16),
            "years": _years_text(b["years"]).ljust(14),
            "confidence": str(CONFIDENCE_LABELS[b["confidence"]]).ljust(7),
            "source": b["source"],
        }
        for b in books
    )
    return Outcome(data, lines)


def grade(
    scheme: str, score: str | float, *, year: int | None = None, inclusive: bool = False
) -> Outcome:
    """Category of one score; ``inclusive`` reads SAKIP's lower bounds as ≥."""
    if scheme not in GRADE_SCHEMES:
        raise CalculatorError(
            _("skema %(scheme)r tidak dikenal; pilih %(choices)s")
            % {"scheme": scheme, "choices": ", ".join(GRADE_SCHEMES)}
        )
    if inclusive and scheme != "sakip":
        raise CalculatorError(_("pilihan batas bawah inklusif hanya berlaku untuk SAKIP"))
    value = parse_decimal(str(score), _("Nilai"))
    try:
        if inclusive:
            g = sakip.grade(value, year=year, inclusive=True)  # type: ignore[arg-type]
            data: dict[str, Any] = {
                "scheme": scheme,
                "version": g.version,
                "score": g.score,
                "category": g.category,
                "label": g.label,
            }
            explanation, zone_label, confidence = g.explanation, g.zone_label, g.confidence
        else:
            sg = registry.grade(scheme, value, year=year)  # type: ignore[arg-type]
            data = sg.to_dict()
            explanation, zone_label = sg.explanation, sg.grade.zone_label
            confidence = sg.confidence
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    lines = [explanation]
    if zone_label:
        lines.append(zone_label)
    lines.append(
        _("aturan %(version)s, keyakinan %(confidence)s")
        % {"version": data["version"], "confidence": CONFIDENCE_LABELS[confidence]}
    )
    return Outcome(data, tuple(lines))


def _version_entry(info: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "version": info.version,
        "years": _years_text(info.years),
        "source_regulation": info.source,
        "source_url": info.url,
        "confidence": info.confidence,
        "bands": [],
        "has_zones": False,
        "has_low": info.confidence == "low",
    }
    if info.scheme in GRADE_SCHEMES:
        th = registry.thresholds(info.scheme, year=info.years[0])
        # A later version starting the same year would shadow this one: show no table then.
        if th.version == info.version:
            entry["bands"] = [b.to_dict() for b in th.bands]
            entry["has_zones"] = any(b.zone for b in th.bands)
            entry["has_low"] = entry["has_low"] or any(b.confidence == "low" for b in th.bands)
            entry["lower_bound"] = th.lower_bound
    return entry


def rulebooks_overview() -> list[dict[str, Any]]:
    """Schemes with their versions (newest first) and bands, for the page."""
    by_scheme: dict[str, list[Any]] = {}
    for info in registry.list_rulebooks():
        by_scheme.setdefault(info.scheme, []).append(info)
    overview = []
    for scheme, infos in by_scheme.items():
        entry: dict[str, Any] = {
            "scheme": scheme,
            "title": SCHEME_TITLES.get(scheme, scheme),
            "gradable": scheme in GRADE_SCHEMES,
            "versions": [_version_entry(info) for info in reversed(infos)],
        }
        if entry["gradable"]:
            newest = registry.thresholds(scheme)
            entry["scale"] = f"{newest.min:g}–{newest.max:g}"
        overview.append(entry)
    return overview


SKP_LEVELS: tuple[str, ...] = tuple(level.code for level in skp.LEVELS)


# --- SKP ------------------------------------------------------------------------------------


def skp_levels() -> tuple[tuple[str, str], ...]:
    """(code, label) of the rating levels, as the rulebook names them."""
    return tuple((level.code, level.label) for level in skp.LEVELS)


def skp_predicates() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(organisation predicates, employee predicates) of the current SKP rulebook."""
    return skp.ORG_PREDICATES, skp.PREDICATES


def skp_matrix() -> dict[str, Any]:
    """The 3×3 matrix as rows of labels, for display."""
    book = skp.RULEBOOKS.select()
    return {
        "version": book.meta.version,
        "columns": [level.label for level in book.levels],
        "rows": [
            {
                "label": hasil.label,
                "cells": [book.matrix[(hasil.code, perilaku.code)] for perilaku in book.levels],
            }
            for hasil in book.levels
        ],
    }


def skp_predicate(hasil: str, perilaku: str, *, year: int | None = None) -> Outcome:
    try:
        book = skp.RULEBOOKS.select(year)
        h = skp.normalise_level(hasil, year=year)
        p = skp.normalise_level(perilaku, year=year)
        result = skp.predicate(h, p, year=year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    labels = {level.code: level.label for level in book.levels}
    line = _(
        "Rating Hasil Kerja %(hasil)s dan Rating Perilaku Kerja %(perilaku)s "
        "memberi predikat %(predicate)s (matriks %(version)s)"
    ) % {
        "hasil": labels[h],
        "perilaku": labels[p],
        "predicate": result,
        "version": book.meta.version,
    }
    return Outcome({"predicate": result}, (line,))


def parse_counts(text: str) -> dict[str, int]:
    """``"Sangat Baik=2,Baik=10"`` → ``{"Sangat Baik": 2, "Baik": 10}`` (names as typed)."""
    counts: dict[str, int] = {}
    for piece in str(text).split(","):
        if not piece.strip():
            continue
        name, sep, number = piece.partition("=")
        if not sep or not name.strip():
            raise CalculatorError(
                _("bagian %(piece)r harus berbentuk Predikat=jumlah, mis. Baik=10")
                % {"piece": piece.strip()}
            )
        counts[name.strip()] = parse_int(number, _("Jumlah %(name)s") % {"name": name.strip()})
    if not counts:
        raise CalculatorError(_("jumlah pegawai per predikat belum diisi"))
    return counts


def skp_distribution(
    org: str, counts: str | dict[str, str | int], *, year: int | None = None
) -> Outcome:
    """Employee predicates against the organisation's curve; ok=false is an answer, not an error."""
    if isinstance(counts, str):
        parsed = parse_counts(counts)
    else:
        parsed = {name: parse_int(value, name) for name, value in counts.items()}
    try:
        result = skp.check_distribution(org, parsed, year=year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    data = {"ok": result.ok, "violations": [v.to_dict() for v in result.violations]}
    shares = ", ".join(
        f"{name} {result.counts[name]} ({round_half_up(pct, 2):.2f}%)"
        for name, pct in result.percentages.items()
    )
    head = (
        _("Sebaran sesuai kurva untuk predikat organisasi %(org)s (%(version)s)")
        if result.ok
        else _("Sebaran tidak sesuai kurva untuk predikat organisasi %(org)s (%(version)s)")
    ) % {"org": result.org_predicate, "version": result.version}
    lines = [head, _("%(total)s pegawai: %(shares)s") % {"total": result.total, "shares": shares}]
    lines.extend(v.message for v in result.violations)
    return Outcome(data, tuple(lines))


# --- Zona Integritas LKE from a file --------------------------------------------------------

ZI_INPUTS = {"IPAK": "ipak", "IPKP": "ipkp", "CAPAIAN_KINERJA": "capaian_kinerja"}
SURVEY_SCALES = ("lke", "index")


def _zi_read(
    path: str, book: Any, year: int | None
) -> tuple[dict[str, Any], dict[str, tuple[int, str]]]:
    """Answers by item code, and the hasil rows (IPAK …) with their row numbers."""
    try:
        table = tables.read_path(path, header_names=("kode", "jawaban"))
    except tables.TableError as exc:
        raise CalculatorError(exc.reason) from exc
    code_col, answer_col = table.column("kode"), table.column("jawaban")
    if code_col is None or answer_col is None:
        raise CalculatorError(
            _("baris judul harus memuat kolom kode dan jawaban, ditemukan: %(header)s")
            % {"header": ", ".join(h for h in table.headers if h) or "-"}
        )
    answer_header = table.headers[answer_col]
    items = {i.code.upper(): i for i in book.items}
    answers: dict[str, Any] = {}
    inputs: dict[str, tuple[int, str]] = {}
    seen: dict[str, int] = {}
    cells: list[CellError] = []
    for row, values in table.rows:
        raw_code = tables.Table.cell(values, code_col) or None
        raw_answer = tables.Table.cell(values, answer_col) or None
        code = "" if raw_code is None else str(raw_code).strip().upper()
        answer = None if raw_answer is None else str(raw_answer).strip()
        header = table.headers[code_col]
        if not code:
            cells.append(CellError(row, header, "", _("kode kosong")))
            continue
        if code in seen:
            cells.append(
                CellError(
                    row,
                    header,
                    str(raw_code),
                    _("kode sudah ada di baris %(row)s") % {"row": seen[code]},
                )
            )
            continue
        seen[code] = row
        if code in ZI_INPUTS:
            # A blank hasil row (as in the template) leaves the value to the options.
            if answer is not None:
                try:
                    parse_decimal(answer, code)
                except CalculatorError as exc:
                    cells.append(CellError(row, answer_header, answer, exc.message))
                    continue
                inputs[ZI_INPUTS[code]] = (row, answer)
            continue
        item = items.get(code)
        if item is None:
            cells.append(CellError(row, header, str(raw_code), _("kode butir LKE tidak dikenal")))
            continue
        if answer is None:
            continue
        value: Any = answer
        if item.answer_type == "persen" and not answer.endswith("%"):
            try:
                value = float(parse_decimal(answer, item.code))
            except CalculatorError as exc:
                cells.append(CellError(row, answer_header, answer, exc.message))
                continue
        try:
            zi.score_answer(item.answer_type, value, item=item.code, year=year)
        except RuleError as exc:
            cells.append(CellError(row, answer_header, answer, exc.message_id))
            continue
        answers[item.code] = value
    if cells:
        shown = "; ".join(str(c) for c in cells[:MAX_REPORTED_CELLS])
        more = len(cells) - MAX_REPORTED_CELLS
        if more > 0:
            shown += " " + _("(dan %(n)s sel lain)") % {"n": more}
        raise CalculatorError(shown, cells=cells)
    return answers, inputs


def zi_file(
    path: str,
    *,
    ipak: str | None = None,
    ipkp: str | None = None,
    capaian: str | None = None,
    survey_scale: str = "lke",
    year: int | None = None,
) -> Outcome:
    """LKE score and WBK/WBBM verdicts from a ``kode,jawaban`` table.

    IPAK, IPKP and capaian kinerja come from rows ``kode=IPAK`` / ``IPKP`` /
    ``CAPAIAN_KINERJA`` or from the arguments; giving both with different values is an error.
    """
    if survey_scale not in SURVEY_SCALES:
        raise CalculatorError(
            _("skala survei %(scale)r tidak dikenal; pilih %(choices)s")
            % {"scale": survey_scale, "choices": ", ".join(SURVEY_SCALES)}
        )
    try:
        book = zi.RULEBOOKS.select(year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    answers, rows = _zi_read(path, book, year)
    given = {"ipak": ipak, "ipkp": ipkp, "capaian_kinerja": capaian}
    hasil: dict[str, float] = {}
    names = {v: k for k, v in ZI_INPUTS.items()}
    for key, option in given.items():
        from_row = rows.get(key)
        values = []
        if from_row is not None:
            values.append(
                parse_decimal(
                    from_row[1],
                    _("%(name)s (baris %(row)s)") % {"name": names[key], "row": from_row[0]},
                )
            )
        if option not in (None, ""):
            values.append(parse_decimal(str(option), names[key]))
        if not values:
            raise CalculatorError(
                _("%(name)s belum diisi: tambahkan baris kode=%(name)s atau pilihan --%(option)s")
                % {"name": names[key], "option": "capaian" if key == "capaian_kinerja" else key}
            )
        if len(values) == 2 and values[0] != values[1]:
            raise CalculatorError(
                _(
                    "%(name)s diisi dua kali dengan nilai berbeda: %(row)s di berkas, %(option)s di pilihan"
                )
                % {"name": names[key], "row": values[0], "option": values[1]}
            )
        hasil[key] = float(values[0])
    try:
        result = zi.compute(
            answers,
            ipak=hasil["ipak"],
            ipkp=hasil["ipkp"],
            capaian_kinerja=hasil["capaian_kinerja"],
            survey_scale=survey_scale,  # type: ignore[arg-type]
            year=year,
        )
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    full = result.to_dict()

    def verdict(v: dict[str, Any]) -> dict[str, Any]:
        return {
            "passed": v["passed"],
            "confidence": v["confidence"],
            "shortfalls": [
                {k: s[k] for k in ("rule", "actual", "required", "missing", "message")}
                for s in v["shortfalls"]
            ],
        }

    data = {
        "version": result.version,
        "total": result.total,
        "pengungkit": result.pengungkit,
        "pemenuhan": result.pemenuhan,
        "reform": result.reform,
        "hasil": result.hasil,
        "birokrasi_bersih": result.birokrasi_bersih,
        "capaian_kinerja": result.capaian_kinerja,
        "ipak": result.ipak,
        "pelayanan_prima": result.pelayanan_prima,
        "ipkp": result.ipkp,
        "areas": {
            code: {k: a[k] for k in ("name", "weight", "pemenuhan", "reform", "total", "percent")}
            for code, a in full["breakdown"].items()
        },
        "category": result.category,
        "label": result.label,
        "wbk": verdict(full["wbk"]),
        "wbbm": verdict(full["wbbm"]),
        "unanswered": list(result.unanswered),
    }
    lines = [result.explanation]
    lines.append(
        _("Pengungkit %(p)s (pemenuhan %(pm)s + reform %(rf)s), hasil %(h)s")
        % {
            "p": f"{result.pengungkit:.2f}",
            "pm": f"{result.pemenuhan:.2f}",
            "rf": f"{result.reform:.2f}",
            "h": f"{result.hasil:.2f}",
        }
    )
    for area in result.breakdown.values():
        lines.append(
            _("%(name)s: %(total)s dari %(weight)s (%(percent)s%%)")
            % {
                "name": area.name,
                "total": f"{area.total:.2f}",
                "weight": f"{area.weight:g}",
                "percent": f"{area.percent:.2f}",
            }
        )
    for v in (result.wbk, result.wbbm):
        status = _("memenuhi syarat") if v.passed else _("belum memenuhi syarat")
        low = " " + _("(ambang berkeyakinan rendah)") if v.confidence == "low" else ""
        lines.append(f"{v.target}: {status}{low}")
        lines.extend(f"  - {s.message}" for s in v.shortfalls)
    if result.unanswered:
        lines.append(_("%(n)s butir belum dijawab (dihitung 0)") % {"n": len(result.unanswered)})
    return Outcome(data, tuple(lines))


# --- display tables for the page ------------------------------------------------------------

ZI_THRESHOLD_LABELS = (
    ("total", _lazy("Nilai total minimal")),
    ("pengungkit", _lazy("Total pengungkit minimal")),
    ("area_pct", _lazy("Setiap area pengungkit minimal (% dari bobot area)")),
    ("birokrasi_bersih", _lazy("Birokrasi bersih dan akuntabel minimal")),
    ("ipak", _lazy("Nilai IPAK minimal")),
    ("capaian_kinerja", _lazy("Capaian kinerja minimal")),
    ("pelayanan_prima", _lazy("Pelayanan publik prima minimal")),
    ("ipkp", _lazy("Nilai IPKP minimal")),
)


def zi_thresholds() -> dict[str, Any]:
    """WBK and WBBM minimums of the current LKE rulebook, one row per condition."""
    book = zi.RULEBOOKS.select()
    rows = []
    for key, label in ZI_THRESHOLD_LABELS:
        wbk, wbbm = getattr(book.wbk, key), getattr(book.wbbm, key)
        if wbk is None and wbbm is None:
            continue
        rows.append(
            {
                "label": label,
                "wbk": None if wbk is None else f"{wbk.normalize():f}",
                "wbbm": None if wbbm is None else f"{wbbm.normalize():f}",
            }
        )
    return {
        "version": book.meta.version,
        "wbk_confidence": book.wbk.confidence,
        "wbbm_confidence": book.wbbm.confidence,
        "rows": rows,
        "areas": [
            {
                "code": a.code,
                "name": a.name,
                "pemenuhan": f"{a.pemenuhan.normalize():f}",
                "reform": f"{a.reform.normalize():f}",
                "weight": f"{a.weight.normalize():f}",
            }
            for a in book.areas
        ],
    }


def _curve_rule_text(kind: str, predicates: Sequence[str], value: Any) -> str:
    group = _(" dan/atau ").join(predicates)
    number = f"{value.normalize():f}" if isinstance(value, Decimal) else f"{float(value):g}"
    if kind == "largest":
        return _("sebagian besar pegawai %(group)s") % {"group": group}
    if kind == "max_pct" and float(value) == 0:
        return _("tidak boleh ada %(group)s") % {"group": group}
    if kind == "max_pct":
        return _("%(group)s paling banyak %(n)s%%") % {"group": group, "n": number}
    if kind == "min_pct":
        return _("%(group)s minimal %(n)s%%") % {"group": group, "n": number}
    return _("minimal %(n)s pegawai %(group)s") % {"group": group, "n": number}


def skp_curve() -> list[dict[str, Any]]:
    """The distribution curve per organisation predicate, as sentences."""
    book = skp.RULEBOOKS.select()
    return [
        {
            "org": org.name,
            "confidence": org.confidence,
            "rules": [_curve_rule_text(r.kind, r.predicates, r.value) for r in org.rules],
        }
        for org in book.organisation
    ]


def zi_template(*, year: int | None = None) -> Outcome:
    """A blank LKE answer sheet: every item code, its answer type and text, then the hasil rows."""
    try:
        book = zi.RULEBOOKS.select(year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    items = [
        {"kode": i.code, "jawaban": "", "tipe": i.answer_type, "butir": i.text} for i in book.items
    ]
    items += [{"kode": code, "jawaban": "", "tipe": "nilai", "butir": ""} for code in ZI_INPUTS]
    buffer = io.StringIO()
    writer = SafeCsvDictWriter(
        buffer, fieldnames=["kode", "jawaban", "tipe", "butir"], lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(items)
    return Outcome(
        {"version": book.meta.version, "items": items}, (buffer.getvalue().rstrip("\r\n"),)
    )
