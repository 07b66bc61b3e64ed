"""``kgraph evidence CLAIM``: lookup by id or words, and the same facts as text, Markdown and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import FIXTURES, run_cli

TIME_POINT = FIXTURES / "rules" / "time-point"


@pytest.fixture(scope="module")
def short_term_json() -> dict:
    result = run_cli("evidence", "bkp-short-term-back-pain", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_json_has_the_claim_its_certainty_reasons_and_both_sides(short_term_json: dict) -> None:
    report = short_term_json
    assert {"claim", "certainty", "reasons", "supporting", "contradicting", "contested"} <= set(report)
    assert report["claim"]["id"] == "bkp-short-term-back-pain"
    assert report["certainty"] == "low"
    assert report["contested"] is False
    assert any("funded by Medtronic Spine LLC" in r for r in report["reasons"])
    free = next(row for row in report["supporting"] if row["finding"] == "free-1-month-back-pain")
    assert (free["design"], free["participants"], free["randomised"], free["blinded"], free["sham_controlled"]) == (
        "randomised-controlled-trial", 300, "yes", "no", "no",
    )
    assert (free["funder"], free["time_point"], free["stance"], free["evidence"]) == ("Medtronic Spine LLC", "1 month", "supports", "direct")
    sham = {row["finding"]: row["evidence"] for row in report["contradicting"] if row["study"] in ("kallmes-2009-invest", "buchbinder-2009")}
    assert sham == {"invest-no-benefit-over-sham-vertebroplasty-pain": "indirect", "buchbinder-no-benefit-over-sham-vertebroplasty-pain": "indirect"}
    assert [row["finding"] for row in report["other_time_points"]] == ["free-12-month-back-pain"]
    kinds = {(c["kind"], tuple(c["findings"])) for c in report["conflicts"]}
    assert ("time-point", ("free-1-month-back-pain", "free-12-month-back-pain")) in kinds
    appearance = report["appearances"][0]
    assert appearance["source"] == "journal-watch-free-summary"
    assert appearance["chains"] == ["Journal Watch summary of the FREE trial (Soloway, 2009) -> FREE trial (Wardlaw et al., Lancet 2009)"]


def test_json_is_deterministic(short_term_json: dict) -> None:
    again = run_cli("evidence", "bkp-short-term-back-pain", "--format", "json")
    assert json.loads(again.stdout) == short_term_json
    assert again.stdout == json.dumps(short_term_json, indent=2, ensure_ascii=False) + "\n"


def test_words_find_the_one_claim_that_holds_them_all() -> None:
    result = run_cli("evidence", "pain 12 months", TIME_POINT, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["claim"]["id"] == "pain-12-months"


def test_an_exact_id_wins_over_words() -> None:
    result = run_cli("evidence", "pain-1-month", TIME_POINT, "-f", "json")
    assert json.loads(result.stdout)["claim"]["id"] == "pain-1-month"


def test_ambiguous_words_list_the_candidates_and_fail() -> None:
    result = run_cli("evidence", "KYPHOPLASTY pain", TIME_POINT)
    assert result.exit_code == 1
    assert "2 claims match 'KYPHOPLASTY pain'" in result.stderr
    assert "  pain-1-month: kyphoplasty relieves pain at 1 month" in result.stderr
    assert "  pain-12-months: kyphoplasty relieves pain at 12 months" in result.stderr
    assert result.stdout == ""


def test_no_match_says_so_and_fails() -> None:
    result = run_cli("evidence", "zebra", TIME_POINT)
    assert result.exit_code == 1
    assert "no claim has the id 'zebra'" in result.stderr


def test_text_shows_appearances_table_certainty_and_conflicts() -> None:
    result = run_cli("evidence", "pain-1-month", TIME_POINT)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for expected in (
        "kyphoplasty relieves pain at 1 month (pain-1-month)",
        "Supporting (1)",
        "At other time points (shown, not counted) (1)",
        "Certainty: high",
        "Consensus: supported (not contested)",
        "Apparent conflicts, explained (1)",
        "[time-point]",
    ):
        assert expected in out, expected


def test_markdown_has_headings_and_an_evidence_table(tmp_path: Path) -> None:
    target = tmp_path / "evidence.md"
    result = run_cli("evidence", "pain-1-month", TIME_POINT, "-f", "markdown", "-o", target)
    assert result.exit_code == 0, result.stderr
    md = target.read_text(encoding="utf-8")
    assert md.startswith("# kyphoplasty relieves pain at 1 month (`pain-1-month`)\n")
    assert "| study | design | participants | randomised | blinded | sham | funder | time point | stance | effect | p | evidence |" in md
    assert "| The trial | randomised-controlled-trial | 400 | yes | yes | yes | A research council | 1 month | supports |" in md
    assert "## Certainty: high" in md
    assert "- **time-point**: On back pain:" in md


@pytest.mark.parametrize("width", [80, 100])
def test_a_narrow_terminal_gets_each_finding_on_two_lines_not_columns_of_letters(short_term_json: dict, width: int) -> None:
    from kgraph.cli.evidence import rich_text

    text = rich_text(short_term_json, width=width, color=False)
    assert all(len(line) <= width for line in text.splitlines())
    assert "- free-trial (randomised controlled trial; n=300; randomised y; blinded n; sham n; funder Medtronic Spine LLC)" in " ".join(text.split())
    assert "1 mo: supports" in text
    assert "┃" not in text


def test_a_wide_terminal_gets_the_evidence_as_tables(short_term_json: dict) -> None:
    from kgraph.cli.evidence import rich_text

    text = rich_text(short_term_json, width=220, color=False)
    header = next(line for line in text.splitlines() if "┃ study" in line)
    assert all(name in header for name in ("design", "rand.", "blind", "sham", "funder", "stance", "evidence"))
