"""The NIP check: what the 18 digits of a civil servant's number say."""

from __future__ import annotations

from django.utils.translation import gettext as _

from sikap.rules import nip as nip_rules
from sikap.rules.errors import RuleError
from sikap.scoring.calculators.common import (
    CalculatorError,
    Outcome,
)


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
