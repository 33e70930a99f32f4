"""Zona Integritas LKE: the answer file, the thresholds and the blank sheet."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.core import tables
from sikap.core.spreadsheet import SafeCsvDictWriter
from sikap.rules import zi
from sikap.rules.errors import RuleError
from sikap.scoring.calculators.common import (
    CalculatorError,
    CellError,
    Outcome,
    cells_error,
    parse_decimal,
)

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
    counts = {c.code.upper(): c for c in book.counts}
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
        if code in counts:
            # A count row ("jumlah") feeds its percent item; zi.compute turns it into one.
            if answer is not None:
                try:
                    answers[counts[code].code] = parse_decimal(answer, counts[code].code)
                except CalculatorError as exc:
                    cells.append(CellError(row, answer_header, answer, exc.message))
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
        raise cells_error(cells)
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


ZI_THRESHOLD_LABELS = (
    ("total", gettext_lazy("Nilai total minimal")),
    ("pengungkit", gettext_lazy("Total pengungkit minimal")),
    ("area_pct", gettext_lazy("Setiap area pengungkit minimal (persen dari bobot area)")),
    ("birokrasi_bersih", gettext_lazy("Birokrasi bersih dan akuntabel minimal")),
    ("ipak", gettext_lazy("Nilai IPAK minimal")),
    ("capaian_kinerja", gettext_lazy("Capaian kinerja minimal")),
    ("pelayanan_prima", gettext_lazy("Pelayanan publik prima minimal")),
    ("ipkp", gettext_lazy("Nilai IPKP minimal")),
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


def zi_template(*, year: int | None = None) -> Outcome:
    """A blank LKE answer sheet: every item code, its answer type and text (a percent item
    followed by its count rows, type "jumlah"), then the hasil rows."""
    try:
        book = zi.RULEBOOKS.select(year)
    except RuleError as exc:
        raise CalculatorError.from_rule(exc) from exc
    items = []
    for i in book.items:
        items.append({"kode": i.code, "jawaban": "", "tipe": i.answer_type, "butir": i.text})
        items += [
            {"kode": c.code, "jawaban": "", "tipe": "jumlah", "butir": c.text} for c in i.counts
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
