"""Records to graph on the mini fixture: the triples, the standard terms, the outputs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from helpers import dataset_of, merged, run_cli, run_kgraph
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from kgraph import pipeline
from kgraph.rdf.namespaces import BIBO, CITO, KG, OA, SCHEMA
from kgraph.rdf.serialize import FORMATS, serialize

B = "https://example.org/mini/"
RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nquads": "nquads"}
"""rdflib's name for each export format: rdflib, not the library that wrote them, reads them back."""


@pytest.fixture(scope="module")
def mini(mini_dir: Path):
    built, summary = pipeline.build(mini_dir)
    return built, summary


def test_summary_counts(mini) -> None:
    _, summary = mini
    assert {k: v for k, v in summary.counts.items() if k != "quads"} == {
        "sources": 1, "claims": 1, "studies": 1, "statements": 1, "findings": 1,
    }
    assert summary.counts["quads"] == len(mini[0].store) > 50


def test_records_become_the_expected_triples(mini) -> None:
    built, _ = mini
    g = merged(built.store)
    study, claim = URIRef(B + "study/trial-a"), URIRef(B + "claim/pain-short-term")
    finding, source = URIRef(B + "finding/trial-a-pain-1m"), URIRef(B + "source/summary")
    assert (study, KG.participants, Literal(100)) in g
    assert (study, KG.blinded, Literal(False)) in g
    assert (study, KG.notReported, KG.prospective) in g
    assert (study, KG.notReported, KG.funder) in g
    assert (study, DCTERMS.issued, Literal("2009", datatype=XSD.gYear)) in g
    assert (study, KG.arm, URIRef(B + "study/trial-a/arm/kp")) in g
    assert (URIRef(B + "study/trial-a/arm/kp"), KG.participants, Literal(50)) in g
    assert (finding, KG.stance, KG.Supports) in g
    assert (finding, KG.timePointMonths, Literal("1", datatype=XSD.decimal)) in g
    assert (source, RDF.type, KG.JournalSummary) in g
    assert (source, DCTERMS.issued, Literal("2009-04-07", datatype=XSD.date)) in g
    assert (URIRef(B + "term/back-pain"), SKOS.inScheme, KG.OutcomeScheme) in g
    assert (claim, KG.timeFrame, KG.ShortTerm) in g


def test_standard_terms_are_materialised(mini) -> None:
    """A client that knows only schema.org, CiTO, PROV, OA and SKOS can read the graph."""
    built, _ = mini
    g = merged(built.store)
    study, claim = URIRef(B + "study/trial-a"), URIRef(B + "claim/pain-short-term")
    source, statement = URIRef(B + "source/summary"), URIRef(B + "statement/summary-pain")
    assert (claim, RDF.type, SCHEMA.Claim) in g
    assert (claim, SCHEMA.appearance, source) in g
    assert (study, RDF.type, SCHEMA.MedicalStudy) in g
    assert (study, RDF.type, SCHEMA.MedicalTrial) in g
    assert (study, CITO.supports, claim) in g
    assert (study, BIBO.doi, Literal("10.1000/example.1")) in g
    assert (source, RDF.type, SCHEMA.CreativeWork) in g
    assert (source, CITO.citesAsEvidence, study) in g
    assert (source, CITO.cites, study) in g
    assert (statement, PROV.wasDerivedFrom, source) in g
    quote = g.value(statement, KG.quote)
    assert (quote, RDF.type, OA.SpecificResource) in g and (quote, OA.hasSource, source) in g
    selector = g.value(quote, OA.hasSelector)
    assert (selector, RDF.type, OA.TextQuoteSelector) in g
    assert g.value(selector, OA.exact) == Literal("patients had less back pain at 1 month")
    assert (URIRef(B + "term/back-pain"), RDF.type, SKOS.Concept) in g


def test_named_graphs_separate_sources_from_the_catalogue(mini) -> None:
    built, _ = mini
    names = {g.identifier for g in dataset_of(built.store).graphs() if len(g)}
    assert {URIRef(B + "graph/catalogue"), URIRef(B + "graph/source/summary")} <= names
    source_graph = dataset_of(built.store).graph(URIRef(B + "graph/source/summary"))
    assert (URIRef(B + "finding/trial-a-pain-1m"), KG.stance, KG.Supports) in source_graph
    assert (URIRef(B + "study/trial-a"), KG.participants, Literal(100)) not in source_graph


def test_no_blank_nodes(mini) -> None:
    built, _ = mini
    from rdflib import BNode

    assert not any(isinstance(t, BNode) for q in dataset_of(built.store).quads((None, None, None, None)) for t in q[:3])


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_parses_back_isomorphic(mini, fmt: str) -> None:
    built, _ = mini
    data = serialize(built.store, fmt)
    rdflib_format = RDFLIB_FORMATS[fmt]
    if fmt in ("trig", "nquads"):
        back = Dataset()
        back.parse(data=data, format=rdflib_format)
        graphs = [g for g in dataset_of(built.store).graphs() if len(g)]
        assert {g.identifier for g in back.graphs() if len(g)} == {g.identifier for g in graphs}
        for graph in graphs:
            assert isomorphic(back.graph(graph.identifier), graph), graph.identifier
    else:
        back = Graph().parse(data=data, format=rdflib_format)
        assert isomorphic(back, merged(built.store))


def test_build_is_byte_identical_across_processes(mini_dir: Path, tmp_path: Path) -> None:
    """Different hash seeds change set order in Python; the output must not change."""
    digests = set()
    for seed in ("1", "2", "3"):
        out = tmp_path / seed
        result = run_kgraph("build", mini_dir, "-o", out, env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr.decode()
        digests.add(tuple(hashlib.sha256((out / n).read_bytes()).hexdigest() for n in ("kgraph.ttl", "kgraph.trig")))
    assert len(digests) == 1


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld", "trig"])
def test_export_command_writes_stdout_or_file(mini_dir: Path, tmp_path: Path, fmt: str) -> None:
    result = run_cli("export", "-f", fmt, mini_dir)
    assert result.exit_code == 0
    target = tmp_path / f"out.{fmt}"
    assert run_cli("export", "-f", fmt, "-o", target, mini_dir).exit_code == 0
    assert target.read_bytes() == result.stdout_bytes


def test_a_draft_record_validates_and_carries_its_review_notes(mini_copy: Path) -> None:
    """`status: draft` and `review:` are part of every record kind, so that ingest's drafts build."""
    claims = mini_copy / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(
        text.replace("    claim_type: effect", '    claim_type: effect\n    status: draft\n    review: ["direction: cue reduces"]', 1),
        encoding="utf-8",
    )
    built, _ = pipeline.build(mini_copy)
    g = merged(built.store)
    claim = URIRef(B + "claim/pain-short-term")
    assert set(g.subjects(KG.reviewStatus, KG.Draft)) == {claim}
    assert set(g.objects(claim, KG.reviewNote)) == {Literal("direction: cue reduces")}
