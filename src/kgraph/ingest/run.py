"""Documents in, their drafts out: read every one, draft them all, and only then write them (or only report them).

This is what ``kgraph ingest`` does; it is kept apart from the command so
that benchmarks and other programs call the same steps. Several documents
ingested at once are drafted in turn into one view of the corpus, each
seeing the drafts of those before it (so two documents citing the same new
study draft it once), and written all together or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgraph.ingest.corpus import TEXTS_FOLDER, read_corpus
from kgraph.ingest.cues import load_cues
from kgraph.ingest.document import Document
from kgraph.ingest.drafts import Drafts, build_drafts, slug
from kgraph.ingest.formats import detect
from kgraph.ingest.sniff import IngestError, read_bytes
from kgraph.ingest.writer import dump_yaml, write_files

HEADER = "# Drafted by kgraph ingest. Every record is status: draft; its review lines say what was guessed and how.\n# Check each, delete the lines you checked, and delete `status: draft` to accept a record.\n"


@dataclass
class Outcome:
    """What ingesting one file drafted, and where it goes."""

    drafts: Drafts
    text_path: Path
    yaml_path: Path

    def yaml(self) -> str:
        return dump_yaml(self.drafts.records(), HEADER)

    def data(self) -> dict[str, Any]:
        """The ``--dry-run --format json`` contract of this document."""
        return self.drafts.as_json(str(self.text_path))


def report(outcomes: Sequence[Outcome], fmt: str) -> str:
    """What ``--dry-run`` prints: one JSON object (an array of them for several files), or each file's YAML under its path."""
    if fmt == "json":
        data = [outcome.data() for outcome in outcomes]
        return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    if len(outcomes) == 1:
        return outcomes[0].yaml()
    return "".join(f"--- # {outcome.yaml_path}\n{outcome.yaml()}" for outcome in outcomes)


def read_document(path: Path) -> Document:
    """The document in ``path``, read by the format its bytes show."""
    data = read_bytes(path)
    return detect(data, path.name).read(data, str(path))


def ingest(path: Path, corpus_dir: Path, source_id: str | None = None, kind: str | None = None, url: str | None = None,
           cues_path: Path | None = None, force: bool = False) -> Outcome:
    """Draft the records of the document in ``path`` for the corpus in ``corpus_dir`` (nothing is written here)."""
    return ingest_all([path], corpus_dir, source_id, kind, url, cues_path, force)[0]


def ingest_all(paths: Sequence[Path], corpus_dir: Path, source_id: str | None = None, kind: str | None = None, url: str | None = None,
               cues_path: Path | None = None, force: bool = False) -> list[Outcome]:
    """Draft the records of every document in ``paths``, in order, before anything is written.

    Every file is read first, so a file ingest cannot read stops the run before any drafting; two files
    that would draft to the same source id, or one whose id the corpus has already (without ``force``),
    stop it too.
    """
    documents = [read_document(path) for path in paths]
    ids = [source_id or slug(document.meta.title or path.stem) for path, document in zip(paths, documents, strict=True)]
    first: dict[str, Path] = {}
    for path, rid in zip(paths, ids, strict=True):
        if rid in first:
            raise IngestError(f"{path}: would be drafted as source {rid!r}, as {first[rid]} is; ingest one of them apart, with --id")
        first[rid] = path
    yaml_paths = [corpus_dir / "sources" / f"{rid}.yaml" for rid in ids]
    view = read_corpus(corpus_dir, replacing=yaml_paths if force else ())
    cues = load_cues(cues_path)
    outcomes: list[Outcome] = []
    for path, document, rid, yaml_path in zip(paths, documents, ids, yaml_paths, strict=True):
        if outcomes:
            view.add_drafts(outcomes[-1].drafts.records())
        if view.taken("source", rid):
            raise IngestError(f"{path}: the corpus has a source {rid!r} already; pass --id with another id (or --force to replace an earlier ingest)")
        drafts = build_drafts(document, view, cues, rid, kind=kind, url=url)
        outcomes.append(Outcome(drafts, corpus_dir / TEXTS_FOLDER / drafts.text_file, yaml_path))
    return outcomes


def save(outcomes: Sequence[Outcome], force: bool) -> list[Path]:
    """Write the text and the YAML of every outcome into the corpus, all or nothing."""
    files = {}
    for outcome in outcomes:
        files[outcome.text_path] = outcome.drafts.document.text + "\n"
        files[outcome.yaml_path] = outcome.yaml()
    return write_files(files, force)
