"""Careless and hostile edits of the bundled corpus: ``kgraph validate`` answers each with located lines, in bounded time and memory.

Hypothesis mutates the corpus's files the way a careless editor, a broken
export or a hostile sender would (lines dropped, duplicated, swapped or cut;
a value of the wrong type; stray bytes, invalid UTF-8, tabs and control
characters; very long strings), and each mutated corpus is validated by a
real ``kgraph`` process under a CPU and memory limit. Every case must end in
exit 0, or exit 1 with every line ``FILE:LINE: RECORD: MESSAGE`` and the one
closing line: never a traceback, a crash or a limit reached.

The profile is chosen by ``KGRAPH_FUZZ``: ``ci`` (the default, 40 cases,
well within a minute) or ``long`` (1,000 cases, for a run on a quiet machine):

    KGRAPH_FUZZ=long .venv/bin/pytest -q tests/cli/test_fuzz_validate.py -s

``-s`` shows the cases run, the seconds and the worst peak memory.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from helpers import CLOSING_LINE, LIMIT_BYTES, PROBLEM_LINE, copy_corpus, run_limited
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import Case, mutation

from kgraph import resources

settings.register_profile("fuzz-ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz-long", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROFILE = f"fuzz-{os.environ.get('KGRAPH_FUZZ', 'ci')}"

CORPUS = resources.default_corpus()
FILES = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.yaml"))

FIELDS = (b"id", b"base", b"texts", b"text_file", b"url", b"doi", b"mesh", b"year", b"participants", b"time_point_months", b"claim", b"source", b"quote")
"""Fields whose values reach a path, an IRI, a number or a reference: a retyped value is put on one of their lines as often as on any line."""


def is_field(line: bytes) -> bool:
    return line.lstrip(b" -").partition(b":")[0] in FIELDS


@st.composite
def cases(draw, corpus: Path) -> Case:
    case = Case(files={name: (corpus / name).read_bytes() for name in FILES})
    for _ in range(draw(st.integers(1, 3))):
        name, data, what = draw(mutation(case.files, is_field))
        case.files[name] = data
        case.done.append(what)
    return case


RUNS: list[tuple[float, int]] = []


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus, copied so that its texts are still found from elsewhere."""
    return copy_corpus(CORPUS, tmp_path_factory.mktemp("fuzz") / "corpus")


@pytest.fixture(scope="module", autouse=True)
def report_runs():
    """Print the cases run, their seconds and the worst peak memory (seen with ``-s``)."""
    yield
    if RUNS:
        seconds = sum(s for s, _ in RUNS)
        print(f"\nfuzz ({PROFILE}): {len(RUNS)} cases in {seconds:.1f} s, worst peak memory {max(m for _, m in RUNS) / 2**20:.0f} MB")


@settings.get_profile(PROFILE)
@given(data=st.data())
def test_validate_answers_every_mutation_with_located_lines_within_limits(pristine: Path, data: st.DataObject) -> None:
    case = data.draw(cases(pristine))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(shutil.copytree(pristine, Path(tmp) / "corpus"))
        for name, content in case.files.items():
            (corpus / name).write_bytes(content)
        result = run_limited("validate", corpus)
    RUNS.append((result.seconds, result.peak_bytes))
    story = f"{'; '.join(case.done)}\nexit {result.returncode}\n{result.stderr[-3000:]}"
    assert result.returncode in (0, 1), story
    assert result.peak_bytes < LIMIT_BYTES, story
    assert "Traceback" not in result.stderr, story
    lines = result.stderr.splitlines()
    if result.returncode == 0:
        assert result.stdout.startswith("valid: "), story
        assert all(line.startswith("note: ") for line in lines), story
        return
    assert result.stdout == "", story
    assert lines and CLOSING_LINE.match(lines[-1]), story
    for line in lines[:-1]:
        if line.startswith("note: "):
            continue
        match = PROBLEM_LINE.match(line)
        assert match, f"not FILE:LINE: RECORD: MESSAGE: {line[:300]!r}\n{story}"
        assert Path(match["file"]).is_relative_to(corpus), f"{line[:300]!r}\n{story}"
