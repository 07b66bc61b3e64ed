"""Quads written as N-Quads text: the cheapest way to put many quads into a pyoxigraph store.

Making a pyoxigraph ``Quad`` object from Python costs a few microseconds, as
much as storing it; a line of text costs a tenth of that, and the store's own
parser reads it at native speed. So the builder and the derived layer write
their terms in N-Triples syntax (:func:`iri`, :func:`literal`) and hand the
store whole batches (:class:`Batch`), which a :class:`Writer` stores on a
second thread while Python makes the next one.

>>> literal('say "hi"\\n'), literal(3), literal(True), typed("2009", "gYear")
('"say \\\\"hi\\\\"\\\\n"', '"3"^^<http://www.w3.org/2001/XMLSchema#integer>', '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>', '"2009"^^<http://www.w3.org/2001/XMLSchema#gYear>')
>>> store = ox.Store()
>>> with Writer(store) as writer:
...     batch = Batch(writer)
...     batch.add(iri("https://example.org/a"), iri("https://example.org/p"), literal("x"), iri("https://example.org/g"))
...     batch.flush()
>>> len(store)
1
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from kgraph.rdf.xsd import XSD, decimal_text


def iri(value: str) -> str:
    """An IRI the caller has checked (record IRIs are made of checked ids), in N-Triples syntax."""
    return f"<{value}>"


def _escaped(text: str) -> str:
    """A string's characters as N-Triples writes them between quotes (four replaces beat one translate)."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def typed(text: str, local: str) -> str:
    """A literal of an XSD datatype given by its local name."""
    return f'"{_escaped(text)}"^^<{XSD}{local}>'


def literal(value: Any) -> str:
    """The literal rdflib would make of a Python value: booleans, integers, decimals, dates, else text."""
    if isinstance(value, bool):
        return typed("true" if value else "false", "boolean")
    if isinstance(value, int):
        return typed(str(value), "integer")
    if isinstance(value, Decimal):
        return typed(decimal_text(value), "decimal")
    if isinstance(value, float):
        return typed(repr(value), "double")
    if isinstance(value, dt.datetime):
        return typed(value.isoformat(), "dateTime")
    if isinstance(value, dt.date):
        return typed(value.isoformat(), "date")
    return f'"{_escaped(str(value))}"'


class Vocabulary:
    """The terms of an rdflib namespace in N-Triples syntax, each made on first use (and a typo an error).

    >>> from kgraph.rdf.namespaces import KG
    >>> Vocabulary(KG).Claim
    '<https://w3id.org/kgraph/ns#Claim>'
    """

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        text = iri(str(getattr(self._namespace, name)))
        setattr(self, name, text)
        return text


def node(term: str) -> str:
    """A term in N-Triples syntax: an rdflib IRI (``URIRef``) written out, text from this module as it is."""
    return term if type(term) is str else iri(term)


class Writer:
    """Bulk loads N-Quads into a store on a second thread, one batch at a time, each through ``transform`` first.

    pyoxigraph lets go of the interpreter while it parses and indexes, so the
    store works on one batch while Python makes the next: on two cores that
    brought the build stage of 10^6 triples from 15 s to 10 s. At most one
    batch is in flight; an error of the store comes out of the next
    :meth:`write` or of :meth:`wait`, and leaving the ``with`` block waits for
    the last batch.
    """

    def __init__(self, store: ox.Store, transform: Callable[[bytes], bytes] | None = None) -> None:
        self.store = store
        self.transform = transform
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kgraph-writer")
        self._pending: Future[None] | None = None

    def _load(self, data: bytes) -> None:
        self.store.bulk_load(input=self.transform(data) if self.transform else data, format=ox.RdfFormat.N_QUADS)

    def write(self, data: bytes) -> None:
        self.wait()
        if data:
            self._pending = self._pool.submit(self._load, data)

    def wait(self) -> None:
        """Return once everything written is in the store: before the store is read."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, error_type: type[BaseException] | None, *_: object) -> None:
        try:
            if error_type is None:
                self.wait()
            elif self._pending is not None:
                self._pending.exception()
        finally:
            self._pool.shutdown()


class Batch:
    """Quads gathered as text and handed to a :class:`Writer` in batches of at most ``size``."""

    def __init__(self, writer: Writer, size: int = 50_000) -> None:
        self.writer = writer
        self.size = size
        self.lines: list[str] = []

    def add(self, subject: str, predicate: str, obj: str, graph: str) -> None:
        self.lines.append(f"{subject} {predicate} {obj} {graph} .\n")
        if len(self.lines) >= self.size:
            self.flush()

    def flush(self) -> None:
        data, self.lines = "".join(self.lines).encode("utf-8"), []
        self.writer.write(data)
