"""SHACL Core's constraint components as one table: each parameter, its section of the spec, its reader and its check.

A component is a row, not a class: the check is a function of the evaluator, the parameter and the pairs of focus
and value nodes. Most components test value nodes one by one (:func:`each`) or a focus node's values taken together
(:func:`per_focus`); the property-pair components compare with another property's values.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.namespace import SH

from kgraph.rdf.terms import Term
from kgraph.shacl import parameters as read
from kgraph.shacl.compiled import Check, Failure, Pairs, Shape
from kgraph.shacl.literals import compare, well_formed

if TYPE_CHECKING:
    from kgraph.shacl.compile import Compiler
    from kgraph.shacl.evaluate import Evaluator


def each(test: Callable[[Evaluator, Any, Term], bool]) -> Check:
    """A check that reports every value node failing ``test``: the value-type components give one result per value."""

    def check(ev: Evaluator, param: Any, pairs: Pairs) -> Iterator[Failure]:
        return ((focus, value, None) for focus, values in pairs for value in values if not test(ev, param, value))

    return check


def per_focus(test: Callable[[Evaluator, Any, tuple[Term, ...]], bool]) -> Check:
    """A check that reports a focus node, without a value, when its value nodes taken together fail ``test``."""

    def check(ev: Evaluator, param: Any, pairs: Pairs) -> Iterator[Failure]:
        return ((focus, None, None) for focus, values in pairs if not test(ev, param, values))

    return check


def _lang_matches(tag: str, language_range: str) -> bool:
    """SPARQL langMatches: RFC 4647 basic filtering."""
    tag, language_range = tag.lower(), language_range.lower()
    return bool(tag) if language_range == "*" else tag == language_range or tag.startswith(language_range + "-")


def _ordered(outcomes: frozenset[int]) -> Callable[[Evaluator, Any, Term], bool]:
    return lambda ev, bound, value: compare(value, bound) in outcomes


def _unique_lang(ev: Evaluator, param: tuple, pairs: Pairs) -> Iterator[Failure]:
    """One result for each language tag that two values share; tags are case-insensitive (RDF 1.1 Concepts 3.3)."""
    for focus, values in pairs:
        tags = Counter(v.language.lower() for v in values if isinstance(v, ox.Literal) and v.language)
        yield from ((focus, None, None) for count in tags.values() if count > 1)


def _qualified(too_few: bool) -> Callable[[Evaluator, tuple[Shape, tuple[Shape, ...], int], tuple[Term, ...]], bool]:
    def test(ev: Evaluator, param: tuple[Shape, tuple[Shape, ...], int], values: tuple[Term, ...]) -> bool:
        shape, siblings, bound = param
        count = sum(1 for v in values if ev.conforms(shape, v) and not any(ev.conforms(s, v) for s in siblings))
        return count >= bound if too_few else count <= bound

    return test


def _equals(ev: Evaluator, predicate: ox.NamedNode, pairs: Pairs) -> Iterator[Failure]:
    return ((focus, value, None) for focus, values in pairs for value in set(values).symmetric_difference(ev.objects(focus, predicate)))


def _disjoint(ev: Evaluator, predicate: ox.NamedNode, pairs: Pairs) -> Iterator[Failure]:
    return ((focus, value, None) for focus, values in pairs for value in set(values).intersection(ev.objects(focus, predicate)))


def _pairwise(outcomes: frozenset[int]) -> Check:
    """sh:lessThan and sh:lessThanOrEquals: each value against each value of the other property, a result for each pair that fails."""

    def check(ev: Evaluator, predicate: ox.NamedNode, pairs: Pairs) -> Iterator[Failure]:
        return (
            (focus, value, None)
            for focus, values in pairs
            for value in values
            for other in ev.objects(focus, predicate)
            if compare(value, other) not in outcomes
        )

    return check


def _closed(ev: Evaluator, allowed: frozenset[ox.NamedNode], pairs: Pairs) -> Iterator[Failure]:
    return (
        (focus, obj, predicate.value)
        for focus, values in pairs
        for value in values
        for predicate, obj in ev.properties(value)
        if predicate not in allowed
    )


def _is_instance(ev: Evaluator, cls: Term, value: Term) -> bool:
    return not isinstance(value, ox.Literal) and ev.is_instance(value, cls)


def _has_datatype(ev: Evaluator, datatype: ox.NamedNode, value: Term) -> bool:
    return isinstance(value, ox.Literal) and value.datatype == datatype and well_formed(value)


def _has_length(at_least: bool) -> Callable[[Evaluator, int, Term], bool]:
    return lambda ev, n, value: not isinstance(value, ox.BlankNode) and (len(value.value) >= n if at_least else len(value.value) <= n)


def _matches(ev: Evaluator, regex: re.Pattern, value: Term) -> bool:
    return not isinstance(value, ox.BlankNode) and regex.search(value.value) is not None


def _in_languages(ev: Evaluator, ranges: tuple[str, ...], value: Term) -> bool:
    return isinstance(value, ox.Literal) and value.language is not None and any(_lang_matches(value.language, r) for r in ranges)


class Component(NamedTuple):
    """One constraint component: a row of the table."""

    name: str
    spec: str
    """The component's section of the SHACL specification, named in the errors its parameter can raise."""
    message: str
    """The default message; {} stands for the parameter."""
    read: Callable[[Compiler, BNode | URIRef, Any], Any]
    """Shapes graph -> the check's parameter; None when the parameter asks for nothing (sh:closed false, ...)."""
    check: Check
    property_only: bool = False


COMPONENTS: dict[URIRef, Component] = {
    SH["class"]: Component(
        "ClassConstraintComponent",
        "https://www.w3.org/TR/shacl/#ClassConstraintComponent",
        "value is not an instance of {}",
        read.constant,
        each(_is_instance),
    ),
    SH.datatype: Component(
        "DatatypeConstraintComponent",
        "https://www.w3.org/TR/shacl/#DatatypeConstraintComponent",
        "value is not a well-formed literal of datatype {}",
        read.datatype,
        each(_has_datatype),
    ),
    SH.nodeKind: Component(
        "NodeKindConstraintComponent",
        "https://www.w3.org/TR/shacl/#NodeKindConstraintComponent",
        "value is not of node kind {}",
        read.node_kind,
        each(lambda ev, kinds, v: type(v) in kinds),
    ),
    SH.minCount: Component(
        "MinCountConstraintComponent",
        "https://www.w3.org/TR/shacl/#MinCountConstraintComponent",
        "fewer values than the minimum of {}",
        read.count,
        per_focus(lambda ev, n, values: len(values) >= n),
        True,
    ),
    SH.maxCount: Component(
        "MaxCountConstraintComponent",
        "https://www.w3.org/TR/shacl/#MaxCountConstraintComponent",
        "more values than the maximum of {}",
        read.count,
        per_focus(lambda ev, n, values: len(values) <= n),
        True,
    ),
    SH.minExclusive: Component(
        "MinExclusiveConstraintComponent",
        "https://www.w3.org/TR/shacl/#MinExclusiveConstraintComponent",
        "value is not greater than {}",
        read.bound,
        each(_ordered(frozenset({1}))),
    ),
    SH.minInclusive: Component(
        "MinInclusiveConstraintComponent",
        "https://www.w3.org/TR/shacl/#MinInclusiveConstraintComponent",
        "value is less than {}",
        read.bound,
        each(_ordered(frozenset({0, 1}))),
    ),
    SH.maxExclusive: Component(
        "MaxExclusiveConstraintComponent",
        "https://www.w3.org/TR/shacl/#MaxExclusiveConstraintComponent",
        "value is not less than {}",
        read.bound,
        each(_ordered(frozenset({-1}))),
    ),
    SH.maxInclusive: Component(
        "MaxInclusiveConstraintComponent",
        "https://www.w3.org/TR/shacl/#MaxInclusiveConstraintComponent",
        "value is greater than {}",
        read.bound,
        each(_ordered(frozenset({-1, 0}))),
    ),
    SH.minLength: Component(
        "MinLengthConstraintComponent",
        "https://www.w3.org/TR/shacl/#MinLengthConstraintComponent",
        "value is shorter than {} characters",
        read.count,
        each(_has_length(True)),
    ),
    SH.maxLength: Component(
        "MaxLengthConstraintComponent",
        "https://www.w3.org/TR/shacl/#MaxLengthConstraintComponent",
        "value is longer than {} characters",
        read.count,
        each(_has_length(False)),
    ),
    SH.pattern: Component(
        "PatternConstraintComponent",
        "https://www.w3.org/TR/shacl/#PatternConstraintComponent",
        "value does not match the pattern {}",
        read.pattern,
        each(_matches),
    ),
    SH.languageIn: Component(
        "LanguageInConstraintComponent",
        "https://www.w3.org/TR/shacl/#LanguageInConstraintComponent",
        "value's language is not one of {}",
        read.languages,
        each(_in_languages),
    ),
    SH.uniqueLang: Component(
        "UniqueLangConstraintComponent",
        "https://www.w3.org/TR/shacl/#UniqueLangConstraintComponent",
        "more than one value in the same language",
        read.flag,
        _unique_lang,
        True,
    ),
    SH.equals: Component(
        "EqualsConstraintComponent",
        "https://www.w3.org/TR/shacl/#EqualsConstraintComponent",
        "value is not also a value of {}, or the other way round",
        read.iri,
        _equals,
    ),
    SH.disjoint: Component(
        "DisjointConstraintComponent",
        "https://www.w3.org/TR/shacl/#DisjointConstraintComponent",
        "value is also a value of {}",
        read.iri,
        _disjoint,
    ),
    SH.lessThan: Component(
        "LessThanConstraintComponent",
        "https://www.w3.org/TR/shacl/#LessThanConstraintComponent",
        "value is not less than every value of {}",
        read.iri,
        _pairwise(frozenset({-1})),
        True,
    ),
    SH.lessThanOrEquals: Component(
        "LessThanOrEqualsConstraintComponent",
        "https://www.w3.org/TR/shacl/#LessThanOrEqualsConstraintComponent",
        "value is greater than a value of {}",
        read.iri,
        _pairwise(frozenset({-1, 0})),
        True,
    ),
    SH["not"]: Component(
        "NotConstraintComponent",
        "https://www.w3.org/TR/shacl/#NotConstraintComponent",
        "value conforms to shape {}",
        read.shape_for,
        each(lambda ev, s, v: not ev.conforms(s, v)),
    ),
    SH["and"]: Component(
        "AndConstraintComponent",
        "https://www.w3.org/TR/shacl/#AndConstraintComponent",
        "value does not conform to all of the shapes {}",
        read.shape_list,
        each(lambda ev, shapes, v: all(ev.conforms(s, v) for s in shapes)),
    ),
    SH["or"]: Component(
        "OrConstraintComponent",
        "https://www.w3.org/TR/shacl/#OrConstraintComponent",
        "value conforms to none of the shapes {}",
        read.shape_list,
        each(lambda ev, shapes, v: any(ev.conforms(s, v) for s in shapes)),
    ),
    SH.xone: Component(
        "XoneConstraintComponent",
        "https://www.w3.org/TR/shacl/#XoneConstraintComponent",
        "value does not conform to exactly one of the shapes {}",
        read.shape_list,
        each(lambda ev, shapes, v: sum(ev.conforms(s, v) for s in shapes) == 1),
    ),
    SH.node: Component(
        "NodeConstraintComponent",
        "https://www.w3.org/TR/shacl/#NodeConstraintComponent",
        "value does not conform to shape {}",
        read.shape_for,
        each(lambda ev, s, v: ev.conforms(s, v)),
    ),
    SH.qualifiedMinCount: Component(
        "QualifiedMinCountConstraintComponent",
        "https://www.w3.org/TR/shacl/#QualifiedValueShapeConstraintComponent",
        "fewer values conform to the qualified shape than the minimum of {}",
        read.qualified,
        per_focus(_qualified(too_few=True)),
    ),
    SH.qualifiedMaxCount: Component(
        "QualifiedMaxCountConstraintComponent",
        "https://www.w3.org/TR/shacl/#QualifiedValueShapeConstraintComponent",
        "more values conform to the qualified shape than the maximum of {}",
        read.qualified,
        per_focus(_qualified(too_few=False)),
    ),
    SH.closed: Component(
        "ClosedConstraintComponent",
        "https://www.w3.org/TR/shacl/#ClosedConstraintComponent",
        "property not allowed by a closed shape",
        read.closed,
        _closed,
    ),
    SH.hasValue: Component(
        "HasValueConstraintComponent",
        "https://www.w3.org/TR/shacl/#HasValueConstraintComponent",
        "missing the value {}",
        read.constant,
        per_focus(lambda ev, term, values: term in values),
    ),
    SH["in"]: Component(
        "InConstraintComponent",
        "https://www.w3.org/TR/shacl/#InConstraintComponent",
        "value is not one of {}",
        read.members,
        each(lambda ev, members, v: v in members),
    ),
}
"""Constraint parameter -> its component; sh:property is not here: its results are the property shape's own."""

AT_THE_SAME_NODE = frozenset(
    {"NotConstraintComponent", "AndConstraintComponent", "OrConstraintComponent", "XoneConstraintComponent", "NodeConstraintComponent"}
)
"""Components whose shapes are evaluated at the value node itself: for a node shape, at its focus node."""
