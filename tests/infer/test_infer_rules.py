"""The rules table is data: changing it changes the conclusions, without touching code; a broken table is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import FIXTURES, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from kgraph import pipeline
from kgraph.errors import CorpusError
from kgraph.infer.certainty import Rater
from kgraph.infer.evidence import Claim, Evidence, Finding, Study, Term
from kgraph.infer.relate import Relater
from kgraph.infer.rules import default_rules_path, load_rules
from kgraph.rdf.namespaces import KG

RULES = FIXTURES / "rules"


def changed_rules(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the bundled rules table with exactly one text change."""
    text = default_rules_path().read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "evidence-rules.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def certainty_of(fixture: str, claim: str, rules: Path | None = None):
    _, summary = pipeline.build(RULES / fixture, rules=rules)
    base = summary.inference.evidence.base
    return summary.inference.assessments[URIRef(f"{base}claim/{claim}")]


def test_the_bundled_table_loads_with_levels_lowest_first() -> None:
    rules = load_rules()
    assert rules.levels == ("very-low", "low", "moderate", "high")
    assert rules.starting_level["randomised-controlled-trial"] == "high"
    assert rules.starting_level["patient-report"] == "very-low"
    assert "back-pain" in rules.subjective_outcomes


def test_raising_the_few_participants_threshold_adds_an_imprecision_downgrade(tmp_path: Path) -> None:
    before = certainty_of("unblinded-industry", "pain-relief")
    rules = changed_rules(tmp_path, "total_participants_below: 100", "total_participants_below: 300")
    after = certainty_of("unblinded-industry", "pain-relief", rules)
    assert (before.level, after.level) == ("low", "very-low")
    step = next(s for s in after.steps if s.rule.id == "imprecision-few-participants")
    assert "few participants: 200 in The device maker's trial (fewer than 300)" in step.reason
    assert "imprecision-few-participants" not in {s.rule.id for s in before.steps}


def test_changing_the_starting_level_of_a_non_randomised_design_changes_certainty(tmp_path: Path) -> None:
    before = certainty_of("citation", "no-new-fractures")
    rules = changed_rules(tmp_path, "cohort-study: low", "cohort-study: moderate")
    after = certainty_of("citation", "no-new-fractures", rules)
    assert (before.start, before.level) == ("low", "low")
    assert (after.start, after.level) == ("moderate", "moderate")
    assert "starts at moderate: the strongest evidence is The fracture study: a cohort study" in after.start_reason


def test_evidence_and_build_commands_take_a_rules_file(tmp_path: Path) -> None:
    rules = changed_rules(tmp_path, "randomised-controlled-trial: high", "randomised-controlled-trial: moderate")
    fixture = RULES / "unblinded-industry"
    default = json.loads(run_cli("evidence", "pain-relief", fixture, "-f", "json").stdout)
    changed = json.loads(run_cli("evidence", "pain-relief", fixture, "-f", "json", "--rules", rules).stdout)
    assert (default["certainty"], changed["certainty"]) == ("low", "very-low")
    assert changed["starting_level"] == "moderate"
    result = run_cli("build", fixture, "-o", tmp_path / "out", "--rules", rules)
    assert result.exit_code == 0, result.stderr
    assert "kg:certaintyLevel kg:VeryLowCertainty" in (tmp_path / "out" / "kgraph.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("        subjective_outcome: true\n", "        subjective: true\n", "unknown condition 'subjective'"),
        ("    improves: {improves: carry, worsens: invert}", "    improves: {improves: carry, worsens: flip}", "'flip' is not one of carry, invert, qualify"),
        ("    editorial: very-low\n", "", "no starting level for editorial"),
        ("levels: [very-low, low, moderate, high]", "levels: [high, moderate, low, very-low]", "lowest first"),
        ("  min_level: low", "  min_level: middling", "'middling' is not one of"),
    ],
)
def test_a_broken_table_is_refused_with_its_file_and_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = changed_rules(tmp_path, old, new)
    with pytest.raises(CorpusError) as caught:
        load_rules(path)
    problems = [str(p) for p in caught.value.problems]
    assert any(message in p and p.startswith(f"{path}:") for p in problems), problems
    result = run_cli("evidence", "pain-relief", RULES / "unblinded-industry", "--rules", path)
    assert result.exit_code == 1
    assert message in result.stderr


def test_a_missing_rules_file_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli("evidence", "pain-relief", RULES / "unblinded-industry", "--rules", tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert "no such rules file" in result.stderr


B = "https://example.org/synthetic/"
FACT = st.sampled_from([True, False, None])


def synthetic(design: str, blinded, sham, stake, participants) -> tuple[Evidence, Claim]:
    """One claim on a subjective outcome and one trial supporting it, with the given study facts."""
    t = {name: URIRef(B + f"term/{name}") for name in ("kyphoplasty", "usual-care", "back-pain", "vcf")}
    terms = {iri: Term(iri, name, frozenset()) for name, iri in t.items()}
    claim = Claim(URIRef(B + "claim/c"), "c", "", "effect", t["kyphoplasty"], t["usual-care"], t["back-pain"], t["vcf"], "improves", "any")
    study = Study(
        URIRef(B + "study/s"), "S", design, True, blinded, sham, True, participants, 12.0,
        t["kyphoplasty"], t["usual-care"], t["vcf"], "F" if stake is not None else None, None, stake,
    )
    finding = Finding(URIRef(B + "finding/f"), study.iri, claim.iri, "supports", t["back-pain"], "1 month", 1.0, "", None, "", None, "")
    evidence = Evidence(B, terms, {claim.iri: claim}, {study.iri: study}, {finding.iri: finding}, {}, {})
    return evidence, claim


@settings(max_examples=150, deadline=None)
@given(
    design=st.sampled_from(sorted(load_rules().starting_level)),
    blinded=FACT,
    sham=FACT,
    stake=FACT,
    participants=st.one_of(st.none(), st.integers(min_value=1, max_value=2000)),
)
def test_each_rule_applies_exactly_when_its_condition_holds(design, blinded, sham, stake, participants) -> None:
    rules = load_rules()
    evidence, claim = synthetic(design, blinded, sham, stake, participants)
    rater = Rater(evidence, rules)
    assessment = rater.assess(claim, Relater(evidence, rules).items(claim))
    applied = {s.rule.id for s in assessment.steps}
    assert assessment.start == rules.starting_level[design]
    assert ("risk-of-bias-no-blinding" in applied) == (blinded is not True and sham is not True)
    assert ("conflict-of-interest" in applied) == (stake is True)
    assert ("imprecision-few-participants" in applied) == (participants is not None and participants < 100)
    assert ("imprecision-size-not-reported" in applied) == (participants is None)
    assert not applied & {"indirectness", "inconsistency", "consistent-independent-observational"}
    level = assessment.start
    for step in assessment.steps:
        assert step.before == level
        assert step.after == rules.clamp(rules.rank(level) + step.rule.change)
        level = step.after
    assert assessment.level == level
    assert rater.consensus(claim, assessment.base, assessment).verdict == "supported"


def test_the_levels_in_the_table_match_the_ontology_ranks() -> None:
    from kgraph.corpus.ontology import load_ontology

    ontology = load_ontology()
    members = ontology.members(KG.CertaintyLevel)
    assert [int(ontology.graph.value(members[code], KG.rank)) for code in load_rules().levels] == [1, 2, 3, 4]


def test_two_independent_agreeing_cohorts_are_rated_up_and_the_upgrade_is_named() -> None:
    rules = load_rules()
    evidence, claim = synthetic("cohort-study", True, True, False, 500)
    first = next(iter(evidence.studies.values()))
    second = Study(URIRef(B + "study/s2"), "S2", *(getattr(first, f) for f in Study.__dataclass_fields__ if f not in ("iri", "label")))
    finding = next(iter(evidence.findings.values()))
    evidence.studies[second.iri] = second
    evidence.findings[URIRef(B + "finding/f2")] = Finding(URIRef(B + "finding/f2"), second.iri, *(getattr(finding, f) for f in Finding.__dataclass_fields__ if f not in ("iri", "study")))
    assessment = Rater(evidence, rules).assess(claim, Relater(evidence, rules).items(claim))
    assert (assessment.start, assessment.level) == ("low", "moderate")
    (step,) = assessment.steps
    assert step.rule.id == "consistent-independent-observational"
    assert step.reason == "consistency across independent studies (up 1, low to moderate): S and S2: independent non-randomised studies agree"
