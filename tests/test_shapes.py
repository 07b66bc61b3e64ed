"""Every SHACL shape rejects a graph that breaks it.

The broken graphs are made from the valid mini corpus by reading each property
shape and violating each of its constraints in turn, so a new shape is tested
the day it is written.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
import pytest
from helpers import FIXTURES, merged
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from kgraph import pipeline
from kgraph.corpus.ontology import load_ontology
from kgraph.rdf.convert import from_rdflib
from kgraph.rdf.namespaces import KG
from kgraph.validate import compiled_shapes

NOWHERE = URIRef("https://example.org/nowhere")


@dataclass(frozen=True)
class Case:
    shape: str
    field: str
    constraint: str
    focus: URIRef
    path: URIRef

    def __str__(self) -> str:
        return f"{self.shape}:{self.field}:{self.constraint}"


def _valid() -> Graph:
    built, _ = pipeline.build(FIXTURES / "mini")
    return merged(built.store)


def _targets(shapes: Graph, shape) -> list[URIRef]:
    return list(shapes.objects(shape, SH.targetClass))


def _cases() -> list[Case]:
    shapes = load_ontology().shapes
    data = _valid()
    cases = []
    for node_shape in sorted(set(shapes.subjects(SH.property, None)), key=str):
        for cls in _targets(shapes, node_shape):
            focus_nodes = sorted(data.subjects(RDF.type, cls), key=str)
            for prop in shapes.objects(node_shape, SH.property):
                path = shapes.value(prop, SH.path)
                if not isinstance(path, URIRef) or not focus_nodes:
                    continue
                with_value = [f for f in focus_nodes if data.value(f, path) is not None]
                focus = (with_value or focus_nodes)[0]
                field = str(shapes.value(prop, SH.name) or path)
                for constraint in (SH.minCount, SH.maxCount, SH.datatype, SH["in"], SH["class"], SH.pattern, SH.minInclusive, SH.nodeKind, SH.minLength):
                    if shapes.value(prop, constraint) is None:
                        continue
                    if constraint != SH.minCount and not with_value:
                        continue
                    if constraint == SH.minCount and int(shapes.value(prop, constraint)) < 1:
                        continue
                    cases.append(Case(str(node_shape).rsplit("#", 1)[-1], field, constraint.fragment, focus, path))
    return cases


def _break(graph: Graph, case: Case, shapes: Graph) -> None:
    values = list(graph.objects(case.focus, case.path))
    if case.constraint == "minCount":
        graph.remove((case.focus, case.path, None))
        graph.remove((case.focus, KG.notReported, case.path))
        return
    if case.constraint == "maxCount":
        first = values[0]
        if not isinstance(first, Literal):
            extra = NOWHERE
        elif first.datatype in (XSD.integer, XSD.decimal):
            extra = Literal(first.toPython() + 1, datatype=first.datatype)
        elif first.datatype == XSD.boolean:
            extra = Literal(not first.toPython())
        else:
            extra = Literal(f"{first} (second value)", datatype=first.datatype)
        graph.add((case.focus, case.path, extra))
        return
    replacement = {
        "datatype": Literal(42) if shapes_datatype_is_string(case, shapes) else Literal("not a value"),
        "in": Literal("no-such-code"),
        "class": NOWHERE,
        "pattern": Literal("   "),
        "minInclusive": Literal(-1),
        "nodeKind": Literal("text, not an IRI"),
        "minLength": Literal(""),
    }[case.constraint]
    graph.remove((case.focus, case.path, None))
    graph.add((case.focus, case.path, replacement))


def shapes_datatype_is_string(case: Case, shapes: Graph) -> bool:
    return any(shapes.value(p, SH.datatype) == XSD.string for p in shapes.subjects(SH.path, case.path))


CASES = _cases()


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
    graph = _valid_copy()
    _break(graph, case, load_ontology().shapes)
    focus_nodes = {v.focus for v in _violations(graph)}
    assert focus_nodes, f"{case} was not detected"
    assert str(case.focus) in focus_nodes or any(f.startswith(str(case.focus)) for f in focus_nodes)


_CACHE: list[Graph] = []


def _valid_copy() -> Graph:
    if not _CACHE:
        _CACHE.append(_valid())
    copy = Graph()
    for triple in _CACHE[0]:
        copy.add(triple)
    return copy


def test_the_valid_graph_conforms() -> None:
    assert _violations(_valid_copy()) == []
