"""Materialise the standard terms of the interoperability contract.

A client that knows only schema.org, CiTO, PROV or SKOS must read the graph
without our ontology, so the build writes out what the ontology implies: the
few mappings that are not subsumption (``ontology/mappings/*.ru``, SPARQL
updates that insert into the graph whose triples imply the new ones), then the
superproperties and superclasses of every term (``ontology/entailment/*.ru``,
RDFS rules 7 and 9).

The graph is aligned one data file at a time, as it is built: the file's quads
go into a small scratch store with the ontology as its default graph, the
updates run there, and the scratch store's named graphs go on to the corpus's
store. Memory stays bounded by the largest file, and no update ever runs on a
large store (an update holds everything it inserts in memory until it
commits, and an on-disk store writes it slowly). So a mapping joins what one
data file says in one graph, which is all that a record's own fields need.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kgraph import resources
from kgraph.corpus.ontology import Ontology


@cache
def updates(folder: Path | None = None) -> tuple[str, ...]:
    """The mappings, then the RDFS rules, each folder in name order."""
    folder = folder or resources.ontology_dir()
    return tuple(p.read_text(encoding="utf-8") for name in ("mappings", "entailment") for p in sorted((folder / name).glob("*.ru")))


class Aligner:
    """Adds the standard-term triples that a batch of quads (N-Quads) implies under the ontology."""

    def __init__(self, ontology: Ontology) -> None:
        self.tbox = ontology.graph.serialize(format="nt", encoding="utf-8")

    def __call__(self, quads: bytes) -> bytes:
        """The quads, what the mappings insert beside them, and the superproperties and superclasses of all of them."""
        scratch = ox.Store()
        scratch.load(input=self.tbox, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
        scratch.load(input=quads, format=ox.RdfFormat.N_QUADS)
        for update in updates():
            scratch.update(update)
        scratch.clear_graph(ox.DefaultGraph())
        out = scratch.dump(format=ox.RdfFormat.N_QUADS)
        assert out is not None, "dumping without an output file returns the bytes"
        return out
