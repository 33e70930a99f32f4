"""The import contracts in pyproject.toml keep up with the code they guard."""

from __future__ import annotations

import tomllib
from pathlib import Path

import sikap.rules

ROOT = Path(__file__).resolve().parents[2]


def contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_every_private_rules_module_is_forbidden_outside_rules():
    # import-linter wildcards replace whole names only, so `_*` cannot be written: each
    # private module of sikap.rules is listed, and a new one must be added.
    private = {
        f"sikap.rules.{p.stem}"
        for p in Path(sikap.rules.__file__).parent.glob("_*.py")
        if p.stem != "__init__"
    }
    contract = contracts()["Only sikap.rules imports its private modules"]
    assert private == {"sikap.rules._numbers"}
    assert set(contract["forbidden_modules"]) == private


def test_every_app_sits_in_a_layer():
    apps = {p.name for p in (ROOT / "src" / "sikap").iterdir() if (p / "apps.py").exists()}
    layers = contracts()[
        "Layers: rules < core < org < accounts < evidence < feature apps < project wiring"
    ]
    named = {
        part.strip().removeprefix("sikap.")
        for layer in layers["layers"]
        for part in layer.split("|")
    }
    assert apps == {
        "core", "org", "accounts", "evidence", "culture", "publicservice", "scoring", "home", "performance", "integrity",
    }  # fmt: skip
    assert apps <= named
