"""The ontology as the builder needs it: codes for enumerations and the alignment to standard terms."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from kgraph import resources
from kgraph.rdf.namespaces import KG, bind_prefixes

if TYPE_CHECKING:
    import pyoxigraph as ox


@dataclass(frozen=True, eq=False)
class Ontology:
    """The parsed ontology plus the lookups derived from it once; one object per folder read, compared and hashed by identity."""

    graph: Graph
    shapes: Graph
    superclasses: dict[URIRef, frozenset[URIRef]]
    superproperties: dict[URIRef, frozenset[URIRef]]
    codes: dict[tuple[str, URIRef], dict[str, URIRef]] = field(default_factory=dict, compare=False, repr=False)
    """The code tables asked for so far: the builder asks once per field of every record."""

    @cached_property
    def store(self) -> ox.Store:
        """The ontology in a pyoxigraph store (its default graph), for the SPARQL files that read it."""
        import pyoxigraph as ox

        store = ox.Store()
        store.load(self.graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        return store

    def members(self, cls: URIRef) -> dict[str, URIRef]:
        """Codes of the individuals of ``cls`` (an enumeration), code -> IRI."""
        if ("members", cls) not in self.codes:
            self.codes[("members", cls)] = _coded(self.graph, self.graph.subjects(RDF.type, cls))
        return self.codes[("members", cls)]

    def subclasses(self, cls: URIRef) -> dict[str, URIRef]:
        """Codes of the subclasses of ``cls`` (kinds a record can be), code -> IRI."""
        if ("subclasses", cls) not in self.codes:
            self.codes[("subclasses", cls)] = _coded(self.graph, self.graph.transitive_subjects(RDFS.subClassOf, cls))
        return self.codes[("subclasses", cls)]


def _coded(graph: Graph, nodes: Iterable[Node | None]) -> dict[str, URIRef]:
    out = {}
    for node in nodes:
        code = graph.value(node, KG.code)
        if code is not None and isinstance(node, URIRef):
            out[str(code)] = node
    return dict(sorted(out.items()))


def _closure(graph: Graph, relation: URIRef) -> dict[URIRef, frozenset[URIRef]]:
    out = {}
    for sub in set(graph.subjects(relation, None)):
        if isinstance(sub, URIRef):
            supers = {s for s in graph.transitive_objects(sub, relation) if isinstance(s, URIRef) and s != sub}
            out[sub] = frozenset(supers)
    return out


@cache
def load_ontology(folder: Path | None = None) -> Ontology:
    """Parse ``kgraph.ttl`` and ``shapes.ttl`` once per process."""
    folder = folder or resources.ontology_dir()
    graph = Graph(bind_namespaces="core")
    graph.parse(folder / "kgraph.ttl", format="turtle")
    bind_prefixes(graph)
    shapes = Graph(bind_namespaces="core").parse(folder / "shapes.ttl", format="turtle")
    return Ontology(
        graph=graph,
        shapes=shapes,
        superclasses=_closure(graph, RDFS.subClassOf),
        superproperties=_closure(graph, RDFS.subPropertyOf),
    )
