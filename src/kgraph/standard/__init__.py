"""The standard-vocabulary view that needs the whole graph, written once the derived layer is.

Per data file, :mod:`kgraph.align` writes what one file's records imply in
schema.org, PROV, Web Annotation and SKOS terms. What joins records of several
files, or reads the derived layer, runs here, on the whole store, after
inference: the SPARQL updates of ``ontology/mappings/derived/`` (SEPIO evidence
lines and CiTO links for exactly what the derived layer counts, claim reviews,
citations of a published study made citations of its article, findings'
outcomes and studies' populations), then each named graph's provenance: who made it and when, and
for the derived graph, with which program and which rules.

The time is the corpus's ``curated`` date from corpus.yaml, else the latest
date the records carry, never the clock: the same data gives the same bytes.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kgraph import resources
from kgraph.corpus.graph import Built
from kgraph.rdf.namespaces import KG
from kgraph.rdf.prefixes import PREFIXES, RDF_TYPE
from kgraph.rdf.sparql import Queries

COUNTS = Queries("kgraph", "counts")


@cache
def derived_updates(folder: Path | None = None) -> tuple[str, ...]:
    """The whole-store mappings, in name order."""
    folder = folder or resources.ontology_dir() / "mappings" / "derived"
    return tuple(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.ru")))


def write_standard_view(built: Built, rules: Path) -> None:
    """Run the whole-store mappings, then describe every named graph of the corpus."""
    for update in derived_updates():
        built.store.update(update)
    built.store.extend(graph_provenance(built, rules))


def _iri(*parts: str) -> ox.NamedNode:
    return ox.NamedNode("".join(parts))


def _p(curie: str) -> ox.NamedNode:
    prefix, _, local = curie.partition(":")
    return _iri(PREFIXES[prefix], local)


def graph_provenance(built: Built, rules: Path) -> list[ox.Quad]:
    """Each of the corpus's named graphs, in itself: a prov:Entity attributed to the curator (the derived graph to kgraph) at the corpus's time.

    The curator is described once, in the catalogue, and kgraph (kg:Kgraph) only in the ontology: a store's union of
    graphs keeps every copy of a triple, and two corpora may share a store.
    """
    corpus = built.corpus
    prefix = f"{corpus.base}graph/"
    graphs = sorted(g.value for g in built.store.named_graphs() if g.value.startswith(prefix))
    time = _time(built)
    curator = _iri(corpus.base, "agent/curator")
    curator_name = corpus.curator or f"the curators of {corpus.title}"
    derived, catalogue = built.graph("derived").value, built.graph("catalogue").value
    quads = []
    for name in graphs:
        g = _iri(name)
        say = lambda s, p, o: quads.append(ox.Quad(s, p, o, g))  # noqa: E731
        say(g, _iri(RDF_TYPE), _p("prov:Entity"))
        if time is not None:
            say(g, _p("prov:generatedAtTime"), time)
        if name != derived:
            say(g, _p("prov:wasAttributedTo"), curator)
            if name == catalogue:
                say(curator, _iri(RDF_TYPE), _p("prov:Agent"))
                say(curator, _p("schema:name"), ox.Literal(curator_name))
            continue
        agent, activity, table = _iri(str(KG.Kgraph)), _iri(name, "#inference"), _iri(name, "#rules")
        say(g, _p("prov:wasAttributedTo"), agent)
        say(g, _p("prov:wasGeneratedBy"), activity)
        say(activity, _iri(RDF_TYPE), _p("prov:Activity"))
        say(activity, _p("prov:wasAssociatedWith"), agent)
        say(activity, _p("prov:used"), table)
        say(table, _iri(RDF_TYPE), _p("prov:Entity"))
        say(table, _p("schema:name"), ox.Literal(rules.name))
        say(table, _p("schema:version"), ox.Literal(rules_version(rules)))
        for other in graphs:
            if other != derived:
                say(g, _p("prov:wasDerivedFrom"), _iri(other))
    return quads


def rules_version(rules: Path) -> str:
    """The rules table's version: the SHA-256 of its bytes, so that two builds with the same rules say the same.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "rules.yaml"
    >>> _ = path.write_text("levels: [low, high]\\n")
    >>> rules_version(path)[:15]
    'sha256:191ab9ce'
    """
    return "sha256:" + hashlib.sha256(rules.read_bytes()).hexdigest()


def _time(built: Built) -> ox.Literal | None:
    """The corpus's curated date, else the latest date in its records, at midnight UTC."""
    date = built.corpus.curated
    if not date:
        ((latest,),) = COUNTS.rows(built.store, "latest-date")
        date = str(latest) if latest is not None else ""
    return ox.Literal(f"{date}T00:00:00Z", datatype=_p("xsd:dateTime")) if date else None
