"""pyoxigraph terms read back as Python values, and rdflib terms as pyoxigraph's: where the two libraries meet.

The graph lives in a pyoxigraph store; the code that reasons about it (the
derived layer, the drawings) works with plain Python values and rdflib IRIs,
which are strings. Literals come back as the values rdflib's ``toPython``
gives, so the reasoning reads the same whichever library holds the graph.

>>> to_python(ox.Literal("2009-04-07", datatype=ox.NamedNode(XSD + "date"))), to_python(ox.Literal("a"))
(datetime.date(2009, 4, 7), 'a')
>>> to_python(iri("https://example.org/x"))
rdflib.term.URIRef('https://example.org/x')
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

from kgraph.rdf.terms import Term, iri
from kgraph.rdf.xsd import XSD


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


def to_python(term: Term | None) -> Any:
    """A literal as its Python value, an IRI as an rdflib ``URIRef`` (a ``str``), None as None."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        convert = _PYTHON.get(term.datatype.value)
        return convert(term.value) if convert else term.value
    if isinstance(term, ox.NamedNode):
        return uriref(term.value)
    return BNode(term.value)


def from_rdflib(node: Node) -> Term:
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
