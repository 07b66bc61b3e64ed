"""One small hand-written corpus per rule (tests/fixtures/rules/), each with the exact conclusion it must give."""

from __future__ import annotations

import pytest
from helpers import FIXTURES, dataset_of
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kgraph import pipeline
from kgraph.rdf.namespaces import KG

RULES = FIXTURES / "rules"


def derived(name: str) -> tuple[str, Graph]:
    built, _ = pipeline.build(RULES / name)
    base = built.corpus.base
    return base, dataset_of(built.store).graph(URIRef(base + "graph/derived"))


def text(graph: Graph, node: URIRef) -> str:
    return " | ".join(sorted(str(r) for r in graph.objects(node, KG.reason)))


def test_findings_at_different_time_points_are_an_apparent_conflict_of_kind_time_point() -> None:
    b, g = derived("time-point")
    early, late = URIRef(b + "finding/trial-1-month"), URIRef(b + "finding/trial-12-months")
    conflicts = set(g.subjects(KG.finding, early)) & set(g.subjects(KG.finding, late))
    assert conflicts == {URIRef(b + "derived/conflict/trial-1-month/trial-12-months")}
    (node,) = conflicts
    assert set(g.objects(node, RDF.type)) == {KG.ApparentConflict}
    assert g.value(node, KG.conflictKind) == Literal("time-point")
    assert "they differ in time point: 1 month (short-term) against 12 months (long-term)" in text(g, node)
    assert not list(g.triples((None, KG.disagreesWith, None)))
    assert not list(g.subjects(RDF.type, KG.Conflict))
    short, long_ = URIRef(b + "claim/pain-1-month"), URIRef(b + "claim/pain-12-months")
    assert g.value(g.value(short, KG.consensus), KG.verdict) == Literal("supported")
    assert g.value(g.value(long_, KG.consensus), KG.verdict) == Literal("contradicted")
    assert g.value(URIRef(b + "derived/claim/pain-1-month/evidence/trial-12-months"), KG.counted) == Literal(False)


def test_vertebroplasty_evidence_bears_on_a_kyphoplasty_claim_only_indirectly() -> None:
    b, g = derived("indirect-intervention")
    kyphoplasty = URIRef(b + "claim/kyphoplasty-relieves-pain")
    node = URIRef(b + "derived/claim/kyphoplasty-relieves-pain/evidence/sham-trial-pain")
    assert g.value(node, KG.claim) == kyphoplasty
    assert g.value(node, KG.evidenceStance) == KG.Contradicts
    assert g.value(node, KG.indirect) == Literal(True)
    assert {str(d) for d in g.objects(node, KG.differsIn)} == {"intervention", "comparator"}
    assert "intervention vertebroplasty, not kyphoplasty (related)" in text(g, node)
    assert "comparator sham procedure, not usual care (unrelated)" in text(g, node)
    assert (kyphoplasty, KG.contested, Literal(False)) in g
    conflict = URIRef(b + "derived/conflict/kyphoplasty-trial-pain/sham-trial-pain")
    assert (conflict, RDF.type, KG.ApparentConflict) in g
    assert g.value(conflict, KG.conflictKind) == Literal("intervention")
    studies = URIRef(b + "derived/study-disagreement/kyphoplasty-trial/sham-trial")
    assert g.value(studies, KG.apparent) == Literal(True)
    assert (URIRef(b + "study/kyphoplasty-trial"), KG.disagreesWith, URIRef(b + "study/sham-trial")) not in g


def test_an_unblinded_industry_funded_trial_is_rated_down_for_bias_and_conflict_of_interest() -> None:
    b, g = derived("unblinded-industry")
    assessment = g.value(URIRef(b + "claim/pain-relief"), KG.certainty)
    assert g.value(assessment, KG.startingLevel) == KG.HighCertainty
    assert g.value(assessment, KG.certaintyLevel) == KG.LowCertainty
    steps = {str(g.value(d, KG.rule)): d for d in g.objects(assessment, KG.downgrade)}
    assert set(steps) == {"risk-of-bias-no-blinding", "conflict-of-interest"}
    assert all(g.value(d, KG.levelChange) == Literal(-1) for d in steps.values())
    assert g.value(steps["risk-of-bias-no-blinding"], KG.ratingDomain) == Literal("risk of bias")
    assert "patients were not blinded and there was no sham control, for an outcome they judge themselves (back pain)" in text(g, steps["risk-of-bias-no-blinding"])
    assert "funded by Device Maker Inc, who stand to gain from a favourable result" in text(g, steps["conflict-of-interest"])
    assert "(down 1, moderate to low)" in text(g, steps["conflict-of-interest"])


def test_citing_a_work_that_does_not_address_the_claim_or_goes_against_it() -> None:
    b, g = derived("citation")
    unaddressed = URIRef(b + "derived/citation/clinic-immediate-relief/study/height-study")
    assert g.value(unaddressed, KG.fidelity) == Literal("does-not-address")
    assert g.value(unaddressed, KG.statement) == URIRef(b + "statement/clinic-immediate-relief")
    assert g.value(unaddressed, KG.citedWork) == URIRef(b + "study/height-study")
    assert "none of the recorded findings of The height study address \u201ckyphoplasty relieves pain immediately\u201d" in text(g, unaddressed)
    against = URIRef(b + "derived/citation/clinic-no-new-fractures/study/fracture-study")
    assert g.value(against, KG.fidelity) == Literal("goes-against")
    assert "The fracture study contradicts at 24 months" in text(g, against)


def test_three_sources_echoing_one_study_are_one_line_of_evidence() -> None:
    b, g = derived("echo")
    pain = URIRef(b + "claim/pain-relief")
    (line,) = set(g.subjects(KG.claim, pain)) & set(g.subjects(RDF.type, KG.EvidenceLine))
    assert line == URIRef(b + "derived/claim/pain-relief/line/the-trial")
    assert set(g.objects(line, KG.member)) == {URIRef(b + f"source/{s}") for s in ("summary", "blog", "page")}
    assert g.value(line, KG.tracesTo) == URIRef(b + "study/the-trial")
    assert g.value(line, KG.sourceCount) == Literal(3)
    assert g.value(g.value(pain, KG.consensus), KG.independentLines) == Literal(1)
    reasons = text(g, line)
    assert "3 sources state this claim and their support all traces back to The trial: they count as one line of evidence" in reasons
    assert "A blog reposting the summary: reproduces A journal summary of the trial, which cites The trial" in reasons
    assert "A web page citing the summary: cites A journal summary of the trial, which reports on The trial" in reasons


@pytest.mark.parametrize("name", sorted(p.name for p in RULES.iterdir()))
def test_every_rule_fixture_is_a_valid_corpus_with_a_derived_layer(name: str) -> None:
    _, g = derived(name)
    assert len(g) > 20
