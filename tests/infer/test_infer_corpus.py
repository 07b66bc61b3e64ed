"""The derived layer on the bundled kyphoplasty corpus: one test per conclusion the issue asks for, reasons included."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import dataset_of, run_kgraph
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from kgraph import pipeline
from kgraph.corpus.ontology import load_ontology
from kgraph.infer.report import claim_report
from kgraph.rdf.namespaces import KG, SCHEMA
from kgraph.rdf.serialize import serialize
from kgraph.validate import compiled_shapes

B = "https://w3id.org/kgraph/kyphoplasty/"
DERIVED = URIRef(B + "graph/derived")
PAIN_CLAIMS = ("bkp-short-term-back-pain", "bkp-relieves-back-pain", "bkp-immediate-pain-relief")
SHAM_FINDINGS = ("invest-no-benefit-over-sham-vertebroplasty-pain", "buchbinder-no-benefit-over-sham-vertebroplasty-pain")


def claim(cid: str) -> URIRef:
    return URIRef(B + f"claim/{cid}")


def finding(fid: str) -> URIRef:
    return URIRef(B + f"finding/{fid}")


def item(cid: str, fid: str) -> URIRef:
    return URIRef(B + f"derived/claim/{cid}/evidence/{fid}")


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path):
    return pipeline.build(corpus_dir)


@pytest.fixture(scope="module")
def derived(corpus) -> Graph:
    built, _ = corpus
    return dataset_of(built.store).graph(DERIVED)


def reasons(graph: Graph, node: URIRef) -> str:
    return " | ".join(sorted(str(r) for r in graph.objects(node, KG.reason)))


def certainty(graph: Graph, cid: str) -> tuple[URIRef, URIRef]:
    assessment = graph.value(claim(cid), KG.certainty)
    return assessment, graph.value(assessment, KG.certaintyLevel)


def test_short_term_pain_relief_is_supported_by_unblinded_manufacturer_funded_randomised_evidence(derived: Graph) -> None:
    assessment, level = certainty(derived, "bkp-short-term-back-pain")
    consensus = derived.value(claim("bkp-short-term-back-pain"), KG.consensus)
    assert derived.value(consensus, KG.verdict) == Literal("supported")
    assert (claim("bkp-short-term-back-pain"), KG.contested, Literal(False)) in derived
    assert derived.value(assessment, KG.startingLevel) == KG.HighCertainty
    assert level == KG.LowCertainty
    steps = {str(derived.value(d, KG.rule)): reasons(derived, d) for d in derived.objects(assessment, KG.downgrade)}
    assert set(steps) == {"risk-of-bias-no-blinding", "conflict-of-interest"}
    assert "not blinded and there was no sham control" in steps["risk-of-bias-no-blinding"]
    assert "funded by Medtronic Spine LLC" in steps["conflict-of-interest"]
    assert "FREE trial (Wardlaw et al., Lancet 2009): a randomised controlled trial" in reasons(derived, assessment)
    assert finding("free-1-month-back-pain") in set(derived.objects(assessment, PROV.wasDerivedFrom))


def test_benefit_narrowing_by_12_months_is_a_time_point_difference_not_a_contradiction(derived: Graph) -> None:
    node = URIRef(B + "derived/conflict/free-1-month-back-pain/free-12-month-back-pain")
    assert (node, RDF.type, KG.ApparentConflict) in derived
    assert (node, RDF.type, KG.Conflict) not in derived
    assert derived.value(node, KG.conflictKind) == Literal("time-point")
    assert set(derived.objects(node, KG.finding)) == {finding("free-1-month-back-pain"), finding("free-12-month-back-pain")}
    assert "they differ in time point: 1 month (short-term) against 12 months (long-term)" in reasons(derived, node)
    assert (finding("free-1-month-back-pain"), KG.disagreesWith, finding("free-12-month-back-pain")) not in derived
    later = item("bkp-short-term-back-pain", "free-12-month-back-pain")
    assert derived.value(later, KG.counted) == Literal(False)
    assert derived.value(later, KG.differsIn) == Literal("time-point")
    assert "outside short-term (0 to 3 months)" in reasons(derived, later)


@pytest.mark.parametrize("cid", PAIN_CLAIMS)
@pytest.mark.parametrize("fid", SHAM_FINDINGS)
def test_sham_controlled_trials_count_against_pain_relief_only_indirectly(corpus, derived: Graph, cid: str, fid: str) -> None:
    built, _ = corpus
    node = item(cid, fid)
    assert derived.value(node, KG.evidenceStance) == KG.Contradicts
    assert derived.value(node, KG.indirect) == Literal(True)
    assert Literal("intervention") in set(derived.objects(node, KG.differsIn))
    assert "intervention vertebroplasty, not balloon kyphoplasty" in reasons(derived, node)
    study = dataset_of(built.store).value(finding(fid), KG.study)
    assert dataset_of(built.store).value(study, KG.shamControlled) == Literal(True)
    assert dataset_of(built.store).value(finding(fid), KG.reportedBy) == URIRef(B + "source/parmar-resnick-chapter")
    assert (claim(cid), KG.contested, Literal(False)) in derived
    assert "is indirect evidence (intervention vertebroplasty, not balloon kyphoplasty" in reasons(derived, derived.value(claim(cid), KG.consensus))


def test_vertebral_height_rests_on_one_study_not_reported_as_randomised_at_low_certainty_or_below(corpus, derived: Graph) -> None:
    built, summary = corpus
    assessment, level = certainty(derived, "bkp-restores-vertebral-height")
    assert int(load_ontology().graph.value(level, KG.rank)) <= 2
    grounds = set(derived.objects(assessment, PROV.wasDerivedFrom))
    assert {dataset_of(built.store).value(f, KG.study) for f in grounds} == {URIRef(B + "study/pflugmacher-2009-myeloma-study")}
    assert (URIRef(B + "study/pflugmacher-2009-myeloma-study"), KG.notReported, KG.randomised) in dataset_of(built.store)
    text = reasons(derived, assessment)
    assert "a non randomised controlled study (randomised and blinded not reported)" in text
    assert "starts at low" in text


def test_low_risk_claim_is_qualified_by_the_trials_complications_and_fracture_trend(corpus, derived: Graph) -> None:
    built, _ = corpus
    low_risk = claim("bkp-low-risk")
    assert (low_risk, SCHEMA.appearance, URIRef(B + "source/clinic-kyphoplasty-page")) in dataset_of(built.store)
    consensus = derived.value(low_risk, KG.consensus)
    assert derived.value(consensus, KG.verdict) == Literal("qualified")
    for fid in ("free-perioperative-complications", "free-new-vertebral-fractures"):
        assert derived.value(item("bkp-low-risk", fid), KG.evidenceStance) == KG.Mixed
        assert "a harm found, or a trend towards one, qualifies a claim of safety" in reasons(derived, item("bkp-low-risk", fid))
    text = reasons(derived, consensus)
    assert "Qualifying it: FREE trial (Wardlaw et al., Lancet 2009) (12 months): nonsignificant trend toward more new vertebral fractures" in text
    assert "two reversible perioperative complications" in text


def test_patient_reports_are_on_both_sides_at_the_lowest_level(corpus) -> None:
    _, summary = corpus
    report = claim_report(summary.inference, claim("bkp-relieves-back-pain"))
    patients = {
        side: {row["study"] for row in report[side] if row["design"] == "patient-report" and row["starting_level"] == "very-low"}
        for side in ("supporting", "contradicting")
    }
    assert patients == {"supporting": {"lacootina-experience"}, "contradicting": {"hurtingstill-experience", "teresa-experience"}}
    assert "HurtingStill's kyphoplasty (patient report) is a patient report, at the lowest level" in report["consensus_reason"]
    assert not report["contested"]


def test_every_claim_has_one_certainty_and_one_contested_flag(corpus, derived: Graph) -> None:
    built, _ = corpus
    claims = set(dataset_of(built.store).subjects(RDF.type, KG.Claim))
    assert len(claims) == 42
    for c in claims:
        assert len(list(derived.objects(c, KG.contested))) == 1
        (assessment,) = derived.objects(c, KG.certainty)
        assert (assessment, RDF.type, KG.CertaintyAssessment) in derived
        assert str(derived.value(assessment, KG.reason) or "")


def test_every_derived_node_has_a_reason_and_what_it_rests_on(derived: Graph) -> None:
    nodes = {s for s in derived.subjects(RDF.type, None) if str(s).startswith(B + "derived/")}
    assert len(nodes) > 300
    for node in nodes:
        assert list(derived.objects(node, KG.reason)), node
        assert list(derived.objects(node, PROV.wasDerivedFrom)), node


def test_derived_layer_conforms_to_the_shapes(corpus) -> None:
    built, _ = corpus
    ontology = load_ontology()
    assert compiled_shapes(ontology).validate(built.store, ontology.graph) == []


def test_trig_keeps_the_derived_layer_in_its_own_graph(corpus) -> None:
    built, _ = corpus
    back = Dataset()
    back.parse(data=serialize(built.store, "trig"), format="trig")
    derived = back.graph(DERIVED)
    assert (claim("bkp-low-risk"), KG.contested, Literal(False)) in derived
    for graph in back.graphs():
        if graph.identifier != DERIVED:
            assert not list(graph.triples((None, KG.contested, None))), graph.identifier
            assert not list(graph.triples((None, RDF.type, KG.EvidenceItem))), graph.identifier


def test_sources_echoing_the_free_trial_are_one_line_of_evidence(derived: Graph) -> None:
    line = URIRef(B + "derived/claim/bkp-short-term-back-pain/line/free-trial")
    assert set(derived.objects(line, KG.member)) == {URIRef(B + "source/journal-watch-free-summary"), URIRef(B + "source/myeloma-blog-post")}
    assert derived.value(line, KG.tracesTo) == URIRef(B + "study/free-trial")
    assert "2 sources state this claim and their support all traces back to FREE trial" in reasons(derived, line)
    assert derived.value(derived.value(claim("bkp-short-term-back-pain"), KG.consensus), KG.independentLines) == Literal(1)


def test_a_patient_who_denies_what_the_clinic_asserts_disagrees_with_it(derived: Graph) -> None:
    clinic, patient = URIRef(B + "source/clinic-kyphoplasty-page"), URIRef(B + "source/comment-hurtingstill")
    node = URIRef(B + "derived/source-disagreement/clinic-kyphoplasty-page/comment-hurtingstill")
    assert (node, RDF.type, KG.Disagreement) in derived
    assert (clinic, KG.disagreesWith, patient) in derived
    assert "denies it (\u201cI have not noticed much if any improvement" in reasons(derived, node)


def test_networkx_ranks_contested_claims_and_the_studies_carrying_most_claims(corpus, derived: Graph) -> None:
    _, summary = corpus
    inference = summary.inference
    top = max(inference.contest, key=lambda c: (inference.contest[c][0], str(c)))
    assert inference.contest[top][0] >= 2
    assert inference.consensus[claim("augmentation-beneficial-with-selection")].contested
    first_study = next(iter(inference.carried))
    assert first_study == URIRef(B + "study/free-trial")
    assert len(inference.carried[first_study]) >= 10
    assert derived.value(first_study, KG.claimsCarried) == Literal(len(inference.carried[first_study]))
    score = derived.value(derived.value(top, KG.consensus), KG.contestScore)
    assert score == Literal(inference.contest[top][0])


def test_patients_whose_pain_was_not_relieved_form_a_cluster_of_their_own(derived: Graph) -> None:
    node = URIRef(B + "derived/source-cluster/comment-hurtingstill")
    assert set(derived.objects(node, KG.member)) == {URIRef(B + "source/comment-hurtingstill"), URIRef(B + "source/comment-teresa")}
    assert "kyphoplasty relieves back pain" in reasons(derived, node)


def test_the_derived_layer_is_byte_identical_across_processes(tmp_path: Path) -> None:
    """networkx communities and Python sets must not leak hash order into the output."""
    outputs = set()
    for seed in ("1", "2"):
        result = run_kgraph("build", "-o", tmp_path / seed, env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr.decode()
        outputs.add((tmp_path / seed / "kgraph.trig").read_bytes())
    assert len(outputs) == 1
