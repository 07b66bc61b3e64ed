"""Records to RDF: one named graph per source document, shared records in a catalogue graph.

Every node gets a readable IRI made from record ids (no blank nodes), so the
same records always give the same triples. The builder also remembers which
record and line produced each subject and each (subject, predicate), so that a
SHACL result can be traced back to the YAML a curator wrote.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node, _is_valid_uri

from kgraph.errors import CorpusError, Origin, Problem
from kgraph.namespaces import KG, OA, bind_prefixes
from kgraph.ontology import Ontology
from kgraph.records import UNKNOWN, Corpus, Record
from kgraph.schema import FieldSpec


@dataclass
class Built:
    """The asserted graph of a corpus and the way back from its nodes to the records."""

    corpus: Corpus
    dataset: Dataset
    origins: dict[Node, Origin] = field(default_factory=dict)
    field_origins: dict[tuple[Node, Node], Origin] = field(default_factory=dict)

    def origin_of(self, node: Node, predicate: Node | None = None) -> Origin | None:
        if predicate is not None and (node, predicate) in self.field_origins:
            return self.field_origins[(node, predicate)]
        return self.origins.get(node)


def graph_iri(corpus: Corpus, name: str) -> URIRef:
    """IRI of a named graph: ``catalogue``, ``derived`` or ``source/<id>``."""
    return URIRef(f"{corpus.base}graph/{name}")


def new_dataset() -> Dataset:
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    return ds


def build_graph(corpus: Corpus, ontology: Ontology) -> Built:
    """Turn every record into triples in the named graph it belongs to."""
    built = Built(corpus=corpus, dataset=new_dataset())
    problems: list[Problem] = []
    for record in corpus.records:
        _add_record(built, ontology, record, _graph_for(corpus, record), problems)
    if problems:
        raise CorpusError(problems)
    return built


def _graph_for(corpus: Corpus, record: Record) -> URIRef:
    rule = record.kind.graph
    if rule == "self":
        return graph_iri(corpus, f"source/{record.id}")
    if rule and rule != "catalogue":
        return graph_iri(corpus, f"source/{record.data.get(rule)}")
    return graph_iri(corpus, "catalogue")


def _add_record(built: Built, ontology: Ontology, record: Record, graph_name: URIRef, problems: list[Problem]) -> None:
    graph = built.dataset.graph(graph_name)
    subject = record.iri
    built.origins[subject] = record.origin
    graph.add((subject, RDF.type, record.kind.rdf_class))
    for name, spec in record.kind.fields.items():
        if name not in record.data:
            continue
        where = record.line_of(name)
        for value in record.values(name):
            if spec.type == "nested":
                continue
            if spec.unknown and value == UNKNOWN:
                built.field_origins[(subject, KG.notReported)] = where
                graph.add((subject, KG.notReported, spec.predicate))
                continue
            predicate = RDF.type if spec.type == "class" else spec.predicate
            built.field_origins[(subject, predicate)] = where
            if spec.type == "quote":
                _add_quote(built, graph, record, spec, value, where)
                continue
            term = _term(built.corpus, ontology, record, spec, value)
            if isinstance(term, Problem):
                problems.append(Problem(where, term.message))
            else:
                graph.add((subject, predicate, term))
    for child in record.children:
        spec = next(f for f in record.kind.fields.values() if f.type == "nested" and f.to[0] == child.kind.name)
        graph.add((subject, spec.predicate, child.iri))
        _add_record(built, ontology, child, graph_name, problems)


def _add_quote(built: Built, graph, record: Record, spec: FieldSpec, value: Any, where: Origin) -> None:
    """A quote is an oa:SpecificResource on the source, selected by its exact words."""
    target = URIRef(f"{record.iri}#quote")
    selector = URIRef(f"{record.iri}#quote-selector")
    source = built.corpus.resolve(("source",), str(record.data.get(spec.source_field)))
    graph.add((record.iri, spec.predicate, target))
    graph.add((target, RDF.type, OA.SpecificResource))
    if source is not None:
        graph.add((target, OA.hasSource, source.iri))
    graph.add((target, OA.hasSelector, selector))
    graph.add((selector, RDF.type, OA.TextQuoteSelector))
    graph.add((selector, OA.exact, Literal(value if isinstance(value, str) else str(value))))
    for node in (target, selector):
        built.origins[node] = where


_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _term(corpus: Corpus, ontology: Ontology, record: Record, spec: FieldSpec, value: Any) -> Node | Problem:
    """The RDF term for one YAML value; a value of the wrong type stays a plain literal for SHACL to report."""
    kind = spec.type
    if kind == "string":
        return Literal(value.isoformat() if isinstance(value, dt.date) else str(value))
    if kind == "integer":
        return Literal(value) if isinstance(value, int) and not isinstance(value, bool) else Literal(str(value))
    if kind == "decimal":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                return decimal_literal(Decimal(str(value)))
            except InvalidOperation:
                pass
        return Literal(str(value))
    if kind == "boolean":
        return Literal(value) if isinstance(value, bool) else Literal(str(value))
    if kind == "date":
        return _date(value)
    if kind == "iri":
        iri = f"{spec.prefix}{value}"
        if not isinstance(value, str) or not _is_valid_uri(iri) or not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", iri):
            return Problem(record.origin, f"`{spec.name}` must be an IRI, got {value!r}")
        return URIRef(iri)
    if kind == "ref":
        target = corpus.resolve(spec.to, str(value))
        return target.iri if target else Problem(record.origin, f"unknown {'/'.join(spec.to)} id {value!r}")
    codes = ontology.subclasses(spec.target_class) if kind == "class" else ontology.members(spec.target_class)
    return codes.get(str(value), Literal(str(value)))


def decimal_literal(value: Decimal) -> Literal:
    """An xsd:decimal in its canonical form (``12.0``, ``0.25``), so that it reads back equal.

    >>> decimal_literal(Decimal("12")), decimal_literal(Decimal("0.250"))
    (rdflib.term.Literal('12.0', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal')), rdflib.term.Literal('0.25', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal')))
    """
    text = format(value.normalize(), "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


def _date(value: Any) -> Literal:
    if isinstance(value, dt.datetime):
        return Literal(value.date())
    if isinstance(value, dt.date):
        return Literal(value)
    text = str(value)
    if _YEAR.match(text):
        return Literal(text, datatype=XSD.gYear)
    if _YEAR_MONTH.match(text):
        return Literal(text, datatype=XSD.gYearMonth)
    return Literal(text)
