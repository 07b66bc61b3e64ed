"""Bad input: each kind of mistake gives exit 1, one located line per problem, and no output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import CLOSING_LINE, FIXTURES, PROBLEM_LINE, copy_corpus, run_cli, run_limited


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


@pytest.fixture
def corpus_copy(corpus_dir: Path, tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus, for tests that break it as a colleague or a web form might."""
    return copy_corpus(corpus_dir, tmp_path / "corpus")


def _closing_and_problems(stderr: str) -> list[str]:
    lines = stderr.splitlines()
    assert CLOSING_LINE.match(lines[-1]), stderr
    assert all(PROBLEM_LINE.match(line) for line in lines[:-1]), stderr
    return lines[:-1]


def test_billion_laughs_is_refused_at_its_first_anchor_within_limits(corpus_copy: Path) -> None:
    """458 bytes of nested aliases in claims.yaml once made validate run past 60 s and 1.5 GB."""
    claims = corpus_copy / "claims.yaml"
    before = claims.read_text(encoding="utf-8")
    claims.write_text(before + (FIXTURES / "yaml" / "billion-laughs.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_limited("validate", corpus_copy)
    assert result.returncode == 1, result.stderr
    anchor = before.count("\n") + 4
    first, summary = _closing_and_problems(result.stderr)
    assert first == f"{claims}:{anchor}: -: YAML anchors and aliases (&a0) are not accepted: write the value out where it is used"
    assert re.fullmatch(rf"{re.escape(str(claims))}:{anchor}: -: \d+ references to records in claims\.yaml not checked; fix the line above first", summary)


def test_a_file_that_cannot_be_read_is_said_first_and_what_it_hides_in_one_line(corpus_copy: Path) -> None:
    """One invalid byte in terms.yaml once gave 206 lines, 204 "unknown term id" lines before the one that said why."""
    terms = corpus_copy / "terms.yaml"
    data = terms.read_bytes()
    terms.write_bytes(data + b"\xff")
    result = run_cli("validate", corpus_copy)
    assert result.exit_code == 1
    lines = _closing_and_problems(result.stderr)
    line = data.count(b"\n") + 1
    assert lines[0] == f"{terms}:{line}: -: byte 0xff is not UTF-8; save the file as UTF-8"
    assert re.fullmatch(rf"{re.escape(str(terms))}:{line}: -: \d+ references to records in terms\.yaml not checked; fix the line above first", lines[1])
    assert int(lines[1].split(": ")[2].split()[0]) > 100
    assert len(lines) == 2, result.stderr


def test_a_reference_to_an_id_the_unread_file_does_not_hold_is_still_reported(corpus_copy: Path) -> None:
    _replace(corpus_copy / "claims.yaml", "    outcome: back-pain\n", "    outcome: back-pian\n")
    _replace(corpus_copy / "terms.yaml", "  - id: kyphotic-deformity\n    label: kyphotic deformity\n", "  - id: kyphotic-deformity\n    label: [kyphotic deformity\n")
    result = run_cli("validate", corpus_copy)
    lines = _closing_and_problems(result.stderr)
    assert "YAML syntax error" in lines[0] and lines[0].startswith(f"{corpus_copy / 'terms.yaml'}:")
    assert "references to records in terms.yaml not checked" in lines[1]
    assert lines[2:] == [f"{corpus_copy / 'claims.yaml'}:{_line_of(corpus_copy / 'claims.yaml', 'back-pian')}: bkp-short-term-back-pain: unknown term id 'back-pian' in `outcome`"]


def test_a_file_gone_before_it_is_read_hides_every_unresolved_reference(corpus_copy: Path) -> None:
    from kgraph.corpus.records import Reader, load_corpus
    from kgraph.errors import CorpusError

    reader = Reader(load_corpus(corpus_copy))
    (corpus_copy / "terms.yaml").unlink()
    for _ in reader.files():
        pass
    with pytest.raises(CorpusError) as err:
        reader.finish()
    first, summary = (str(p) for p in err.value.problems)
    assert first == f"{corpus_copy / 'terms.yaml'}:1: -: cannot read file: No such file or directory"
    assert summary.endswith("references to records in terms.yaml not checked; fix the line above first")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("sources/summary.yaml", "    text_file: summary.txt", "    text_file: ../../../../../../etc/passwd", "text file '../../../../../../etc/passwd' must be a file in"),
        ("sources/summary.yaml", "    text_file: summary.txt", '    text_file: "a\\0b"', "text file 'a\\x00b' must be a file in"),
        ("sources/summary.yaml", "    text_file: summary.txt", '    text_file: "summary.txt\\nmore"', "text file 'summary.txt\\nmore' not found in"),
        ("sources/summary.yaml", "    text_file: summary.txt", "    text_file: " + "x" * 300, "cannot be looked for in"),
        ("corpus.yaml", '  base: "https://example.org/mini/"', '  base: "https://example.org/%zz/"', "base 'https://example.org/%zz/' must be an http(s) IRI"),
        ("corpus.yaml", '  texts: texts', '  texts: "a\\0b"', "texts 'a\\x00b' must be the path of a folder"),
        ("studies.yaml", "    participants: 100", "    participants: .inf", "(got 'inf')"),
    ],
)
def test_paths_iris_and_numbers_a_store_or_the_system_would_refuse_are_located(mini_copy: Path, file: str, old: str, new: str, message: str) -> None:
    _replace(mini_copy / file, old, new)
    result = run_cli("validate", mini_copy)
    assert result.exit_code == 1
    lines = _closing_and_problems(result.stderr)
    assert any(line.startswith(f"{mini_copy / file}:{_line_of(mini_copy / file, new.split(': ')[-1].strip())}:") and message in line for line in lines), result.stderr
