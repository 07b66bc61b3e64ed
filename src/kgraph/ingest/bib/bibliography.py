"""A bibliographic file into a corpus: every record drafted and checked first, then all written or none.

The new studies and works of ``FILE`` go into ``bibliography/<name>-<suffix>.yaml``
in the corpus. The fields a matched record lacks are added at the end of that
record in its own file; nothing it has is changed, and disagreements are
reported. A record with an abstract also becomes a source, through the same
path as a document: the abstract (its sections kept, each a paragraph
``LABEL: text``) is saved in the corpus's texts folder, and statements are
drafted from its RESULTS and CONCLUSIONS (from all of it when it has no
sections), in ``sources/<study id>-abstract.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgraph.errors import CorpusError, Origin, Problem, problem
from kgraph.ingest.bib import Item, read
from kgraph.ingest.bib.drafts import Draft, Drafter, summary
from kgraph.ingest.corpus import CorpusView, read_corpus
from kgraph.ingest.cues import Cues, load_cues
from kgraph.ingest.document import Document, Metadata, normalise_text
from kgraph.ingest.drafts import Drafts, build_drafts
from kgraph.ingest.run import HEADER
from kgraph.ingest.sniff import IngestError
from kgraph.ingest.writer import dump_yaml, write_files

FOLDER = "bibliography"
"""Where in a corpus the records drafted from bibliographic files are written."""
CANDIDATES = re.compile(r"RESULT|CONCLUSION|FINDING|INTERPRETATION", re.IGNORECASE)
"""Abstract sections whose sentences are candidate statements."""
_KEYS = {"sources": "source", "studies": "study", "claims": "claim", "statements": "statement"}


@dataclass
class Ingested:
    """What one bibliographic file gives a corpus, before anything is written."""

    path: Path
    fmt: str
    corpus_dir: Path
    texts_dir: Path
    drafts: list[Draft] = field(default_factory=list)
    abstracts: list[Drafts] = field(default_factory=list)

    def conflicts(self) -> Iterator[str]:
        """One line per disagreement between a matched record and the file, for the curator."""
        for d in self.drafts:
            if d.match is None:
                continue
            for line in d.match.conflicts:
                yield f"{self.path}:{d.item.line}: {d.item.key or d.id}: matches {d.kind} {d.id} by {d.match.evidence}, but {line}"

    def json(self) -> dict[str, Any]:
        """The ``--dry-run --format json`` contract: the studies and works, and each abstract as a document ingest prints it."""
        return {
            "studies": [summary(d) for d in self.drafts],
            "sources": [a.as_json(str(self.texts_dir / a.text_file)) for a in self.abstracts],
        }

    def files(self) -> dict[Path, str]:
        """Every file the ingest writes or changes, with its new content."""
        out: dict[Path, str] = {}
        studies = [d.record for d in self.drafts if d.record is not None and d.kind == "study"]
        sources = [d.record for d in self.drafts if d.record is not None and d.kind == "source"]
        if studies or sources:
            doc = {key: value for key, value in (("studies", studies), ("sources", sources)) if value}
            out[self.corpus_dir / FOLDER / f"{self.path.stem}-{self.path.suffix.lstrip('.') or self.fmt}.yaml"] = dump_yaml(doc, HEADER)
        for abstract in self.abstracts:
            out[self.texts_dir / abstract.text_file] = abstract.document.text + "\n"
            out[self.corpus_dir / "sources" / f"{abstract.source_id}.yaml"] = dump_yaml(abstract.records(), HEADER)
        out.update(_filled(self.drafts))
        return out


def ingest_bibliography(path: Path, fmt: str, corpus_dir: Path, cues_path: Path | None = None) -> Ingested:
    """Read and draft every record of ``path``; raise :class:`CorpusError` with every bad record's problem."""
    problems: list[Problem] = []
    view = read_corpus(corpus_dir)
    cues = load_cues(cues_path)
    drafter = Drafter(view.catalogue, path.name)
    result = Ingested(path, fmt, corpus_dir, view.texts_dir)
    for item in read(path, fmt, problems):
        if item.ref.title is None and not item.ref.authors:
            problems.append(problem(path, item.line, item.key or "", "record has neither a title nor authors; nothing to draft from"))
            continue
        draft = drafter.draft(item)
        result.drafts.append(draft)
        if item.abstract and draft.record is not None and draft.kind == "study":
            result.abstracts.append(_abstract(draft, item, view, cues))
    if problems:
        raise CorpusError(problems)
    return result


def _abstract(draft: Draft, item: Item, view: CorpusView, cues: Cues) -> Drafts:
    """The source an abstract becomes, drafted as a document is, reporting on the study drafted beside it."""
    record = draft.record or {}
    parts, spans, at = [], [], 0
    for section in item.abstract:
        label = f"{section.label}: " if section.label else ""
        text = normalise_text(label + section.text)
        if section.label and CANDIDATES.search(section.label):
            spans.append((at + len(label), at + len(text)))
        parts.append(text)
        at += len(text) + 2
    meta = Metadata(
        title=item.ref.title, authors=list(record.get("authors", [])), date=item.ref.issued, doi=item.ref.doi,
        journal=item.ref.journal, kind="journal-article",
        rules={"title": "the record's title", "authors": "the record's authors", "date": "the record's date", "doi": "the record's DOI",
               "journal": "the record's journal", "kind": "an abstract of the article"},
    )  # fmt: skip
    source_id = f"{draft.id}-abstract"
    drafts = build_drafts(Document("\n\n".join(parts), meta, "abstract"), view, cues, source_id, within=spans or None)
    source = drafts.source
    drafts.source = {**{k: v for k, v in source.items() if k != "text_file"}, "reports_on": [draft.id], "text_file": source["text_file"]}
    for key in ("status", "review"):
        drafts.source[key] = drafts.source.pop(key)
    for key, records in drafts.records().items():
        view.ids.setdefault(_KEYS[key], set()).update(r["id"] for r in records)
    return drafts


def _filled(drafts: list[Draft]) -> dict[Path, str]:
    """The files of matched records with the fields they lacked added at the end of each record (the first match of a record wins)."""
    first: dict[str, tuple[Origin, dict[str, Any]]] = {}
    for d in drafts:
        if d.match and d.fills and d.origin is not None:
            first.setdefault(d.id, (d.origin, d.fills))
    edits: dict[Path, list[tuple[int, dict[str, Any]]]] = {}
    for origin, fills in first.values():
        edits.setdefault(Path(origin.file), []).append((origin.line, fills))
    out = {}
    for path, changes in edits.items():
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for start, fills in sorted(changes, reverse=True):
            indent = " " * (len(lines[start - 1]) - len(lines[start - 1].lstrip(" -")))
            text = "".join(indent + line for line in dump_yaml(fills).splitlines(keepends=True))
            end = _record_end(lines, start)
            lines[end:end] = [text]
        out[path] = "".join(lines)
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


def write(result: Ingested, force: bool = False) -> list[Path]:
    """Write what ``result`` gives the corpus, all files or none; a new file that exists already needs ``force``."""
    content = result.files()
    changed = {Path(d.origin.file) for d in result.drafts if d.match and d.fills and d.origin}
    existing = sorted(p for p in content if p.exists() and p not in changed)
    if existing and not force:
        raise IngestError(f"{existing[0]} exists already (an earlier ingest of {result.path.name}?); pass --force to replace it")
    return write_files(content, force=True)
