"""The derived evidence layer: agreement, conflict, certainty and citation checks, from the rules table.

:func:`infer` reads the asserted graph and returns every conclusion as
Python objects, each with its reasons; :mod:`kgraph.infer.derive` writes them
as triples in their own named graph. It reads the asserted graph through its
own SPARQL files and may import the corpus stage, the validator and the RDF
plumbing; never :mod:`kgraph.query`, :mod:`kgraph.store`, :mod:`kgraph.viz` or the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox
from rdflib import URIRef

from kgraph.infer import network
from kgraph.infer.certainty import Assessment, Consensus, Rater
from kgraph.infer.citations import CitationCheck, Line, check_citations, evidence_lines, positions, source_relations
from kgraph.infer.conflicts import Conflict, Relation, find_conflicts, study_relations
from kgraph.infer.evidence import Evidence, collect
from kgraph.infer.relate import Item, Relater
from kgraph.infer.rules import Rules, load_rules


@dataclass
class Inference:
    """Every derived conclusion about a corpus, before it is written as triples."""

    evidence: Evidence
    rules: Rules
    items: dict[URIRef, list[Item]]
    assessments: dict[URIRef, Assessment]
    consensus: dict[URIRef, Consensus]
    conflicts: list[Conflict]
    study_relations: list[Relation]
    source_relations: list[Relation]
    citations: list[CitationCheck]
    lines: dict[URIRef, list[Line]]
    citation_graph: nx.MultiDiGraph
    contest: dict[URIRef, tuple[int, int, int]]
    carried: dict[URIRef, list[URIRef]]
    clusters: list[list[URIRef]]


def infer(store: ox.Store, base: str, rules: Rules | None = None) -> Inference:
    """Apply the rules table (the bundled one by default) to the asserted graphs of ``store``."""
    rules = rules or load_rules()
    evidence = collect(store, base)
    relater = Relater(evidence, rules)
    items = {iri: relater.items(claim) for iri, claim in evidence.claims.items()}
    rater = Rater(evidence, rules)
    assessments = {iri: rater.assess(claim, items[iri]) for iri, claim in evidence.claims.items()}
    consensus = {iri: rater.consensus(claim, items[iri], assessments[iri]) for iri, claim in evidence.claims.items()}
    conflicts = find_conflicts(evidence, rules, items)
    cites = network.citation_graph(evidence)
    sources = source_relations(evidence, positions(evidence, rules, items))
    claim_study = network.claim_study_graph(items)
    return Inference(
        evidence=evidence,
        rules=rules,
        items=items,
        assessments=assessments,
        consensus=consensus,
        conflicts=conflicts,
        study_relations=study_relations(evidence, rules, items, conflicts),
        source_relations=sources,
        citations=check_citations(evidence, rules, items),
        lines=evidence_lines(evidence, rules, network.reach(evidence, cites)),
        citation_graph=cites,
        contest=network.contest_scores(claim_study),
        carried=network.claims_carried(claim_study),
        clusters=network.source_clusters(sources),
    )
