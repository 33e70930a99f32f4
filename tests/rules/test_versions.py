from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

import sikap.rules
from sikap.rules import ombudsman, pekppp, sakip, skm, versions, zi
from sikap.rules.errors import InvalidInputError, RulebookDataError, UnknownYearError

RULES_DIR = Path(sikap.rules.__file__).parent

SKM_2030 = """
version = "skm:2030"
confidence = "low"
scale_min = 1
scale_max = 4
conversion = 25
rounded_weight = "0.111"
[years]
from = 2030
[source]
regulation = "Hypothetical successor of PermenPANRB 14/2017"
url = "https://example.org/skm-2030"
[[unsur]]
code = "U1"
name = "Persyaratan"
name_en = "Requirements"
question = "Q?"
question_en = "Q?"
answers = ["1", "2", "3", "4"]
answers_en = ["1", "2", "3", "4"]
[grading]
decimals = 2
min = 25
max = 100
[[grading.bands]]
category = "A"
label = "Sangat Baik"
label_en = "Very good"
min = 90
[[grading.bands]]
category = "B"
label = "Baik"
label_en = "Good"
min = 25
"""


def test_no_django_import_in_rules() -> None:
    for path in RULES_DIR.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("django", "rest_framework")), (path, name)


def test_shipped_data_files_have_year_named_versions() -> None:
    files = sorted(RULES_DIR.glob("data/*/*.toml"))
    assert files
    for f in files:
        assert f.stem.isdigit(), f


def test_new_year_by_data_file_alone(extra_rulebook: Callable[[str, str, str], Path]) -> None:
    extra_rulebook("skm", "2030.toml", SKM_2030)
    assert skm.grade(89, year=2030).category == "B"
    assert skm.grade(89, year=2030).version == "skm:2030"
    assert skm.grade(89, year=2029).category == "A"
    assert skm.grade(89, year=2029).version == "skm:2017"
    assert skm.grade(89).version == "skm:2030"  # no year: newest
    assert skm.compute([{"U1": 4}], year=2031).version == "skm:2030"


def test_removing_the_dir_restores_shipped_versions(tmp_path: Path) -> None:
    (tmp_path / "skm").mkdir()
    (tmp_path / "skm" / "2030.toml").write_text(SKM_2030, encoding="utf-8")
    versions.add_data_dir(tmp_path)
    try:
        assert skm.grade(89).version == "skm:2030"
    finally:
        versions.remove_data_dir(tmp_path)
    assert skm.grade(89).version == "skm:2017"


def test_a_years_version_is_chosen_again_when_the_rulebooks_change(
    extra_rulebook: Callable[[str, str, str], Path],
) -> None:
    # select() keeps its answer per year only for the versions it was chosen from.
    assert skm.grade(89, year=2031).version == "skm:2017"
    added = extra_rulebook("skm", "2030.toml", SKM_2030)
    assert skm.grade(89, year=2031).version == "skm:2030"
    assert skm.grade(89, year=2029).version == "skm:2017"
    # The 2030 file gone, a later one that does not apply to 2031 written: 2031 is 2017's again.
    added.unlink()
    extra_rulebook("skm", "2035.toml", SKM_2030.replace("2030", "2035"))
    assert skm.grade(89, year=2031).version == "skm:2017"
    assert skm.grade(89, year=2035).version == "skm:2035"
    with pytest.raises(InvalidInputError):
        skm.RULEBOOKS.select(True)  # type: ignore[arg-type]


def test_malformed_file(extra_rulebook: Callable[[str, str, str], Path]) -> None:
    extra_rulebook("skm", "2031.toml", "version = ")
    with pytest.raises(RulebookDataError, match="skm/2031.toml"):
        skm.grade(80)


def test_wrong_scheme_prefix(extra_rulebook: Callable[[str, str, str], Path]) -> None:
    extra_rulebook("skm", "2030.toml", SKM_2030.replace('"skm:2030"', '"sakip:2030"'))
    with pytest.raises(RulebookDataError, match="must start with 'skm'"):
        skm.grade(80)


def test_bands_must_descend(extra_rulebook: Callable[[str, str, str], Path]) -> None:
    extra_rulebook("skm", "2030.toml", SKM_2030.replace("min = 90", "min = 10"))
    with pytest.raises(RulebookDataError, match="highest min down"):
        skm.grade(80)


def test_unknown_year_lists_versions() -> None:
    with pytest.raises(UnknownYearError) as exc:
        skm.grade(80, year=2000)
    assert "skm:2017 (2017–)" in str(exc.value)
    assert isinstance(exc.value, ValueError)
    assert "tidak ada versi aturan untuk tahun 2000" in exc.value.message_id


def test_environment_variable_adds_a_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "skm").mkdir()
    (tmp_path / "skm" / "2030.toml").write_text(SKM_2030, encoding="utf-8")
    monkeypatch.setenv("SIKAP_RULEBOOK_DIRS", str(tmp_path))
    assert skm.grade(89).version == "skm:2030"
    monkeypatch.delenv("SIKAP_RULEBOOK_DIRS")
    assert skm.grade(89).version == "skm:2017"


def test_every_shipped_version_has_consistent_weights() -> None:
    for book in pekppp.RULEBOOKS.all():
        assert sum(a.weight for a in book.aspects) == 100
        assert all(sum(i.weight for i in a.indicators) == 100 for a in book.aspects)
    for omb in ombudsman.RULEBOOKS.all():
        assert omb.dimensions == () or sum(d.weight for d in omb.dimensions) == 100
    for z in zi.RULEBOOKS.all():
        assert sum(s.weight for s in z.subcomponents) == z.totals["pengungkit"]
    for sk in sakip.RULEBOOKS.all():
        assert sum(c.weight for c in sk.components) == 100
        assert sum(sk.split.values()) == 100


def test_positional_year_where_documented() -> None:
    assert skm.grade(80, 2020).version == "skm:2017"
    assert pekppp.grade(4.0, 2019).version == "pekppp:2017"
