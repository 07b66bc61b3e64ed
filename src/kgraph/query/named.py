"""Named queries: finding them, reading their headers, typing and binding their parameters.

A query file starts with a comment header that says what it answers::

    # Question: For one claim, which studies support it, which contradict it, ...?
    # Parameters:
    #   - claim (claim id; example: bkp-relieves-back-pain) an optional description
    # Returns: one row per finding on the claim, ...

``queries/README.md`` gives the grammar. Parameters become typed RDF terms
(pyoxigraph's) bound to the query variable of the same name; they are never
pasted into the text.

>>> header = parse_header("# Question: Why?\\n# Parameters:\\n#   - n (integer; example: 3) how many\\n# Returns: rows\\nASK {}")
>>> header.question, header.parameters[0].name, header.parameters[0].type, header.parameters[0].example
('Why?', 'n', 'integer', '3')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph import resources
from kgraph.errors import KgraphError
from kgraph.rdf.sparqltext import Folder
from kgraph.rdf.xsd import XSD as _XSD
from kgraph.rdf.xsd import decimal_text

if TYPE_CHECKING:
    from kgraph.rdf.terms import Term
    from kgraph.store import Store

SCALAR_TYPES = ("iri", "string", "integer", "decimal", "boolean")

_FIELD = re.compile(r"^#\s?(Question|Parameters|Returns):\s*(.*)$")
_ITEM = re.compile(r"^#\s+-\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+\((?P<type>[^;()]+);\s*example:\s*(?P<example>[^()]*)\)\s*(?P<text>.*)$")
_CONTINUATION = re.compile(r"^#(?:\s{2,}|\t)(.*)$")
_KIND_ID = re.compile(r"^([a-z][a-z_]*) id$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


_REQUESTS = Folder("kgraph.store", "requests")


class QueryError(KgraphError, ValueError):
    """A query that cannot be run as asked: an unknown name, a bad header or parameter."""


@dataclass(frozen=True)
class Parameter:
    """One ``# - name (type; example: value) description`` line of a query header."""

    name: str
    type: str
    example: str
    description: str = ""

    @property
    def kind(self) -> str | None:
        """The record kind of an ``<kind> id`` parameter, else None."""
        match = _KIND_ID.match(self.type)
        return match.group(1) if match else None

    def describe(self) -> str:
        """``claim: a claim id, e.g. bkp-relieves-back-pain``."""
        article = "an" if self.type[0] in "aeiou" else "a"
        return f"{self.name}: {article} {self.type}, e.g. {self.example}"


@dataclass(frozen=True)
class Header:
    """What a query's comment header declares: the question, its parameters and what it returns."""

    question: str = ""
    parameters: tuple[Parameter, ...] = ()
    returns: str = ""
    fields: frozenset[str] = frozenset()


@dataclass(frozen=True)
class QueryFile:
    """A SPARQL query read from a file, with what its header says about it."""

    name: str
    path: Path
    text: str
    header: Header


def parse_header(text: str, where: str = "<query>") -> Header:
    """Read the leading comment block; a parameter line that breaks the grammar is an error."""
    values: dict[str, list[str]] = {}
    params: list[tuple[re.Match[str], list[str]]] = []
    section = ""
    target: list[str] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        field = _FIELD.match(line)
        if field:
            section, rest = field.groups()
            if section in values:
                raise QueryError(f"{where}:{number}: `# {section}:` given twice")
            none = section == "Parameters" and rest.lower() == "none"
            values[section] = target = [rest] if rest and not none else []
        elif section == "Parameters" and re.match(r"^#\s+-\s", line):
            item = _ITEM.match(line)
            if not item:
                raise QueryError(f"{where}:{number}: a parameter line reads `#   - name (type; example: value) description`")
            target = [item["text"].strip()] if item["text"].strip() else []
            params.append((item, target))
        elif (more := _CONTINUATION.match(line)) and target is not None:
            target.append(more.group(1).strip())
        else:
            section, target = "", None
    parameters = tuple(Parameter(m["name"], _check_type(m["type"], where), m["example"].strip(), " ".join(lines)) for m, lines in params)
    names = [p.name for p in parameters]
    if len(set(names)) != len(names):
        raise QueryError(f"{where}: a parameter is declared twice: {', '.join(names)}")
    return Header(
        question=" ".join(values.get("Question", [])),
        parameters=parameters,
        returns=" ".join(values.get("Returns", [])),
        fields=frozenset(values),
    )


def _check_type(type_: str, where: str) -> str:
    type_ = " ".join(type_.split())
    if type_ not in SCALAR_TYPES and not _KIND_ID.match(type_):
        raise QueryError(f"{where}: unknown parameter type {type_!r}; use one of {', '.join(SCALAR_TYPES)} or `<kind> id`")
    return type_


def read_query(path: Path, name: str | None = None) -> QueryFile:
    """A query file with its header parsed; a file that cannot be read is a :class:`QueryError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read the query: {exc}") from None
    return QueryFile(name=name or path.stem, path=path, text=text, header=parse_header(text, display_path(path)))


def named_queries() -> dict[str, Path]:
    """Every named query, name -> file; the name is the file name without ``.rq``."""
    return {p.stem: p for p in sorted(resources.queries_dir().glob("*.rq"))}


def resolve(name_or_file: str) -> QueryFile:
    """A named query by its name, or the user's own file by its path."""
    path = Path(name_or_file)
    if path.is_file():
        return read_query(path)
    named = named_queries()
    if name_or_file in named:
        return read_query(named[name_or_file], name_or_file)
    import difflib

    close = difflib.get_close_matches(name_or_file, named, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    raise QueryError(f"no named query {name_or_file!r} and no such file; {hint}`kgraph queries` lists the named queries")


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when it is under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def parse_assignments(pairs: Iterable[str]) -> dict[str, str]:
    """``name=value`` strings to a mapping; the value is everything after the first ``=``."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise QueryError(f"--param {pair!r}: write it as NAME=VALUE")
        if name in values:
            raise QueryError(f"--param {name} given twice")
        values[name] = value
    return values


def check_names(query: QueryFile, values: Mapping[str, str]) -> None:
    """Every declared parameter given, and nothing else, before any work is done."""
    declared = {p.name: p for p in query.header.parameters}
    takes = "; ".join(p.describe() for p in query.header.parameters) or "no parameters"
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise QueryError(f"unknown parameter {unknown[0]!r} for {query.name}; it takes {takes}")
    missing = [declared[n] for n in declared if n not in values]
    if missing:
        first = missing[0]
        raise QueryError(f"missing parameter {first.name} for {query.name}: add --param {first.name}=VALUE ({first.describe()})")


def bind(query: QueryFile, values: Mapping[str, str], base: str) -> dict[str, Term]:
    """The typed RDF term of every parameter, keyed by variable name; a value of the wrong type is an error."""
    check_names(query, values)
    return {p.name: term(p, values[p.name], base) for p in query.header.parameters}


def check_records(store: Store, query: QueryFile, bindings: Mapping[str, Term], values: Mapping[str, str]) -> None:
    """A record-id parameter must name a record the store holds: a typo is an error, not an empty answer."""
    records = [p for p in query.header.parameters if p.kind is not None]
    if not records:
        return
    import pyoxigraph as ox

    from kgraph.corpus.recordformat import record_format

    kinds = record_format().kinds
    ask = store.prepare(_REQUESTS.text("record-exists"))
    for parameter in records:
        kind = parameter.kind
        assert kind is not None, "only record parameters are checked"
        if not store.query(ask, {"record": bindings[parameter.name], "class": ox.NamedNode(kinds[kind].rdf_class)}):
            raise QueryError(
                f"parameter {parameter.name}: no {kind} {values[parameter.name]!r} in the graph; "
                f"`kgraph query find-claims -p words=WORD` finds claim ids"
            )


def term(parameter: Parameter, value: str, base: str) -> Term:
    """One parameter value as an RDF term of the parameter's type."""
    from pyoxigraph import Literal, NamedNode

    def fail(expected: str) -> QueryError:
        return QueryError(f"parameter {parameter.name}: {value!r} is not {expected}")

    kind = parameter.kind
    if kind is not None:
        from kgraph.corpus.recordformat import record_format
        from kgraph.corpus.records import ID_PATTERN

        kinds = record_format().kinds
        if kind not in kinds:
            raise QueryError(f"parameter {parameter.name}: unknown record kind {kind!r}; known: {', '.join(sorted(kinds))}")
        if ID_PATTERN.match(value):
            return NamedNode(f"{base}{kinds[kind].path}/{value}")
        iri = _iri(value)
        if iri is not None:
            return iri
        raise fail(f"a {kind} id (lower-case words joined by hyphens) or a full IRI")
    if parameter.type == "iri":
        from kgraph.rdf.prefixes import PREFIXES

        prefix, _, local = value.partition(":")
        if prefix in PREFIXES and local and not local.startswith("//"):
            value = PREFIXES[prefix] + local
        iri = _iri(value)
        if iri is not None:
            return iri
        raise fail("an IRI (https://... or a prefixed name such as kg:Supports)")
    if parameter.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise fail("a whole number")
        return Literal(str(int(value)), datatype=NamedNode(_XSD + "integer"))
    if parameter.type == "decimal":
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise fail("a number") from None
        if not number.is_finite():
            raise fail("a finite number")
        return Literal(decimal_text(number), datatype=NamedNode(_XSD + "decimal"))
    if parameter.type == "boolean":
        if value.strip().lower() not in ("true", "false"):
            raise fail("true or false")
        return Literal(value.strip().lower(), datatype=NamedNode(_XSD + "boolean"))
    return Literal(value)


def _iri(value: str) -> Term | None:
    """An absolute IRI as a term; None for anything else (a relative reference, a space, a bad character)."""
    from pyoxigraph import NamedNode

    if not _SCHEME.match(value):
        return None
    try:
        return NamedNode(value)
    except ValueError:
        return None
