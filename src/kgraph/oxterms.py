"""Python values as pyoxigraph terms and back: the one place where the two meet.

The graph lives in a pyoxigraph store; the code that reasons about it (the
derived layer, the drawings) works with plain Python values and rdflib IRIs,
which are strings. Literals keep the lexical forms rdflib gives the same
values, so a graph reads the same whichever library wrote it.

>>> literal(3), literal(True), literal(Decimal("12"))
(<Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>, <Literal value=true datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#boolean>>, <Literal value=12.0 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#decimal>>)
>>> to_python(literal(dt.date(2009, 4, 7))), to_python(literal("a")), to_python(iri("https://example.org/x"))
(datetime.date(2009, 4, 7), 'a', rdflib.term.URIRef('https://example.org/x'))
>>> from_rdflib(URIRef("https://example.org/x")) == iri("https://example.org/x")
True
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

from kgraph.xsd import XSD, decimal_text

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


@lru_cache(maxsize=1 << 16)
def iri(value: str) -> ox.NamedNode:
    """A named node, made once per IRI: predicates and classes recur in every record."""
    return ox.NamedNode(value)


@lru_cache(maxsize=64)
def datatype(local: str) -> ox.NamedNode:
    return ox.NamedNode(XSD + local)


def literal(value: Any) -> ox.Literal:
    """The literal rdflib would make of a Python value: booleans, integers, decimals, dates, else text."""
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=datatype("boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=datatype("integer"))
    if isinstance(value, Decimal):
        return ox.Literal(decimal_text(value), datatype=datatype("decimal"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=datatype("double"))
    if isinstance(value, dt.datetime):
        return ox.Literal(value.isoformat(), datatype=datatype("dateTime"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=datatype("date"))
    return ox.Literal(str(value))


def typed(text: str, local: str) -> ox.Literal:
    """A literal of an XSD datatype given by its local name (``gYear``, ``decimal``...)."""
    return ox.Literal(text, datatype=datatype(local))


def _number(kind: type, text: str) -> Any:
    try:
        return kind(text)
    except (ValueError, InvalidOperation):
        return text


def _boolean(text: str) -> Any:
    return {"true": True, "1": True, "false": False, "0": False}.get(text, text)


def _date(text: str) -> Any:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


_PYTHON = {
    XSD + "integer": lambda text: _number(int, text),
    XSD + "decimal": lambda text: _number(Decimal, text),
    XSD + "double": lambda text: _number(float, text),
    XSD + "float": lambda text: _number(float, text),
    XSD + "boolean": _boolean,
    XSD + "date": _date,
}
"""Datatypes read back as Python values, as rdflib's ``toPython`` reads them; a malformed lexical form stays text."""


@lru_cache(maxsize=1 << 17)
def uriref(value: str) -> URIRef:
    """An rdflib IRI, made once per IRI: records come back once per property, and making one checks the IRI again."""
    return URIRef(value)


def to_python(term: OxTerm | None) -> Any:
    """A literal as its Python value, an IRI as an rdflib ``URIRef`` (a ``str``), None as None."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        convert = _PYTHON.get(term.datatype.value)
        return convert(term.value) if convert else term.value
    if isinstance(term, ox.NamedNode):
        return uriref(term.value)
    return BNode(term.value)


class Vocabulary:
    """The terms of an rdflib namespace as pyoxigraph named nodes, each made on first use.

    >>> from kgraph.namespaces import KG
    >>> Vocabulary(KG).Claim
    <NamedNode value=https://w3id.org/kgraph/ns#Claim>
    """

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        node = ox.NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, node)
        return node


_OX_TYPES = (ox.NamedNode, ox.BlankNode, ox.Literal)


def as_ox(term: Node | OxTerm) -> OxTerm:
    """A term as pyoxigraph's, whichever library made it."""
    return term if type(term) in _OX_TYPES else from_rdflib(term)


def from_rdflib(node: Node) -> OxTerm:
    """An rdflib term as the pyoxigraph term with the same N-Triples form."""
    if isinstance(node, URIRef):
        return iri(str(node))
    if isinstance(node, RdfLiteral):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=iri(str(node.datatype)))
        return ox.Literal(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    raise TypeError(f"not an RDF term: {node!r}")
