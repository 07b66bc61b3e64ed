"""A generated evidence graph shaped like a curated one, for benchmarks and tests of large drawings.

Sources state claims, studies report findings on them and sources cite
studies; a few hub sources and studies take most of the links, as in real
corpora where many pages echo one trial, and a few outcomes most of the
claims. Certainty, contested claims (findings on both sides) and indirect
evidence are written as the derived layer writes them. The same size and
seed give the same graph.
"""

from __future__ import annotations

import random

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kgraph.rdf.convert import from_rdflib
from kgraph.rdf.namespaces import CITO, KG, OA, SCHEMA
from kgraph.rdf.terms import iri as named_node
from kgraph.viz.network import ontology_codes

BASE = "https://example.org/synthetic/"
SHARES = {"source": 0.2, "claim": 0.55, "study": 0.25}
STANCE_WEIGHTS = {"supports": 5, "contradicts": 3, "mixed": 1, "inconclusive": 1}
MONTHS = (0.25, 1, 3, 6, 12, 24)
OUTCOMES = 12


def _by_code() -> dict[str, URIRef]:
    return {c.code: term for term, c in ontology_codes().items()}


def synthetic_store(nodes: int, seed: int = 0) -> ox.Store:
    """An evidence graph of about ``nodes`` sources, claims and studies, in one named graph of a store."""
    rng = random.Random(seed)
    codes = _by_code()
    counts = {kind: max(1, round(nodes * share)) for kind, share in SHARES.items()}
    iris = {kind: [URIRef(f"{BASE}{kind}/{i}") for i in range(n)] for kind, n in counts.items()}
    hub_weights = {kind: [1 / (i + 1) ** 0.8 for i in range(n)] for kind, n in counts.items()}
    g = Graph()
    cls = {"source": KG.Source, "claim": KG.Claim, "study": KG.Study}
    for kind, members in iris.items():
        for i, iri in enumerate(members):
            g.add((iri, RDF.type, cls[kind]))
            g.add((iri, RDFS.label, Literal(f"{kind} {i}")))
    outcomes = [URIRef(f"{BASE}term/outcome-{i}") for i in range(OUTCOMES)]
    for i, term in enumerate(outcomes):
        g.add((term, RDF.type, SKOS.Concept))
        g.add((term, SKOS.prefLabel, Literal(f"outcome {i}")))
    levels = ["very-low", "low", "moderate", "high"]
    designs = ["randomised-controlled-trial", "sham-controlled-trial", "cohort-study", "case-series", "patient-report"]
    for i, claim in enumerate(iris["claim"]):
        g.add((claim, SCHEMA.text, Literal(f"Synthetic claim number {i}.")))
        g.add((claim, KG.outcome, rng.choices(outcomes, [1 / (k + 1) for k in range(OUTCOMES)])[0]))
        assessment = URIRef(f"{claim}#certainty")
        g.add((claim, KG.certainty, assessment))
        g.add((assessment, KG.certaintyLevel, codes[rng.choice(levels)]))
        for j, source in enumerate(set(rng.choices(iris["source"], hub_weights["source"], k=rng.randint(1, 3)))):
            statement = URIRef(f"{BASE}statement/{i}-{j}")
            g.add((statement, RDF.type, KG.Statement))
            g.add((statement, KG.statedIn, source))
            g.add((statement, KG.claim, claim))
            g.add((statement, KG.mode, codes["asserts"]))
        stances = set()
        for j, study in enumerate(rng.choices(iris["study"], hub_weights["study"], k=rng.randint(0, 3))):
            finding = URIRef(f"{BASE}finding/{i}-{j}")
            stance = rng.choices(list(STANCE_WEIGHTS), list(STANCE_WEIGHTS.values()))[0]
            stances.add(stance)
            months = rng.choice(MONTHS)
            g.add((finding, RDF.type, KG.Finding))
            g.add((finding, KG.study, study))
            g.add((finding, KG.claim, claim))
            g.add((finding, KG.stance, codes[stance]))
            g.add((finding, KG.timePoint, Literal(f"{months} months")))
            g.add((finding, KG.timePointMonths, Literal(str(months), datatype=XSD.decimal)))
            g.add((finding, KG.effect, Literal(f"effect {i}-{j}")))
            g.add((finding, KG.pValue, Literal(f"0.0{j + 1}")))
            anchor, selector = URIRef(f"{finding}#quote"), URIRef(f"{finding}#quote-selector")
            g.add((finding, KG.quote, anchor))
            g.add((anchor, OA.hasSelector, selector))
            g.add((selector, OA.exact, Literal(f"quote of finding {i}-{j}")))
            if rng.random() < 0.1:
                g.add((finding, KG.indirect, Literal(True)))
                g.add((finding, KG.reason, Literal("a different population")))
        if {"supports", "contradicts"} <= stances:
            g.add((claim, KG.contested, Literal(True)))
    for i, study in enumerate(iris["study"]):
        g.add((study, KG.design, codes[rng.choice(designs)]))
        g.add((study, KG.participants, Literal(rng.randint(10, 2000))))
        g.add((study, KG.blinded, Literal(rng.random() < 0.3)))
    for source in iris["source"]:
        for study in set(rng.choices(iris["study"], hub_weights["study"], k=rng.randint(0, 3))):
            g.add((source, CITO.cites, study))
    store, name = ox.Store(), ox.NamedNode(f"{BASE}graph/synthetic")
    store.bulk_extend(ox.Quad(named_node(str(s)), named_node(str(p)), from_rdflib(o), name) for s, p, o in g)
    return store
