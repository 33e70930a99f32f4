"""core.bulk.update_fields stores values exactly as the ORM's save does, on either backend."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sikap.core.bulk import update_fields
from sikap.performance.models import Indicator
from tests.performance.conftest import chain  # noqa: F401  (fixture)


def test_stores_what_save_would_store_and_nothing_else(chain):  # noqa: F811
    rows = [chain.iku, chain.opd_indicator]
    before = {i.pk: (i.name, i.target, i.polarity) for i in Indicator.objects.all()}
    rows[0].capaian = Decimal("101.25")
    rows[0].smart = ["spesifik", "terukur", "ü ² \u201ckutip\u201d"]
    rows[1].capaian = None
    rows[1].smart = []
    rows[1].name = "not written: not among the fields"
    assert update_fields(rows, ["capaian", "smart"]) == 2
    stored = {i.pk: i for i in Indicator.objects.all()}
    assert stored[rows[0].pk].capaian == Decimal("101.2500")
    assert stored[rows[0].pk].smart == ["spesifik", "terukur", "ü ² \u201ckutip\u201d"]
    assert stored[rows[1].pk].capaian is None
    assert stored[rows[1].pk].smart == []
    assert {pk: (i.name, i.target, i.polarity) for pk, i in stored.items()} == before


def test_refuses_what_it_cannot_write(chain):  # noqa: F811
    assert update_fields([], ["capaian"]) == 0
    with pytest.raises(ValueError, match="non-key"):
        update_fields([chain.iku], ["id"])
    with pytest.raises(ValueError, match="saved"):
        update_fields([Indicator(capaian=Decimal(1))], ["capaian"])
    with pytest.raises(TypeError, match="one model"):
        update_fields([chain.iku, chain.opd_sasaran], ["capaian"])
