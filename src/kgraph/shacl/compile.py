"""Compiling a shapes graph (:class:`Shapes`), the engine's entry point: SHACL Core over the data in a pyoxigraph store.

pySHACL walks an rdflib graph in Python; the build keeps its graph in a pyoxigraph ``Store``. Here the shapes are
compiled once (:class:`Shapes`) into small Python objects, and validating asks the store for the triples a shape
needs, one pattern at a time, remembering each lookup and which nodes conform to which nested shape, so the work
grows with the part of the data that the shapes reach, and in step with it. What a well-formed literal is, and how
literals compare, is :mod:`kgraph.shacl.literals`.

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
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from kgraph.rdf.terms import Term
from kgraph.shacl import parameters as read
from kgraph.shacl.compiled import Constraint, Shape, Violation
from kgraph.shacl.components import COMPONENTS, Component
from kgraph.shacl.evaluate import Evaluator
from kgraph.shacl.paths import REPEATS, Alternative, Inverse, Path, Predicate, Repeat, Sequence

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SH = str(SH)
_SECONDARY = {SH.flags, SH.ignoredProperties, SH.qualifiedValueShape, SH.qualifiedValueShapesDisjoint}
"""Parameters read together with another one (sh:pattern, sh:closed, sh:qualifiedMin/MaxCount); alone, they make no constraint."""
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
    *REPEATS,
    SH.declare,
    SH.prefix,
    SH.namespace,
}
_SHAPE_CLASSES = {SH.Shape, SH.NodeShape, SH.PropertyShape, SH.PropertyGroup, SH.PrefixDeclaration}
_REPORT_CLASSES = {SH.ValidationReport, SH.ValidationResult, SH.AbstractResult}
"""Validation reports (https://www.w3.org/TR/shacl/#validation-report) may sit in a shapes graph: the W3C test suite
keeps each test's expected report there."""
_KNOWN = {*COMPONENTS, *_SECONDARY, *_NON_VALIDATING, *_STRUCTURE}
"""What a shape may say in the SHACL namespace: anything else on a shape is refused, typos included."""
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
"""Target declarations; SHACL-AF's sh:target among them, so that a shape declaring one is refused for it."""


class Shapes:
    """Compiled once from a shapes graph; raises ValueError naming the shape and the term for anything it does not support.

    Shapes are compiled on their own (every node shape, property shape, targeted or referenced shape), so an error in
    a helper shape is found even before a focus node reaches it.
    """

    def __init__(self, shapes: Graph) -> None:
        self._targeted = Compiler(shapes).targeted()

    def validate(self, store: ox.Store, ontology: Graph | None = None) -> list[Violation]:
        """Validate the union of every graph in ``store``; ``ontology`` adds rdfs:subClassOf triples for class membership."""
        return Evaluator(store, ontology).run(self._targeted)


class Compiler:
    """One reading of a shapes graph: every shape compiled once, errors naming the shape the way its author wrote it."""

    def __init__(self, shapes: Graph) -> None:
        self.graph = shapes
        self._scratch = ox.Store()
        self._compiled: dict[BNode | URIRef, Shape] = {}
        self._compiling: set[BNode | URIRef] = set()

    def targeted(self) -> list[Shape]:
        """Every shape compiled; those with targets that are not deactivated, which validating starts from."""
        for node in sorted(self._shape_nodes(), key=str):
            self.shape(node)
        self._check_vocabulary()
        return [s for s in self._compiled.values() if s.targets and not s.deactivated]

    def name(self, node: Any, seen: frozenset = frozenset()) -> str:
        """A node as an error message names it: a blank node by where it hangs ("[] in sh:property of ex:S")."""
        if not isinstance(node, BNode):
            return node.n3(self.graph.namespace_manager)
        owner: Any = node
        predicate: Any = None
        while predicate in (None, RDF.first, RDF.rest):
            references = sorted(self.graph.subject_predicates(owner), key=str)
            if not references or owner in seen:
                return f"_:{node}"
            seen, (owner, predicate) = seen | {owner}, references[0]
        path = self.graph.value(node, SH.path)
        label = f"[sh:path {self.name(path)}]" if isinstance(path, URIRef) else "[]"
        return f"{label} in {self.name(predicate)} of {self.name(owner, seen)}"

    def fail(self, shape: Any, problem: str) -> ValueError:
        return ValueError(f"shape {self.name(shape)}: {problem}")

    def _check_vocabulary(self) -> None:
        """Refuse, wherever they are, SHACL classes outside SHACL Core (SPARQL constraints and targets, rules) and entailment.

        What a shape says is checked as it is compiled; other nodes may carry any triples (a report, a test manifest).
        """
        known = _SHAPE_CLASSES | _REPORT_CLASSES
        for subject, cls in sorted(self.graph.subject_objects(RDF.type), key=lambda so: (isinstance(so[0], BNode), str(so[0]), str(so[1]))):
            if isinstance(cls, URIRef) and cls.startswith(_SH) and cls not in known:
                raise self.fail(subject, f"rdf:type {self.name(cls)} is not supported (only SHACL Core is)")
        entailing = sorted(self.graph.subjects(SH.entailment, None), key=str)
        if entailing:
            raise self.fail(entailing[0], "sh:entailment is not supported (kgraph validates the data as it is, without inferring triples)")

    def _shape_nodes(self) -> set:
        graph = self.graph
        typed = {
            s
            for cls in (SH.NodeShape, SH.PropertyShape)
            for sub in graph.transitive_subjects(RDFS.subClassOf, cls)
            for s in graph.subjects(RDF.type, sub)
        }
        declaring = {s for p in (*_TARGETS, *COMPONENTS, *_SECONDARY, SH.property, SH.path) for s in graph.subjects(p, None)}
        return typed | declaring

    def single(self, shape: Any, parameter: URIRef) -> Any:
        values = list(self.graph.objects(shape, parameter))
        if len(values) > 1:
            raise self.fail(shape, f"more than one value for {self.name(parameter)}")
        return values[0] if values else None

    def rdf_list(self, shape: Any, head: Any) -> list:
        if head != RDF.nil and self.graph.value(head, RDF.first) is None:
            raise self.fail(shape, f"{self.name(head)} is not an RDF list")
        return list(Collection(self.graph, head))

    def term(self, node: Any) -> Term:
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

    def _path(self, shape: Any, node: Any) -> Path:
        graph = self.graph
        if isinstance(node, URIRef):
            return Predicate(ox.NamedNode(str(node)))
        if isinstance(node, Literal):
            raise self.fail(shape, f"sh:path {node.n3()} is a literal")
        if graph.value(node, RDF.first) is not None:
            steps = tuple(self._path(shape, step) for step in self.rdf_list(shape, node))
            if len(steps) < 2:
                raise self.fail(shape, "a sequence path needs at least two members")
            return Sequence(steps)
        kinds = [p for p in (SH.inversePath, SH.alternativePath, *REPEATS) if graph.value(node, p) is not None]
        if len(kinds) != 1 or len(set(graph.predicates(node))) != 1:
            raise self.fail(shape, f"sh:path {self.show(node)} is not a SHACL property path")
        inner = graph.value(node, kinds[0])
        if kinds[0] == SH.inversePath:
            return Inverse(self._path(shape, inner))
        if kinds[0] == SH.alternativePath:
            return Alternative(tuple(self._path(shape, option) for option in self.rdf_list(shape, inner)))
        return Repeat(self._path(shape, inner), *REPEATS[kinds[0]])

    def show(self, value: Any, depth: int = 0) -> str:
        """A parameter as a message shows it: lists in brackets, blank nodes by their content ("[ sh:datatype xsd:date ]")."""
        graph = self.graph
        if isinstance(value, Literal):
            bare = not depth or value.datatype in (XSD.integer, XSD.decimal, XSD.boolean)
            return str(value) if bare else value.n3(graph.namespace_manager)
        if value == RDF.nil or graph.value(value, RDF.first) is not None:
            return "(" + " ".join(self.show(member, depth + 1) for member in Collection(graph, value)) + ")"
        if not isinstance(value, BNode):
            return self.name(value)
        if depth > 2:
            return "[ ... ]"
        content = sorted(graph.predicate_objects(value), key=lambda po: (str(po[0]), str(po[1])))
        return "[ " + " ; ".join(f"{self.name(p)} {self.show(o, depth + 1)}" for p, o in content) + " ]"

    def _targets(self, node: Any) -> list[tuple[str, Term]]:
        """The shape's target declarations: any node for sh:targetNode, a class or a property's IRI for the others."""
        graph = self.graph
        targets = [
            (kind, self.term(value) if kind == "node" else read.iri(self, node, value))
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

    def shape(self, node: Any) -> Shape:
        """The compiled shape, once per node; a shape reached again while it is being compiled is a recursion."""
        if node in self._compiled:
            return self._compiled[node]
        if node in self._compiling:
            raise self.fail(node, "recursive shapes are not supported (the shape refers back to itself)")
        if isinstance(node, Literal):
            raise self.fail(node, "a literal cannot be a shape")
        self._compiling.add(node)
        shape = self._compiled[node] = self._compile(node)
        self._compiling.discard(node)
        return shape

    def _compile(self, node: Any) -> Shape:
        graph = self.graph
        for predicate in sorted(set(graph.predicates(node)), key=str):
            if isinstance(predicate, URIRef) and predicate.startswith(_SH) and predicate not in _KNOWN:
                raise self.fail(node, f"{self.name(predicate)} is not supported (only SHACL Core is)")
        types = set(graph.objects(node, RDF.type))
        path = self.single(node, SH.path)
        if path is not None and SH.NodeShape in types:
            raise self.fail(node, "a sh:NodeShape cannot have sh:path")
        if path is None and SH.PropertyShape in types:
            raise self.fail(node, "a sh:PropertyShape needs sh:path")
        severity = self.single(node, SH.severity)
        messages = sorted(graph.objects(node, SH.message), key=_message_preference)
        deactivated = self.single(node, SH.deactivated)
        compiled = None if path is None else self._path(node, path)
        shape = Shape(
            id=str(node) if isinstance(node, URIRef) else f"_:{node}",
            path=compiled,
            result_path=None if compiled is None else compiled.iri.value if isinstance(compiled, Predicate) else compiled.sparql(),
            targets=self._targets(node),
            severity="Violation" if severity is None else re.split(r"[#/]", read.iri(self, node, severity).value)[-1],
            message=str(messages[0]) if messages else None,
            deactivated=deactivated is not None and read.boolean(self, node, deactivated),
        )
        for predicate, value in sorted(graph.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
            if predicate == SH.property:
                prop = self.shape(value)
                if prop.path is None:
                    raise self.fail(node, f"sh:property {self.name(value)} has no sh:path")
                shape.properties.append(prop)
            elif isinstance(predicate, URIRef) and predicate in COMPONENTS:
                constraint = self._constraint(node, path is not None, COMPONENTS[predicate], predicate, value)
                if constraint is not None:
                    shape.constraints.append(constraint)
        return shape

    def _constraint(self, node: Any, has_path: bool, component: Component, parameter: URIRef, value: Any) -> Constraint | None:
        if component.property_only and not has_path:
            raise self.fail(node, f"{self.name(parameter)} can only be used in a property shape ({component.spec})")
        param = component.read(self, node, value)
        if param is None:
            return None
        message = component.message.format(self.show(value))
        return Constraint(component.name, param, component.check, message)


def _message_preference(message: Any) -> tuple:
    """Which sh:message a result carries when there are several: one without a language tag, else English, else the first tag."""
    language = (getattr(message, "language", None) or "").lower()
    return (bool(language), not (language == "en" or language.startswith("en-")), language, str(message))
