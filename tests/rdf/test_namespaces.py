"""The KG namespace lists exactly the terms the ontology declares."""

from __future__ import annotations

from rdflib import URIRef

from kgraph.corpus.ontology import load_ontology
from kgraph.rdf.namespaces import KG


def test_kg_namespace_matches_the_ontology() -> None:
    base = str(KG)
    declared = {str(s)[len(base):] for s in load_ontology().graph.subjects() if isinstance(s, URIRef) and str(s).startswith(base) and str(s) != base}
    listed = {name for name in KG.__annotations__}
    assert listed == declared, f"only in code: {sorted(listed - declared)}; only in the ontology: {sorted(declared - listed)}"


def test_the_rdflib_namespaces_are_the_prefix_table() -> None:
    from rdflib.namespace import SDO

    from kgraph.rdf.namespaces import PREFIXES
    from kgraph.rdf.prefixes import PREFIXES as IRIS

    assert {p: str(ns) for p, ns in PREFIXES.items()} == IRIS
    assert str(SDO) == IRIS["schema"] and str(KG) == IRIS["kg"]
