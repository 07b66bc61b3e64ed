"""Query results as the user asked for them: a table that fits the terminal, or a W3C format.

SELECT results go out as the W3C SPARQL 1.1 result formats (CSV, TSV, JSON,
XML), ASK results as the JSON or XML boolean forms, CONSTRUCT and DESCRIBE
results as RDF (Turtle, or JSON-LD and RDF/XML when json or xml is asked for).
The table shortens IRIs with the project's prefixes and shows the corpus's own
IRIs relative to its base (``claim/bkp-low-risk``); when the columns cannot all
fit the width, each row is shown as a block of ``name  value`` lines instead.
"""

from __future__ import annotations

import io

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node

FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle")
GRAPH_FORMATS = {"table": "turtle", "turtle": "turtle", "json": "json-ld", "xml": "xml"}
GRAPH_RESULTS = ("CONSTRUCT", "DESCRIBE")
MIN_COLUMN = 10


class FormatError(ValueError):
    """A format that cannot hold this kind of result (CSV for ASK, Turtle for SELECT, ...)."""


def render(result: Result, fmt: str, base: str = "", width: int = 80) -> bytes:
    """The result in ``fmt``, as the bytes to write."""
    if fmt not in FORMATS:
        raise FormatError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if result.type in GRAPH_RESULTS:
        return _graph(result, fmt)
    if fmt == "turtle":
        raise FormatError(f"turtle is for CONSTRUCT and DESCRIBE results; show this {result.type} result as table, csv, tsv, json or xml")
    if result.type == "ASK":
        if fmt in ("csv", "tsv"):
            raise FormatError("the W3C CSV and TSV result formats hold SELECT results only; show an ASK result as table, json or xml")
        if fmt == "table":
            return b"true\n" if result.askAnswer else b"false\n"
    if fmt == "table":
        return table(result, base, width).encode("utf-8")
    if fmt == "tsv":
        return tsv(result)
    data = result.serialize(format=fmt, encoding="utf-8")
    return data if data.endswith(b"\n") else data + b"\n"


def _graph(result: Result, fmt: str) -> bytes:
    from kgraph.namespaces import bind_prefixes

    if fmt not in GRAPH_FORMATS:
        raise FormatError(f"a {result.type} result is RDF: show it as turtle, json (JSON-LD) or xml (RDF/XML)")
    graph = result.graph
    bind_prefixes(graph)
    options = {"sort_keys": True, "indent": 2} if fmt == "json" else {}
    return graph.serialize(format=GRAPH_FORMATS[fmt], encoding="utf-8", **options)


def tsv(result: Result) -> bytes:
    """The W3C SPARQL 1.1 TSV result format (rdflib reads it, but does not write it)."""
    names = [str(v) for v in result.vars or []]
    lines = ["\t".join(f"?{name}" for name in names)]
    for row in result.bindings:
        lines.append("\t".join(_tsv_term(row.get(var)) for var in result.vars or []))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = str(term)
        for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
            text = text.replace(raw, escaped)
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None and term.datatype != XSD.string:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return str(term)


def shorten(term: Node | None, base: str = "") -> str:
    """A term as a person reads it: ``kg:Supports``, ``claim/bkp-low-risk``, a literal's text."""
    from kgraph.namespaces import PREFIXES

    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    text = str(term)
    if not isinstance(term, URIRef):
        return text
    if base and text.startswith(base) and len(text) > len(base):
        return text[len(base) :]
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
        local = text[len(str(namespace)) :]
        if text.startswith(str(namespace)) and local and not any(c in local for c in "/#?"):
            return f"{prefix}:{local}"
    return text


def table(result: Result, base: str = "", width: int = 80) -> str:
    """A SELECT result as text that fits ``width`` columns."""
    from rich import box
    from rich.console import Console
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    names = [str(v) for v in result.vars or []]
    rows = [[shorten(row.get(var), base) for var in result.vars or []] for row in result.bindings]
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, no_color=True, highlight=False, emoji=False, markup=False)
    if _fits(names, rows, width):
        grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for name in names:
            grid.add_column(Text(name), overflow="fold")
        for row in rows:
            grid.add_row(*(Text(cell) for cell in row))
        console.print(grid)
    else:
        label = max(map(len, names), default=0)
        for number, row in enumerate(rows, start=1):
            console.print(Rule(Text(f"{number}"), align="left", characters="─"))
            record = Table.grid(padding=(0, 2))
            record.add_column(width=label)
            record.add_column(overflow="fold")
            for name, cell in zip(names, row):
                record.add_row(Text(name), Text(cell))
            console.print(record)
    return buffer.getvalue()


def _fits(names: list[str], rows: list[list[str]], width: int) -> bool:
    """Whether every column can get at least a readable width (its text, or MIN_COLUMN)."""
    needed = 0
    for index, name in enumerate(names):
        longest = max([len(name), *(len(row[index]) for row in rows)])
        needed += min(longest, max(len(name), MIN_COLUMN)) + 2
    return needed <= width
