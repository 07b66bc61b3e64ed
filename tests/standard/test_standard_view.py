"""The standard view tells the same story as kgraph's own terms.

A client that knows only schema.org, Dublin Core, BIBO, CiTO, SEPIO, Web
Annotation, PROV, OWL-Time and SKOS asks the questions of queries/standard/
and gets the answers of the named queries in kgraph's terms; the graph meets
ontology/standard-shapes.ttl without kgraph's ontology; the JSON-LD export is
the TriG's dataset as a JSON-LD processor (pyld) reads it; every
nanopublication passes a nanopub library's own check.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import FIXTURES, Asker, need_program, run_cli
from rdflib import Graph

from kgraph import pipeline, resources
from kgraph.corpus.ontology import load_ontology
from kgraph.nanopub import nanopublications
from kgraph.rdf.prefixes import PREFIXES
from kgraph.rdf.serialize import serialize
from kgraph.shacl import Shapes

STANDARD_SHAPES = resources.ontology_dir() / "standard-shapes.ttl"
DIRECTION = {"obo:SEPIO_0000403": "kg:Supports", "obo:SEPIO_0000404": "kg:Contradicts", "obo:SEPIO_0000405": "kg:Inconclusive", "": "kg:Mixed"}
"""SEPIO's evidence direction as kgraph's stance; a mixed finding's line has no direction."""


@pytest.fixture(scope="module")
def corpus_build():
    built, _ = pipeline.build(resources.default_corpus())
    return built


@pytest.fixture(scope="module")
def corpus(corpus_build) -> Asker:
    return Asker(corpus_build.store, corpus_build.corpus.base)


@pytest.fixture(scope="module", params=["mini", "queries"])
def fixture_build(request):
    built, _ = pipeline.build(FIXTURES / request.param)
    return built


def ask(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    """A SELECT over the union of the named graphs, each term as its N-Triples text."""
    prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    return [tuple(str(t) for t in row) for row in store.query(prefixes + query, use_default_graph_as_union=True)]


def set_aside(store: ox.Store) -> set[tuple[str, str]]:
    """The (finding, claim) pairs of the evidence items the derived layer sets aside (kg:counted false)."""
    return set(ask(store, "SELECT ?f ?c WHERE { ?i a kg:EvidenceItem ; kg:finding ?f ; kg:claim ?c ; kg:counted false }"))


def counted_claims(corpus: Asker) -> list[str]:
    """The ids of the claims the derived layer counts any evidence for."""
    rows = ask(corpus.store.store, "SELECT DISTINCT ?claim WHERE { ?item kg:claim ?claim ; kg:counted true ; a kg:EvidenceItem }")
    return sorted(c.strip("<>").rsplit("/", 1)[-1] for (c,) in rows)


# ---------------------------------------------------------------- the named questions


@pytest.fixture(scope="module")
def conflict() -> Asker:
    """A corpus whose one claim has credible direct findings for and against it that really conflict."""
    built, _ = pipeline.build(FIXTURES / "rules" / "real-conflict")
    return Asker(built.store, built.corpus.base)


def test_contested_claims_are_the_same_in_both_vocabularies(corpus: Asker, conflict: Asker) -> None:
    kgraph = conflict.rows("contested-claims")
    assert [(c, s, d, v) for c, _, s, d, v in kgraph] == [("claim/pain-relief", "1", "1", "contested")]
    assert conflict.rows("standard/contested-claims") == kgraph
    # every disagreement in the bundled corpus is explained or set aside: both vocabularies say none is contested
    assert corpus.rows("standard/contested-claims") == corpus.rows("contested-claims") == []
    assert not ask(corpus.store.store, "SELECT ?c WHERE { ?r schema:itemReviewed ?c ; schema:reviewRating/schema:alternateName 'contested' }")


def test_contested_claims_agree_on_the_fixtures(fixture_build) -> None:
    asker = Asker(fixture_build.store, fixture_build.corpus.base)
    assert asker.rows("standard/contested-claims") == asker.rows("contested-claims")


def _designs(corpus: Asker) -> dict[str, set[str]]:
    """Each study's schema.org designs, as kgraph's design, randomisation and blinding say they must be."""
    matches = {str(k): str(v) for k, v in load_ontology().graph.query(
        "SELECT ?k ?v WHERE { ?k skos:exactMatch|skos:broadMatch ?v . FILTER(STRSTARTS(STR(?v), 'https://schema.org/')) }",
        initNs={"skos": "http://www.w3.org/2004/02/skos/core#"})}
    rows = ask(corpus.store.store, "SELECT ?s ?d ?r ?b WHERE { ?s a kg:Study . OPTIONAL { ?s kg:design ?d } OPTIONAL { ?s kg:randomised ?r } OPTIONAL { ?s kg:blinded ?b } }")
    designs: dict[str, set[str]] = {}
    for study, design, randomised, blinded in rows:
        expected = {matches[design.strip("<>")]} if design.strip("<>") in matches else set()
        if randomised.startswith('"true"'):
            expected.add("https://schema.org/RandomizedTrial")
            if blinded.startswith('"false"'):
                expected.add("https://schema.org/OpenTrial")
        designs[study.strip("<>").removeprefix(corpus.base)] = {"schema:" + d.removeprefix("https://schema.org/") for d in expected}
    return designs


def test_the_evidence_for_every_claim_is_the_same_in_both_vocabularies(corpus: Asker) -> None:
    designs = _designs(corpus)
    industry = {s.strip("<>").removeprefix(corpus.base) for (s,) in ask(corpus.store.store, "SELECT ?s WHERE { ?s kg:funding kg:Industry }")}
    claims = counted_claims(corpus)
    about_the_evidence = {c.strip("<>").rsplit("/", 1)[-1] for (c,) in ask(corpus.store.store, "SELECT ?c WHERE { ?c kg:claimType kg:EvidenceClaim }")}
    # 27 claims with findings of their own or bearing on them, and the 4 claims about the evidence, through the findings they summarise
    assert len(claims) == 31 and len(about_the_evidence & set(claims)) == 4
    for claim in claims:
        kgraph = {(r["stance"], r["study"], r["finding"], r["reportedBy"], r.get("timePoint", "-")) for r in _records(corpus, "evidence-for-claim", claim) if r["counted"] == "true"}
        standard = _records(corpus, "standard/evidence-for-claim", claim)
        assert {(DIRECTION[r.get("direction", "")], r["study"], r["finding"], r["source"], r.get("timePoint", "-")) for r in standard} == kgraph, claim
        for row in standard:
            assert {r.get("design") for r in standard if r["study"] == row["study"]} - {None} == designs[row["study"]], (claim, row["study"])
            assert (row.get("company") == "schema:Corporation") == (row["study"] in industry), (claim, row["study"])


def _records(asker: Asker, name: str, claim: str) -> list[dict[str, str]]:
    """A named query's rows for one claim, as dicts of short strings (an unbound variable left out)."""
    from kgraph.query.results import shorten

    answer = asker.result(name, claim=claim)
    names = [v.value for v in answer.variables]
    return [{n: shorten(term, asker.base) for n, term in zip(names, row) if term is not None} for row in answer]


def test_who_says_a_claim_in_which_words_is_the_same_in_both_vocabularies(corpus: Asker) -> None:
    for claim in counted_claims(corpus):
        kgraph = {(r[0], r[1], r[3], r[4]) for r in corpus.rows("claim-appearances", claim=claim) if r[2] == "statement" and r[4]}
        # the motivation is the corpus's <base>motivation/<mode code>, exactly kgraph's mode
        standard = {(r[0], r[1], "kg:" + r[2].removeprefix("motivation/").capitalize(), r[4]) for r in corpus.rows("standard/claim-appearances", claim=claim)}
        assert standard == kgraph, claim


def test_the_time_course_of_an_outcome_is_the_same_in_both_vocabularies(corpus: Asker) -> None:
    # the standard view has evidence lines only for what the derived layer counts: a finding it sets aside
    # for its own claim (a control arm) is no line, so it is not on the time course in standard terms
    aside = {(f.strip("<>").removeprefix(corpus.base), c.strip("<>").removeprefix(corpus.base)) for f, c in set_aside(corpus.store.store)}
    dropped = set()
    for outcome in ("back-pain", "physical-function", "adverse-events", "quality-of-life"):
        kgraph = [r[:3] + r[3:5] + r[8:] for r in corpus.rows("outcome-over-time", outcome=outcome)]
        standard = [(m, t, DIRECTION[d], c, s, f) for m, t, d, c, s, f in corpus.rows("standard/outcome-over-time", outcome=outcome)]
        assert sorted(standard) == sorted(r for r in kgraph if (r[5], r[3]) not in aside), outcome
        assert standard, outcome
        dropped |= {r[5] for r in kgraph if (r[5], r[3]) in aside}
    assert dropped == {"finding/pflugmacher-conservative-no-change"}


def test_standard_queries_use_only_standard_vocabularies() -> None:
    from kgraph.query.named import named_queries

    standard = {n: p for n, p in named_queries().items() if n.startswith("standard/")}
    assert set(standard) == {f"standard/{n}" for n in ("contested-claims", "evidence-for-claim", "claim-appearances", "outcome-over-time", "claims-with-sources-and-evidence")}
    for path in standard.values():
        assert "w3id.org/kgraph/ns#" not in path.read_text(encoding="utf-8"), path


# ---------------------------------------------------------------- CiTO and SEPIO from the derived layer


def test_cito_links_are_exactly_what_the_derived_layer_counts(corpus_build) -> None:
    store = corpus_build.store
    counted = set(ask(store, """SELECT ?study ?p ?claim WHERE {
        VALUES (?stance ?p) { (kg:Supports cito:supports) (kg:Contradicts cito:disputes) (kg:Mixed cito:qualifies) (kg:Inconclusive cito:discusses) }
        ?item a kg:EvidenceItem ; kg:claim ?claim ; kg:finding ?f ; kg:evidenceStance ?stance ; kg:counted true . ?f kg:study ?study }"""))
    cito = set(ask(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(?p IN (cito:supports, cito:disputes, cito:qualifies, cito:discusses)) }"))
    assert cito == counted
    claims = {c for _, _, c in cito}
    both = {c for c in claims if any(p.endswith("supports>") and o == c for _, p, o in cito) and any(p.endswith("disputes>") and o == c for _, p, o in cito)}
    assert len(claims) == 31 and len(both) == 8
    assert "<https://w3id.org/kgraph/kyphoplasty/claim/bkp-relieves-back-pain>" in both


def test_every_counted_item_is_a_sepio_evidence_line(corpus_build) -> None:
    store = corpus_build.store
    counted = ask(store, "SELECT ?i WHERE { ?i a kg:EvidenceItem ; kg:counted true }")
    lines = ask(store, "SELECT ?i WHERE { ?c obo:SEPIO_0000006 ?i . ?i a obo:SEPIO_0000002 ; obo:SEPIO_0000084 ?f ; obo:SEPIO_0000085 ?s ; obo:SEPIO_0000124 ?r }")
    assert sorted(lines) == sorted(counted) and len(counted) == 99
    aside = ask(store, "SELECT ?i WHERE { ?i a kg:EvidenceItem ; kg:counted false ; kg:setAside ?why }")
    assert len(aside) == 52
    assert not ask(store, "SELECT ?i WHERE { ?i a kg:EvidenceItem ; kg:counted false . { ?i a obo:SEPIO_0000002 } UNION { ?i obo:SEPIO_0000183 ?d } UNION { ?c obo:SEPIO_0000006 ?i } }")


def test_a_claim_is_never_cited(corpus_build) -> None:
    assert not ask(corpus_build.store, "SELECT ?s WHERE { ?s cito:cites|cito:citesAsEvidence ?c . ?c a schema:Claim }")
    assert not ask(corpus_build.store, "SELECT ?s WHERE { ?s cito:cites|cito:citesAsEvidence ?c . ?c a schema:MedicalStudy }")


def test_a_claim_appears_only_where_its_source_asserts_it(corpus_build) -> None:
    store = corpus_build.store
    appearances = set(ask(store, "SELECT ?c ?s WHERE { ?c schema:appearance ?s }"))
    asserted = set(ask(store, "SELECT ?c ?s WHERE { ?st kg:claim ?c ; kg:statedIn ?s ; kg:mode kg:Asserts }"))
    assert appearances == asserted and len(asserted) > 20


def test_no_study_is_a_journal_issue_and_every_agent_is_an_iri(corpus_build) -> None:
    store = corpus_build.store
    assert not ask(store, "SELECT ?s WHERE { ?s a kg:Study ; bibo:issue|bibo:doi|bibo:pages|bibo:volume ?v }")
    assert not ask(store, "SELECT ?w WHERE { ?w dcterms:creator|dcterms:publisher ?a . FILTER(isLiteral(?a)) }")
    articles = ask(store, "SELECT ?a ?doi WHERE { ?a a schema:MedicalScholarlyArticle ; schema:sameAs ?doi }")
    assert len(articles) >= 5 and all(doi.startswith("<https://doi.org/10.") for _, doi in articles)


def test_every_named_graph_says_who_made_it_when_and_with_which_rules(corpus_build) -> None:
    store, base = corpus_build.store, corpus_build.corpus.base
    graphs = {g.value for g in store.named_graphs()}
    described = dict(ask(store, "SELECT ?g ?t WHERE { GRAPH ?g { ?g prov:wasAttributedTo ?who ; prov:generatedAtTime ?t } }"))
    assert {g.strip("<>") for g in described} == graphs
    assert set(described.values()) == {'"2024-12-20T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>'}
    rules = resources.ontology_dir() / "evidence-rules.yaml"
    ((who, version),) = ask(store, f"SELECT ?who ?v WHERE {{ GRAPH <{base}graph/derived> {{ ?g prov:wasAttributedTo ?who ; prov:wasGeneratedBy/prov:used/schema:version ?v }} }}")
    assert who == "<https://w3id.org/kgraph/ns#Kgraph>"
    assert version == f'"sha256:{hashlib.sha256(rules.read_bytes()).hexdigest()}"'


# ---------------------------------------------------------------- the shapes of the standard view


def test_the_standard_view_meets_its_shapes_without_kgraphs_ontology(corpus_build) -> None:
    shapes = Shapes(Graph().parse(STANDARD_SHAPES))
    assert shapes.validate(corpus_build.store) == []


def test_the_fixtures_meet_the_standard_shapes(fixture_build) -> None:
    assert Shapes(Graph().parse(STANDARD_SHAPES)).validate(fixture_build.store) == []


def test_the_standard_shapes_catch_a_literal_creator_and_a_cited_claim(corpus_build) -> None:
    store = ox.Store()
    store.extend(corpus_build.store)
    claim = ox.NamedNode(corpus_build.corpus.base + "claim/bkp-low-risk")
    g = ox.NamedNode(corpus_build.corpus.base + "graph/catalogue")
    work = ox.NamedNode(corpus_build.corpus.base + "source/clinic-kyphoplasty-page")
    store.add(ox.Quad(work, ox.NamedNode(PREFIXES["dcterms"] + "creator"), ox.Literal("A. Writer"), g))
    store.add(ox.Quad(work, ox.NamedNode(PREFIXES["cito"] + "cites"), claim, g))
    violations = Shapes(Graph().parse(STANDARD_SHAPES)).validate(store)
    assert {v.focus for v in violations} == {'"A. Writer"', claim.value}
    assert {"Creator", "CitedWork"} <= {v.shape.rsplit("#", 1)[-1] for v in violations}


# ---------------------------------------------------------------- JSON-LD


def test_jsonld_has_a_context_compact_keys_types_and_named_graphs(corpus_build) -> None:
    doc = json.loads(serialize(corpus_build.store, "jsonld"))
    assert doc["@context"] == PREFIXES
    graphs = {g["@id"] for g in doc["@graph"]}
    assert graphs == {g.value for g in corpus_build.store.named_graphs()}
    nodes = [n for g in doc["@graph"] for n in g["@graph"]]
    assert any(set(n.get("@type", [])) == {"kg:Claim", "obo:SEPIO_0000000", "schema:Claim"} for n in nodes if n["@id"].endswith("/claim/bkp-low-risk"))
    keys = {k for n in nodes for k in n}
    assert keys and not [k for k in keys if k.startswith("http")], "every key is compact"
    assert {"schema:appearance", "obo:SEPIO_0000084", "oa:hasTarget", "prov:wasAttributedTo"} <= keys


def test_pyld_reads_the_jsonld_as_the_trig_dataset(corpus_build) -> None:
    pyld = pytest.importorskip("pyld.jsonld")
    doc = json.loads(serialize(corpus_build.store, "jsonld"))
    expanded = pyld.expand(doc)
    assert all(not k.startswith("schema:") for g in expanded for n in g.get("@graph", []) for k in n)
    nquads = pyld.to_rdf(doc, {"format": "application/n-quads"})
    from_jsonld = set(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    from_trig = set(ox.parse(serialize(corpus_build.store, "trig"), format=ox.RdfFormat.TRIG))
    assert from_jsonld == from_trig


# ---------------------------------------------------------------- nanopublications


@pytest.fixture(scope="module")
def nanopub_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nanopubs")
    result = run_cli("export", "-f", "nanopub", "-o", out)
    assert result.exit_code == 0, result.stderr
    return out


def test_one_nanopublication_per_statement_and_finding(nanopub_dir: Path, corpus_build) -> None:
    files = sorted(p.name for p in nanopub_dir.glob("*.trig"))
    statements = ask(corpus_build.store, "SELECT ?s WHERE { ?s a kg:Statement }")
    findings = ask(corpus_build.store, "SELECT ?f WHERE { ?f a kg:Finding }")
    assert len(files) == len(statements) + len(findings) == 100
    assert sum(f.startswith("statement-") for f in files) == len(statements)


def test_every_nanopublication_passes_the_nanopub_librarys_check(nanopub_dir: Path) -> None:
    nanopub_sign = pytest.importorskip("nanopub_sign")
    for path in sorted(nanopub_dir.glob("*.trig")):
        info = nanopub_sign.Nanopub(path.read_text(encoding="utf-8")).check().info()
        assert info["trusty_hash"].startswith("RA") and info["uri"]["value"].endswith(info["trusty_hash"]), path.name


def test_a_changed_nanopublication_fails_the_check(nanopub_dir: Path) -> None:
    nanopub_sign = pytest.importorskip("nanopub_sign")
    text = (nanopub_dir / "finding-free-1-month-back-pain.trig").read_text(encoding="utf-8")
    with pytest.raises(Exception, match="(?i)trusty|hash"):
        nanopub_sign.Nanopub(text.replace("significantly greater improvement", "no improvement")).check()


def test_a_nanopublication_carries_its_quote_source_and_doi(nanopub_dir: Path) -> None:
    dataset = ox.Store()
    dataset.load(path=str(nanopub_dir / "finding-free-1-month-back-pain.trig"), format=ox.RdfFormat.TRIG)
    (np_iri, assertion, provenance, pubinfo) = ask(dataset, "SELECT ?np ?a ?p ?i WHERE { ?np np:hasAssertion ?a ; np:hasProvenance ?p ; np:hasPublicationInfo ?i }")[0]
    in_provenance = ask(dataset, f"SELECT ?exact ?source ?doi WHERE {{ GRAPH {provenance} {{ ?x prov:wasQuotedFrom ?source ; prov:wasDerivedFrom ?q . ?q oa:hasSelector/oa:exact ?exact . ?art bibo:doi ?doi }} }}")
    assert in_provenance == [('"When the groups were compared after 1 month of follow-up, kyphoplasty patients had significantly greater improvements in global quality of life, back pain, and function"',
                              "<https://w3id.org/kgraph/kyphoplasty/source/journal-watch-free-summary>", '"10.1016/S0140-6736(09)60010-6"')]
    assert ask(dataset, f"SELECT ?s WHERE {{ GRAPH {assertion} {{ ?s kg:stance kg:Supports }} }}")
    assert ask(dataset, f"SELECT ?t WHERE {{ GRAPH {pubinfo} {{ {np_iri} prov:generatedAtTime ?t }} }}")


def test_nanopublications_are_the_same_bytes_for_the_same_data(corpus_build, nanopub_dir: Path) -> None:
    for nanopub in nanopublications(corpus_build)[:10]:
        assert (nanopub_dir / f"{nanopub.name}.trig").read_bytes() == nanopub.trig()


def test_nanopub_export_needs_a_folder() -> None:
    result = run_cli("export", "-f", "nanopub")
    assert result.exit_code == 1 and "-o DIR" in result.stderr


# ---------------------------------------------------------------- rapper reads every export


@pytest.mark.parametrize("fmt,syntax", [("turtle", "turtle"), ("nt", "ntriples"), ("trig", "trig"), ("nquads", "nquads")])
def test_rapper_reads_every_export(corpus_build, tmp_path: Path, fmt: str, syntax: str) -> None:
    rapper = need_program("rapper")
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(serialize(corpus_build.store, fmt))
    result = subprocess.run([rapper, "-c", "-i", syntax, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_rapper_reads_every_nanopublication(nanopub_dir: Path) -> None:
    rapper = need_program("rapper")
    for path in sorted(nanopub_dir.glob("*.trig")):
        result = subprocess.run([rapper, "-c", "-i", "trig", str(path)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, (path.name, result.stderr)


# ---------------------------------------------------------------- controlled terms


def test_concept_schemes_are_exported_and_mesh_matches_say_how_they_relate(corpus_build) -> None:
    store = corpus_build.store
    schemes = ask(store, "SELECT ?s ?label WHERE { ?s a skos:ConceptScheme ; skos:prefLabel ?label }")
    assert {s for s, _ in schemes} == {f"<{PREFIXES['kg']}{n}Scheme>" for n in ("Intervention", "Outcome", "Population")}
    assert ask(store, "SELECT ?t WHERE { ?t skos:topConceptOf kg:InterventionScheme }")
    mesh = "http://id.nlm.nih.gov/mesh/"
    matches = set(ask(store, "SELECT ?t ?p ?m WHERE { ?t ?p ?m . FILTER(?p IN (skos:exactMatch, skos:closeMatch, skos:broadMatch) && STRSTARTS(STR(?m), STR(mesh:))) }"))
    term = f"<{corpus_build.corpus.base}term/"
    assert (term + "cancer>", f"<{PREFIXES['skos']}closeMatch>", f"<{mesh}D009369>") in matches
    assert (term + "osteoporotic-vcf>", f"<{PREFIXES['skos']}broadMatch>", f"<{mesh}D058866>") in matches
    core = {(t, p, m) for t, p, m in matches if t in {term + n + ">" for n in ("balloon-kyphoplasty", "vertebroplasty", "vcf")}}
    assert core == {(term + "balloon-kyphoplasty>", f"<{PREFIXES['skos']}closeMatch>", f"<{mesh}D058498>"),
                    (term + "vertebroplasty>", f"<{PREFIXES['skos']}closeMatch>", f"<{mesh}D054854>"),
                    (term + "vcf>", f"<{PREFIXES['skos']}broadMatch>", f"<{mesh}D016103>"),
                    (term + "vcf>", f"<{PREFIXES['skos']}broadMatch>", f"<{mesh}D050815>")}
    assert all(ask(store, f"SELECT ?f WHERE {{ {t} kg:factsFrom ?f }}") for t, _, _ in matches)


def test_a_mesh_mapping_without_facts_from_is_refused(mini_copy: Path) -> None:
    terms = mini_copy / "terms.yaml"
    terms.write_text(terms.read_text(encoding="utf-8").replace("    scheme: outcome\n", "    scheme: outcome\n    mesh_close:\n      - D001416\n", 1), encoding="utf-8")
    result = run_cli("validate", mini_copy)
    assert result.exit_code == 1
    assert "must say in facts_from which MeSH record" in result.stderr and "terms.yaml:" in result.stderr


def test_the_readme_example_is_the_standard_contested_claims_query(corpus: Asker, conflict: Asker) -> None:
    readme = (resources.root() / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("A client that knows only the standard vocabularies") :]
    example = section[section.index("```sparql") + len("```sparql") : section.index("```", section.index("```sparql") + 9)]

    def answers(asker: Asker) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
        rows = [tuple(str(t.value) for t in row) for row in asker.store.store.query(example, use_default_graph_as_union=True)]
        expected = [(asker.base + claim, supporting, contradicting) for claim, _, supporting, contradicting, _ in asker.rows("standard/contested-claims")]
        return sorted(rows), sorted(expected)

    rows, expected = answers(conflict)
    assert rows == expected == [(conflict.base + "claim/pain-relief", "1", "1")]
    rows, expected = answers(corpus)
    assert rows == expected == []
