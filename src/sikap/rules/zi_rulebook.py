"""The Zona Integritas LKE as rulebook data (`data/zi/<year>.toml`): areas, sub-components
and their weights, items with their answer types and count rows, scoring tables, thresholds.
The score itself is `sikap.rules.zi`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sikap.rules.errors import (
    RulebookDataError,
)
from sikap.rules.versions import Table, VersionMeta, VersionSet

ANSWER_TYPES = ("ya/tidak", "abc", "abcd", "abcde", "persen")
_ZERO = Decimal(0)
COUNT_ROLES = ("whole", "part", "adds", "before", "after", "info")
COMPONENTS = {"P": ("pemenuhan", "Pemenuhan", "Fulfilment"), "R": ("reform", "Reform", "Reform")}


@dataclass(frozen=True, slots=True)
class Count:
    """A count row ("jumlah") of the official LKE that feeds a percent item.

    ``role``: "whole" and "part" give part / whole ("adds" rows sum to a blank whole),
    "before" and "after" give the fall (before − after) / before, "info" is asked, not used.
    """

    code: str
    item: str
    role: str
    text: str
    text_en: str


@dataclass(frozen=True, slots=True)
class Item:
    code: str
    answer_type: str
    text: str
    text_en: str
    counts: tuple[Count, ...] = ()

    @property
    def formula(self) -> str | None:
        """How the counts make the percentage: "ratio" (part / whole), "decrease"
        ((before − after) / before), or None for an item without counts."""
        roles = {c.role for c in self.counts}
        if {"before", "after"} <= roles:
            return "decrease"
        if "part" in roles and ({"whole", "adds"} & roles):
            return "ratio"
        return None


@dataclass(frozen=True, slots=True)
class SubComponent:
    code: str
    area_code: str
    component: str  # "pemenuhan" | "reform"
    name: str
    name_en: str
    weight: Decimal
    confidence: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Area:
    code: str
    name: str
    name_en: str
    pemenuhan: Decimal
    reform: Decimal

    @property
    def weight(self) -> Decimal:
        return self.pemenuhan + self.reform


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Minimums for WBK or WBBM; ``None`` means no such condition."""

    label: str
    confidence: str
    total: Decimal | None = None
    pengungkit: Decimal | None = None
    area_pct: Decimal | None = None
    birokrasi_bersih: Decimal | None = None
    ipak: Decimal | None = None
    capaian_kinerja: Decimal | None = None
    pelayanan_prima: Decimal | None = None
    ipkp: Decimal | None = None


THRESHOLD_KEYS = (
    "total", "pengungkit", "area_pct", "birokrasi_bersih", "ipak", "capaian_kinerja",
    "pelayanan_prima", "ipkp",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ZiRulebook:
    meta: VersionMeta
    scoring: Mapping[str, Mapping[str, Decimal]]
    areas: tuple[Area, ...]
    subcomponents: tuple[SubComponent, ...]
    totals: Mapping[str, Decimal]
    hasil: Mapping[str, Decimal]
    wbk: Thresholds
    wbbm: Thresholds
    items_confidence: str
    count_confidence: str

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(i for s in self.subcomponents for i in s.items)

    @property
    def counts(self) -> tuple[Count, ...]:
        """Every count row, in LKE order (after the item it feeds)."""
        return tuple(c for i in self.items for c in i.counts)


def _thresholds(t: Table) -> Thresholds:
    values = {k: Decimal(t.number(k)) for k in THRESHOLD_KEYS if t.has(k)}
    return Thresholds(label=t.text("label"), confidence=t.confidence(), **values)


def _counts(s: Table, code: str) -> dict[str, tuple[Count, ...]]:
    """The sub-component's count rows by the item code they feed."""
    raw = s.data.get("counts", [])
    if not isinstance(raw, list):
        raise RulebookDataError(f"{s.where}: counts must be an array")
    out: dict[str, list[Count]] = {}
    for entry in raw:
        if not (isinstance(entry, list) and len(entry) == 5) or entry[2] not in COUNT_ROLES:
            raise RulebookDataError(f"{s.where}: bad count row {entry!r}")
        item = f"{code}.{entry[0]}"
        row = Count(f"{item}.{entry[1]}", item, str(entry[2]), str(entry[3]), str(entry[4]))
        if any(c.code == row.code for c in out.get(item, [])):
            raise RulebookDataError(f"{s.where}: count row {row.code} twice")
        out.setdefault(item, []).append(row)
    return {k: tuple(v) for k, v in out.items()}


def _parse(doc: Table, meta: VersionMeta) -> ZiRulebook:
    sc = doc.table("scoring")
    scoring: dict[str, dict[str, Decimal]] = {}
    for answer_type in ANSWER_TYPES[:-1]:
        table = sc.table(answer_type)
        scoring[answer_type] = {k.lower(): Decimal(table.number(k)) for k, _ in table.items()}
    areas: list[Area] = []
    subs: list[SubComponent] = []
    for a in doc.tables("areas"):
        area = Area(
            code=a.text("code"),
            name=a.text("name"),
            name_en=a.text("name_en"),
            pemenuhan=Decimal(a.number("pemenuhan")),
            reform=Decimal(a.number("reform")),
        )
        areas.append(area)
        for s in a.tables("subcomponents"):
            code = s.text("code")
            parts = code.split(".")
            if len(parts) != 3 or parts[0] != area.code or parts[1] not in COMPONENTS:
                raise RulebookDataError(f"{s.where}: code must look like {area.code}.P.1")
            raw = s.data.get("items")
            if not isinstance(raw, list) or not raw:
                raise RulebookDataError(f"{s.where}: items must be a non-empty array")
            counts = _counts(s, code)
            items: list[Item] = []
            for entry in raw:
                if (
                    not (isinstance(entry, list) and len(entry) == 4)
                    or entry[1] not in ANSWER_TYPES
                ):
                    raise RulebookDataError(f"{s.where}: bad item {entry!r}")
                item = Item(
                    f"{code}.{entry[0]}",
                    str(entry[1]),
                    str(entry[2]),
                    str(entry[3]),
                    counts.pop(f"{code}.{entry[0]}", ()),
                )
                if item.counts and (item.answer_type != "persen" or item.formula is None):
                    raise RulebookDataError(
                        f"{s.where}: counts of {item.code} need a percent item and part and "
                        "whole (or adds), or before and after"
                    )
                items.append(item)
            if counts:
                raise RulebookDataError(f"{s.where}: counts for unknown items {sorted(counts)}")
            subs.append(
                SubComponent(
                    code=code,
                    area_code=area.code,
                    component=COMPONENTS[parts[1]][0],
                    name=s.text("name"),
                    name_en=s.text("name_en"),
                    weight=Decimal(s.number("weight")),
                    confidence=s.confidence(default=meta.confidence),
                    items=tuple(items),
                )
            )
        for comp in ("pemenuhan", "reform"):
            got = sum(
                (s.weight for s in subs if s.area_code == area.code and s.component == comp), _ZERO
            )
            if got != getattr(area, comp):
                raise RulebookDataError(f"{a.where}: {comp} sub-components sum to {got}")
    tt = doc.table("totals")
    totals = {k: Decimal(tt.number(k)) for k in ("pengungkit", "pemenuhan", "reform", "hasil")}
    if (
        sum((a.pemenuhan for a in areas), _ZERO) != totals["pemenuhan"]
        or sum((a.reform for a in areas), _ZERO) != totals["reform"]
    ):
        raise RulebookDataError(f"{doc.where}: area weights do not match the totals")
    ht = doc.table("hasil")
    hasil = {
        k: Decimal(ht.number(k))
        for k in ("capaian_kinerja", "ipak", "ipkp", "survey_index_min", "survey_index_max")
    }
    if hasil["capaian_kinerja"] + hasil["ipak"] + hasil["ipkp"] != totals["hasil"]:
        raise RulebookDataError(f"{doc.where}: hasil parts do not sum to {totals['hasil']}")
    th = doc.table("thresholds")
    it = doc.table("items")
    return ZiRulebook(
        meta=meta,
        scoring=scoring,
        areas=tuple(areas),
        subcomponents=tuple(subs),
        totals=totals,
        hasil=hasil,
        wbk=_thresholds(th.table("wbk")),
        wbbm=_thresholds(th.table("wbbm")),
        items_confidence=it.confidence(),
        count_confidence=it.confidence("count_confidence"),
    )


RULEBOOKS: VersionSet[ZiRulebook] = VersionSet("zi", _parse)
AREAS: tuple[Area, ...] = RULEBOOKS.select().areas
SUBCOMPONENTS: tuple[SubComponent, ...] = RULEBOOKS.select().subcomponents
ITEMS: tuple[Item, ...] = RULEBOOKS.select().items
