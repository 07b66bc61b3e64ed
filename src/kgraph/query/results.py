"""Query answers as the user asked for them: a table that fits the terminal, or a W3C format.

SELECT answers go out as the W3C SPARQL 1.1 result formats (CSV, TSV, JSON,
XML), ASK answers as the JSON or XML boolean forms, CONSTRUCT and DESCRIBE
answers as RDF (Turtle, or JSON-LD and RDF/XML when json or xml is asked for);
pyoxigraph writes all of them. The table shortens IRIs with the project's
prefixes and shows the corpus's own IRIs relative to its base
(``claim/bkp-low-risk``); when the columns cannot all fit the width, each row
is shown as a block of ``name  value`` lines instead. Nothing here imports
rdflib, so that a question is answered quickly.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from kgraph.errors import KgraphError
from kgraph.rdf import prefixes
from kgraph.rdf.terms import Term
from kgraph.store import Answer

FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle")
RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV, "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
GRAPH_FORMATS = {"table": ox.RdfFormat.TURTLE, "turtle": ox.RdfFormat.TURTLE, "json": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
MIN_COLUMN = 10


class FormatError(KgraphError, ValueError):
    """A format that cannot hold this kind of answer (CSV for ASK, Turtle for SELECT, ...)."""


@dataclass(frozen=True)
class Shown:
    """An answer as the bytes to write, and how many rows the table holds (None for any other output)."""

    data: bytes
    rows: int | None = None


def form(answer: Answer) -> str:
    """SELECT, ASK, or CONSTRUCT for any graph answer (DESCRIBE's too)."""
    if isinstance(answer, ox.QuerySolutions):
        return "SELECT"
    if isinstance(answer, ox.QueryBoolean):
        return "ASK"
    return "CONSTRUCT"


def render(answer: Answer, fmt: str, base: str = "", width: int = 80) -> Shown:
    """The answer in ``fmt``; it is read, so it cannot be rendered twice."""
    if fmt not in FORMATS:
        raise FormatError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    kind = form(answer)
    if not isinstance(answer, ox.QuerySolutions | ox.QueryBoolean):
        if fmt not in GRAPH_FORMATS:
            raise FormatError("a CONSTRUCT or DESCRIBE answer is RDF: show it as turtle, json (JSON-LD) or xml (RDF/XML)")
        return Shown(graph(answer, GRAPH_FORMATS[fmt]))
    if fmt == "turtle":
        raise FormatError(f"turtle is for CONSTRUCT and DESCRIBE answers; show this {kind} answer as table, csv, tsv, json or xml")
    if isinstance(answer, ox.QueryBoolean):
        if fmt in ("csv", "tsv"):
            raise FormatError("the W3C CSV and TSV result formats hold SELECT results only; show an ASK answer as table, json or xml")
        if fmt == "table":
            return Shown(b"true\n" if answer else b"false\n")
    elif fmt == "table":
        names = [v.value for v in answer.variables]
        rows = [tuple(row) for row in answer]
        return Shown(table(names, rows, base, width).encode("utf-8"), len(rows))
    return Shown(_ending(answer.serialize(format=RESULT_FORMATS[fmt])))


def _ending(data: bytes | None) -> bytes:
    """Serialised bytes ending in a newline, as a file should."""
    assert data is not None, "serialising without an output file returns the bytes"
    return data if data.endswith(b"\n") else data + b"\n"


def graph(triples: Iterable[ox.Triple], fmt: ox.RdfFormat) -> bytes:
    """RDF with the project's prefixes, the triples in a stable order so the same answer gives the same bytes."""
    ordered = sorted(triples, key=str)
    used = {p: iri for p, iri in prefixes.PREFIXES.items() if any(_uses(t, iri) for t in ordered)}
    return _ending(ox.serialize(ordered, format=fmt, prefixes=used))


def _uses(triple: ox.Triple, namespace: str) -> bool:
    terms = (triple.subject, triple.predicate, triple.object, getattr(triple.object, "datatype", None))
    return any(isinstance(t, ox.NamedNode) and t.value.startswith(namespace) for t in terms)


def shorten(term: Term | None, base: str = "") -> str:
    """A term as a person reads it: ``kg:Supports``, ``claim/bkp-low-risk``, a literal's text."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    text = term.value
    if not isinstance(term, ox.NamedNode):
        return text
    if base and text.startswith(base) and len(text) > len(base):
        return text[len(base) :]
    return prefixes.shorten(text)


def table(names: Sequence[str], rows: Sequence[Sequence[Term | None]], base: str = "", width: int = 80) -> str:
    """SELECT rows as text that fits ``width`` columns."""
    from rich import box
    from rich.console import Console
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    cells = [[shorten(term, base) for term in row] for row in rows]
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, no_color=True, highlight=False, emoji=False, markup=False)
    if _fits(names, cells, width):
        grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for name in names:
            grid.add_column(Text(name), overflow="fold")
        for row in cells:
            grid.add_row(*(Text(cell) for cell in row))
        console.print(grid)
    else:
        label = max(map(len, names), default=0)
        for number, row in enumerate(cells, start=1):
            console.print(Rule(Text(f"{number}"), align="left", characters="─"))
            record = Table.grid(padding=(0, 2))
            record.add_column(width=label)
            record.add_column(overflow="fold")
            for name, cell in zip(names, row):
                record.add_row(Text(name), Text(cell))
            console.print(record)
    return buffer.getvalue()


def _fits(names: Sequence[str], rows: list[list[str]], width: int) -> bool:
    """Whether every column can get at least a readable width (its text, or MIN_COLUMN)."""
    needed = 0
    for index, name in enumerate(names):
        longest = max([len(name), *(len(row[index]) for row in rows)])
        needed += min(longest, max(len(name), MIN_COLUMN)) + 2
    return needed <= width
