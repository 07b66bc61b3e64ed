"""SHACL Core validation of the data in a pyoxigraph store, giving pySHACL's results in a fraction of its time.

pySHACL walks an rdflib graph in Python; the build keeps its graph in a pyoxigraph ``Store``. Here the shapes are
compiled once (:class:`Shapes`) into small Python objects, and validating asks the store for the triples a shape
needs, one pattern at a time, remembering each lookup and which nodes conform to which nested shape, so the work
grows with the part of the data that the shapes reach, and in step with it. What a well-formed literal is, and how
literals compare, is :mod:`kgraph.literals`.

>>> import pyoxigraph as ox
>>> from rdflib import Graph
>>> shapes = Shapes(Graph().parse(format="turtle", data='''
...     @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
...     ex:Person a sh:NodeShape ; sh:targetClass ex:Person ;
...         sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "a person needs a name" ] ;
...         sh:property [ sh:path ex:age ; sh:datatype <http://www.w3.org/2001/XMLSchema#integer> ] .'''))
>>> store = ox.Store()
>>> store.load(b'<http://example.org/ann> a <http://example.org/Person> ; <http://example.org/age> "ten" .', format=ox.RdfFormat.TURTLE)
>>> results = shapes.validate(store)
>>> for v in results:
...     print(v.focus, v.path, v.value, v.component)
http://example.org/ann http://example.org/age "ten" DatatypeConstraintComponent
http://example.org/ann http://example.org/name None MinCountConstraintComponent
>>> [v.message for v in results]
['value is not a well-formed literal of datatype xsd:integer', 'a person needs a name']

Anything outside SHACL Core is refused when the shapes are compiled, not skipped:

>>> Shapes(Graph().parse(format="turtle", data='''
...     @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
...     ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this {}" ] .'''))
Traceback (most recent call last):
...
ValueError: shape ex:S: sh:sparql is not supported (only SHACL Core is)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar, NamedTuple, Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from kgraph.literals import REWRITTEN_BY_THE_STORE, Term, compare, well_formed

Pairs = list[tuple[Term, tuple[Term, ...]]]
"""The focus nodes a shape is evaluated at, each with its value nodes."""
Failure = tuple[Term, Term | None, str | None]
"""What a constraint reports: the focus node, the sh:value (or None), and the result path when it is not the shape's own (or None)."""
Check = Callable[["_Evaluator", Any, Pairs], Iterable[Failure]]

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS_OF = ox.NamedNode(str(RDFS.subClassOf))


@dataclass(frozen=True)
class Violation:
    """One top-level validation result, as plain strings so that it can be compared and printed (validate sorts them)."""

    focus: str
    path: str | None
    value: str | None
    shape: str
    component: str
    severity: str
    message: str


def _lang_matches(tag: str, language_range: str) -> bool:
    """SPARQL langMatches: RFC 4647 basic filtering."""
    tag, language_range = tag.lower(), language_range.lower()
    return bool(tag) if language_range == "*" else tag == language_range or tag.startswith(language_range + "-")


# Property paths


class _Path(Protocol):
    def forward(self, ev: _Evaluator, node: Term) -> tuple[Term, ...]: ...

    def backward(self, ev: _Evaluator, node: Term) -> tuple[Term, ...]: ...


@dataclass(frozen=True)
class _Predicate:
    iri: ox.NamedNode

    def forward(self, ev: _Evaluator, node: Term) -> tuple[Term, ...]:
        return ev.objects(node, self.iri)

    def backward(self, ev: _Evaluator, node: Term) -> tuple[Term, ...]:
        return ev.subjects(node, self.iri)


@dataclass(frozen=True)
class _Inverse:
    inner: _Path

    def forward(self, ev: _Evaluator, node: Term) -> tuple[Term, ...]:
        return self.inner.backward(ev, node)

    def backward(self, ev: _Evaluator, node: Term) -> tuple[Term, ...]:
        return self.inner.forward(ev, node)


@dataclass(frozen=True)
class _Sequence:
    steps: tuple[_Path, ...]

    def forward(self, ev: _Evaluator, node: Term) -> tuple[Term, ...]:
        return self._walk(ev, node, [step.forward for step in self.steps])

    def backward(self, ev: _Evaluator, node: Term) -> tuple[Term, ...]:
        return self._walk(ev, node, [step.backward for step in reversed(self.steps)])

    @staticmethod
    def _walk(ev: _Evaluator, node: Term, moves: list[Callable]) -> tuple[Term, ...]:
        nodes: Iterable[Term] = (node,)
        for move in moves:
            nodes = dict.fromkeys(reached for n in nodes for reached in move(ev, n))
        return tuple(nodes)


@dataclass(frozen=True)
class _Alternative:
    options: tuple[_Path, ...]

    def forward(self, ev: _Evaluator, node: Term) -> tuple[Term, ...]:
        return tuple(dict.fromkeys(reached for option in self.options for reached in option.forward(ev, node)))

    def backward(self, ev: _Evaluator, node: Term) -> tuple[Term, ...]:
        return tuple(dict.fromkeys(reached for option in self.options for reached in option.backward(ev, node)))


@dataclass(frozen=True)
class _Repeat:
    """zeroOrMore (zero, many), oneOrMore (many) and zeroOrOne (zero) paths."""

    inner: _Path
    zero: bool
    many: bool

    def forward(self, ev: _Evaluator, node: Term) -> tuple[Term, ...]:
        return self._walk(ev, node, self.inner.forward)

    def backward(self, ev: _Evaluator, node: Term) -> tuple[Term, ...]:
        return self._walk(ev, node, self.inner.backward)

    def _walk(self, ev: _Evaluator, node: Term, move: Callable) -> tuple[Term, ...]:
        """Breadth first, each node once, so that a cycle in the data ends the walk."""
        seen = dict.fromkeys((node,) if self.zero else ())
        frontier = [node]
        while frontier:
            reached = [r for n in frontier for r in move(ev, n)]
            frontier = [r for r in dict.fromkeys(reached) if r not in seen]
            seen.update(dict.fromkeys(frontier))
            if not self.many:
                break
        return tuple(seen)


_REPEATS = {SH.zeroOrMorePath: (True, True), SH.oneOrMorePath: (False, True), SH.zeroOrOnePath: (True, False)}


# Compiled shapes


@dataclass(frozen=True, eq=False)
class _Constraint:
    component: str
    param: Any
    check: Check
    message: str


@dataclass(eq=False)
class _Shape:
    """One shape, compiled; compared by identity, so that it can key the conformance memo cheaply."""

    id: str
    path: _Path | None = None
    result_path: str | None = None
    targets: list[tuple[str, Term]] = field(default_factory=list)
    constraints: list[_Constraint] = field(default_factory=list)
    properties: list[_Shape] = field(default_factory=list)
    severity: str = "Violation"
    message: str | None = None
    deactivated: bool = False


def _each(test: Callable[[_Evaluator, Any, Term], bool]) -> Check:
    """A check that reports every value node failing ``test``: the value-type components give one result per value."""

    def check(ev: _Evaluator, param: Any, pairs: Pairs) -> Iterator[Failure]:
        return ((focus, value, None) for focus, values in pairs for value in values if not test(ev, param, value))

    return check


def _per_focus(test: Callable[[_Evaluator, Any, tuple[Term, ...]], bool]) -> Check:
    """A check that reports a focus node, without a value, when its value nodes taken together fail ``test``."""

    def check(ev: _Evaluator, param: Any, pairs: Pairs) -> Iterator[Failure]:
        return ((focus, None, None) for focus, values in pairs if not test(ev, param, values))

    return check


def _ordered(outcomes: frozenset[int]) -> Callable[[_Evaluator, Any, Term], bool]:
    return lambda ev, bound, value: compare(value, bound) in outcomes


def _unique_lang(ev: _Evaluator, param: tuple, values: tuple[Term, ...]) -> bool:
    """Language tags are case-insensitive (RDF 1.1 Concepts 3.3), and a store may keep them as written."""
    tags = [v.language.lower() for v in values if isinstance(v, ox.Literal) and v.language]
    return len(tags) == len(set(tags))


def _qualified(too_few: bool) -> Callable[[_Evaluator, tuple[_Shape, tuple[_Shape, ...], int], tuple[Term, ...]], bool]:
    def test(ev: _Evaluator, param: tuple[_Shape, tuple[_Shape, ...], int], values: tuple[Term, ...]) -> bool:
        shape, siblings, bound = param
        count = sum(1 for v in values if ev.conforms(shape, v) and not any(ev.conforms(s, v) for s in siblings))
        return count >= bound if too_few else count <= bound

    return test


def _equals(ev: _Evaluator, predicate: ox.NamedNode, pairs: Pairs) -> Iterator[Failure]:
    return ((focus, value, None) for focus, values in pairs for value in set(values).symmetric_difference(ev.objects(focus, predicate)))


def _disjoint(ev: _Evaluator, predicate: ox.NamedNode, pairs: Pairs) -> Iterator[Failure]:
    return ((focus, value, None) for focus, values in pairs for value in set(values).intersection(ev.objects(focus, predicate)))


def _pairwise(outcomes: frozenset[int]) -> Check:
    """sh:lessThan and sh:lessThanOrEquals: each value against each value of the other property."""

    def check(ev: _Evaluator, predicate: ox.NamedNode, pairs: Pairs) -> Iterator[Failure]:
        return (
            (focus, value, None)
            for focus, values in pairs
            for value in values
            if any(compare(value, other) not in outcomes for other in ev.objects(focus, predicate))
        )

    return check


def _closed(ev: _Evaluator, allowed: frozenset[ox.NamedNode], pairs: Pairs) -> Iterator[Failure]:
    return (
        (focus, obj, predicate.value)
        for focus, values in pairs
        for value in values
        for predicate, obj in ev.properties(value)
        if predicate not in allowed
    )


def _is_instance(ev: _Evaluator, cls: Term, value: Term) -> bool:
    return not isinstance(value, ox.Literal) and ev.is_instance(value, cls)


def _has_datatype(ev: _Evaluator, datatype: ox.NamedNode, value: Term) -> bool:
    return isinstance(value, ox.Literal) and value.datatype == datatype and well_formed(value)


def _has_length(at_least: bool) -> Callable[[_Evaluator, int, Term], bool]:
    return lambda ev, n, value: not isinstance(value, ox.BlankNode) and (len(value.value) >= n if at_least else len(value.value) <= n)


def _matches(ev: _Evaluator, regex: re.Pattern, value: Term) -> bool:
    return not isinstance(value, ox.BlankNode) and regex.search(value.value) is not None


def _in_languages(ev: _Evaluator, ranges: tuple[str, ...], value: Term) -> bool:
    return isinstance(value, ox.Literal) and value.language is not None and any(_lang_matches(value.language, r) for r in ranges)


class _Component(NamedTuple):
    name: str
    message: str
    """The default message; {} stands for the parameter."""
    read: Callable[[Shapes, BNode | URIRef, Any], Any]
    """Shapes graph -> the check's parameter; None when the parameter asks for nothing (sh:closed false, ...)."""
    check: Check
    property_only: bool = False


_NODE_KINDS = {
    SH.IRI: frozenset({ox.NamedNode}),
    SH.BlankNode: frozenset({ox.BlankNode}),
    SH.Literal: frozenset({ox.Literal}),
    SH.BlankNodeOrIRI: frozenset({ox.BlankNode, ox.NamedNode}),
    SH.BlankNodeOrLiteral: frozenset({ox.BlankNode, ox.Literal}),
    SH.IRIOrLiteral: frozenset({ox.NamedNode, ox.Literal}),
}
_REGEX_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": 0, "q": 0}
_SECONDARY = {SH.flags, SH.ignoredProperties, SH.qualifiedValueShape, SH.qualifiedValueShapesDisjoint}
"""Parameters read together with another one (sh:pattern, sh:closed, sh:qualifiedMin/MaxCount)."""
_NON_VALIDATING = {SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.message, SH.severity, SH.deactivated}
_STRUCTURE = {
    SH.path,
    SH.property,
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.inversePath,
    SH.alternativePath,
    *_REPEATS,
    SH.declare,
    SH.prefix,
    SH.namespace,
}
_SHAPE_CLASSES = {SH.Shape, SH.NodeShape, SH.PropertyShape, SH.PropertyGroup, SH.PrefixDeclaration}


class Shapes:
    """Compiled once from a shapes graph; raises ValueError naming the shape and the term for anything it does not support.

    Shapes are compiled on their own (every node shape, property shape, targeted or referenced shape), so an error in
    a helper shape is found even before a focus node reaches it.
    """

    def __init__(self, shapes: Graph) -> None:
        self._graph = shapes
        self._scratch = ox.Store()
        self._compiled: dict[BNode | URIRef, _Shape] = {}
        self._compiling: set[BNode | URIRef] = set()
        self._check_vocabulary()
        for node in sorted(self._shape_nodes(), key=str):
            self._shape(node)
        self._targeted = [s for s in self._compiled.values() if s.targets and not s.deactivated]
        del self._scratch

    def validate(self, store: ox.Store, ontology: Graph | None = None) -> list[Violation]:
        """Validate the union of every graph in ``store``; ``ontology`` adds rdfs:subClassOf triples for class membership."""
        return _Evaluator(store, ontology).run(self._targeted)

    # reading the shapes graph

    def _name(self, node: Any, seen: frozenset = frozenset()) -> str:
        """A node as an error message names it: a blank node by where it hangs ("[] in sh:property of ex:S")."""
        if not isinstance(node, BNode):
            return node.n3(self._graph.namespace_manager)
        owner, predicate = node, None
        while predicate in (None, RDF.first, RDF.rest):
            references = sorted(self._graph.subject_predicates(owner), key=str)
            if not references or owner in seen:
                return f"_:{node}"
            seen, (owner, predicate) = seen | {owner}, references[0]
        path = self._graph.value(node, SH.path)
        label = f"[sh:path {self._name(path)}]" if isinstance(path, URIRef) else "[]"
        return f"{label} in {self._name(predicate)} of {self._name(owner, seen)}"

    def _fail(self, shape: Any, problem: str) -> ValueError:
        return ValueError(f"shape {self._name(shape)}: {problem}")

    def _check_vocabulary(self) -> None:
        """Refuse what SHACL Core does not define (SHACL-SPARQL, SHACL-AF, custom components, typos) wherever it is."""
        known = set(_COMPONENTS) | _SECONDARY | _NON_VALIDATING | _STRUCTURE
        for subject, predicate, obj in sorted(self._graph, key=lambda t: (isinstance(t[0], BNode), str(t[0]), str(t[1]), str(t[2]))):
            if predicate.startswith(SH) and predicate not in known:
                raise self._fail(subject, f"{self._name(predicate)} is not supported (only SHACL Core is)")
            if predicate == RDF.type and isinstance(obj, URIRef) and obj.startswith(SH) and obj not in _SHAPE_CLASSES:
                raise self._fail(subject, f"rdf:type {self._name(obj)} is not supported (only SHACL Core is)")

    def _shape_nodes(self) -> set:
        graph = self._graph
        typed = {
            s
            for cls in (SH.NodeShape, SH.PropertyShape)
            for sub in graph.transitive_subjects(RDFS.subClassOf, cls)
            for s in graph.subjects(RDF.type, sub)
        }
        targeted = {s for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf) for s in graph.subjects(p, None)}
        return typed | targeted | set(graph.subjects(SH.path, None))

    def _single(self, shape: Any, parameter: URIRef) -> Any:
        values = list(self._graph.objects(shape, parameter))
        if len(values) > 1:
            raise self._fail(shape, f"more than one value for {self._name(parameter)}")
        return values[0] if values else None

    def _list(self, shape: Any, head: Any) -> list:
        if head != RDF.nil and self._graph.value(head, RDF.first) is None:
            raise self._fail(shape, f"{self._name(head)} is not an RDF list")
        return list(Collection(self._graph, head))

    def _term(self, node: Any) -> Term:
        """The pyoxigraph term; literals go through a store, which writes them the way the data store does ("1.0" -> "1")."""
        if isinstance(node, URIRef):
            return ox.NamedNode(str(node))
        if isinstance(node, BNode):
            return ox.BlankNode()
        literal = (
            ox.Literal(str(node), language=node.language)
            if node.language
            else ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype or XSD.string)))
        )
        self._scratch.clear()
        self._scratch.add(ox.Quad(_RDF_TYPE, _RDF_TYPE, literal))
        return next(iter(self._scratch)).object

    def _constant(self, shape: Any, value: Any) -> Term:
        return self._term(value)

    def _shape_for(self, shape: Any, value: Any) -> _Shape:
        return self._shape(value)

    def _boolean(self, shape: Any, value: Any) -> bool:
        if not isinstance(value, Literal) or value.datatype != XSD.boolean or str(value) not in ("true", "false", "1", "0"):
            raise self._fail(shape, f"expected true or false, got {value.n3()}")
        return str(value) in ("true", "1")

    def _count(self, shape: Any, value: Any) -> int:
        if not isinstance(value, Literal) or not isinstance(value.value, int) or isinstance(value.value, bool) or value.value < 0:
            raise self._fail(shape, f"expected a whole number, got {value.n3()}")
        return value.value

    def _iri(self, shape: Any, value: Any) -> ox.NamedNode:
        if not isinstance(value, URIRef):
            raise self._fail(shape, f"expected an IRI, got {value.n3()}")
        return ox.NamedNode(str(value))

    def _datatype(self, shape: Any, value: Any) -> ox.NamedNode:
        if value in REWRITTEN_BY_THE_STORE:
            stored = self._name(REWRITTEN_BY_THE_STORE[value])
            raise self._fail(
                shape,
                f"sh:datatype {self._name(value)} cannot be checked in a pyoxigraph store, which keeps such literals as "
                f"{stored} (use sh:datatype {stored} with a range or a pattern)",
            )
        return self._iri(shape, value)

    def _bound(self, shape: Any, value: Any) -> Term:
        if not isinstance(value, Literal):
            raise self._fail(shape, f"expected a literal bound, got {value.n3()}")
        return self._term(value)

    def _flag(self, shape: Any, value: Any) -> tuple[()] | None:
        return None if not self._boolean(shape, value) else ()

    def _node_kind(self, shape: Any, value: Any) -> frozenset[type]:
        if value not in _NODE_KINDS:
            raise self._fail(shape, f"unknown sh:nodeKind {value.n3()}")
        return _NODE_KINDS[value]

    def _pattern(self, shape: Any, value: Any) -> re.Pattern:
        flags = str(self._single(shape, SH.flags) or "")
        if set(flags) - set(_REGEX_FLAGS):
            raise self._fail(shape, f"unknown sh:flags {flags!r}")
        pattern = str(value)
        pattern = re.escape(pattern) if "q" in flags else re.sub(r"\s", "", pattern) if "x" in flags else pattern
        try:
            return re.compile(pattern, sum(_REGEX_FLAGS[f] for f in set(flags)))
        except re.error as error:
            raise self._fail(shape, f"sh:pattern {str(value)!r} is not a regular expression Python can run ({error})") from None

    def _languages(self, shape: Any, value: Any) -> tuple[str, ...]:
        return tuple(str(tag) for tag in self._list(shape, value))

    def _members(self, shape: Any, value: Any) -> frozenset[Term]:
        return frozenset(self._term(member) for member in self._list(shape, value))

    def _shape_list(self, shape: Any, value: Any) -> tuple[_Shape, ...]:
        return tuple(self._shape(member) for member in self._list(shape, value))

    def _qualified(self, shape: Any, value: Any) -> tuple[_Shape, tuple[_Shape, ...], int]:
        """Spec 4.7.3: with sh:qualifiedValueShapesDisjoint, values that also conform to a sibling's shape do not count."""
        qualified = self._single(shape, SH.qualifiedValueShape)
        if qualified is None:
            raise self._fail(shape, "sh:qualifiedMinCount or sh:qualifiedMaxCount without sh:qualifiedValueShape")
        disjoint = self._single(shape, SH.qualifiedValueShapesDisjoint)
        siblings: tuple = ()
        if disjoint is not None and self._boolean(shape, disjoint):
            graph = self._graph
            nodes = {
                q
                for parent in graph.subjects(SH.property, shape)
                for sibling in graph.objects(parent, SH.property)
                for q in graph.objects(sibling, SH.qualifiedValueShape)
            } - {qualified}
            siblings = tuple(self._shape(q) for q in sorted(nodes, key=str))
        return self._shape(qualified), siblings, self._count(shape, value)

    def _closed(self, shape: Any, value: Any) -> frozenset[ox.NamedNode] | None:
        if not self._boolean(shape, value):
            return None
        ignored = self._single(shape, SH.ignoredProperties)
        allowed = {path for prop in self._graph.objects(shape, SH.property) if isinstance(path := self._graph.value(prop, SH.path), URIRef)}
        allowed.update(self._list(shape, ignored) if ignored is not None else ())
        return frozenset(ox.NamedNode(str(p)) for p in allowed if isinstance(p, URIRef))

    def _path(self, shape: Any, node: Any) -> _Path:
        graph = self._graph
        if isinstance(node, URIRef):
            return _Predicate(ox.NamedNode(str(node)))
        if isinstance(node, Literal):
            raise self._fail(shape, f"sh:path {node.n3()} is a literal")
        if graph.value(node, RDF.first) is not None:
            steps = tuple(self._path(shape, step) for step in self._list(shape, node))
            if len(steps) < 2:
                raise self._fail(shape, "a sequence path needs at least two members")
            return _Sequence(steps)
        kinds = [p for p in (SH.inversePath, SH.alternativePath, *_REPEATS) if graph.value(node, p) is not None]
        if len(kinds) != 1 or len(set(graph.predicates(node))) != 1:
            raise self._fail(shape, f"sh:path {self._show(node)} is not a SHACL property path")
        inner = graph.value(node, kinds[0])
        if kinds[0] == SH.inversePath:
            return _Inverse(self._path(shape, inner))
        if kinds[0] == SH.alternativePath:
            return _Alternative(tuple(self._path(shape, option) for option in self._list(shape, inner)))
        return _Repeat(self._path(shape, inner), *_REPEATS[kinds[0]])

    def _show(self, value: Any, depth: int = 0) -> str:
        """A parameter as a message shows it: lists in brackets, blank nodes by their content ("[ sh:datatype xsd:date ]")."""
        graph = self._graph
        if isinstance(value, Literal):
            bare = not depth or value.datatype in (XSD.integer, XSD.decimal, XSD.boolean)
            return str(value) if bare else value.n3(graph.namespace_manager)
        if value == RDF.nil or graph.value(value, RDF.first) is not None:
            return "(" + " ".join(self._show(member, depth + 1) for member in Collection(graph, value)) + ")"
        if not isinstance(value, BNode):
            return self._name(value)
        if depth > 2:
            return "[ ... ]"
        content = sorted(graph.predicate_objects(value), key=lambda po: (str(po[0]), str(po[1])))
        return "[ " + " ; ".join(f"{self._name(p)} {self._show(o, depth + 1)}" for p, o in content) + " ]"

    def _targets(self, node: Any) -> list[tuple[str, Term]]:
        graph = self._graph
        targets = [
            (kind, self._term(value))
            for kind, predicate in (
                ("node", SH.targetNode),
                ("class", SH.targetClass),
                ("subjectsOf", SH.targetSubjectsOf),
                ("objectsOf", SH.targetObjectsOf),
            )
            for value in graph.objects(node, predicate)
        ]
        if isinstance(node, URIRef) and {RDFS.Class, OWL.Class} & set(graph.objects(node, RDF.type)):
            targets.append(("class", ox.NamedNode(str(node))))
        return targets

    def _shape(self, node: Any) -> _Shape:
        """The compiled shape, once per node; a shape reached again while it is being compiled is a recursion."""
        if node in self._compiled:
            return self._compiled[node]
        if node in self._compiling:
            raise self._fail(node, "recursive shapes are not supported (the shape refers back to itself)")
        if isinstance(node, Literal):
            raise self._fail(node, "a literal cannot be a shape")
        self._compiling.add(node)
        shape = self._compiled[node] = self._compile(node)
        self._compiling.discard(node)
        return shape

    def _compile(self, node: Any) -> _Shape:
        graph = self._graph
        types = set(graph.objects(node, RDF.type))
        path = self._single(node, SH.path)
        if path is not None and SH.NodeShape in types:
            raise self._fail(node, "a sh:NodeShape cannot have sh:path")
        if path is None and SH.PropertyShape in types:
            raise self._fail(node, "a sh:PropertyShape needs sh:path")
        severity = self._single(node, SH.severity)
        messages = sorted(graph.objects(node, SH.message), key=_message_preference)
        deactivated = self._single(node, SH.deactivated)
        shape = _Shape(
            id=str(node) if isinstance(node, URIRef) else f"_:{node}",
            path=None if path is None else self._path(node, path),
            result_path=str(path) if isinstance(path, URIRef) else None,
            targets=self._targets(node),
            severity="Violation" if severity is None else re.split(r"[#/]", self._iri(node, severity).value)[-1],
            message=str(messages[0]) if messages else None,
            deactivated=deactivated is not None and self._boolean(node, deactivated),
        )
        for predicate, value in sorted(graph.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
            if predicate == SH.property:
                prop = self._shape(value)
                if prop.path is None:
                    raise self._fail(node, f"sh:property {self._name(value)} has no sh:path")
                shape.properties.append(prop)
            elif predicate in _COMPONENTS:
                constraint = self._constraint(node, path is not None, _COMPONENTS[predicate], predicate, value)
                if constraint is not None:
                    shape.constraints.append(constraint)
        for secondary, primaries in ((SH.flags, [SH.pattern]), (SH.qualifiedValueShape, [SH.qualifiedMinCount, SH.qualifiedMaxCount])):
            if self._single(node, secondary) is not None and not any(self._single(node, p) is not None for p in primaries):
                raise self._fail(node, f"{self._name(secondary)} without {' or '.join(self._name(p) for p in primaries)}")
        return shape

    def _constraint(self, node: Any, has_path: bool, component: _Component, parameter: URIRef, value: Any) -> _Constraint | None:
        if component.property_only and not has_path:
            raise self._fail(node, f"{self._name(parameter)} can only be used in a property shape")
        param = component.read(self, node, value)
        if param is None:
            return None
        message = component.message.format(self._show(value))
        return _Constraint(component.name, param, component.check, message)


_COMPONENTS: dict[URIRef, _Component] = {
    SH["class"]: _Component("ClassConstraintComponent", "value is not an instance of {}", Shapes._constant, _each(_is_instance)),
    SH.datatype: _Component(
        "DatatypeConstraintComponent", "value is not a well-formed literal of datatype {}", Shapes._datatype, _each(_has_datatype)
    ),
    SH.nodeKind: _Component(
        "NodeKindConstraintComponent", "value is not of node kind {}", Shapes._node_kind, _each(lambda ev, kinds, v: type(v) in kinds)
    ),
    SH.minCount: _Component(
        "MinCountConstraintComponent",
        "fewer values than the minimum of {}",
        Shapes._count,
        _per_focus(lambda ev, n, values: len(values) >= n),
        True,
    ),
    SH.maxCount: _Component(
        "MaxCountConstraintComponent",
        "more values than the maximum of {}",
        Shapes._count,
        _per_focus(lambda ev, n, values: len(values) <= n),
        True,
    ),
    SH.minExclusive: _Component(
        "MinExclusiveConstraintComponent", "value is not greater than {}", Shapes._bound, _each(_ordered(frozenset({1})))
    ),
    SH.minInclusive: _Component(
        "MinInclusiveConstraintComponent", "value is less than {}", Shapes._bound, _each(_ordered(frozenset({0, 1})))
    ),
    SH.maxExclusive: _Component(
        "MaxExclusiveConstraintComponent", "value is not less than {}", Shapes._bound, _each(_ordered(frozenset({-1})))
    ),
    SH.maxInclusive: _Component(
        "MaxInclusiveConstraintComponent", "value is greater than {}", Shapes._bound, _each(_ordered(frozenset({-1, 0})))
    ),
    SH.minLength: _Component(
        "MinLengthConstraintComponent", "value is shorter than {} characters", Shapes._count, _each(_has_length(True))
    ),
    SH.maxLength: _Component(
        "MaxLengthConstraintComponent", "value is longer than {} characters", Shapes._count, _each(_has_length(False))
    ),
    SH.pattern: _Component("PatternConstraintComponent", "value does not match the pattern {}", Shapes._pattern, _each(_matches)),
    SH.languageIn: _Component(
        "LanguageInConstraintComponent", "value's language is not one of {}", Shapes._languages, _each(_in_languages)
    ),
    SH.uniqueLang: _Component(
        "UniqueLangConstraintComponent", "more than one value in the same language", Shapes._flag, _per_focus(_unique_lang), True
    ),
    SH.equals: _Component("EqualsConstraintComponent", "value is not also a value of {}, or the other way round", Shapes._iri, _equals),
    SH.disjoint: _Component("DisjointConstraintComponent", "value is also a value of {}", Shapes._iri, _disjoint),
    SH.lessThan: _Component(
        "LessThanConstraintComponent", "value is not less than every value of {}", Shapes._iri, _pairwise(frozenset({-1})), True
    ),
    SH.lessThanOrEquals: _Component(
        "LessThanOrEqualsConstraintComponent", "value is greater than a value of {}", Shapes._iri, _pairwise(frozenset({-1, 0})), True
    ),
    SH["not"]: _Component(
        "NotConstraintComponent", "value conforms to shape {}", Shapes._shape_for, _each(lambda ev, s, v: not ev.conforms(s, v))
    ),
    SH["and"]: _Component(
        "AndConstraintComponent",
        "value does not conform to all of the shapes {}",
        Shapes._shape_list,
        _each(lambda ev, shapes, v: all(ev.conforms(s, v) for s in shapes)),
    ),
    SH["or"]: _Component(
        "OrConstraintComponent",
        "value conforms to none of the shapes {}",
        Shapes._shape_list,
        _each(lambda ev, shapes, v: any(ev.conforms(s, v) for s in shapes)),
    ),
    SH.xone: _Component(
        "XoneConstraintComponent",
        "value does not conform to exactly one of the shapes {}",
        Shapes._shape_list,
        _each(lambda ev, shapes, v: sum(ev.conforms(s, v) for s in shapes) == 1),
    ),
    SH.node: _Component(
        "NodeConstraintComponent", "value does not conform to shape {}", Shapes._shape_for, _each(lambda ev, s, v: ev.conforms(s, v))
    ),
    SH.qualifiedMinCount: _Component(
        "QualifiedMinCountConstraintComponent",
        "fewer values conform to the qualified shape than the minimum of {}",
        Shapes._qualified,
        _per_focus(_qualified(too_few=True)),
        True,
    ),
    SH.qualifiedMaxCount: _Component(
        "QualifiedMaxCountConstraintComponent",
        "more values conform to the qualified shape than the maximum of {}",
        Shapes._qualified,
        _per_focus(_qualified(too_few=False)),
        True,
    ),
    SH.closed: _Component("ClosedConstraintComponent", "property not allowed by a closed shape", Shapes._closed, _closed),
    SH.hasValue: _Component(
        "HasValueConstraintComponent", "missing the value {}", Shapes._constant, _per_focus(lambda ev, term, values: term in values)
    ),
    SH["in"]: _Component("InConstraintComponent", "value is not one of {}", Shapes._members, _each(lambda ev, members, v: v in members)),
}
"""Constraint parameter -> its component; sh:property is not here: its results are the property shape's own."""


class _Evaluator:
    """One validation of one store: looks up only what the shapes ask for, and remembers it."""

    _TARGETS: ClassVar[dict[str, Callable[[_Evaluator, Term], Iterable[Term]]]] = {
        "node": lambda ev, term: (term,),
        "class": lambda ev, cls: ev.instances(cls),
        "subjectsOf": lambda ev, p: (q.subject for q in ev.store.quads_for_pattern(None, p, None, None)),
        "objectsOf": lambda ev, p: (q.object for q in ev.store.quads_for_pattern(None, p, None, None)),
    }

    def __init__(self, store: ox.Store, ontology: Graph | None) -> None:
        self.store = store
        self._out: dict[tuple[Term, ox.NamedNode], tuple[Term, ...]] = {}
        self._in: dict[tuple[Term, ox.NamedNode], tuple[Term, ...]] = {}
        self._conforms: dict[tuple[_Shape, Term], bool] = {}
        self._scans: dict[ox.NamedNode, dict[Term, tuple[Term, ...]]] = {}
        self._subclasses: dict[Term, frozenset[Term]] = {}
        self._direct_subclasses: dict[Term, set[Term]] = {}
        pairs = [(q.subject, q.object) for q in store.quads_for_pattern(None, _SUBCLASS_OF, None, None)]
        if ontology is not None:
            blank: dict[BNode, ox.BlankNode] = {}

            def to_ox(node: URIRef | BNode) -> Term:
                return ox.NamedNode(str(node)) if isinstance(node, URIRef) else blank.setdefault(node, ox.BlankNode())

            pairs += [(to_ox(s), to_ox(o)) for s, o in ontology.subject_objects(RDFS.subClassOf) if not isinstance(o, Literal)]
        for sub, sup in pairs:
            self._direct_subclasses.setdefault(sup, set()).add(sub)
        types: dict[Term, dict[Term, None]] = {}
        for quad in store.quads_for_pattern(None, _RDF_TYPE, None, None):
            types.setdefault(quad.subject, {})[quad.object] = None
        self.types = {node: tuple(found) for node, found in types.items()}
        """Every node's types, read in one pass: nearly every shape asks for the types of its focus or value nodes."""

    def objects(self, node: Term, predicate: ox.NamedNode) -> tuple[Term, ...]:
        if predicate == _RDF_TYPE:
            return self.types.get(node, ())
        key = (node, predicate)
        found = self._out.get(key)
        if found is None:
            quads = () if isinstance(node, ox.Literal) else self.store.quads_for_pattern(node, predicate, None, None)
            found = self._out[key] = tuple(dict.fromkeys([q.object for q in quads]))
        return found

    def subjects(self, node: Term, predicate: ox.NamedNode) -> tuple[Term, ...]:
        key = (node, predicate)
        found = self._in.get(key)
        if found is None:
            found = self._in[key] = tuple(dict.fromkeys([q.subject for q in self.store.quads_for_pattern(None, predicate, node, None)]))
        return found

    def properties(self, node: Term) -> set[tuple[ox.NamedNode, Term]]:
        return (
            set()
            if isinstance(node, ox.Literal)
            else {(q.predicate, q.object) for q in self.store.quads_for_pattern(node, None, None, None)}
        )

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

    def failures(self, shape: _Shape, foci: Iterable[Term]) -> Iterator[tuple[_Shape, _Constraint, Term, Term | None, str | None]]:
        """Every top-level result of ``shape`` at the focus nodes, lazily, so that a conformance test stops at the first.

        A shape is evaluated at all its focus nodes at once, and its property shapes at all their value nodes at once.
        """
        if shape.deactivated:
            return
        path = shape.path
        pairs = [(focus, (focus,) if path is None else path.forward(self, focus)) for focus in foci]
        for constraint in shape.constraints:
            for focus, value, result_path in constraint.check(self, constraint.param, pairs):
                yield shape, constraint, focus, value, result_path
        if shape.properties:
            values = dict.fromkeys(value for _, values in pairs for value in values)
            for prop in shape.properties:
                yield from self.failures(prop, values)

    def conforms(self, shape: _Shape, node: Term) -> bool:
        key = (shape, node)
        found = self._conforms.get(key)
        if found is None:
            found = self._conforms[key] = next(self.failures(shape, (node,)), None) is None
        return found

    def prefetch(self, predicates: Iterable[ox.NamedNode], nodes: dict[Term, None], keep: frozenset[ox.NamedNode] = frozenset()) -> None:
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
        for quad in self.store.quads_for_pattern(None, predicate, None, None):
            if subjects is None or quad.subject in subjects:
                found.setdefault(quad.subject, {})[quad.object] = None
        return {subject: tuple(values) for subject, values in found.items()}

    def run(self, targeted: list[_Shape]) -> list[Violation]:
        """Shapes with the same targets are evaluated together, on what one pass per predicate read for all their focus nodes.

        What was read is forgotten before the next group, so memory is bounded
        by the largest group of focus nodes, not by the graph; only the scan of
        a predicate that a later group reads again is kept until that group.
        """
        groups: dict[tuple, list[_Shape]] = {}
        for shape in targeted:
            groups.setdefault(tuple(shape.targets), []).append(shape)
        plans = [(targets, shapes, tuple(dict.fromkeys(p for s in shapes for p in _local_predicates(s)))) for targets, shapes in groups.items()]
        remaining = Counter(p for _, _, predicates in plans for p in predicates)
        found = set()
        for targets, shapes, predicates in plans:
            self._out, self._in, self._conforms = {}, {}, {}
            focus_nodes = dict.fromkeys(node for kind, term in targets for node in self._TARGETS[kind](self, term))
            if len(focus_nodes) >= PREFETCH_AT:
                self.prefetch((p for p in predicates if p != _RDF_TYPE), focus_nodes, keep=frozenset(p for p in predicates if remaining[p] > 1))
            found.update(self._violations(shapes, focus_nodes))
            remaining.subtract(predicates)
            for predicate in predicates:
                if not remaining[predicate]:
                    self._scans.pop(predicate, None)
        self._out, self._in, self._conforms = {}, {}, {}
        return sorted(found, key=lambda v: (v.focus, v.path or "", v.value or "", v.shape, v.component, v.severity, v.message))

    def _violations(self, shapes: list[_Shape], focus_nodes: dict[Term, None]) -> Iterator[Violation]:
        for shape in shapes:
            for source, constraint, node, value, path in self.failures(shape, focus_nodes):
                yield Violation(
                    focus=_text(node),
                    path=path if path is not None else source.result_path,
                    value=None if value is None else str(value),
                    shape=source.id,
                    component=constraint.component,
                    severity=source.severity,
                    message=source.message or constraint.message,
                )


PREFETCH_AT = 64
"""Focus nodes from which a group of shapes reads its predicates by scanning rather than node by node."""

_AT_THE_SAME_NODE = ("NotConstraintComponent", "AndConstraintComponent", "OrConstraintComponent", "XoneConstraintComponent", "NodeConstraintComponent")
"""Components whose shapes are evaluated at the value node itself: for a node shape, at its focus node."""


@lru_cache(maxsize=None)
def _local_predicates(shape: _Shape) -> tuple[ox.NamedNode, ...]:
    """The predicates that evaluating a node shape looks up on its focus node: its property shapes' and those of the shapes it nests there."""
    if shape.path is not None:
        return (shape.path.iri,) if isinstance(shape.path, _Predicate) else ()
    found: dict[ox.NamedNode, None] = {}
    for prop in shape.properties:
        if isinstance(prop.path, _Predicate):
            found[prop.path.iri] = None
    for constraint in shape.constraints:
        if constraint.component in _AT_THE_SAME_NODE:
            nested = constraint.param if isinstance(constraint.param, (list, tuple)) else (constraint.param,)
            found.update(dict.fromkeys(p for inner in nested if isinstance(inner, _Shape) for p in _local_predicates(inner)))
    return tuple(found)


def _message_preference(message: Any) -> tuple:
    """Which sh:message a result carries when there are several: one without a language tag, else English, else the first tag."""
    language = (getattr(message, "language", None) or "").lower()
    return (bool(language), not (language == "en" or language.startswith("en-")), language, str(message))


def _text(term: Term) -> str:
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}" if isinstance(term, ox.BlankNode) else str(term)
