"""Evaluating compiled shapes over a pyoxigraph store: look up only what the shapes ask for, and remember it.

Shapes with the same targets are evaluated together at all their focus nodes at once, and a group with many focus
nodes reads each of its predicates in one scan of the store instead of a lookup per node.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from itertools import repeat
from typing import Any, ClassVar, Protocol, cast

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kgraph.rdf.terms import Term
from kgraph.shacl.compiled import Constraint, Pairs, Shape, Violation
from kgraph.shacl.components import AT_THE_SAME_NODE
from kgraph.shacl.paths import Predicate

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS_OF = ox.NamedNode(str(RDFS.subClassOf))


class _Quad(Protocol):
    """A quad of a store kgraph validates: it holds no RDF-star triples, so its subject and object are terms."""

    subject: Term
    predicate: ox.NamedNode
    object: Term


_quads = cast(
    "Callable[[ox.Store, ox.NamedNode | ox.BlankNode | None, ox.NamedNode | None, Term | None, None], Iterator[_Quad]]",
    ox.Store.quads_for_pattern,
)
"""Store.quads_for_pattern itself, called as a function of the store (no extra call per lookup), typed with _Quad."""


PREFETCH_AT = 64
"""Focus nodes from which a group of shapes reads its predicates by scanning rather than node by node."""


class Evaluator:
    """One validation of one store: looks up only what the shapes ask for, and remembers it."""

    _TARGETS: ClassVar[dict[str, Callable[[Evaluator, Any], Iterable[Term]]]] = {
        "node": lambda ev, term: (term,),
        "class": lambda ev, cls: ev.instances(cls),
        "subjectsOf": lambda ev, p: (q.subject for q in _quads(ev.store, None, p, None, None)),
        "objectsOf": lambda ev, p: (q.object for q in _quads(ev.store, None, p, None, None)),
    }
    store: ox.Store

    def __init__(self, store: ox.Store, ontology: Graph | None) -> None:
        self.store = store
        self._out: dict[tuple[Term, ox.NamedNode], tuple[Term, ...]] = {}
        self._in: dict[tuple[Term, ox.NamedNode], tuple[Term, ...]] = {}
        self._conforms: dict[tuple[Shape, Term], bool] = {}
        self._scans: dict[ox.NamedNode, dict[Term, tuple[Term, ...]]] = {}
        self._subclasses: dict[Term, frozenset[Term]] = {}
        self._direct_subclasses: dict[Term, set[Term]] = {}
        pairs = [(q.subject, q.object) for q in _quads(store, None, _SUBCLASS_OF, None, None)]
        if ontology is not None:
            blank: dict[BNode, ox.BlankNode] = {}

            def to_ox(node: Any) -> Term:
                return ox.NamedNode(str(node)) if isinstance(node, URIRef) else blank.setdefault(node, ox.BlankNode())

            pairs += [(to_ox(s), to_ox(o)) for s, o in ontology.subject_objects(RDFS.subClassOf) if not isinstance(o, Literal)]
        for sub, sup in pairs:
            self._direct_subclasses.setdefault(sup, set()).add(sub)
        types: dict[Term, dict[Term, None]] = {}
        for quad in _quads(store, None, _RDF_TYPE, None, None):
            types.setdefault(quad.subject, {})[quad.object] = None
        self.types = {node: tuple(found) for node, found in types.items()}
        """Every node's types, read in one pass: nearly every shape asks for the types of its focus or value nodes."""

    def objects(self, node: Term, predicate: ox.NamedNode) -> tuple[Term, ...]:
        if predicate == _RDF_TYPE:
            return self.types.get(node, ())
        key = (node, predicate)
        found = self._out.get(key)
        if found is None:
            quads = () if isinstance(node, ox.Literal) else _quads(self.store, node, predicate, None, None)
            found = self._out[key] = tuple(dict.fromkeys([q.object for q in quads]))
        return found

    def subjects(self, node: Term, predicate: ox.NamedNode) -> tuple[Term, ...]:
        key = (node, predicate)
        found = self._in.get(key)
        if found is None:
            found = self._in[key] = tuple(dict.fromkeys([q.subject for q in _quads(self.store, None, predicate, node, None)]))
        return found

    def properties(self, node: Term) -> set[tuple[ox.NamedNode, Term]]:
        return set() if isinstance(node, ox.Literal) else {(q.predicate, q.object) for q in _quads(self.store, node, None, None, None)}

    def subclasses(self, cls: Term) -> frozenset[Term]:
        """``cls`` and every class below it through rdfs:subClassOf, from the data and the ontology."""
        found = self._subclasses.get(cls)
        if found is None:
            seen, frontier = {cls}, [cls]
            while frontier:
                frontier = [sub for c in frontier for sub in self._direct_subclasses.get(c, ()) if sub not in seen]
                seen.update(frontier)
            found = self._subclasses[cls] = frozenset(seen)
        return found

    def is_instance(self, node: Term, cls: Term) -> bool:
        subclasses = self.subclasses(cls)
        return any(t in subclasses for t in self.objects(node, _RDF_TYPE))

    def instances(self, cls: Term) -> Iterator[Term]:
        return (node for sub in self.subclasses(cls) for node in self.subjects(sub, _RDF_TYPE))

    def failures(self, shape: Shape, foci: dict[Term, int]) -> Iterator[tuple[Shape, Constraint, Term, Term | None, str | None, int]]:
        """Every top-level result of ``shape`` at the focus nodes, lazily, so that a conformance test stops at the first.

        A shape is evaluated at all its focus nodes at once, and its property shapes at all their value nodes at once.
        ``foci`` counts the ways each focus node was reached: a value node that two focus nodes share is validated
        against a nested property shape once, and its results are reported once for each (SHACL's report has both).
        """
        if shape.deactivated:
            return
        path = shape.path
        pairs = [(focus, (focus,) if path is None else path.forward(self, focus)) for focus in foci]
        for constraint in shape.constraints:
            for focus, value, result_path in constraint.check(self, constraint.param, pairs):
                yield shape, constraint, focus, value, result_path, foci[focus]
        if shape.properties:
            values = foci if path is None else _reached(pairs, foci)
            for prop in shape.properties:
                yield from self.failures(prop, values)

    def conforms(self, shape: Shape, node: Term) -> bool:
        key = (shape, node)
        found = self._conforms.get(key)
        if found is None:
            found = self._conforms[key] = next(self.failures(shape, {node: 1}), None) is None
        return found

    def prefetch(self, predicates: Iterable[ox.NamedNode], nodes: Iterable[Term], keep: frozenset[ox.NamedNode] = frozenset()) -> None:
        """Read each predicate's triples in one pass for many focus nodes, instead of one lookup per node.

        A store on disk answers a scan of one predicate much faster than as
        many point lookups as there are nodes. What is not about ``nodes`` is
        dropped at once, unless the predicate is in ``keep``: then the whole
        scan is kept for the next groups of shapes that read it.
        """
        for predicate in predicates:
            wanted = [node for node in nodes if (node, predicate) not in self._out]
            if not wanted:
                continue
            scan = self._scans.get(predicate)
            if scan is None and predicate in keep:
                scan = self._scans[predicate] = self._scan(predicate, None)
            if scan is None:
                scan = self._scan(predicate, set(wanted))
            self._out.update(((node, predicate), scan.get(node, ())) for node in wanted)

    def _scan(self, predicate: ox.NamedNode, subjects: set[Term] | None) -> dict[Term, tuple[Term, ...]]:
        """Each subject's distinct objects of ``predicate`` (only those of ``subjects`` if given)."""
        found: dict[Term, dict[Term, None]] = {}
        for quad in _quads(self.store, None, predicate, None, None):
            if subjects is None or quad.subject in subjects:
                found.setdefault(quad.subject, {})[quad.object] = None
        return {subject: tuple(values) for subject, values in found.items()}

    def run(self, targeted: list[Shape]) -> list[Violation]:
        """Shapes with the same targets are evaluated together, on what one pass per predicate read for all their focus nodes.

        What was read is forgotten before the next group, so memory is bounded
        by the largest group of focus nodes, not by the graph; only the scan of
        a predicate that a later group reads again is kept until that group.
        """
        groups: dict[tuple, list[Shape]] = {}
        for shape in targeted:
            groups.setdefault(tuple(shape.targets), []).append(shape)
        plans = [
            (targets, shapes, tuple(dict.fromkeys(p for s in shapes for p in _local_predicates(s)))) for targets, shapes in groups.items()
        ]
        remaining = Counter(p for _, _, predicates in plans for p in predicates)
        found: list[Violation] = []
        for targets, shapes, predicates in plans:
            self._out, self._in, self._conforms = {}, {}, {}
            focus_nodes = dict.fromkeys((node for kind, term in targets for node in self._TARGETS[kind](self, term)), 1)
            if len(focus_nodes) >= PREFETCH_AT:
                self.prefetch(
                    (p for p in predicates if p != _RDF_TYPE), focus_nodes, keep=frozenset(p for p in predicates if remaining[p] > 1)
                )
            found.extend(self._violations(shapes, focus_nodes))
            remaining.subtract(predicates)
            for predicate in predicates:
                if not remaining[predicate]:
                    self._scans.pop(predicate, None)
        self._out, self._in, self._conforms = {}, {}, {}
        return sorted(found, key=lambda v: (v.focus, v.path or "", v.value or "", v.shape, v.component, v.severity, v.message))

    def _violations(self, shapes: list[Shape], focus_nodes: dict[Term, int]) -> Iterator[Violation]:
        for shape in shapes:
            for source, constraint, node, value, path, times in self.failures(shape, focus_nodes):
                violation = Violation(
                    focus=_text(node),
                    path=path if path is not None else source.result_path,
                    value=None if value is None else str(value),
                    shape=source.id,
                    component=constraint.component,
                    severity=source.severity,
                    message=source.message or constraint.message,
                )
                yield from repeat(violation, times)


def _reached(pairs: Pairs, foci: dict[Term, int]) -> dict[Term, int]:
    """The value nodes of all the focus nodes, each counted as many times as the focus nodes that reach it were."""
    values: dict[Term, int] = {}
    for focus, found in pairs:
        for value in found:
            values[value] = values.get(value, 0) + foci[focus]
    return values


@cache
def _local_predicates(shape: Shape) -> tuple[ox.NamedNode, ...]:
    """The predicates that evaluating a node shape looks up on its focus node: its property shapes' and those of the shapes it nests there."""
    if shape.path is not None:
        return (shape.path.iri,) if isinstance(shape.path, Predicate) else ()
    found: dict[ox.NamedNode, None] = {}
    for prop in shape.properties:
        if isinstance(prop.path, Predicate):
            found[prop.path.iri] = None
    for constraint in shape.constraints:
        if constraint.component in AT_THE_SAME_NODE:
            nested = constraint.param if isinstance(constraint.param, (list, tuple)) else (constraint.param,)
            found.update(dict.fromkeys(p for inner in nested if isinstance(inner, Shape) for p in _local_predicates(inner)))
    return tuple(found)


def _text(term: Term) -> str:
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}" if isinstance(term, ox.BlankNode) else str(term)
