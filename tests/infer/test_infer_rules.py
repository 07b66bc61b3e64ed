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


def test_lowering_the_optimal_information_size_removes_the_imprecision_downgrade(tmp_path: Path) -> None:
    before = certainty_of("unblinded-industry", "pain-relief")
    rules = changed_rules(tmp_path, "harm_outcome: false\n      body:\n        total_participants_below: 400", "harm_outcome: false\n      body:\n        total_participants_below: 100")
    after = certainty_of("unblinded-industry", "pain-relief", rules)
    assert (before.level, after.level) == ("low", "moderate")
    step = next(s for s in before.steps if s.rule.id == "imprecision-few-participants")
    assert "few participants: 200 in The device maker's trial (fewer than 400" in step.reason
    assert "imprecision-few-participants" not in {s.rule.id for s in after.steps}


def test_changing_the_starting_level_of_a_non_randomised_design_changes_certainty(tmp_path: Path) -> None:
    before = certainty_of("citation", "no-new-fractures")
    rules = changed_rules(tmp_path, "cohort-study: low", "cohort-study: moderate")
    after = certainty_of("citation", "no-new-fractures", rules)
    # The cohort is known only from a meeting abstract: risk of bias, one level down either way.
    assert (before.start, before.level) == ("low", "very-low")
    assert (after.start, after.level) == ("moderate", "low")
    assert "starts at moderate: the strongest evidence is The fracture study: a cohort study" in after.start_reason
    assert [s.rule.id for s in after.steps] == ["risk-of-bias-abstract-only"]


def test_a_domain_moves_by_its_largest_concern_unless_a_reviewer_makes_one_very_serious(tmp_path: Path) -> None:
    before = certainty_of("unblinded-industry", "pain-relief")
    rules = changed_rules(
        tmp_path,
        "    - id: risk-of-bias-sponsor\n      domain: risk of bias\n      change: -1",
        "    - id: risk-of-bias-sponsor\n      domain: risk of bias\n      change: -2",
    )
    after = certainty_of("unblinded-industry", "pain-relief", rules)
    assert (before.level, after.level) == ("low", "very-low")
    sponsor = next(s for s in after.steps if s.rule.id == "risk-of-bias-sponsor")
    assert (sponsor.change, sponsor.before, sponsor.after) == (-1, "moderate", "low")
    assert sponsor.reason.startswith("risk of bias (down 1 more, moderate to low)")


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
        ("verdicts: [inconclusive, no evidence]", "verdicts: [unclear]", "'unclear' is not one of"),
        ("    increases-risk: [contradicts]\n", "", "say which stances favour the intervention for every direction; missing increases-risk"),
        ("reported_only_in: [meeting-abstract]", "reported_only_in: [meeting-poster]", "'meeting-poster' is not one of"),
        ("uncontrolled_designs: [patient-report, case-series]", "uncontrolled_designs: [anecdote]", "'anecdote' is not one of"),
        ("  contradicts: {map: invert,", "  contradicts: {map: flip,", "'flip' is not one of"),
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
SIGNIFICANCE = st.sampled_from([None, "significant", "not-significant", "trend", "not-tested", "not-reported"])


def synthetic(design: str, blinded, sham, stake, participants, randomised=True, significance="significant") -> tuple[Evidence, Claim]:
    """One claim on a subjective outcome and one trial supporting it, with the given study facts."""
    t = {name: URIRef(B + f"term/{name}") for name in ("kyphoplasty", "usual-care", "back-pain", "vcf")}
    terms = {iri: Term(iri, name, frozenset()) for name, iri in t.items()}
    claim = Claim(URIRef(B + "claim/c"), "c", "", "effect", t["kyphoplasty"], t["usual-care"], t["back-pain"], t["vcf"], "improves", "any")
    study = Study(
        URIRef(B + "study/s"), "S", design, randomised, blinded, sham, True, participants, 12.0,
        t["kyphoplasty"], t["usual-care"], t["vcf"], "F" if stake is not None else None, None, stake,
    )
    finding = Finding(URIRef(B + "finding/f"), study.iri, claim.iri, "supports", t["back-pain"], "1 month", 1.0, "", significance, "", None, "")
    evidence = Evidence(B, terms, {claim.iri: claim}, {study.iri: study}, {finding.iri: finding}, {}, {})
    return evidence, claim


@settings(max_examples=150, deadline=None)
@given(
    design=st.sampled_from(sorted(load_rules().starting_level)),
    randomised=FACT,
    blinded=FACT,
    sham=FACT,
    stake=FACT,
    participants=st.one_of(st.none(), st.integers(min_value=1, max_value=2000)),
    significance=SIGNIFICANCE,
)
def test_each_rule_applies_exactly_when_its_condition_holds(design, randomised, blinded, sham, stake, participants, significance) -> None:
    rules = load_rules()
    evidence, claim = synthetic(design, blinded, sham, stake, participants, randomised, significance)
    if design in rules.uncontrolled_designs:
        return  # no control group: not evidence on a claim against usual care (see the fixture tests)
    rater = Rater(evidence, rules)
    assessment = rater.assess(claim, Relater(evidence, rules).items(claim))
    applied = {s.rule.id for s in assessment.steps}
    assert assessment.start == rules.starting_level[design]
    assert ("risk-of-bias-no-blinding" in applied) == (blinded is not True and sham is not True)
    assert ("risk-of-bias-sponsor" in applied) == (stake is True)
    observational = design in ("non-randomised-controlled-study", "cohort-study", "unknown")
    assert ("risk-of-bias-allocation-unreported" in applied) == (observational and randomised is None)
    assert ("imprecision-few-participants" in applied) == (participants is not None and participants < 400)
    assert ("imprecision-size-not-reported" in applied) == (participants is None)
    assert ("imprecision-no-clear-result" in applied) == (significance != "significant")
    assert ("imprecision-single-trend" in applied) == (significance == "trend")
    assert not applied & {
        "risk-of-bias-abstract-only", "indirectness", "inconsistency", "imprecision-rare-harms",
        "publication-bias-small-sponsored", "consistent-independent-observational",
    }
    level = assessment.start
    by_domain: dict[str, list] = {}
    for step in assessment.steps:
        assert step.before == level
        assert step.after == rules.clamp(rules.rank(level) + step.change)
        level = step.after
        by_domain.setdefault(step.rule.domain, []).append(step)
    assert assessment.level == level
    for steps in by_domain.values():
        # each domain moves by its most serious concern, never by their sum
        assert sum(s.change for s in steps) == min(s.rule.change for s in steps)
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


def test_a_reviewer_who_judges_a_subgroup_representative_can_make_narrower_direct(tmp_path: Path) -> None:
    lines = {
        "  intervention: {same: direct, narrower: indirect,": "  intervention: {same: direct, narrower: direct,",
        "  population: {same: direct, narrower: indirect,": "  population: {same: direct, narrower: direct,",
    }
    text = default_rules_path().read_text(encoding="utf-8")
    for old, new in lines.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "evidence-rules.yaml"
    path.write_text(text, encoding="utf-8")
    assert certainty_of("narrower", "augmentation-over-sham").level == "moderate"
    after = certainty_of("narrower", "augmentation-over-sham", path)
    assert (after.level, after.steps) == ("high", [])
