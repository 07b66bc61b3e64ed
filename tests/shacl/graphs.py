"""Graphs between rdflib and pyoxigraph, for the tests that validate the same data with pySHACL and with kgraph."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib import Graph

from kgraph.rdf.convert import from_rdflib


def store_of(graph: Graph) -> ox.Store:
    """The graph in a new store, blank-node ids kept, so results name the nodes rdflib names."""
    store = ox.Store()
    store.extend(ox.Quad(from_rdflib(s), from_rdflib(p), from_rdflib(o)) for s, p, o in graph)
    return store


@contextmanager
def lexical_forms_kept() -> Iterator[None]:
    """rdflib rewrites literals as it parses ("yes"^^xsd:boolean becomes "false"), which would hide ill-typed ones from the store."""
    saved = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        rdflib.NORMALIZE_LITERALS = saved


def parse_turtle(data: str | None = None, path: Path | None = None, base: str | None = None) -> Graph:
    """Turtle text or a file as rdflib reads it, every literal's lexical form as written."""
    with lexical_forms_kept():
        return Graph().parse(data=data, source=path, format="turtle", publicID=base)
