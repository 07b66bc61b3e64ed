"""A bibliographic file into a corpus: drafts checked first, then written together or not at all.

The new records of ``FILE`` go into ``bibliography/<name>-<suffix>.yaml`` in the
corpus (a ``studies:`` and a ``sources:`` list); the fields a matched record
lacks are added at the end of that record in its own file; an item with an
abstract also gives a source whose text, the abstract with its sections, is
saved in the corpus's texts folder. A file with any bad record writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgraph.corpus.records import load_corpus
from kgraph.errors import CorpusError, Problem, problem
from kgraph.ingest.bib import Item, read
from kgraph.ingest.bib.drafts import Draft, Drafter
from kgraph.ingest.bib.yamltext import dump
from kgraph.ingest.match import Catalogue
from kgraph.rdf.serialize import write_atomically

FOLDER = "bibliography"
"""Where in a corpus the records drafted from bibliographic files are written."""


@dataclass
class Ingested:
    """What one bibliographic file gives a corpus, before anything is written."""

    path: Path
    fmt: str
    drafts: list[Draft] = field(default_factory=list)
    abstracts: dict[str, tuple[dict[str, Any], str]] = field(default_factory=dict)

    @property
    def studies(self) -> list[Draft]:
        return [d for d in self.drafts if d.kind == "study"]

    def conflicts(self) -> Iterator[str]:
        """One line per disagreement between a matched record and the file, for the curator."""
        for d in self.drafts:
            for line in d.match.conflicts if d.match else ():
                yield f"{self.path}:{d.item.line}: {d.item.key or d.id}: matches {d.kind} {d.id} by {d.match.evidence}, but {line}"


def ingest_bibliography(path: Path, fmt: str, corpus_dir: Path) -> Ingested:
    """Read and draft every record of ``path``; raise :class:`CorpusError` with every bad record's problem."""
    problems: list[Problem] = []
    catalogue = Catalogue.of(corpus_dir)
    drafter = Drafter(catalogue, path.name)
    result = Ingested(path, fmt)
    for item in read(path, fmt, problems):
        if item.ref.title is None and not item.ref.authors:
            problems.append(problem(path, item.line, item.key or "", "record has neither a title nor authors; nothing to draft from"))
            continue
        draft = drafter.draft(item)
        result.drafts.append(draft)
        if item.abstract and draft.record is not None and draft.kind == "study":
            result.abstracts[draft.id] = _abstract_source(draft, item)
    if problems:
        raise CorpusError(problems)
    return result


def _abstract_source(draft: Draft, item: Item) -> tuple[dict[str, Any], str]:
    """The source an abstract becomes, and its text: each section on its own paragraph, labelled as printed."""
    text = "\n\n".join(f"{s.label}: {s.text}" if s.label else s.text for s in item.abstract) + "\n"
    record = draft.record or {}
    source: dict[str, Any] = {"id": f"{draft.id}-abstract", "kind": "journal-article", "label": f"Abstract of {record.get('label', draft.id)}"}
    for key in ("title", "authors", "doi", "url"):
        if key in record:
            source[key] = record[key]
    if "year" in record:
        source["issued"] = record["year"]
    source.update({"reports_on": [draft.id], "text_file": f"{draft.id}-abstract.txt", "status": "draft"})
    source["review"] = ["kind: journal-article, the article whose abstract this is", f"text_file: the abstract of {draft.item.key or draft.id}"]
    return source, text


def files(result: Ingested, corpus_dir: Path) -> dict[Path, bytes]:
    """Every file the ingest writes or changes, with its new content."""
    corpus = load_corpus(corpus_dir)
    out: dict[Path, bytes] = {}
    studies = [d.record for d in result.drafts if d.record is not None and d.kind == "study"]
    sources = [d.record for d in result.drafts if d.record is not None and d.kind == "source"]
    sources += [source for source, _ in result.abstracts.values()]
    if result.abstracts:
        if corpus.texts is None:
            raise CorpusError([problem(corpus_dir / "corpus.yaml", 0, "corpus", "abstracts need a texts folder: add `texts: texts` to corpus.yaml")])
        for source, text in result.abstracts.values():
            out[corpus.texts / source["text_file"]] = text.encode("utf-8")
    if studies or sources:
        body = f"# Drafted by kgraph ingest from {result.path.name} ({result.fmt}).\n"
        body += dump({k: v for k, v in (("studies", studies), ("sources", sources)) if v})
        out[corpus_dir / FOLDER / f"{result.path.stem}-{result.path.suffix.lstrip('.') or result.fmt}.yaml"] = body.encode("utf-8")
    out.update(_filled(result))
    return out


def _filled(result: Ingested) -> dict[Path, bytes]:
    """The files of matched records with the fields they lacked added at the end of each record."""
    first: dict[str, Draft] = {}
    for d in result.drafts:
        if d.match and d.fills and d.origin is not None:
            first.setdefault(d.id, d)
    inserts: dict[Path, list[tuple[int, dict[str, Any]]]] = {}
    for d in first.values():
        inserts.setdefault(Path(d.origin.file), []).append((d.origin.line, d.fills))
    out = {}
    for path, edits in inserts.items():
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for start, fills in sorted(edits, reverse=True):
            end = _record_end(lines, start)
            indent = len(lines[start - 1]) - len(lines[start - 1].lstrip(" -"))
            lines[end:end] = [dump(fills, indent)]
        out[path] = "".join(lines).encode("utf-8")
    return out


def _record_end(lines: list[str], start: int) -> int:
    """The index after the last line of the list item that starts on line ``start`` (1-based), trailing comments excluded."""
    dash = len(lines[start - 1]) - len(lines[start - 1].lstrip(" "))
    last = start
    for index in range(start, len(lines)):
        text = lines[index]
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(text) - len(text.lstrip(" ")) <= dash:
            break
        last = index + 1
    return last


def write(result: Ingested, corpus_dir: Path, force: bool = False) -> list[Path]:
    """Write what ``result`` gives the corpus, all files or none; a new file that exists already needs ``force``."""
    content = files(result, corpus_dir)
    changed = {Path(d.origin.file) for d in result.drafts if d.match and d.fills and d.origin}
    existing = sorted(p for p in content if p.exists() and p not in changed)
    if existing and not force:
        raise CorpusError([problem(p, 0, "", "exists already; pass --force to replace it, or rename the input") for p in existing])
    write_atomically(content)
    return sorted(content)
