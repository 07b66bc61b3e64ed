"""Records to RDF: one named graph per source document, shared records in a catalogue graph.

Every node gets a readable IRI made from record ids (no blank nodes), so the
same records always give the same triples. The graph is written into a
pyoxigraph store one data file at a time, so a corpus far bigger than memory
can be built into a store on disk. What a SHACL result names (a
node and a predicate) is traced back to the record, file and line that
produced it through the records' index, re-reading a file only when there is
a problem to locate.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox
from rdflib.term import _is_valid_uri

from kgraph.corpus import yamlfile
from kgraph.corpus.ontology import Ontology
from kgraph.corpus.recordformat import FieldSpec, record_format
from kgraph.corpus.records import ID_PATTERN, UNKNOWN, Corpus, Entry, Index, Reader, Record
from kgraph.errors import Origin, Problem
from kgraph.progress import Progress
from kgraph.rdf import nquads
from kgraph.rdf.namespaces import KG, OA
from kgraph.rdf.nquads import literal, typed
from kgraph.rdf.prefixes import RDF_TYPE


class Quote(NamedTuple):
    """A quote to find verbatim in its source's text file, once every source is known."""

    source: str
    text: str
    origin: Origin


@dataclass
class Built:
    """The graph of a corpus in a store, and the way back from its nodes to the records."""

    corpus: Corpus
    store: ox.Store
    index: Index
    quotes: list[Quote] = field(default_factory=list)
    _written: dict[str, dict[tuple[int, str], yamlfile.Mapping]] = field(default_factory=dict, repr=False)
    """Data files read again to locate a problem: every mapping with an id, by line and id."""

    def graph(self, name: str) -> ox.NamedNode:
        """A named graph of this corpus: ``catalogue``, ``derived`` or ``source/<id>``."""
        return ox.NamedNode(graph_iri(self.corpus, name))

    def origin_of(self, node: str, predicate: str | None = None, value: str | None = None) -> Origin | None:
        """Where the record behind ``node`` was written; with ``predicate``, the line of the field that made it."""
        base, _, fragment = node.partition("#")
        entry = self.index.by_iri.get(base)
        if entry is None:
            return None
        if fragment.startswith("quote"):
            return self._field_line(entry, "quote")
        names = _field_names(entry.kind, predicate, value)
        return self._field_line(entry, names[0]) if len(names) == 1 else entry.origin

    def _field_line(self, entry: Entry, name: str) -> Origin:
        if entry.origin.file not in self._written:
            self._written[entry.origin.file] = _mappings(yamlfile.load_file(Path(entry.origin.file)))
        mapping = self._written[entry.origin.file].get((entry.origin.line, entry.origin.record.rsplit("/", 1)[-1]))
        if mapping is None or name not in mapping.key_lines:
            return entry.origin
        return entry.origin.at(mapping.key_lines[name])


def graph_iri(corpus: Corpus, name: str) -> str:
    """IRI of a named graph: ``catalogue``, ``derived`` or ``source/<id>``."""
    return f"{corpus.base}graph/{name}"


def _field_names(kind: str, predicate: str | None, value: str | None) -> list[str]:
    """The fields of a record kind that write ``predicate`` (for kg:notReported, the field named by ``value``)."""
    if predicate is None:
        return []
    fields = record_format().kinds[kind].fields.values()
    if predicate == str(KG.notReported):
        wanted = (value or "").strip("<>")
        return [f.name for f in fields if f.unknown and str(f.predicate) == wanted]
    return [f.name for f in fields if (RDF_TYPE if f.type == "class" else str(f.predicate)) == predicate]


def _mappings(doc: object) -> dict[tuple[int, str], yamlfile.Mapping]:
    """Every mapping with an id in a parsed data file, by line and id."""
    found: dict[tuple[int, str], yamlfile.Mapping] = {}
    todo = [doc]
    while todo:
        item = todo.pop()
        if isinstance(item, yamlfile.Mapping):
            if isinstance(item.get("id"), str):
                found[(item.line, item["id"])] = item
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return found


Transform = Callable[[bytes], bytes]
"""What happens to a file's quads (N-Quads) before they are stored: the pipeline aligns them (:class:`kgraph.corpus.align.Aligner`)."""


def build_graph(
    corpus: Corpus, ontology: Ontology, store: ox.Store | None = None, transform: Transform | None = None, progress: Progress | None = None
) -> Built:
    """Turn every record into quads in the named graph it belongs to, file by file; raise :class:`CorpusError` listing every problem."""
    reader = Reader(corpus)
    target = store if store is not None else ox.Store()
    say = progress or (lambda _: None)
    with nquads.Writer(target, transform) as writer:
        builder = _Builder(corpus, ontology, reader, writer)
        for done, records in enumerate(reader.files(), start=1):
            for record in records:
                builder.add(record, builder.graph_for(record))
            builder.end_file()
            say(f"building the graph: {done:,} of {len(corpus.files):,} files, {len(reader.index):,} records")
    reader.finish()
    return Built(corpus=corpus, store=target, index=reader.index, quotes=builder.quotes)


class _Waiting(NamedTuple):
    """A quad whose object is a record of one of several kinds (a cited source or study), written once it has been read."""

    subject: str
    predicate: str
    graph: str
    spec: FieldSpec
    value: str


class _Builder:
    def __init__(self, corpus: Corpus, ontology: Ontology, reader: Reader, writer: nquads.Writer) -> None:
        self.corpus = corpus
        self.ontology = ontology
        self.reader = reader
        self.writer = writer
        self.quads = nquads.Batch(writer)
        self.quotes: list[Quote] = []
        self.waiting: list[_Waiting] = []
        self.catalogue = nquads.iri(graph_iri(corpus, "catalogue"))

    def graph_for(self, record: Record) -> str:
        """The source's own graph for a source and what it says; the catalogue for shared records (and for a record naming no valid source)."""
        rule = record.kind.graph
        source = record.id if rule == "self" else record.data.get(rule) if rule and rule != "catalogue" else None
        if isinstance(source, str) and ID_PATTERN.match(source):
            return nquads.iri(graph_iri(self.corpus, f"source/{source}"))
        return self.catalogue

    def record_iri(self, kind: str, rid: Any) -> str | None:
        """The node of a referenced record; None for a value that cannot be an id (the reference check reports it)."""
        return nquads.iri(self.reader.iri(kind, rid)) if isinstance(rid, str) and ID_PATTERN.match(rid) else None

    def emit(self, subject: str, predicate: str, obj: str, graph: str) -> None:
        self.quads.lines.append(f"{subject} {predicate} {obj} {graph} .\n")

    def resolved(self) -> list[tuple[_Waiting, str]]:
        """The waiting quads whose object has now been read, with that object; the rest keep waiting."""
        done, waiting = [], []
        for quad in self.waiting:
            entry = self.reader.index.resolve(quad.spec.to, quad.value)
            if entry is None:
                waiting.append(quad)
            else:
                done.append((quad, nquads.iri(entry.iri)))
        self.waiting = waiting
        return done

    def end_file(self) -> None:
        """Store what this file says, and the citations of works it holds by records of earlier files.

        A citation resolved late goes through the transform with everything
        already stored about its subject, so a mapping that joins the two
        (a statement's source and what it cites) still sees both.
        """
        late = self.resolved()
        for quad, obj in late:
            self.emit(quad.subject, quad.predicate, obj, quad.graph)
        if late:
            self.writer.wait()
        for subject, graph in sorted({(quad.subject, quad.graph) for quad, _ in late}):
            self.quads.lines += [f"{stored} .\n" for stored in self.writer.store.quads_for_pattern(_node(subject), None, None, _node(graph))]
        self.quads.flush()

    def add(self, record: Record, graph: str) -> None:
        subject = nquads.iri(record.iri)
        kind = record.kind
        self.emit(subject, RDF_TYPE_IRI, _vocabulary(kind.rdf_class), graph)
        for name, spec in kind.fields.items():
            if name not in record.data or spec.type == "nested":
                continue
            for value in record.values(name):
                if spec.unknown and value == UNKNOWN:
                    self.emit(subject, NOT_REPORTED, _vocabulary(spec.predicate), graph)
                elif spec.type == "quote":
                    self.quote(record, spec, value, graph)
                else:
                    self.value(subject, record, spec, value, graph)
        for child in record.children:
            spec = next(f for f in kind.fields.values() if f.type == "nested" and f.to[0] == child.kind.name)
            self.emit(subject, _vocabulary(spec.predicate), nquads.iri(child.iri), graph)
            self.add(child, graph)

    def value(self, subject: str, record: Record, spec: FieldSpec, value: Any, graph: str) -> None:
        predicate = RDF_TYPE_IRI if spec.type == "class" else _vocabulary(spec.predicate)
        if spec.type == "ref" and len(spec.to) > 1:
            self.waiting.append(_Waiting(subject, predicate, graph, spec, str(value)))
            return
        term = self.term(record, spec, value)
        if isinstance(term, Problem):
            self.reader.problems.append(term)
        elif term is not None:
            self.emit(subject, predicate, term, graph)

    def quote(self, record: Record, spec: FieldSpec, value: Any, graph: str) -> None:
        """A quote is an oa:SpecificResource on the source, selected by its exact words."""
        target, selector = nquads.iri(f"{record.iri}#quote"), nquads.iri(f"{record.iri}#quote-selector")
        source_id = record.data.get(spec.source_field)
        source = self.record_iri("source", source_id)
        text = value if isinstance(value, str) else str(value)
        self.emit(nquads.iri(record.iri), _vocabulary(spec.predicate), target, graph)
        self.emit(target, RDF_TYPE_IRI, _vocabulary(OA.SpecificResource), graph)
        if source is not None:
            self.emit(target, _vocabulary(OA.hasSource), source, graph)
            self.quotes.append(Quote(str(source_id), text, record.line_of(spec.name)))
        self.emit(target, _vocabulary(OA.hasSelector), selector, graph)
        self.emit(selector, RDF_TYPE_IRI, _vocabulary(OA.TextQuoteSelector), graph)
        self.emit(selector, _vocabulary(OA.exact), nquads.literal(text), graph)

    def term(self, record: Record, spec: FieldSpec, value: Any) -> str | Problem | None:
        """One YAML value in N-Triples syntax, or a problem; a value of the wrong type stays text for SHACL to report."""
        kind = spec.type
        if kind == "ref":
            return self.record_iri(spec.to[0], str(value))
        if kind in _LITERALS:
            return _LITERALS[kind](value)
        if kind == "iri":
            text = f"{spec.prefix}{value}"
            if not isinstance(value, str) or not _is_valid_uri(text) or not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", text):
                return Problem(record.line_of(spec.name), f"`{spec.name}` must be an IRI, got {value!r}")
            return nquads.iri(text)
        assert spec.target_class is not None, f"a {kind} field names its ontology class"
        codes = self.ontology.subclasses(spec.target_class) if kind == "class" else self.ontology.members(spec.target_class)
        code = codes.get(str(value))
        return _vocabulary(code) if code is not None else nquads.literal(str(value))


@lru_cache(maxsize=4096)
def _vocabulary(term: Any) -> str:
    """An ontology term (an rdflib IRI) in N-Triples syntax, made once."""
    return nquads.iri(str(term))


@lru_cache(maxsize=4096)
def _node(text: str) -> ox.NamedNode:
    """The node an N-Triples IRI names."""
    return ox.NamedNode(text[1:-1])


RDF_TYPE_IRI = nquads.iri(RDF_TYPE)
NOT_REPORTED = _vocabulary(KG.notReported)


def _string(value: Any) -> str:
    return literal(value.isoformat() if isinstance(value, dt.date) else str(value))


def _integer(value: Any) -> str:
    return literal(value) if isinstance(value, int) and not isinstance(value, bool) else literal(str(value))


def _boolean(value: Any) -> str:
    return literal(value) if isinstance(value, bool) else literal(str(value))


def _decimal(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return literal(Decimal(str(value)))
        except InvalidOperation:
            pass
    return literal(str(value))


_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _date(value: Any) -> str:
    """xsd:date, xsd:gYearMonth or xsd:gYear as written; anything else stays text for SHACL to report."""
    if isinstance(value, dt.datetime):
        return literal(value.date())
    if isinstance(value, dt.date):
        return literal(value)
    text = str(value)
    if _YEAR.match(text):
        return typed(text, "gYear")
    if _YEAR_MONTH.match(text):
        return typed(text, "gYearMonth")
    return literal(text)


_LITERALS = {"string": _string, "integer": _integer, "boolean": _boolean, "decimal": _decimal, "date": _date}
