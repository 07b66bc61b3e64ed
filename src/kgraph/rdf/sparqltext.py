"""Binding typed terms into SPARQL text for a server, which takes text only.

No store binds a parameter the query does not project (pyoxigraph's
substitutions refuse it; a server takes text only), so parameters travel as a
``VALUES`` block made of typed pyoxigraph terms, each written in its N-Triples
form: pyoxigraph escapes literals, and refused a malformed IRI when the term
was made. :func:`with_values` puts that block first
inside the query's outermost ``WHERE`` group, where it binds every pattern,
filter and optional of the query as the memory store's ``initBindings`` does;
a block after the query would only be joined after grouping (SPARQL 1.1
§18.2.4.3) and would not restrict an aggregate.

The splice finds that group with a tokenizer that skips comments, strings and
IRIs, so braces in them never count: the group is the first ``{`` after the
``WHERE`` keyword at nesting depth 0, or, for the forms whose ``WHERE`` keyword
may be left out (``SELECT * {...}``, ``ASK {...}``), the first ``{`` at depth 0.

>>> from pyoxigraph import Literal, NamedNode
>>> with_values("SELECT ?x WHERE { ?x ?p ?v } # {", {"v": Literal("a }")})
'SELECT ?x WHERE { VALUES (?v) { ("a }") } ?x ?p ?v } # {'
>>> substitute("DROP SILENT GRAPH $g", {"g": NamedNode("https://example.org/graph/a")})
'DROP SILENT GRAPH <https://example.org/graph/a>'
>>> query_form("PREFIX s: <https://schema.org/> # SELECT\\nconstruct { ?a ?b ?c } WHERE { ?a ?b ?c }")
'CONSTRUCT'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING

from kgraph.errors import KgraphError

if TYPE_CHECKING:
    from kgraph.rdf.terms import Term

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\U000effff]+)
    | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@cache
def _read(package: str, folder: str, name: str) -> str:
    return (files(package) / folder / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Folder:
    """The SPARQL files of one package's folder, found with :mod:`importlib.resources` so that a wheel works as a checkout does.

    A name without a suffix is a query, ``NAME.rq``; an update is named with its ``.ru``. A file is read once.

    >>> Folder("kgraph", "counts").text("graph-size").startswith("#")
    True
    """

    package: str
    name: str

    def file(self, name: str) -> Traversable:
        return files(self.package) / self.name / (name if "." in name else f"{name}.rq")

    def text(self, name: str) -> str:
        return _read(self.package, self.name, self.file(name).name)


class SpliceError(KgraphError, ValueError):
    """A query whose outermost group could not be found."""


def tokens(text: str) -> Iterator[re.Match[str]]:
    """SPARQL tokens, coarse but exact about what can hide a brace: comments, strings, IRIs."""
    return _TOKEN.finditer(text)


def outermost_group(text: str) -> int:
    """Offset just after the ``{`` that opens the query's outermost WHERE group."""
    depth = 0
    after_where = False
    first_open: int | None = None
    for token in tokens(text):
        kind = token.lastgroup
        if kind == "open":
            if depth == 0 and token.group() == "{":
                if after_where:
                    return token.end()
                if first_open is None:
                    first_open = token.end()
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "word" and depth == 0 and token.group().upper() == "WHERE":
            after_where = True
    if first_open is None:
        raise SpliceError("the query has no WHERE group to bind parameters in")
    return first_open


def form_token(text: str) -> re.Match[str] | None:
    """The query's first token after its prologue (``PREFIX``/``BASE`` declarations and comments)."""
    in_declaration = False
    for token in tokens(text):
        kind = token.lastgroup
        if in_declaration:
            in_declaration = kind != "iri"
        elif kind == "word" and token.group().upper() in ("PREFIX", "BASE"):
            in_declaration = True
        elif kind not in ("space", "comment"):
            return token
    return None


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the query's first keyword after its prologue; None for anything else."""
    token = form_token(text)
    word = token.group().upper() if token is not None else ""
    return word if word in FORMS else None


def sparql_term(name: str, term: Term) -> str:
    """A term as SPARQL text: its N-Triples form, which SPARQL reads as the same term."""
    import pyoxigraph as ox

    if not isinstance(term, (ox.NamedNode, ox.Literal)):
        raise SpliceError(f"parameter {name}: only an IRI or a literal can be bound by value, not {term!r}")
    return str(term)


def values_block(bindings: Mapping[str, Term]) -> str:
    """``VALUES (?a ?b) { (<x> "y") }`` from typed terms; blank nodes cannot be bound by value."""
    names = sorted(bindings)
    variables = " ".join("?" + name for name in names)
    terms = " ".join(sparql_term(name, bindings[name]) for name in names)
    return "".join(("VALUES (", variables, ") { (", terms, ") }"))


def with_values(text: str, bindings: Mapping[str, Term]) -> str:
    """The query with its parameters bound by a VALUES block at the top of its outermost group."""
    if not bindings:
        return text
    at = outermost_group(text)
    return "".join((text[:at], " ", values_block(bindings), text[at:]))


def substitute(template: str, terms: Mapping[str, Term]) -> str:
    """Replace each ``$name`` or ``?name`` token of a template with its term.

    For update templates whose slots are graph names (``DROP GRAPH``, ``MOVE``),
    which SPARQL cannot bind; every slot must be given.
    """
    parts: list[str] = []
    for token in tokens(template):
        if token.lastgroup == "var":
            name = token.group()[1:]
            if name not in terms:
                raise SpliceError(f"no term for {token.group()} in the template")
            parts.append(sparql_term(name, terms[name]))
        else:
            parts.append(token.group())
    return "".join(parts)
