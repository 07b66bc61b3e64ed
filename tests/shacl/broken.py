"""Broken copies of the valid mini corpus: each property shape's constraints, violated one at a time.

The cases are read from the shapes themselves, so a new shape is tested the day it is written; the engine's tests
(every shape rejects its broken graph) and the oracle's (pySHACL finds the same results) share them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from helpers import FIXTURES, merged
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from kgraph import pipeline
from kgraph.corpus.ontology import load_ontology
from kgraph.rdf.namespaces import KG

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


@cache
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
                for constraint in (
                    SH.minCount,
                    SH.maxCount,
                    SH.datatype,
                    SH["in"],
                    SH["class"],
                    SH.pattern,
                    SH.minInclusive,
                    SH.nodeKind,
                    SH.minLength,
                ):
                    if shapes.value(prop, constraint) is None:
                        continue
                    if constraint != SH.minCount and not with_value:
                        continue
                    if constraint == SH.minCount and int(shapes.value(prop, constraint)) < 1:
                        continue
                    cases.append(Case(str(node_shape).rsplit("#", 1)[-1], field, constraint.fragment, focus, path))
    return cases


def break_graph(graph: Graph, case: Case, shapes: Graph) -> None:
    """Violate the case's constraint at its focus node, in place."""
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
        "datatype": Literal(42) if _datatype_is_string(case, shapes) else Literal("not a value"),
        "in": Literal("no-such-code"),
        "class": NOWHERE,
        "pattern": Literal("   "),
        "minInclusive": Literal(-1),
        "nodeKind": Literal("text, not an IRI"),
        "minLength": Literal(""),
    }[case.constraint]
    graph.remove((case.focus, case.path, None))
    graph.add((case.focus, case.path, replacement))


def _datatype_is_string(case: Case, shapes: Graph) -> bool:
    return any(shapes.value(p, SH.datatype) == XSD.string for p in shapes.subjects(SH.path, case.path))


def valid_copy() -> Graph:
    """A fresh copy of the valid mini corpus's graph, built once per session."""
    copy = Graph()
    for triple in _valid():
        copy.add(triple)
    return copy


CASES = _cases()
