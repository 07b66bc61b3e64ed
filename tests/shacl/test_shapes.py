"""Every SHACL shape rejects a graph that breaks it.

The broken graphs are made from the valid mini corpus by reading each property
shape and violating each of its constraints in turn (:mod:`shacl.broken`), so a
new shape is tested the day it is written.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph
from shacl.broken import CASES, Case, break_graph, valid_copy

from kgraph.corpus.ontology import load_ontology
from kgraph.rdf.convert import from_rdflib
from kgraph.shacl import compiled_shapes


def test_the_mini_corpus_exercises_every_record_shape() -> None:
    shapes = {c.shape for c in CASES}
    assert len(CASES) > 100
    for kind in ("Claim", "Study", "StudyArm", "Source", "Statement", "Finding", "Term", "Quote"):
        assert any(kind.lower() in s.lower() for s in shapes), f"no case for {kind}: {sorted(shapes)}"


def _violations(graph: Graph) -> list:
    """What the build's validator (kgraph.shacl, as the pipeline compiles it) finds in a graph."""
    ontology = load_ontology()
    store = ox.Store()
    store.extend(ox.Quad(from_rdflib(s), from_rdflib(p), from_rdflib(o)) for s, p, o in graph)
    return compiled_shapes(ontology).validate(store, ontology.graph)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_shape_rejects_a_graph_that_breaks_it(case: Case) -> None:
    graph = valid_copy()
    break_graph(graph, case, load_ontology().shapes)
    focus_nodes = {v.focus for v in _violations(graph)}
    assert focus_nodes, f"{case} was not detected"
    assert str(case.focus) in focus_nodes or any(f.startswith(str(case.focus)) for f in focus_nodes)


def test_the_valid_graph_conforms() -> None:
    assert _violations(valid_copy()) == []
