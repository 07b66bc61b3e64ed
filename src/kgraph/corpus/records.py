"""Curated YAML records: a corpus's settings, and its records read one file at a time.

This stage knows the record format but not RDF. It catches what only the
records can tell (syntax, unknown fields, duplicate ids, dangling references)
with the exact line; types, required fields and codes are left to the SHACL
shapes, so that there is one place that says what a valid graph is.

Files are read one at a time and their records handed on, so a corpus of
millions of triples never sits in memory as YAML: what is kept of a record
once its file is done is an :class:`Entry` in the :class:`Index` (its IRI,
where it was written, and a source's text file). A reference to a record of a
later file is checked when every file has been read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from kgraph.corpus import yamlfile
from kgraph.corpus.recordformat import FieldSpec, KindSpec, RecordFormat, record_format
from kgraph.errors import CorpusError, Origin, Problem, problem

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
CORPUS_FILE = "corpus.yaml"
UNKNOWN = "unknown"


@dataclass
class Record:
    """One curated record, with the IRI it becomes and where it was written."""

    kind: KindSpec
    id: str
    data: yamlfile.Mapping
    origin: Origin
    iri: str
    parent: Record | None = None
    children: list[Record] = field(default_factory=list)

    def line_of(self, name: str) -> Origin:
        return self.origin.at(self.data.key_lines.get(name, self.origin.line))

    def values(self, name: str) -> list[Any]:
        """A field's values as a list, whether it was written as one value or many."""
        value = self.data.get(name)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    def walk(self) -> Iterator[Record]:
        """The record, then its nested records."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Entry:
    """What the build keeps of a record after its file: enough to resolve, locate and quote-check it."""

    kind: str
    iri: str
    origin: Origin
    text_file: str | None = None


@dataclass
class Corpus:
    """A corpus folder: its settings from corpus.yaml and the data files to read."""

    path: Path
    id: str
    title: str
    base: str
    description: str
    texts: Path | None
    files: list[Path]


class Index:
    """Every record read so far, by kind and id and by IRI."""

    def __init__(self) -> None:
        self.by_id: dict[tuple[str, str], Entry] = {}
        self.by_iri: dict[str, Entry] = {}

    def resolve(self, kinds: tuple[str, ...], rid: str) -> Entry | None:
        return next((self.by_id[(k, rid)] for k in kinds if (k, rid) in self.by_id), None)

    def kind_count(self, kind: str) -> int:
        return sum(1 for k, _ in self.by_id if k == kind)

    def __len__(self) -> int:
        return len(self.by_iri)


def load_corpus(data_dir: Path, fmt: RecordFormat | None = None) -> Corpus:
    """The corpus's settings and files; raise :class:`CorpusError` if the folder or corpus.yaml is wrong."""
    fmt = fmt or record_format()
    if not data_dir.is_dir():
        raise CorpusError([problem(data_dir, 0, "", "no such data directory; give the folder holding corpus.yaml")])
    files = sorted(p for p in data_dir.rglob("*.yaml") if p.is_file())
    settings_path = data_dir / CORPUS_FILE
    if settings_path not in files:
        raise CorpusError([problem(settings_path, 0, "", "missing corpus.yaml (it names the corpus and its base IRI)")])
    problems: list[Problem] = []
    settings = _settings(settings_path, yamlfile.load_file(settings_path), fmt, problems)
    if problems:
        raise CorpusError(problems)
    return Corpus(
        path=data_dir,
        id=settings.get("id", data_dir.name),
        title=settings.get("title", data_dir.name),
        base=settings["base"],
        description=settings.get("description", ""),
        texts=(data_dir / settings["texts"]).resolve() if settings.get("texts") else None,
        files=[p for p in files if p != settings_path],
    )


def corpus_base(data_dir: Path) -> str:
    """The corpus's base IRI from its corpus.yaml alone, for commands that do not read the records."""
    return load_corpus(data_dir).base


def _settings(path: Path, doc: Any, fmt: RecordFormat, problems: list[Problem]) -> dict[str, str]:
    if not isinstance(doc, yamlfile.Mapping) or not isinstance(doc.get("corpus"), yamlfile.Mapping):
        problems.append(problem(path, 1, "", "corpus.yaml must hold a `corpus:` mapping with id, title and base"))
        return {}
    settings = doc["corpus"]
    for key in settings:
        if key not in fmt.corpus_fields:
            problems.append(problem(path, settings.key_lines[key], "corpus", f"unknown field {key!r}; expected one of {', '.join(sorted(fmt.corpus_fields))}"))
    for key in ("id", "base"):
        if not isinstance(settings.get(key), str) or not settings.get(key):
            problems.append(problem(path, settings.line, "corpus", f"`{key}` is required and must be text"))
    base = settings.get("base")
    if isinstance(base, str) and not re.match(r"^https?://[^\s<>\"{}|\\^`]+[/#]$", base):
        problems.append(problem(path, settings.key_lines.get("base", settings.line), "corpus", f"base {base!r} must be an http(s) IRI ending in / or #"))
    return {k: v for k, v in settings.items() if isinstance(v, str)}


class Reference(NamedTuple):
    """A reference to a record not read yet (it may be in a later file): checked by :meth:`Reader.finish`."""

    kinds: tuple[str, ...]
    id: str
    field: str
    origin: Origin


class Reader:
    """Reads a corpus's data files one at a time, registering every record and collecting every problem."""

    def __init__(self, corpus: Corpus, fmt: RecordFormat | None = None) -> None:
        self.corpus = corpus
        self.fmt = fmt or record_format()
        self.problems: list[Problem] = []
        self.index = Index()
        self.references: list[Reference] = []

    def iri(self, kind: str, rid: str) -> str:
        """The IRI a record of ``kind`` with id ``rid`` has, whether or not it has been read yet."""
        return f"{self.corpus.base}{self.fmt.kinds[kind].path}/{rid}"

    def files(self) -> Iterator[list[Record]]:
        """The records of each data file in turn; a file that does not parse yields nothing (its problem is kept)."""
        for path in self.corpus.files:
            try:
                doc = yamlfile.load_file(path)
            except CorpusError as exc:
                self.problems.extend(exc.problems)
                continue
            yield self.read(path, doc)

    def read(self, path: Path, doc: Any) -> list[Record]:
        if doc is None:
            return []
        if not isinstance(doc, yamlfile.Mapping):
            self.problems.append(problem(path, 1, "", f"a data file must be a mapping of record lists ({', '.join(self.fmt.top_keys)})"))
            return []
        records = []
        for key, items in doc.items():
            kind = self.fmt.kind_for_key(key)
            line = doc.key_lines[key]
            if kind is None:
                self.problems.append(problem(path, line, "", f"unknown record list {key!r}; expected one of {', '.join(self.fmt.top_keys)}"))
            elif not isinstance(items, list):
                self.problems.append(problem(path, line, "", f"`{key}` must be a list of records"))
            else:
                for item in items:
                    record = self._record(path, kind, item, line, parent=None)
                    if record is not None and self._register(record):
                        records.append(record)
        return records

    def finish(self) -> None:
        """Check the references that had to wait for every file; raise :class:`CorpusError` if anything was wrong."""
        for ref in self.references:
            if self.index.resolve(ref.kinds, ref.id) is None:
                self.problems.append(Problem(ref.origin, f"unknown {'/'.join(ref.kinds)} id {ref.id!r} in `{ref.field}`"))
        if self.problems:
            raise CorpusError(self.problems)

    def _record(self, path: Path, kind: KindSpec, item: Any, line: int, parent: Record | None) -> Record | None:
        if not isinstance(item, yamlfile.Mapping):
            self.problems.append(problem(path, line, "", f"each {kind.name} must be a mapping with an `id`"))
            return None
        rid = item.get("id")
        if not isinstance(rid, str) or not ID_PATTERN.match(rid):
            self.problems.append(problem(path, item.line, str(rid or ""), f"{kind.name} needs an `id` of lower-case letters, digits, '.', '_' or '-'"))
            return None
        origin = Origin(str(path), item.line, rid if parent is None else f"{parent.id}/{rid}")
        iri = f"{parent.iri}/{kind.path}/{rid}" if parent else self.iri(kind.name, rid)
        record = Record(kind=kind, id=rid, data=item, origin=origin, iri=iri, parent=parent)
        for name in item:
            if name == "id":
                continue
            spec = kind.fields.get(name)
            if spec is None:
                allowed = ", ".join(sorted(kind.fields))
                self.problems.append(Problem(record.line_of(name), f"unknown field {name!r} for a {kind.name}; expected one of {allowed}"))
            elif spec.type == "nested":
                self._nested(path, record, spec)
            elif spec.type == "ref":
                self._references(record, spec)
        return record

    def _nested(self, path: Path, record: Record, spec: FieldSpec) -> None:
        kind = self.fmt.kinds[spec.to[0]]
        seen: set[str] = set()
        for item in record.values(spec.name):
            child = self._record(path, kind, item, record.line_of(spec.name).line, parent=record)
            if child is None:
                continue
            if child.id in seen:
                self.problems.append(Problem(child.origin, f"duplicate {kind.name} id {child.id!r} in {record.id}"))
            seen.add(child.id)
            record.children.append(child)

    def _references(self, record: Record, spec: FieldSpec) -> None:
        values = record.values(spec.name)
        where = record.line_of(spec.name)
        if not spec.list and len(values) > 1:
            self.problems.append(Problem(where, f"`{spec.name}` takes one {'/'.join(spec.to)} id, not a list"))
        for value in values:
            if spec.unknown and value == UNKNOWN:
                continue
            if isinstance(value, str):
                if self.index.resolve(spec.to, value) is None:
                    self.references.append(Reference(spec.to, value, spec.name, where))
            else:
                self.problems.append(Problem(where, f"`{spec.name}` must be a {'/'.join(spec.to)} id, got {value!r}"))

    def _register(self, record: Record) -> bool:
        key = (record.kind.name, record.id)
        first = self.index.by_id.get(key)
        if first is not None:
            where = f"{first.origin.file}:{first.origin.line}"
            self.problems.append(Problem(record.origin, f"duplicate {record.kind.name} id {record.id!r} (first defined at {where})"))
            return False
        text_file = record.data.get("text_file")
        self.index.by_id[key] = Entry(record.kind.name, record.iri, record.origin, str(text_file) if text_file else None)
        for node in record.walk():
            self.index.by_iri.setdefault(node.iri, Entry(node.kind.name, node.iri, node.origin))
        return True
