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

from kgraph import resources

settings.register_profile("fuzz-ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz-long", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROFILE = f"fuzz-{os.environ.get('KGRAPH_FUZZ', 'ci')}"

CORPUS = resources.default_corpus()
FILES = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.yaml"))

VALUES = [
    b"42", b"-1", b"3.5", b"1e400", b".nan", b".inf", b"0x1F", b"true", b"no", b"null", b"~", b"", b"[]", b"{}", b"[a, b]",
    b"{a: 1}", b"2009-02-30", b"2009-13-01", b"2009-04-07", b"2009-04-07T25:00:00", b"unknown", b"''", b'"\\u0000"', b'"\\x85"',
    b"!!binary aGk=", b"!!set {a}", b"!!python/name:os.system", b"!custom x", b"&anchor x", b"*alias", b"|", b">-", b"-", b"=",
    b"<<", b"? a", b"'unclosed", b'"unclosed', b"a: b: c", b"%YAML 1.1", b"---", b"...", b"@x", b"`x", b"#", b"- - - -",
    b'"a\\0b"', b'"https://x.org/%zz/"', b"https://x.org/a b/", b"D%zz", b"../../../../etc/passwd", b"/", b".", b"9" * 5000,
]
"""Values of the wrong type or shape to put where a field's value was."""

FIELDS = (b"id", b"base", b"texts", b"text_file", b"url", b"doi", b"mesh", b"year", b"participants", b"time_point_months", b"claim", b"source", b"quote")
"""Fields whose values reach a path, an IRI, a number or a reference: a retyped value is put on one of their lines as often as on any line."""

BYTES = [
    b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\t", b"\x00", b"\x01", b"\x1b", b"\x7f", b"\x85", b"\xc2\x85",
    b"\xe2\x80\xa8", b"\r", b"\r\n", b"\n", b":", b": ", b"- ", b"#", b"'", b'"', b"{", b"[", b"}", b"]", b"&", b"*", b"!", b"|",
]
"""Bytes a broken editor or a hostile sender leaves: invalid UTF-8, a BOM, tabs, control characters, YAML's own punctuation."""


class Case:
    """The mutated files of one case, and what was done (all a failure report shows of it)."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.done: list[str] = []

    def __repr__(self) -> str:
        return f"Case({'; '.join(self.done)})"


def _split(data: bytes) -> list[bytes]:
    return data.split(b"\n")


@st.composite
def mutation(draw, files: dict[str, bytes]) -> tuple[str, bytes, str]:
    """One edit of one file: the file, its new bytes, and what was done."""
    name = draw(st.sampled_from(sorted(files)))
    lines = _split(files[name])
    kind = draw(st.sampled_from(["drop", "duplicate", "swap", "truncate", "cut-file", "retype", "field", "insert", "long"]))
    chosen = [n for n, line in enumerate(lines) if line.lstrip(b" -").partition(b":")[0] in FIELDS] if kind == "field" else []
    i = draw(st.sampled_from(chosen)) if chosen else draw(st.integers(0, len(lines) - 1))
    if kind == "drop":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "truncate":
        lines[i] = lines[i][: draw(st.integers(0, max(len(lines[i]) - 1, 0)))]
    elif kind == "cut-file":
        lines = lines[:i]
    elif kind in ("retype", "field"):
        key, colon, _ = lines[i].partition(b":")
        value = draw(st.sampled_from(VALUES) | st.text(max_size=20).map(lambda t: t.encode("utf-8")))
        lines[i] = key + b": " + value if colon else value
    elif kind == "insert":
        at = draw(st.integers(0, len(lines[i])))
        extra = draw(st.sampled_from(BYTES) | st.binary(min_size=1, max_size=8))
        lines[i] = lines[i][:at] + extra + lines[i][at:]
    else:
        size = draw(st.sampled_from([10_000, 100_000, 1_000_000]))
        filler = draw(st.sampled_from([b"x", b"ab ", b"\xc3\xa9", b"-", b"[", b"a\\"]))
        key, colon, _ = lines[i].partition(b":")
        lines[i] = (key + b": " if colon else b"") + (filler * size)[:size]
    return name, b"\n".join(lines), f"{kind} at {name} line {i + 1}"


@st.composite
def cases(draw, corpus: Path) -> Case:
    case = Case(files={name: (corpus / name).read_bytes() for name in FILES})
    for _ in range(draw(st.integers(1, 3))):
        name, data, what = draw(mutation(case.files))
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
