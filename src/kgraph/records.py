"""Curated YAML records: read a corpus directory, check its ids and references.

This stage knows the record format but not RDF. It catches what only the
records can tell (syntax, unknown fields, duplicate ids, dangling references)
with the exact line; types, required fields and codes are left to the SHACL
shapes, so that there is one place that says what a valid graph is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from rdflib import URIRef

from kgraph import yamlfile
from kgraph.errors import CorpusError, Origin, Problem, problem
from kgraph.schema import FieldSpec, KindSpec, RecordFormat, record_format

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
    iri: URIRef
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


@dataclass
class Corpus:
    """A loaded corpus: its settings and every record, in file order."""

    path: Path
    id: str
    title: str
    base: str
    description: str
    texts: Path | None
    records: list[Record]
    index: dict[tuple[str, str], Record]
    files: list[Path]

    def of_kind(self, kind: str) -> list[Record]:
        return [r for r in self.records if r.kind.name == kind]

    def resolve(self, kinds: tuple[str, ...], rid: str) -> Record | None:
        return next((self.index[(k, rid)] for k in kinds if (k, rid) in self.index), None)

    def all_records(self) -> Iterator[Record]:
        """Every record, nested ones right after their parent."""
        for record in self.records:
            yield record
            yield from record.children


def load_corpus(data_dir: Path, fmt: RecordFormat | None = None) -> Corpus:
    """Read every ``*.yaml`` under ``data_dir``; raise :class:`CorpusError` listing all problems."""
    fmt = fmt or record_format()
    if not data_dir.is_dir():
        raise CorpusError([problem(data_dir, 0, "", "no such data directory; give the folder holding corpus.yaml")])
    files = sorted(p for p in data_dir.rglob("*.yaml") if p.is_file())
    settings_path = data_dir / CORPUS_FILE
    if settings_path not in files:
        raise CorpusError([problem(settings_path, 0, "", "missing corpus.yaml (it names the corpus and its base IRI)")])
    problems: list[Problem] = []
    docs = {}
    for path in files:
        try:
            docs[path] = yamlfile.load_file(path)
        except CorpusError as exc:
            problems.extend(exc.problems)
    if problems:
        raise CorpusError(problems)
    settings = _settings(settings_path, docs.pop(settings_path), fmt, problems)
    loader = _Loader(fmt, settings.get("base", "urn:x-kgraph:invalid/"), problems)
    for path, doc in docs.items():
        loader.read_file(path, doc)
    corpus = Corpus(
        path=data_dir,
        id=settings.get("id", data_dir.name),
        title=settings.get("title", data_dir.name),
        base=settings.get("base", ""),
        description=settings.get("description", ""),
        texts=(data_dir / settings["texts"]).resolve() if settings.get("texts") else None,
        records=loader.records,
        index=loader.index,
        files=files,
    )
    _check_references(corpus, problems)
    if problems:
        raise CorpusError(problems)
    return corpus


def corpus_base(data_dir: Path) -> str:
    """The corpus's base IRI from its corpus.yaml alone, for commands that do not read the records."""
    path = data_dir / CORPUS_FILE
    if not path.is_file():
        raise CorpusError([problem(path, 0, "", "missing corpus.yaml (it names the corpus and its base IRI)")])
    problems: list[Problem] = []
    settings = _settings(path, yamlfile.load_file(path), record_format(), problems)
    if problems:
        raise CorpusError(problems)
    return settings["base"]


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


class _Loader:
    def __init__(self, fmt: RecordFormat, base: str, problems: list[Problem]) -> None:
        self.fmt = fmt
        self.base = base
        self.problems = problems
        self.records: list[Record] = []
        self.index: dict[tuple[str, str], Record] = {}

    def read_file(self, path: Path, doc: Any) -> None:
        if doc is None:
            return
        if not isinstance(doc, yamlfile.Mapping):
            self.problems.append(problem(path, 1, "", f"a data file must be a mapping of record lists ({', '.join(self.fmt.top_keys)})"))
            return
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
                    if record is not None:
                        self._register(record)
                        self.records.append(record)

    def _record(self, path: Path, kind: KindSpec, item: Any, line: int, parent: Record | None) -> Record | None:
        if not isinstance(item, yamlfile.Mapping):
            self.problems.append(problem(path, line, "", f"each {kind.name} must be a mapping with an `id`"))
            return None
        rid = item.get("id")
        if not isinstance(rid, str) or not ID_PATTERN.match(rid):
            self.problems.append(problem(path, item.line, str(rid or ""), f"{kind.name} needs an `id` of lower-case letters, digits, '.', '_' or '-'"))
            return None
        origin = Origin(str(path), item.line, rid if parent is None else f"{parent.id}/{rid}")
        iri = URIRef(f"{parent.iri}/{kind.path}/{rid}" if parent else f"{self.base}{kind.path}/{rid}")
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

    def _register(self, record: Record) -> None:
        key = (record.kind.name, record.id)
        first = self.index.get(key)
        if first is not None:
            where = f"{first.origin.file}:{first.origin.line}"
            self.problems.append(Problem(record.origin, f"duplicate {record.kind.name} id {record.id!r} (first defined at {where})"))
            return
        self.index[key] = record


def _check_references(corpus: Corpus, problems: list[Problem]) -> None:
    for record in corpus.all_records():
        for name, spec in record.kind.fields.items():
            if spec.type != "ref":
                continue
            values = record.values(name)
            if not spec.list and len(values) > 1:
                problems.append(Problem(record.line_of(name), f"`{name}` takes one {'/'.join(spec.to)} id, not a list"))
            for value in values:
                if spec.unknown and value == UNKNOWN:
                    continue
                if not isinstance(value, str):
                    problems.append(Problem(record.line_of(name), f"`{name}` must be a {'/'.join(spec.to)} id, got {value!r}"))
                elif corpus.resolve(spec.to, value) is None:
                    problems.append(Problem(record.line_of(name), f"unknown {'/'.join(spec.to)} id {value!r} in `{name}`"))
