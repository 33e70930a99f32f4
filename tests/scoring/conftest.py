from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

SIKAP = Path(sys.executable).with_name("sikap")


@dataclass
class Run:
    code: int
    out: str
    err: str = ""

    @property
    def json(self) -> Any:
        return json.loads(self.out)


def call_rules(*args: str) -> Run:
    """`sikap rules …` in-process; CommandError carries the exit status the CLI would use."""
    out = io.StringIO()
    try:
        call_command("rules", *args, stdout=out)
    except CommandError as exc:
        return Run(exc.returncode, out.getvalue(), str(exc))
    return Run(0, out.getvalue())


def cli_rules(*args: str) -> Run:
    """The real console script, for what only a process shows (argparse exits 2)."""
    proc = subprocess.run(
        [str(SIKAP), "rules", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=120,
        check=False,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def rules() -> Callable[..., Run]:
    return call_rules


@pytest.fixture
def cli() -> Callable[..., Run]:
    return cli_rules
