"""Every named query: its header, and its exact answer on a fixture built for it and on the bundled corpus.

The fixture in tests/fixtures/queries is small enough that each answer can be
worked out by hand from its YAML; the comments say how. It is queried twice:
as asserted only (pipeline.assemble), where the queries fall back to the
claims' own findings, and as built (with the derived layer), where the
answers that depend on that layer are checked against kgraph.infer's own
conclusions rather than written out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import FIXTURES, Asker, records_of, select_rows
from rdflib import URIRef

from kgraph import pipeline, resources
from kgraph.corpus.ontology import load_ontology
from kgraph.query.named import named_queries, read_query
from kgraph.query.results import shorten as shorten_term
from kgraph.rdf.convert import from_rdflib
from kgraph.rdf.namespaces import KG

QUERIES = named_queries()


def shorten(term, base: str = "") -> str:
    """An rdflib term of the build, shown as the query table shows the same term."""
    return shorten_term(None if term is None else from_rdflib(term), base)
FIXTURE = FIXTURES / "queries"


@pytest.fixture(scope="module")
def asserted() -> Asker:
    built = pipeline.assemble(FIXTURE)
    return Asker(built.store, built.corpus.base)


@pytest.fixture(scope="module")
def fixture_build():
    return pipeline.build(FIXTURE)


@pytest.fixture(scope="module")
def derived(fixture_build) -> Asker:
    built, _ = fixture_build
    return Asker(built.store, built.corpus.base)


@pytest.fixture(scope="module")
def corpus_build():
    return pipeline.build(resources.default_corpus())


@pytest.fixture(scope="module")
def corpus(corpus_build) -> Asker:
    built, _ = corpus_build
    return Asker(built.store, built.corpus.base)


# ---------------------------------------------------------------- headers


def test_there_is_a_named_query_for_each_question_and_more() -> None:
    assert len(QUERIES) >= 12


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_named_query_has_a_complete_header(name: str) -> None:
    query = read_query(QUERIES[name], name)
    assert query.header.fields == {"Question", "Parameters", "Returns"}
    assert "?" in query.header.question
    assert len(query.header.returns) > 20
    for parameter in query.header.parameters:
        assert re.search(rf"[?$]{parameter.name}\b", query.text), f"{parameter.name} is not a variable of {name}"
        assert parameter.example


# Questions whose honest answer on the bundled corpus is "none"; each has its exact test below.
EMPTY_ON_CORPUS = {"contested-claims", "standard/contested-claims"}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_named_query_answers_its_example_on_the_corpus(corpus: Asker, name: str) -> None:
    query = read_query(QUERIES[name], name)
    rows = corpus.rows(name, **{p.name: p.example for p in query.header.parameters})
    if name in EMPTY_ON_CORPUS:
        assert rows == []
    else:
        assert rows, f"{name} with its example parameters found nothing on the bundled corpus"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_named_queries_are_portable_sparql(name: str) -> None:
    """Declared prefixes only, and no functions outside SPARQL 1.1 (no rdflib or vendor extensions)."""
    text = "\n".join(line for line in QUERIES[name].read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#"))
    declared = set(re.findall(r"PREFIX\s+(\w*):", text))
    used = set(re.findall(r"(?<![\w<\"'])([A-Za-z]\w*):[A-Za-z]", text)) - {"http", "https"}
    assert used <= declared
    assert not re.search(r"<(?:java:|urn:rdflib|http://www.w3.org/2005/xpath-functions)", text)


def test_the_readme_lists_every_named_query() -> None:
    readme = (resources.queries_dir() / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z/-]+)\.rq` \|", readme, flags=re.MULTILINE))
    assert listed == set(QUERIES)


def test_the_standard_terms_query_uses_only_the_interoperability_vocabularies() -> None:
    text = QUERIES["standard/claims-with-sources-and-evidence"].read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    assert set(re.findall(r"PREFIX\s+(\w+):", body)) == {"cito", "dcterms", "rdfs", "schema"}
    assert "kg:" not in body


# ---------------------------------------------------------------- the fixture, asserted only


def test_contested_claims_fixture(asserted: Asker) -> None:
    # kp-pain-short: trial A supports it (a-pain-1m), X's report contradicts it (x-pain-2w).
    # No other claim has both a supporting and a contradicting finding of its own.
    assert asserted.rows("contested-claims") == [("claim/kp-pain-short", "kyphoplasty relieves pain at one month", "1", "1", "")]


def test_apparent_conflicts_fixture(asserted: Asker) -> None:
    # Evidence for kp-pain-short (trial A, 1 month) against kp-pain-long (trial A, 12 months):
    # same PICO, other time frame and time point. Against vp-pain-sham (trial B, no time):
    # vertebroplasty (both under augmentation), a sham comparator, time frame `any`.
    assert asserted.rows("apparent-conflicts") == [
        ("claim/kp-pain-short", "claim/kp-pain-long", "1", "1", "true", "true", "false", "false", "false"),
        ("claim/kp-pain-short", "claim/vp-pain-sham", "1", "1", "true", "false", "true", "true", "false"),
    ]


def test_weakly_supported_claims_fixture(asserted: Asker) -> None:
    # vp-no-leakage is the one claim supported by a randomised, blinded, publicly funded trial.
    assert asserted.rows("weakly-supported-claims") == [
        ("claim/kp-pain-long", "kyphoplasty relieves pain at one year", "1", "0", "0", "0", "0", "0", "no supporting finding", ""),
        ("claim/kp-safe", "kyphoplasty is safe", "0", "0", "0", "0", "0", "0", "no evidence", ""),
        ("claim/odd-words", "a claim with odd words", "0", "0", "0", "0", "0", "0", "no evidence", ""),
        (
            "claim/vp-pain-sham", "vertebroplasty relieves pain better than a sham", "1", "0", "0", "0", "0", "0",
            "no supporting finding", "",
        ),
        (
            "claim/kp-leakage", "cement can leak after kyphoplasty", "1", "1", "0", "0", "0", "1",
            "only patient reports; no randomised or sham-controlled support; no blinded support", "",
        ),
        (
            "claim/kp-pain-short", "kyphoplasty relieves pain at one month", "2", "1", "1", "0", "1", "0",
            "no blinded support; only support with a conflict of interest", "",
        ),
    ]


def test_uncited_claims_fixture(asserted: Asker) -> None:
    # The clinic's two uncited statements; X's leak statement is X's own finding, the
    # summary and the blog cite, the denials do not make a claim.
    assert asserted.rows("uncited-claims") == [
        ("source/clinic", "claim/kp-pain-short", "kg:Asserts", "statement/clinic-pain",
         "Kyphoplasty relieves your back pain within weeks."),
        ("source/clinic", "claim/kp-safe", "kg:Asserts", "statement/clinic-safe", "Kyphoplasty is completely safe."),
    ]


def test_citation_fidelity_fixture(asserted: Asker) -> None:
    # Both one-year statements cite trial B, which has findings only on vertebroplasty claims.
    assert asserted.rows("citation-fidelity") == [
        ("source/echo", "claim/kp-pain-long", "study/trial-b", "unchecked", "statement/echo-pain-long", "[2]", ""),
        ("source/summary", "claim/kp-pain-long", "study/trial-b", "unchecked", "statement/summary-pain-long", "[2]", ""),
    ]


def test_outcome_over_time_fixture(asserted: Asker) -> None:
    # b-pain and x-pain-2w name no outcome and count by their claims'; b-pain has no months, so first.
    assert asserted.column("outcome-over-time", "finding", outcome="pain") == [
        "finding/b-pain", "finding/x-pain-2w", "finding/a-pain-1m", "finding/a-pain-12m",
    ]
    assert asserted.column("outcome-over-time", "months", outcome="pain") == ["", "0.5", "1", "12"]  # Oxigraph writes decimals canonical
    # Leakage is narrower than harms.
    assert asserted.column("outcome-over-time", "finding", outcome="harms") == ["finding/x-leak-2w", "finding/b-leakage-6m"]


def test_conflicts_of_interest_fixture(asserted: Asker) -> None:
    assert asserted.rows("conflicts-of-interest") == [
        ("source/clinic", "Kyphoplasty at our clinic", "source", "kg:ProvidesProcedure", ""),
        ("study/trial-a", "Trial A", "study", "kg:Industry", "Device Co"),
        ("study/trial-a", "Trial A", "study", "kg:funderHasStake", "Device Co"),
    ]


def test_claims_resting_on_conflicted_studies_fixture(asserted: Asker) -> None:
    # kp-pain-short's only support is trial A (industry); kp-leakage's is X, vp-no-leakage's trial B.
    assert asserted.rows("claims-resting-on-conflicted-studies") == [
        ("claim/kp-pain-short", "kyphoplasty relieves pain at one month", "study/trial-a", "kg:Industry", "Device Co"),
    ]


def test_patient_reports_vs_trials_fixture(asserted: Asker) -> None:
    assert [(r[0], r[-1]) for r in asserted.rows("patient-reports-vs-trials", outcome="pain")] == [
        ("patient report", "finding/x-pain-2w"),
        ("trial", "finding/b-pain"),
        ("trial", "finding/a-pain-1m"),
        ("trial", "finding/a-pain-12m"),
    ]


def test_source_agreement_fixture(asserted: Asker) -> None:
    # X denies kp-pain-short, which the clinic, the blog and the summary assert or report;
    # the blog and the summary also agree on kp-pain-long.
    assert asserted.rows("source-agreement") == [
        ("source/clinic", "source/comment-x", "0", "1"),
        ("source/clinic", "source/echo", "1", "0"),
        ("source/clinic", "source/summary", "1", "0"),
        ("source/comment-x", "source/echo", "0", "1"),
        ("source/comment-x", "source/summary", "0", "1"),
        ("source/echo", "source/summary", "2", "0"),
    ]


def test_source_independence_fixture(asserted: Asker) -> None:
    # The blog reproduces the clinic's page, which also states kp-pain-short; both
    # statements of kp-pain-long cite trial B alone.
    assert asserted.rows("source-independence") == [
        ("claim/kp-pain-short", "kyphoplasty relieves pain at one month", "3", "1", "2", "", "2"),
        ("claim/kp-pain-long", "kyphoplasty relieves pain at one year", "2", "0", "1", "study/trial-b", "1"),
    ]


def test_harms_fixture(asserted: Asker) -> None:
    assert [(r[0], r[4], r[5]) for r in asserted.rows("harms")] == [
        ("claim/kp-leakage", "kg:Supports", "study/patient-x"),
        ("claim/kp-safe", "", ""),
        ("claim/vp-no-leakage", "kg:Supports", "study/trial-b"),
    ]


def test_claim_appearances_fixture(asserted: Asker) -> None:
    rows = asserted.rows("claim-appearances", claim="kp-pain-short")
    assert [(r[0], r[2], r[3], r[6]) for r in rows] == [
        ("source/clinic", "statement", "kg:Asserts", "statement/clinic-pain"),
        ("source/clinic", "statement", "kg:Asserts", "statement/clinic-pain-cites"),
        ("source/comment-x", "finding", "kg:Contradicts", "finding/x-pain-2w"),
        ("source/comment-x", "statement", "kg:Denies", "statement/x-pain"),
        ("source/echo", "statement", "kg:Asserts", "statement/echo-pain"),
        ("source/summary", "finding", "kg:Supports", "finding/a-pain-1m"),
        ("source/summary", "statement", "kg:Reports", "statement/summary-pain-short"),
    ]
    quotes = {r[6]: r[4] for r in rows}
    assert quotes["statement/x-pain"] == "Two weeks on, my back hurts as much as before."
    assert {r[6]: r[5] for r in rows}["statement/clinic-pain-cites"] == "[1]"


def test_claims_about_treatment_fixture(asserted: Asker) -> None:
    rows = asserted.rows("claims-about-treatment", treatment="kyphoplasty")
    assert [(r[0], r[3], r[5]) for r in rows] == [
        ("claim/kp-leakage", "source/comment-x", "kg:Asserts"),
        ("claim/kp-pain-long", "source/echo", "kg:Asserts"),
        ("claim/kp-pain-long", "source/summary", "kg:Reports"),
        ("claim/kp-pain-short", "source/clinic", "kg:Asserts"),
        ("claim/kp-pain-short", "source/comment-x", "kg:Denies"),
        ("claim/kp-pain-short", "source/echo", "kg:Asserts"),
        ("claim/kp-pain-short", "source/summary", "kg:Reports"),
        ("claim/kp-safe", "source/clinic", "kg:Asserts"),
    ]
    # Augmentation is broader than both kyphoplasty and vertebroplasty; vp-no-leakage has no source.
    wider = asserted.rows("claims-about-treatment", treatment="augmentation")
    assert sorted({r[0] for r in wider}) == [
        "claim/kp-leakage", "claim/kp-pain-long", "claim/kp-pain-short", "claim/kp-safe", "claim/vp-no-leakage", "claim/vp-pain-sham",
    ]
    assert ("claim/vp-no-leakage", "") in [(r[0], r[3]) for r in wider]


def _links_in_kgraphs_terms(asker: Asker) -> set[tuple[str, str, str]]:
    """(claim, link, work) as kgraph's own terms say them: a source asserting the claim, a study whose finding is counted for it."""
    cito = {"kg:Supports": "cito:supports", "kg:Contradicts": "cito:disputes", "kg:Mixed": "cito:qualifies", "kg:Inconclusive": "cito:discusses"}
    store = asker.store.store
    asserts = store.query("PREFIX kg: <https://w3id.org/kgraph/ns#> SELECT ?c ?s WHERE { ?st kg:claim ?c ; kg:statedIn ?s ; kg:mode kg:Asserts }", use_default_graph_as_union=True)
    counted = store.query("PREFIX kg: <https://w3id.org/kgraph/ns#> SELECT ?c ?e ?s WHERE { ?i kg:claim ?c ; kg:counted true ; kg:evidenceStance ?e ; kg:finding/kg:study ?s }", use_default_graph_as_union=True)
    return {(shorten_term(c, asker.base), "schema:appearance", shorten_term(s, asker.base)) for c, s in asserts} | {
        (shorten_term(c, asker.base), cito[shorten_term(e)], shorten_term(s, asker.base)) for c, e, s in counted
    }


@pytest.mark.parametrize("which", ["fixture", "corpus"])
def test_claims_with_sources_and_evidence_are_kgraphs_links(derived: Asker, corpus: Asker, which: str) -> None:
    asker = derived if which == "fixture" else corpus
    rows = asker.rows("standard/claims-with-sources-and-evidence")
    assert {(r[0], r[2], r[3]) for r in rows if r[2]} == _links_in_kgraphs_terms(asker)
    claims = {r[0] for r in rows}
    assert {r[0] for r in rows if not r[2]} == claims - {c for c, _, _ in _links_in_kgraphs_terms(asker)}


def test_find_claims_fixture(asserted: Asker) -> None:
    assert asserted.column("find-claims", "claim", words="PAIN") == ["claim/kp-pain-long", "claim/kp-pain-short", "claim/vp-pain-sham"]


def test_evidence_for_claim_fixture(asserted: Asker) -> None:
    rows = asserted.rows("evidence-for-claim", claim="kp-pain-short")
    assert [(r[0], r[1], r[2], r[4], r[5], r[7], r[15]) for r in rows] == [
        ("kg:Supports", "study/trial-a", "kg:RandomisedControlledTrial", "true", "false", "kg:Industry", "finding/a-pain-1m"),
        ("kg:Contradicts", "study/patient-x", "kg:PatientReport", "false", "false", "kg:NoFunding", "finding/x-pain-2w"),
    ]
    assert rows[1][10] == "not reported"  # X's report gives no population


@pytest.mark.parametrize(
    "name",
    ["apparent-conflicts", "uncited-claims", "outcome-over-time", "conflicts-of-interest", "patient-reports-vs-trials", "source-agreement",
     "source-independence", "harms", "claim-appearances", "claims-about-treatment", "find-claims"],
)
def test_the_derived_layer_does_not_change_the_asserted_answers(asserted: Asker, derived: Asker, name: str) -> None:
    query = read_query(QUERIES[name], name)
    values = {"claim": "kp-pain-short", "treatment": "kyphoplasty", "outcome": "pain", "words": "pain"}
    chosen = {p.name: values[p.name] for p in query.header.parameters}
    assert derived.rows(name, **chosen) == asserted.rows(name, **chosen)


# ---------------------------------------------------------------- agreement with the derived layer


@pytest.fixture(scope="module")
def conflict_build():
    return pipeline.build(FIXTURES / "rules" / "real-conflict")


def test_contested_claims_derived_fixture(derived: Asker) -> None:
    # kp-pain-short: X's report cannot compare kyphoplasty with usual care, so the derived
    # layer sets it aside and trial A's support stands alone: nothing is contested.
    assert derived.rows("contested-claims") == []


def test_contested_claims_on_a_real_conflict(conflict_build) -> None:
    # Two blinded trials of one question at one time point disagree; nothing explains it.
    built, _ = conflict_build
    asker = Asker(built.store, built.corpus.base)
    assert asker.rows("contested-claims") == [
        ("claim/pain-relief", "kyphoplasty relieves pain better than usual care at 1 month", "1", "1", "contested"),
    ]


def test_contested_claims_on_the_corpus(corpus: Asker) -> None:
    # Every disagreement in the corpus is explained (a sham against an open comparator, another
    # time point, another intervention or population) or rests on findings set aside.
    assert corpus.rows("contested-claims") == []


def test_the_asserted_fallback_never_counts_a_draft() -> None:
    # Trial A supports pain-relief; trial B (a draft study) and a draft finding of trial A
    # contradict it: without the derived layer, only reviewed findings are weighed.
    built = pipeline.assemble(FIXTURES / "rules" / "draft")
    asker = Asker(built.store, built.corpus.base)
    assert asker.rows("contested-claims") == []


def test_weakly_supported_claims_derived_fixture(derived: Asker) -> None:
    # The derived layer counts the findings that bear on each claim, less those set aside:
    # kp-pain-short keeps trial A and trial B's sham result (indirect), not X's report;
    # vp-pain-sham gains trial A's kyphoplasty findings (indirect) beside trial B's own;
    # kp-safe gains trial B's leakage result, blinded support, and is no longer weak.
    rows = derived.rows("weakly-supported-claims")
    assert [r[0] for r in rows] == ["claim/kp-pain-long", "claim/odd-words", "claim/kp-leakage", "claim/kp-pain-short", "claim/vp-pain-sham"]
    assert {r[0]: (r[2], r[3], r[8], r[9]) for r in rows} == {
        "claim/kp-pain-long": ("2", "0", "no supporting finding", "kg:ModerateCertainty"),
        "claim/odd-words": ("0", "0", "no evidence", "kg:VeryLowCertainty"),
        "claim/kp-leakage": ("1", "1", "only patient reports; no randomised or sham-controlled support; no blinded support", "kg:VeryLowCertainty"),
        "claim/kp-pain-short": ("2", "1", "no blinded support; only support with a conflict of interest", "kg:LowCertainty"),
        "claim/vp-pain-sham": ("3", "1", "no blinded support; only support with a conflict of interest", "kg:ModerateCertainty"),
    }


def test_claims_resting_on_conflicted_studies_derived_fixture(derived: Asker) -> None:
    # Trial A (industry) is the only support counted for kp-pain-short, and, indirectly, for vp-pain-sham.
    assert derived.rows("claims-resting-on-conflicted-studies") == [
        ("claim/kp-pain-short", "kyphoplasty relieves pain at one month", "study/trial-a", "kg:Industry", "Device Co"),
        ("claim/vp-pain-sham", "vertebroplasty relieves pain better than a sham", "study/trial-a", "kg:Industry", "Device Co"),
    ]


def test_evidence_for_claim_says_what_is_set_aside_derived_fixture(derived: Asker) -> None:
    rows = derived.rows("evidence-for-claim", claim="kp-pain-short")
    assert [(r[0], r[1], r[15], r[17], r[18], r[20]) for r in rows] == [
        ("kg:Supports", "study/trial-a", "finding/a-pain-1m", "true", "false", ""),
        ("kg:Contradicts", "study/trial-b", "finding/b-pain", "true", "true", ""),
        ("kg:Contradicts", "study/patient-x", "finding/x-pain-2w", "false", "true", "not-comparative"),
        ("kg:Contradicts", "study/trial-a", "finding/a-pain-12m", "false", "false", "other-time-point"),
    ]


def test_claims_resting_on_conflicted_studies_on_the_corpus(corpus: Asker) -> None:
    # FREE (Medtronic) is the only support counted for its claims at 1 month, its harms, and the
    # claims about long-term evidence that its inconclusive 12-month findings bear out.
    assert corpus.column("claims-resting-on-conflicted-studies", "claim") == [
        "claim/bkp-adverse-events-similar", "claim/bkp-low-risk", "claim/bkp-perioperative-complications",
        "claim/bkp-short-term-quality-of-life", "claim/bkp-short-term-restricted-activity",
        "claim/few-data-long-term-safety-efficacy", "claim/more-long-term-data-needed",
    ]
    assert set(corpus.column("claims-resting-on-conflicted-studies", "study")) == {"study/free-trial"}


@pytest.mark.parametrize("which", ["fixture", "corpus", "conflict"])
def test_contested_claims_are_the_ones_kgraph_evidence_calls_contested(which: str, request) -> None:
    from kgraph.infer.report import claim_report

    built, summary = request.getfixturevalue(f"{which}_build")
    asker = Asker(built.store, built.corpus.base)
    found = {built.corpus.base + claim for claim in asker.column("contested-claims", "claim")}
    said = {str(claim) for claim in summary.inference.evidence.claims if claim_report(summary.inference, claim)["contested"]}
    assert found == said
    assert set(asker.column("contested-claims", "verdict")) <= {"contested"}


def test_kgraph_evidence_agrees_on_the_contested_claim(conflict_build) -> None:
    import json

    from helpers import run_cli

    built, _ = conflict_build
    (claim,) = Asker(built.store, built.corpus.base).column("contested-claims", "claim")
    shown = run_cli("evidence", claim.removeprefix("claim/"), FIXTURES / "rules" / "real-conflict", "-f", "json")
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)["contested"] is True


def test_evidence_for_claim_lists_the_derived_evidence_items(corpus_build, corpus: Asker) -> None:
    built, summary = corpus_build
    claim = URIRef(built.corpus.base + "claim/bkp-relieves-back-pain")
    stances = load_ontology().members(KG.Stance)
    expected = sorted((shorten(i.finding.iri, corpus.base), shorten(stances[i.stance])) for i in summary.inference.items[claim])
    rows = corpus.rows("evidence-for-claim", claim="bkp-relieves-back-pain")
    assert sorted((r[15], r[0]) for r in rows) == expected
    assert len(rows) > 3  # findings on other claims bear on it too


def test_weakly_supported_claims_carry_the_derived_certainty(corpus_build, corpus: Asker) -> None:
    built, summary = corpus_build
    levels = load_ontology().members(KG.CertaintyLevel)
    result = select_rows(corpus.result("weakly-supported-claims"))
    assert len(result) > 0
    for row in result:
        assert row["certainty"] == levels[summary.inference.assessments[row["claim"]].level]
        supporting = [i for i in summary.inference.items[row["claim"]] if i.counted and i.stance == "supports"]
        assert int(row["supporting"]) == len(supporting)


def test_citation_fidelity_lists_the_derived_checks_that_are_not_faithful(corpus_build, corpus: Asker) -> None:
    built, summary = corpus_build
    expected = sorted(
        (shorten(c.statement.iri, corpus.base), shorten(c.work, corpus.base), c.fidelity)
        for c in summary.inference.citations
        if c.fidelity != "faithful"
    )
    rows = corpus.rows("citation-fidelity")
    assert sorted((r[4], r[2], r[3]) for r in rows) == expected


# ---------------------------------------------------------------- the bundled corpus


def test_claims_with_sources_and_evidence_on_the_mini_fixture(mini_dir: Path) -> None:
    built, _ = pipeline.build(mini_dir)
    # The summary only reports the claim (no schema:appearance); the trial's finding is counted for it.
    assert Asker(built.store, built.corpus.base).rows("standard/claims-with-sources-and-evidence") == [
        ("claim/pain-short-term", "kyphoplasty relieves pain at one month", "cito:supports", "study/trial-a",
         "A randomised trial of kyphoplasty"),
    ]


def test_apparent_conflicts_on_the_corpus(corpus: Asker) -> None:
    # The sham-controlled vertebroplasty trials contradict a vertebroplasty claim; CAFE,
    # FREE, Pflugmacher and LaCootina support kyphoplasty or augmentation claims about back pain.
    rows = corpus.rows("apparent-conflicts")
    pairs = {(r[0], r[1]) for r in rows}
    assert ("claim/augmentation-improves-pain", "claim/vertebroplasty-pain-relief-over-sham") in pairs
    assert ("claim/bkp-short-term-back-pain", "claim/bkp-relieves-back-pain") in pairs
    assert all(r[1] in ("claim/bkp-relieves-back-pain", "claim/vertebroplasty-pain-relief-over-sham") for r in rows)
    assert len(rows) == 9


def test_uncited_claims_on_the_corpus(corpus: Asker) -> None:
    rows = corpus.rows("uncited-claims")
    statements = {r[3] for r in rows}
    # The clinic's uncited promises are there; a statement citing FREE, or a patient
    # reporting her own experience, is not.
    assert {"statement/clinic-low-risk-option", "statement/clinic-reliable-low-risk", "statement/clinic-less-medication"} <= statements
    assert "statement/jw-1-month-back-pain" not in statements
    assert "statement/lacootina-would-recommend" not in statements
    assert len(rows) == 31


def test_outcome_over_time_on_the_corpus(corpus: Asker) -> None:
    months = corpus.column("outcome-over-time", "months", outcome="back-pain")
    # 13 findings on back pain; 5 give no months; the rest from immediately to 12 months.
    assert months == [""] * 5 + ["0", "0.5", "0.5", "0.75", "1", "1", "1", "12"]


def test_conflicts_of_interest_on_the_corpus(corpus: Asker) -> None:
    rows = corpus.rows("conflicts-of-interest")
    assert [(r[0], r[3]) for r in rows] == [
        ("source/clinic-kyphoplasty-page", "kg:ProvidesProcedure"),
        ("study/berenson-2011-cafe", "kg:Industry"),
        ("study/berenson-2011-cafe", "kg:funderHasStake"),
        ("study/free-trial", "kg:Industry"),
        ("study/free-trial", "kg:funderHasStake"),
    ]


def test_patient_reports_vs_trials_on_the_corpus(corpus: Asker) -> None:
    evidence = corpus.column("patient-reports-vs-trials", "evidence", outcome="back-pain")
    # Six findings from the three reader comments; five from the four trials.
    assert evidence == ["patient report"] * 6 + ["trial"] * 5


def test_source_agreement_on_the_corpus(corpus: Asker) -> None:
    rows = corpus.rows("source-agreement")
    # HurtingStill denies kyphoplasty relieves back pain, which the clinic and LaCootina assert.
    assert ("source/clinic-kyphoplasty-page", "source/comment-hurtingstill", "0", "1") in rows
    assert ("source/comment-hurtingstill", "source/comment-lacootina", "0", "1") in rows
    assert ("source/clinic-kyphoplasty-page", "source/pflugmacher-pobloth-abstract", "3", "0") in rows
    assert len(rows) == 12


def test_source_independence_on_the_corpus(corpus: Asker) -> None:
    rows = {r[0]: r for r in corpus.rows("source-independence")}
    # Four sources say kyphoplasty is an option for myeloma; Beth's comment is part of her
    # own blog post, which says it too; only the clinic cites anything for it.
    assert rows["claim/bkp-option-for-myeloma-vcf"][2:6] == ("4", "1", "1", "source/medlineplus-kyphoplasty")
    assert len(rows) == 6


def test_harms_on_the_corpus(corpus: Asker) -> None:
    claims = corpus.column("harms", "claim")
    assert claims == [
        "claim/bkp-adverse-events-similar", "claim/bkp-can-worsen-pain", "claim/bkp-cement-leakage-risk",
        "claim/bkp-low-risk", "claim/bkp-new-vertebral-fractures", "claim/bkp-perioperative-complications",
    ]


def test_claim_appearances_on_the_corpus(corpus: Asker) -> None:
    rows = corpus.rows("claim-appearances", claim="bkp-relieves-back-pain")
    # Three clinic statements, HurtingStill's denial and question and LaCootina's
    # recommendation; the three patients' findings.
    assert sorted(r[2] for r in rows) == ["finding"] * 3 + ["statement"] * 6
    question = ("source/comment-hurtingstill", "kg:Questions", "Is it too soon for me to judge? Can I expect less pain?")
    assert question in [(r[0], r[3], r[4]) for r in rows]


def test_claims_about_treatment_on_the_corpus(corpus: Asker, corpus_build) -> None:
    built, _ = corpus_build
    claims = set(corpus.column("claims-about-treatment", "claim", treatment="balloon-kyphoplasty"))
    # Every claim about kyphoplasty or vertebral augmentation; not vertebroplasty's or conservative care's.
    about = ("balloon-kyphoplasty", "vertebral-augmentation")
    expected = {f"claim/{c.id}" for c in records_of(built.corpus.path, "claim") if c.data.get("intervention") in about}
    assert claims == expected
    assert "claim/vertebroplasty-pain-relief-over-sham" not in claims


def test_find_claims_on_the_corpus(corpus: Asker) -> None:
    assert corpus.column("find-claims", "claim", words="Cement") == ["claim/bkp-cement-leakage-risk", "claim/cement-stabilises-vertebra"]


def test_the_asserted_fallback_on_the_corpus() -> None:
    """Without the derived layer, no corpus claim has a supporting and a contradicting finding of its own."""
    built = pipeline.assemble(resources.default_corpus())
    asker = Asker(built.store, built.corpus.base)
    assert asker.rows("contested-claims") == []
    assert asker.column("claims-resting-on-conflicted-studies", "claim") == [
        "claim/augmentation-improves-pain", "claim/bkp-adverse-events-similar", "claim/bkp-perioperative-complications",
        "claim/bkp-short-term-back-pain", "claim/bkp-short-term-function", "claim/bkp-short-term-quality-of-life",
        "claim/bkp-short-term-restricted-activity",
    ]

