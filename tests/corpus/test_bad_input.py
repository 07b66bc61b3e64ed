"""Bad input: each kind of mistake gives exit 1, one located line per problem, and no output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import run_cli


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    """The last line holding ``needle``: for a duplicate, the second definition."""
    return [i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line][-1]


CASES = {
    "yaml-syntax": ("claims.yaml", "    label: kyphoplasty relieves pain at one month", "    label: [kyphoplasty relieves", "claims.yaml", "text: Kyphoplasty", "", "YAML syntax error"),
    "unknown-reference": ("studies.yaml", "    population: osteoporotic-vcf", "    population: osteoporotic-vcf-typo", "studies.yaml", "population: osteoporotic-vcf-typo", "trial-a", "unknown term id 'osteoporotic-vcf-typo'"),
    "duplicate-id": ("terms.yaml", "  - id: usual-care", "  - id: kyphoplasty", "terms.yaml", "- id: kyphoplasty\n", "kyphoplasty", "duplicate term id 'kyphoplasty'"),
    "wrong-enum": ("sources/summary.yaml", "    stance: supports", "    stance: supportive", "sources/summary.yaml", "stance: supportive", "trial-a-pain-1m", "supportive"),
    "missing-required": ("claims.yaml", "    text: Kyphoplasty reduces back pain more than usual care one month after the procedure.\n", "", "claims.yaml", "- id: pain-short-term", "pain-short-term", "text"),
    "wrong-type": ("studies.yaml", "    participants: 100", "    participants: about a hundred", "studies.yaml", "participants: about a hundred", "trial-a", "about a hundred"),
    "unknown-field": ("claims.yaml", "    claim_type: effect", "    claim_kind: effect", "claims.yaml", "claim_kind", "pain-short-term", "unknown field 'claim_kind'"),
    "wrong-status": ("claims.yaml", "    claim_type: effect", "    claim_type: effect\n    status: final", "claims.yaml", "status: final", "pain-short-term", "final"),
    "misquoted": ("sources/summary.yaml", '    quote: "patients had less back pain at 1 month"\n    cites', '    quote: "patients had no back pain at all"\n    cites', "sources/summary.yaml", "no back pain at all", "summary-pain", "quote not found verbatim"),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("command", ["build", "validate"])
def test_bad_input_is_located_and_writes_nothing(case: str, command: str, mini_copy: Path, tmp_path: Path) -> None:
    file, old, new, err_file, needle, record, message = CASES[case]
    path = mini_copy / file
    _replace(path, old, new)
    out = tmp_path / "out"
    args = ["build", mini_copy, "-o", out] if command == "build" else ["validate", mini_copy]
    result = run_cli(*args)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if not line.startswith("kgraph:")]
    assert lines, result.stderr
    expected_line = _line_of(mini_copy / err_file, needle.rstrip("\n")) if case != "yaml-syntax" else None
    pattern = re.compile(rf"^{re.escape(str(mini_copy / err_file))}:(\d+): {re.escape(record or '-')}: .*{re.escape(message)}")
    matches = [pattern.match(line) for line in lines]
    assert any(matches), f"no line matches {pattern.pattern!r} in:\n{result.stderr}"
    if expected_line is not None:
        assert any(int(m.group(1)) == expected_line for m in matches if m), result.stderr
    assert not out.exists(), "a failed build must write nothing"


def test_missing_data_directory(tmp_path: Path) -> None:
    result = run_cli("validate", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert f"{tmp_path / 'nowhere'}: -: no such data directory" in result.stderr


def test_missing_corpus_file(mini_copy: Path) -> None:
    (mini_copy / "corpus.yaml").unlink()
    result = run_cli("validate", mini_copy)
    assert result.exit_code == 1
    assert "corpus.yaml: -: missing corpus.yaml" in result.stderr


def test_failed_build_keeps_previous_output(mini_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("build", mini_copy, "-o", out).exit_code == 0
    before = (out / "kgraph.ttl").read_bytes()
    _replace(mini_copy / "studies.yaml", "    participants: 100", "    participants: many")
    assert run_cli("build", mini_copy, "-o", out).exit_code == 1
    assert (out / "kgraph.ttl").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["graph.html", "kgraph.trig", "kgraph.ttl"]


def test_every_problem_is_reported_not_just_the_first(mini_copy: Path) -> None:
    _replace(mini_copy / "studies.yaml", "    population: osteoporotic-vcf", "    population: nope")
    _replace(mini_copy / "claims.yaml", "    outcome: back-pain", "    outcome: nada")
    result = run_cli("validate", mini_copy)
    assert result.exit_code == 1
    assert "unknown term id 'nope'" in result.stderr and "unknown term id 'nada'" in result.stderr
    assert "2 problems" in result.stderr
