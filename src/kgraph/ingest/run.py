"""One document in, its drafts out: read, draft, and write (or only report) them.

This is what ``kgraph ingest`` does for each file; it is kept apart from the
command so that benchmarks and other programs call the same steps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

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

    def json(self) -> str:
        return json.dumps(self.drafts.as_json(str(self.text_path)), ensure_ascii=False, indent=2, sort_keys=False)


def read_document(path: Path) -> Document:
    """The document in ``path``, read by the format its bytes show."""
    data = read_bytes(path)
    return detect(data, path.name).read(data, str(path))


def ingest(path: Path, corpus_dir: Path, source_id: str | None = None, kind: str | None = None, url: str | None = None,
           cues_path: Path | None = None, force: bool = False) -> Outcome:
    """Draft the records of the document in ``path`` for the corpus in ``corpus_dir`` (nothing is written here)."""
    document = read_document(path)
    rid = source_id or slug(document.meta.title or path.stem)
    yaml_path = corpus_dir / "sources" / f"{rid}.yaml"
    view = read_corpus(corpus_dir, replacing=yaml_path if force else None)
    if view.taken("source", rid) and not force:
        raise IngestError(f"{path}: the corpus has a source {rid!r} already; pass --id with another id (or --force to replace an earlier ingest)")
    drafts = build_drafts(document, view, load_cues(cues_path), rid, kind=kind, url=url)
    return Outcome(drafts, corpus_dir / TEXTS_FOLDER / drafts.text_file, yaml_path)


def save(outcome: Outcome, force: bool) -> list[Path]:
    """Write the text and the YAML of ``outcome`` into the corpus, all or nothing."""
    return write_files({outcome.text_path: outcome.drafts.document.text + "\n", outcome.yaml_path: outcome.yaml()}, force)
