"""An independent parser (raptor's rapper) reads what we write, with the same number of triples."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from helpers import merged, need_program, run_cli

from kgraph import pipeline


@pytest.fixture(scope="module")
def build_dir(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    assert run_cli("build", corpus_dir, "-o", out).exit_code == 0
    return out


@pytest.mark.parametrize(("name", "syntax"), [("kgraph.ttl", "turtle"), ("kgraph.trig", "trig")])
def test_rapper_counts_every_triple_without_complaint(build_dir: Path, corpus_dir: Path, name: str, syntax: str) -> None:
    rapper = need_program("rapper")
    result = subprocess.run([rapper, "--input", syntax, "--count", str(build_dir / name)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert not re.search(r"error|warning", result.stderr, re.IGNORECASE), result.stderr
    counted = int(re.search(r"returned (\d+) (triples|statements)", result.stderr).group(1))
    built, _ = pipeline.build(corpus_dir)
    expected = len(merged(built.store)) if syntax == "turtle" else len(built.store)
    assert counted == expected
