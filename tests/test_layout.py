"""The package tree reads like the pipeline: few top-level modules, no huge module, imports that follow the stages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "src" / "kgraph"
TOP_LEVEL_LIMIT = 6
LINES_LIMIT = 600


def test_few_modules_sit_directly_under_the_package() -> None:
    modules = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert len(modules) <= TOP_LEVEL_LIMIT, modules


def test_no_module_is_over_the_line_limit() -> None:
    sizes = {str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > LINES_LIMIT} == {}


def test_every_package_says_what_it_is_for() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        text = init.read_text(encoding="utf-8").lstrip()
        assert text.startswith('"""'), f"{init.relative_to(ROOT)} has no docstring"


def test_imports_follow_the_contracts_in_pyproject() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint is not None, "import-linter is part of the test extra: pip install -e '.[test]'"
    result = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def test_the_public_api_is_every_name_in_all() -> None:
    import kgraph

    for name in kgraph.__all__:
        assert getattr(kgraph, name) is not None, name
