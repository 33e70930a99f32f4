from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sikap.rules import versions


@pytest.fixture
def extra_rulebook(tmp_path: Path) -> Iterator[Callable[[str, str, str], Path]]:
    """Write ``<scheme>/<name>`` into a temporary data dir that the loader also reads."""
    versions.add_data_dir(tmp_path)

    def write(scheme: str, name: str, text: str) -> Path:
        folder = tmp_path / scheme
        folder.mkdir(exist_ok=True)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        versions.add_data_dir(tmp_path)  # bump the cache generation
        versions.remove_data_dir(tmp_path)
        return path

    yield write
    versions.remove_data_dir(tmp_path)
