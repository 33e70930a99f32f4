"""One entry point per calculator, shared by `sikap rules …` and the "Aturan penilaian" page.

Each function takes the user's raw input (text as typed, or a file), calls ``sikap.rules``
and returns an :class:`Outcome`: the JSON shape the command prints with ``--json`` and the
Indonesian "why" lines both the command and the page show. No threshold, scale or formula
lives here; invalid input becomes a :class:`CalculatorError` whose message names the fault.

The calculators are split by rulebook (`sampling`, `nip`, `skm`, `ipak`, `grades`, `skp`,
`zi`); this package exports their public names, so callers keep writing
``calculators.grade(...)``.
"""

from sikap.scoring.calculators.capaian import POLARITY_CHOICES, capaian
from sikap.scoring.calculators.common import (
    CalculatorError,
    CellError,
    Outcome,
    parse_decimal,
    parse_int,
    round_half_up,
)
from sikap.scoring.calculators.grades import (
    GRADE_SCHEMES,
    SCHEME_TITLES,
    grade,
    rulebooks_list,
    rulebooks_overview,
)
from sikap.scoring.calculators.ipak import ipak_file, ipak_items, ipak_means
from sikap.scoring.calculators.nip import nip_check
from sikap.scoring.calculators.sampling import SAMPLE_METHODS, SLOVIN_DEFAULT_ERROR, sample_size
from sikap.scoring.calculators.skm import skm_file
from sikap.scoring.calculators.skp import (
    SKP_LEVELS,
    parse_counts,
    skp_curve,
    skp_distribution,
    skp_levels,
    skp_matrix,
    skp_predicate,
    skp_predicates,
)
from sikap.scoring.calculators.zi import (
    SURVEY_SCALES,
    ZI_INPUTS,
    zi_file,
    zi_template,
    zi_thresholds,
)

__all__ = [
    "GRADE_SCHEMES",
    "POLARITY_CHOICES",
    "SAMPLE_METHODS",
    "SCHEME_TITLES",
    "SKP_LEVELS",
    "SLOVIN_DEFAULT_ERROR",
    "SURVEY_SCALES",
    "ZI_INPUTS",
    "CalculatorError",
    "CellError",
    "Outcome",
    "capaian",
    "grade",
    "ipak_file",
    "ipak_items",
    "ipak_means",
    "nip_check",
    "parse_counts",
    "parse_decimal",
    "parse_int",
    "round_half_up",
    "rulebooks_list",
    "rulebooks_overview",
    "sample_size",
    "skm_file",
    "skp_curve",
    "skp_distribution",
    "skp_levels",
    "skp_matrix",
    "skp_predicate",
    "skp_predicates",
    "zi_file",
    "zi_template",
    "zi_thresholds",
]
