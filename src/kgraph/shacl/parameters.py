"""Reading a constraint's parameter from the shapes graph into what its check needs, or refusing it with the reason.

Each reader takes the compiler, the shape node and the parameter's value, and returns the check's parameter: None
when the parameter asks for nothing (``sh:closed false``, ``sh:uniqueLang false``, a qualified count without its
``sh:qualifiedValueShape``), so no constraint is made.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import SH, XSD

from kgraph.rdf.terms import Term
from kgraph.shacl.compiled import Shape
from kgraph.shacl.literals import REWRITTEN_BY_THE_STORE

if TYPE_CHECKING:
    from kgraph.shacl.compile import Compiler

NODE_KINDS = {
    SH.IRI: frozenset({ox.NamedNode}),
    SH.BlankNode: frozenset({ox.BlankNode}),
    SH.Literal: frozenset({ox.Literal}),
    SH.BlankNodeOrIRI: frozenset({ox.BlankNode, ox.NamedNode}),
    SH.BlankNodeOrLiteral: frozenset({ox.BlankNode, ox.Literal}),
    SH.IRIOrLiteral: frozenset({ox.NamedNode, ox.Literal}),
}
REGEX_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": 0, "q": 0}
"""XPath's regular-expression flags (SPARQL's REGEX) as Python's; x and q rewrite the pattern instead."""


def constant(c: Compiler, shape: Any, value: Any) -> Term:
    """A term as the store holds it (sh:class, sh:hasValue), so that it compares equal to the data's."""
    return c.term(value)


def shape_for(c: Compiler, shape: Any, value: Any) -> Shape:
    """The shape that sh:node or sh:not names, compiled once however many shapes name it."""
    return c.shape(value)


def boolean(c: Compiler, shape: Any, value: Any) -> bool:
    """Only the literal true switches a parameter on: "1"^^xsd:boolean is another term, as the W3C suite reads SHACL."""
    if not isinstance(value, Literal) or value.datatype != XSD.boolean or str(value) not in ("true", "false", "1", "0"):
        raise c.fail(shape, f"expected true or false, got {value.n3()}")
    return str(value) == "true"


def count(c: Compiler, shape: Any, value: Any) -> int:
    """A non-negative whole number (sh:minCount, sh:maxLength, ...): a count of "two" or -1 is a mistake in the shapes."""
    if not isinstance(value, Literal) or not isinstance(value.value, int) or isinstance(value.value, bool) or value.value < 0:
        raise c.fail(shape, f"expected a whole number, got {value.n3()}")
    return value.value


def iri(c: Compiler, shape: Any, value: Any) -> ox.NamedNode:
    """A property or a severity, which SHACL gives as an IRI."""
    if not isinstance(value, URIRef):
        raise c.fail(shape, f"expected an IRI, got {value.n3()}")
    return ox.NamedNode(str(value))


def datatype(c: Compiler, shape: Any, value: Any) -> ox.NamedNode:
    """A datatype the store keeps as it is written; the ones it rewrites (xsd:int -> xsd:integer) cannot be checked."""
    if value in REWRITTEN_BY_THE_STORE:
        stored = c.name(REWRITTEN_BY_THE_STORE[value])
        raise c.fail(
            shape,
            f"sh:datatype {c.name(value)} cannot be checked in a pyoxigraph store, which keeps such literals as "
            f"{stored} (use sh:datatype {stored} with a range or a pattern)",
        )
    return iri(c, shape, value)


def bound(c: Compiler, shape: Any, value: Any) -> Term:
    """A range's bound: a literal, as the store holds it, which the values are compared with."""
    if not isinstance(value, Literal):
        raise c.fail(shape, f"expected a literal bound, got {value.n3()}")
    return c.term(value)


def flag(c: Compiler, shape: Any, value: Any) -> tuple[()] | None:
    """A switch with nothing else to read (sh:uniqueLang): an empty parameter when on, no constraint when off."""
    return None if not boolean(c, shape, value) else ()


def node_kind(c: Compiler, shape: Any, value: Any) -> frozenset[type]:
    """The pyoxigraph term classes that one of SHACL's six node kinds allows."""
    if value not in NODE_KINDS:
        raise c.fail(shape, f"unknown sh:nodeKind {value.n3()}")
    return NODE_KINDS[value]


def pattern(c: Compiler, shape: Any, value: Any) -> re.Pattern:
    """The regular expression with its sh:flags, compiled once; one Python cannot run is refused, not skipped."""
    flags = str(c.single(shape, SH.flags) or "")
    if set(flags) - set(REGEX_FLAGS):
        raise c.fail(shape, f"unknown sh:flags {flags!r}")
    text = str(value)
    text = re.escape(text) if "q" in flags else re.sub(r"\s", "", text) if "x" in flags else text
    try:
        return re.compile(text, sum(REGEX_FLAGS[f] for f in set(flags)))
    except re.error as error:
        raise c.fail(shape, f"sh:pattern {str(value)!r} is not a regular expression Python can run ({error})") from None


def languages(c: Compiler, shape: Any, value: Any) -> tuple[str, ...]:
    """The language ranges of sh:languageIn, from their RDF list."""
    return tuple(str(tag) for tag in c.rdf_list(shape, value))


def members(c: Compiler, shape: Any, value: Any) -> frozenset[Term]:
    """The allowed values of sh:in, as the store holds them, for a lookup per value node."""
    return frozenset(c.term(member) for member in c.rdf_list(shape, value))


def shape_list(c: Compiler, shape: Any, value: Any) -> tuple[Shape, ...]:
    """The shapes of sh:and, sh:or or sh:xone, from their RDF list, in its order."""
    return tuple(c.shape(member) for member in c.rdf_list(shape, value))


def qualified(c: Compiler, shape: Any, value: Any) -> tuple[Shape, tuple[Shape, ...], int] | None:
    """SHACL 4.7.3: with sh:qualifiedValueShapesDisjoint, values that also conform to a sibling's shape do not count.

    Without sh:qualifiedValueShape, a count is not a constraint: the component's other mandatory parameter is missing.
    """
    qualified_shape = c.single(shape, SH.qualifiedValueShape)
    if qualified_shape is None:
        return None
    disjoint = c.single(shape, SH.qualifiedValueShapesDisjoint)
    siblings: tuple = ()
    if disjoint is not None and boolean(c, shape, disjoint):
        graph = c.graph
        nodes = {
            q
            for parent in graph.subjects(SH.property, shape)
            for sibling in graph.objects(parent, SH.property)
            for q in graph.objects(sibling, SH.qualifiedValueShape)
        } - {qualified_shape}
        siblings = tuple(c.shape(q) for q in sorted(nodes, key=str))
    return c.shape(qualified_shape), siblings, count(c, shape, value)


def closed(c: Compiler, shape: Any, value: Any) -> frozenset[ox.NamedNode] | None:
    """The properties a closed shape allows: its property shapes' predicates and sh:ignoredProperties; None when not closed."""
    if not boolean(c, shape, value):
        return None
    ignored = c.single(shape, SH.ignoredProperties)
    graph = c.graph
    allowed = {path for prop in graph.objects(shape, SH.property) if isinstance(path := graph.value(prop, SH.path), URIRef)}
    allowed.update(c.rdf_list(shape, ignored) if ignored is not None else ())
    return frozenset(ox.NamedNode(str(p)) for p in allowed if isinstance(p, URIRef))
