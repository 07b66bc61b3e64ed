"""Materialise the standard terms of the interoperability contract.

A client that knows only schema.org, CiTO, PROV or SKOS must read the graph
without our ontology, so the build writes out what the ontology implies:
superclasses and superproperties of every asserted term, and the few mappings
that are not subsumption (``ontology/mappings/*.rq`` CONSTRUCT queries).
Each graph is aligned on its own, so the entailed triples stay in the graph of
the statement that implies them. It is copied out of the dataset first: rdflib's
memory store answers a pattern within one graph by scanning every graph's
matches, so querying each graph in place costs the size of the whole dataset
per graph (the square of the corpus), a copy only its own size.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.namespace import RDF
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from kgraph import resources
from kgraph.graph import Built
from kgraph.ontology import Ontology


@cache
def mapping_queries(folder: Path | None = None) -> tuple[Query, ...]:
    folder = folder or resources.ontology_dir() / "mappings"
    return tuple(prepareQuery(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq")))


def entailed(graph: Graph, ontology: Ontology) -> set[tuple]:
    """The standard-term triples that ``graph`` implies under the ontology."""
    view = ReadOnlyGraphAggregate([graph, ontology.graph])
    found = set()
    for query in mapping_queries():
        found.update(view.query(query))
    for s, p, o in [*graph, *found]:
        if p == RDF.type:
            found.update((s, RDF.type, sup) for sup in ontology.superclasses.get(o, ()))
        found.update((s, sup, o) for sup in ontology.superproperties.get(p, ()))
    return found


def align(built: Built, ontology: Ontology) -> None:
    """Add the entailed standard terms to every named graph of ``built``."""
    for graph in list(built.dataset.graphs()):
        if graph.identifier == built.dataset.default_graph.identifier:
            continue
        alone = Graph(bind_namespaces="none")
        for triple in graph:
            alone.add(triple)
        for triple in entailed(alone, ontology):
            graph.add(triple)
