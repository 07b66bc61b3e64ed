"""Nanopublications: one per statement and per finding, each a citable, checkable unit.

A nanopublication is three named graphs and a head that names them: the
assertion (what the statement or finding says, in kgraph's and the standard
terms), its provenance (the source it was read in, the exact quoted words as a
Web Annotation selector, the source's and the study's article's DOI) and its
publication info (who curated it, when). Its IRI is a trusty URI under
``<base>np/`` (:mod:`kgraph.nanopub.trusty`), so the files are the same for the
same data. The graphs are read from a build's store with the SPARQL files in
``queries/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kgraph.corpus.graph import Built
from kgraph.nanopub.trusty import rename, trusty_hash
from kgraph.rdf.prefixes import PREFIXES, RDF_TYPE
from kgraph.rdf.sparql import Queries
from kgraph.rdf.sparqltext import with_values

QUERIES = Queries("kgraph.nanopub", "queries")
NP = PREFIXES["np"]


@dataclass(frozen=True)
class Nanopub:
    """One nanopublication: the file name it is written to, its trusty IRI, and its quads."""

    name: str
    iri: str
    quads: list[ox.Quad]

    def trig(self) -> bytes:
        """The nanopublication in TriG, its quads in a fixed order, with kgraph's prefixes and ``sub:``."""
        ordered = sorted(self.quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
        out = ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes={**PREFIXES, "sub": self.iri + "#"})
        assert out is not None, "serialising without an output file returns the bytes"
        return out


def _construct(store: ox.Store, query: str, bindings: dict[str, ox.NamedNode]) -> list[ox.Triple]:
    """The triples a CONSTRUCT file gives for one record."""
    answer = store.query(with_values(QUERIES.text(query), bindings), use_default_graph_as_union=True)
    if not isinstance(answer, ox.QueryTriples):
        raise TypeError(f"kgraph.nanopub/queries/{query}.rq: a CONSTRUCT query was expected")
    return list(answer)


def nanopublications(built: Built) -> list[Nanopub]:
    """A nanopublication for every statement and finding of the build, in the order of their IRIs."""
    prefix = f"{built.corpus.base}np/"
    return [_nanopub(built.store, prefix, record, kind) for record, kind, _ in QUERIES.rows(built.store, "records")]


def _nanopub(store: ox.Store, prefix: str, record, kind: str) -> Nanopub:
    name = f"{kind}-{str(record).rsplit('/', 1)[-1]}"
    own = prefix + name
    head, assertion, provenance, pubinfo = (ox.NamedNode(f"{own}#{part}") for part in ("Head", "assertion", "provenance", "pubinfo"))
    np_node, subject = ox.NamedNode(own), ox.NamedNode(str(record))
    quads = [
        ox.Quad(np_node, ox.NamedNode(RDF_TYPE), ox.NamedNode(NP + "Nanopublication"), head),
        ox.Quad(np_node, ox.NamedNode(NP + "hasAssertion"), assertion, head),
        ox.Quad(np_node, ox.NamedNode(NP + "hasProvenance"), provenance, head),
        ox.Quad(np_node, ox.NamedNode(NP + "hasPublicationInfo"), pubinfo, head),
    ]
    for graph, query, bindings in (
        (assertion, "assertion", {"record": subject}),
        (provenance, "provenance", {"record": subject, "assertion": assertion}),
        (pubinfo, "pubinfo", {"record": subject, "np": np_node}),
    ):
        quads += [ox.Quad(t.subject, t.predicate, t.object, graph) for t in _construct(store, query, bindings)]
    artefact = trusty_hash(quads, prefix, name)
    return Nanopub(name=name, iri=prefix + artefact, quads=rename(quads, prefix, name, artefact))


def write_nanopublications(built: Built, out_dir: Path) -> list[Path]:
    """Write every nanopublication as ``<kind>-<id>.trig`` into ``out_dir``, all or none; return the paths."""
    from kgraph.rdf.serialize import write_atomically

    files = {out_dir / f"{np.name}.trig": np.trig() for np in nanopublications(built)}
    write_atomically(files)
    return list(files)
