"""Helpers shared by the tests: run the CLI, find external programs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kgraph.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def run_cli(*args: str | Path) -> Result:
    """Run ``kgraph`` in-process, keeping stdout and stderr apart."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def run_kgraph(*args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``kgraph`` in a fresh interpreter, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "kgraph", *map(str, args)],
        capture_output=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        check=False,
    )


def need_program(name: str) -> str:
    """Path of an external program; skip locally when it is missing, fail on CI."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (.ci/run installs it)"
        if ON_CI:
            pytest.fail(f"{message}; under CI=true this cannot be skipped")
        pytest.skip(message)
    return path
