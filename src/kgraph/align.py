"""Materialise the standard terms of the interoperability contract.

A client that knows only schema.org, CiTO, PROV or SKOS must read the graph
without our ontology, so the build writes out what the ontology implies: the
few mappings that are not subsumption (``ontology/mappings/*.ru``, SPARQL
updates that insert into the graph whose triples imply the new ones), then the
superclasses and superproperties of every term (RDFS rules 9 and 7).

The graph is aligned one data file at a time, as it is built: the file's quads
go into a small scratch store with the ontology as its default graph, the
mappings run there, and what comes out, with its superclasses and
superproperties, goes on to the corpus's store. Memory stays bounded by the
largest file, and no update ever runs on a large store (an update holds all it
inserts in memory until it commits). So a mapping joins what one data file
says in one graph, which is all that a record's own fields need.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kgraph import resources
from kgraph.ontology import Ontology
from kgraph.oxterms import from_rdflib, iri
from kgraph.prefixes import RDF_TYPE


@cache
def mapping_updates(folder: Path | None = None) -> tuple[str, ...]:
    folder = folder or resources.ontology_dir() / "mappings"
    return tuple(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.ru")))


class Aligner:
    """Adds the standard-term triples that a batch of quads implies under the ontology."""

    def __init__(self, ontology: Ontology) -> None:
        self.tbox = [ox.Quad(*(from_rdflib(t) for t in triple), ox.DefaultGraph()) for triple in ontology.graph]
        self.superclasses = _as_nodes(ontology.superclasses)
        self.superproperties = _as_nodes(ontology.superproperties)
        self.rdf_type = iri(RDF_TYPE)

    def __call__(self, quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
        """The quads, what the mappings insert beside them, and the superclasses and superproperties of both."""
        scratch = ox.Store()
        scratch.extend(self.tbox)
        scratch.extend(quads)
        for update in mapping_updates():
            scratch.update(update)
        for graph in scratch.named_graphs():
            for quad in scratch.quads_for_pattern(None, None, None, graph):
                yield quad
                subject, predicate, obj = quad.subject, quad.predicate, quad.object
                if predicate == self.rdf_type:
                    for cls in self.superclasses.get(obj.value, ()) if isinstance(obj, ox.NamedNode) else ():
                        yield ox.Quad(subject, predicate, cls, graph)
                for prop in self.superproperties.get(predicate.value, ()):
                    yield ox.Quad(subject, prop, obj, graph)


def _as_nodes(closure: dict) -> dict[str, tuple[ox.NamedNode, ...]]:
    return {str(term): tuple(iri(str(s)) for s in sorted(supers, key=str)) for term, supers in closure.items()}
