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


def test_an_unblinded_industry_funded_trial_is_rated_down_once_for_bias_naming_the_sponsor() -> None:
    b, g = derived("unblinded-industry")
    assessment = g.value(URIRef(b + "claim/pain-relief"), KG.certainty)
    assert g.value(assessment, KG.startingLevel) == KG.HighCertainty
    assert g.value(assessment, KG.certaintyLevel) == KG.LowCertainty
    steps = {str(g.value(d, KG.rule)): d for d in g.objects(assessment, KG.downgrade)}
    assert set(steps) == {"risk-of-bias-no-blinding", "risk-of-bias-sponsor", "imprecision-few-participants"}
    changes = {rule: g.value(d, KG.levelChange) for rule, d in steps.items()}
    assert changes == {"risk-of-bias-no-blinding": Literal(-1), "risk-of-bias-sponsor": Literal(0), "imprecision-few-participants": Literal(-1)}
    assert {g.value(steps[r], KG.ratingDomain) for r in ("risk-of-bias-no-blinding", "risk-of-bias-sponsor")} == {Literal("risk of bias")}
    assert "patients were not blinded and there was no sham control, for an outcome they judge themselves (back pain)" in text(g, steps["risk-of-bias-no-blinding"])
    assert "funded by Device Maker Inc, who stand to gain from this result, which favours the treatment they sell" in text(g, steps["risk-of-bias-sponsor"])
    assert "(no further change: this domain is already rated down 1)" in text(g, steps["risk-of-bias-sponsor"])
    assert "(down 1, moderate to low): few participants: 200 in The device maker's trial (fewer than 400" in text(g, steps["imprecision-few-participants"])


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


def item(b: str, claim: str, finding: str) -> URIRef:
    return URIRef(b + f"derived/claim/{claim}/evidence/{finding}")


def level(g: Graph, b: str, claim: str) -> URIRef:
    return g.value(g.value(URIRef(b + f"claim/{claim}"), KG.certainty), KG.certaintyLevel)


def verdict(g: Graph, b: str, claim: str) -> str:
    return str(g.value(g.value(URIRef(b + f"claim/{claim}"), KG.consensus), KG.verdict))


def rules_applied(g: Graph, b: str, claim: str) -> dict[str, int]:
    assessment = g.value(URIRef(b + f"claim/{claim}"), KG.certainty)
    return {str(g.value(d, KG.rule)): int(g.value(d, KG.levelChange)) for d in g.objects(assessment, KG.downgrade)}


def test_one_study_gives_one_judgement_per_outcome_and_time_point() -> None:
    b, g = derived("duplicate")
    kept, twice = item(b, "pain-relief", "trial-no-relief"), item(b, "pain-relief", "trial-worse")
    assert (g.value(kept, KG.counted), g.value(kept, KG.setAside)) == (Literal(True), None)
    assert (g.value(twice, KG.counted), g.value(twice, KG.setAside)) == (Literal(False), Literal("duplicate"))
    assert g.value(twice, KG.evidenceStance) == KG.Contradicts
    assert "The trial gives one judgement on back pain at 1 month: trial-no-relief" in text(g, twice)
    assert (level(g, b, "pain-relief"), verdict(g, b, "pain-relief")) == (KG.HighCertainty, "contradicted")
    assert rules_applied(g, b, "pain-relief") == {}
    # Counted once for the claim and once for its opposite: one study against, not two.
    consensus = g.value(URIRef(b + "claim/pain-relief"), KG.consensus)
    assert g.value(consensus, KG.contestScore) == Literal(0)
    assert "0 studies count for it, 1 against it" in text(g, consensus)
    assert (level(g, b, "pain-worse"), verdict(g, b, "pain-worse")) == (KG.HighCertainty, "supported")


def test_a_control_groups_result_and_a_within_group_change_are_set_aside() -> None:
    b, g = derived("control-arm")
    control = item(b, "pain-relief", "pain-control-group")
    assert (g.value(control, KG.counted), g.value(control, KG.setAside)) == (Literal(False), Literal("control-arm"))
    assert "the result of The trial's control group (conservative care) alone, which says nothing about kyphoplasty" in text(g, control)
    assert (level(g, b, "pain-relief"), verdict(g, b, "pain-relief")) == (KG.HighCertainty, "supported")
    within = item(b, "height-gain", "height-kyphoplasty-group")
    assert g.value(within, KG.setAside) == Literal("not-comparative")
    assert "the change within The trial's kyphoplasty group alone, not a comparison with conservative care" in text(g, within)
    assert (level(g, b, "height-gain"), verdict(g, b, "height-gain")) == (KG.VeryLowCertainty, "no evidence")
    height = g.value(URIRef(b + "claim/height-gain"), KG.certainty)
    assert "no reviewed study finding is counted for this claim (1 set aside: 1 not comparative)" in text(g, height)


def test_a_patients_report_beside_a_trial_is_never_comparative_evidence_nor_a_real_conflict() -> None:
    b, g = derived("patient-report")
    against_care = item(b, "pain-against-usual-care", "patient-no-relief")
    assert g.value(against_care, KG.setAside) == Literal("not-comparative")
    assert "A patient's kyphoplasty (patient report) has no control group, so it cannot show a difference from usual care" in text(g, against_care)
    assert (level(g, b, "pain-against-usual-care"), verdict(g, b, "pain-against-usual-care")) == (KG.HighCertainty, "supported")
    plain = item(b, "pain-relief", "patient-no-relief")
    assert (g.value(plain, KG.counted), g.value(plain, KG.indirect)) == (Literal(True), Literal(True))
    assert "population not reported, not osteoporotic vertebral compression fracture (unknown)" in text(g, plain)
    assert (level(g, b, "pain-relief"), verdict(g, b, "pain-relief")) == (KG.HighCertainty, "supported")
    for claim in ("pain-against-usual-care", "pain-relief"):
        assert (URIRef(b + f"claim/{claim}"), KG.contested, Literal(False)) in g
    conflict = URIRef(b + "derived/conflict/patient-no-relief/trial-pain-1-month")
    assert (conflict, RDF.type, KG.ApparentConflict) in g
    assert g.value(conflict, KG.conflictKind) == Literal("comparator")
    assert "they differ in comparator: not reported against usual care; population: not reported against osteoporotic" in text(g, conflict)
    assert set(g.objects(conflict, KG.claim)) == {URIRef(b + "claim/pain-relief")}
    assert not list(g.subjects(RDF.type, KG.Conflict))


def test_an_unknown_comparator_is_indirect_for_a_claim_that_names_one() -> None:
    b, g = derived("unknown-comparator")
    assert (level(g, b, "pain-relief"), rules_applied(g, b, "pain-relief")) == (KG.HighCertainty, {})
    assert (level(g, b, "pain-against-usual-care"), rules_applied(g, b, "pain-against-usual-care")) == (KG.ModerateCertainty, {"indirectness": -1})
    node = item(b, "pain-against-usual-care", "trial-pain")
    assert g.value(node, KG.indirect) == Literal(True)
    assert {str(d) for d in g.objects(node, KG.differsIn)} == {"comparator"}
    assert "comparator not reported, not usual care (unknown)" in text(g, node)


def test_a_narrower_intervention_or_population_is_indirect_evidence_for_the_whole_class() -> None:
    b, g = derived("narrower")
    assert {c: level(g, b, c) for c in ("vertebroplasty-over-sham", "augmentation-over-sham", "kyphosis-myeloma", "kyphosis")} == {
        "vertebroplasty-over-sham": KG.HighCertainty,
        "augmentation-over-sham": KG.ModerateCertainty,
        "kyphosis-myeloma": KG.HighCertainty,
        "kyphosis": KG.ModerateCertainty,
    }
    augmentation = g.value(URIRef(b + "claim/augmentation-over-sham"), KG.certainty)
    assert (
        "indirectness (down 1, high to moderate): only indirect evidence: intervention vertebroplasty, not vertebral augmentation (narrower); "
        "population osteoporotic vertebral compression fracture, not vertebral compression fracture (narrower)"
    ) in text(g, augmentation)
    assert {str(d) for d in g.objects(item(b, "kyphosis", "myeloma-trial-kyphosis"), KG.differsIn)} == {"population"}


def test_a_single_inconclusive_trial_is_rated_down_for_imprecision() -> None:
    b, g = derived("inconclusive-trial")
    assert (level(g, b, "more-fractures"), verdict(g, b, "more-fractures")) == (KG.LowCertainty, "inconclusive")
    assert rules_applied(g, b, "more-fractures") == {"imprecision-no-clear-result": -1, "imprecision-single-trend": -1, "imprecision-rare-harms": 0}
    assessment = g.value(URIRef(b + "claim/more-fractures"), KG.certainty)
    assert "a single study's nonsignificant trend, compatible with no effect and with an appreciable one" in text(g, assessment)
    assert "300 participants in The trial: too few to see or exclude rare harms (new vertebral fractures; fewer than 1000)" in text(g, assessment)
    assert (level(g, b, "pain-12-months"), verdict(g, b, "pain-12-months")) == (KG.ModerateCertainty, "inconclusive")
    assert rules_applied(g, b, "pain-12-months") == {"imprecision-few-participants": -1, "imprecision-no-clear-result": 0}


def test_a_claim_about_the_evidence_is_checked_against_it_not_graded() -> None:
    b, g = derived("summary")
    expected = {
        "pain-over-sham": (KG.ModerateCertainty, "contradicted"),
        "sham-trials-show-no-benefit": (KG.ModerateCertainty, "borne out"),
        "trials-show-benefit": (KG.ModerateCertainty, "not borne out"),
        "too-thin-to-tell": (KG.ModerateCertainty, "not borne out"),
        "too-thin-on-both": (KG.VeryLowCertainty, "partly borne out"),
        "names-nothing": (KG.VeryLowCertainty, "unchecked"),
    }
    assert {c: (level(g, b, c), verdict(g, b, c)) for c in expected} == expected
    for claim in expected:
        assert rules_applied(g, b, claim) == ({"imprecision-no-clear-result": -1} if claim == "pain-over-sham" else {})
    # Linked to the findings it summarises, each with the stance it takes on what the claim says.
    stances = {c: {str(g.value(item(b, c, f), KG.evidenceStance)) for f in ("trial-a-pain", "trial-b-pain")} for c in expected if c != "names-nothing"}
    assert stances == {
        "pain-over-sham": {str(KG.Contradicts)},
        "sham-trials-show-no-benefit": {str(KG.Supports)},
        "trials-show-benefit": {str(KG.Contradicts)},
        "too-thin-to-tell": {str(KG.Mixed)},
        "too-thin-on-both": {str(KG.Mixed)},
    }
    summary = item(b, "sham-trials-show-no-benefit", "trial-a-pain")
    assert "so it supports this claim (this claim says the studies contradict \u201cvertebroplasty relieves pain better than a sham\u201d)" in text(g, summary)
    consensus = g.value(URIRef(b + "claim/sham-trials-show-no-benefit"), KG.consensus)
    assert "kgraph finds \u201cvertebroplasty relieves pain better than a sham\u201d contradicted at moderate certainty, which bears it out" in text(g, consensus)
    assessment = g.value(URIRef(b + "claim/sham-trials-show-no-benefit"), KG.certainty)
    assert "a claim about the evidence is not graded as an effect; it takes the certainty of the evidence it describes" in text(g, assessment)
    both = g.value(URIRef(b + "claim/too-thin-on-both"), KG.consensus)
    assert "\u201cvertebroplasty leaks no more than a sham\u201d no evidence at very-low certainty, which bears it out" in text(g, both)
    assert "contradicted at moderate certainty, which does not bear it out" in text(g, both)
    assert "it does not say what the evidence shows" in text(g, g.value(URIRef(b + "claim/names-nothing"), KG.consensus))
    assert not list(g.triples((None, KG.contested, Literal(True))))


def test_a_draft_is_shown_as_unreviewed_and_never_counted() -> None:
    b, g = derived("draft")
    reasons = {
        "a-pain-6-months": "the finding is a draft, not yet reviewed by a curator",
        "b-pain": "its study (Trial B) is a draft, not yet reviewed by a curator",
        "a-pain-2-weeks": "the claim it was recorded on (\u201ckyphoplasty relieves pain within weeks\u201d) is a draft",
    }
    for finding, why in reasons.items():
        node = item(b, "pain-relief", finding)
        assert (g.value(node, KG.counted), g.value(node, KG.setAside)) == (Literal(False), Literal("unreviewed"))
        assert why in text(g, node)
    assert (level(g, b, "pain-relief"), verdict(g, b, "pain-relief")) == (KG.HighCertainty, "supported")
    assert (URIRef(b + "claim/pain-relief"), KG.contested, Literal(False)) in g
    conflicts = set(g.subjects(RDF.type, KG.Conflict)) | set(g.subjects(RDF.type, KG.ApparentConflict))
    assert not set(g.subjects(KG.finding, URIRef(b + "finding/b-pain"))) & conflicts
    assert (level(g, b, "pain-relief-quickly"), verdict(g, b, "pain-relief-quickly")) == (KG.VeryLowCertainty, "no evidence")
    assert "this claim is a draft" in text(g, item(b, "pain-relief-quickly", "a-pain-1-month"))


def test_once_reviewed_the_drafts_count_and_the_claim_is_contested(tmp_path) -> None:
    import shutil

    copy = tmp_path / "draft"
    shutil.copytree(RULES / "draft", copy)
    for path in copy.rglob("*.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not line.strip().startswith(("status: draft", "review:", '- "'))]
        path.write_text("".join(kept), encoding="utf-8")
    built, _ = pipeline.build(copy)
    b = built.corpus.base
    g = dataset_of(built.store).graph(URIRef(b + "graph/derived"))
    assert (URIRef(b + "claim/pain-relief"), KG.contested, Literal(True)) in g
    assert (level(g, b, "pain-relief"), verdict(g, b, "pain-relief")) == (KG.ModerateCertainty, "contested")


def test_two_trials_of_one_question_that_disagree_are_a_real_conflict() -> None:
    b, g = derived("real-conflict")
    assert (level(g, b, "pain-relief"), verdict(g, b, "pain-relief")) == (KG.ModerateCertainty, "contested")
    assert rules_applied(g, b, "pain-relief") == {"inconsistency": -1}
    conflict = URIRef(b + "derived/conflict/a-pain/b-pain")
    assert set(g.objects(conflict, RDF.type)) == {KG.Conflict}
    assert (URIRef(b + "finding/a-pain"), KG.disagreesWith, URIRef(b + "finding/b-pain")) in g
    assessment = g.value(URIRef(b + "claim/pain-relief"), KG.certainty)
    assert "the strongest studies disagree, and no difference in time point, intervention, comparator or population explains it" in text(g, assessment)
