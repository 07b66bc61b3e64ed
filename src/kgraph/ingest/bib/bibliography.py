"""A bibliographic file into a corpus: each record drafted and staged as it is read, then all moved into place or none.

The new studies and works of ``FILE`` go into ``bibliography/<name>-<suffix>.yaml``
in the corpus. The fields a matched record lacks are added at the end of that
record in its own file; nothing it has is changed, and disagreements are
reported. A record with an abstract also becomes a source, through the same
path as a document: the abstract (its sections kept, each a paragraph
``LABEL: text``) is saved in the corpus's texts folder, and statements are
drafted from its RESULTS and CONCLUSIONS (from all of it when it has no
sections), in ``sources/<study id>-abstract.yaml``.

A file of 10^5 records streams: each record is staged as soon as it is drafted
(:mod:`kgraph.ingest.bib.staging`), and nothing of it stays in memory but what
later records need: the ids given out, the identifiers matching reads (the
catalogue), the conflict lines and the fields to add to matched corpus records.
When the last record has been read without a problem, the staged files are
moved into place together; on any problem the staging folder is removed and
nothing is written. The staging folder is a hidden folder inside the corpus, so
that the moves are renames on one file system (its files end in ``.staged``, so
that nothing reading the corpus takes them for records); a dry run stages in
the system's temporary folder.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import yaml

from kgraph.errors import CorpusError, Problem, problem
from kgraph.ingest.bib import Item, read
from kgraph.ingest.bib.drafts import Draft, Drafter
from kgraph.ingest.bib.staging import LISTS, Staged, Stager
from kgraph.ingest.corpus import CorpusView, read_corpus
from kgraph.ingest.cues import Cues, load_cues
from kgraph.ingest.document import Document, Metadata, normalise_text
from kgraph.ingest.drafts import Drafts, build_drafts
from kgraph.ingest.sniff import IngestError
from kgraph.progress import Progress

FOLDER = "bibliography"
"""Where in a corpus the records drafted from bibliographic files are written."""
CANDIDATES = re.compile(r"RESULT|CONCLUSION|FINDING|INTERPRETATION", re.IGNORECASE)
"""Abstract sections whose sentences are candidate statements."""
REPORT_EVERY = 100
"""How many records are drafted between two reports to ``progress``."""
_NAMES = {"bibtex": "BibTeX", "ris": "RIS", "medline": "MEDLINE", "pubmed-xml": "PubMed XML", "csl-json": "CSL-JSON"}
"""The formats' names in messages."""
_KEYS = {"sources": "source", "studies": "study"}
"""The record lists whose ids a later abstract must not take again (its claims are taken in whole, to be stated again).
A statement's id is its source's with a number (``…-abstract-s2``), unique once its source's is, so the statements'
ids are not kept: on a file of 10^4 abstracts they would be most of what the ingest holds."""


def drafted(path: Path, fmt: str, view: CorpusView, cues: Cues) -> Iterator[tuple[Draft, Drafts | None]]:
    """Every record of ``path`` drafted in turn, with the source its abstract becomes (None without one).

    A bad record is collected as a problem; from the first one on, records are
    only read (to report every problem at once), and a :class:`CorpusError`
    naming them all is raised after the last, or where the reader can read no
    further (a file cut short): then with the problems found before it.
    """
    problems: list[Problem] = []
    drafter = Drafter(view.catalogue, path.name)
    records = reported = 0
    try:
        for records, item in enumerate(read(path, fmt, problems), start=1):
            if item.ref.title is None and not item.ref.authors and len(problems) == reported:  # not when the reader told why
                problems.append(problem(path, item.line, item.key or "", "record has neither a title nor authors; nothing to draft from"))
            reported = len(problems)
            if problems:
                continue
            draft = drafter.draft(item)
            abstract = _abstract(draft, item, view, cues) if item.abstract and draft.record is not None and draft.kind == "study" else None
            yield draft, abstract
    except CorpusError as stopped:  # the reader could go no further: what it found before is reported too
        raise CorpusError([*problems, *stopped.problems]) from None
    if not records and not problems:
        problems.append(problem(path, 0, "", f"no {_NAMES[fmt]} record in the file; check that it is the export you meant"))
    if problems:
        raise CorpusError(problems)


def ingest_bibliography(path: Path, fmt: str, corpus_dir: Path, cues_path: Path | None = None, *, dry_run: bool = False,
                        as_json: bool = False, replace: bool = False, progress: Progress | None = None) -> Staged:  # fmt: skip
    """Read, draft and stage every record of ``path``; raise :class:`CorpusError` with every bad record's problem, staging nothing.

    ``dry_run`` stages outside the corpus; ``as_json`` stages the ``--format json``
    summary instead of the files. ``replace`` (``--force``) drafts the file again as if
    an earlier ingest of it had not been: its bibliography file and its abstracts'
    sources are left out of the corpus read, so that their records are drafted anew
    rather than matched to themselves. ``progress`` is told the count of records drafted
    every :data:`REPORT_EVERY` records: a PubMed export of 10^4 records with abstracts takes some 20 seconds.
    """
    tell = progress or _silent
    tell(f"reading the corpus in {corpus_dir}")
    target = corpus_dir / FOLDER / f"{path.stem}-{path.suffix.lstrip('.') or fmt}.yaml"
    view = read_corpus(corpus_dir, replacing=earlier_files(target, corpus_dir) if replace else ())
    cues = load_cues(cues_path)
    try:
        folder = Path(tempfile.mkdtemp(prefix=".ingest-", dir=None if dry_run else corpus_dir))
    except OSError as exc:
        raise IngestError(f"{exc.filename}: cannot stage the ingest there ({exc.strerror}); nothing written") from None
    staged = Staged(path, target, corpus_dir, view.texts_dir, folder)
    try:
        with Stager(staged, as_json) as stager:
            count = 0
            for count, (draft, abstract) in enumerate(drafted(path, fmt, view, cues), start=1):
                stager.add(draft, abstract)
                if count % REPORT_EVERY == 0:
                    tell(f"drafted {count:,} records of {path.name}")
            tell(f"drafted {count:,} records of {path.name}; staging the files")
    except OSError as exc:
        staged.close()
        doing = "read it" if exc.filename == str(path) else "stage the ingest"
        raise IngestError(f"{exc.filename}: cannot {doing} ({exc.strerror}); nothing written") from None
    except BaseException:
        staged.close()
        raise
    return staged


def earlier_files(target: Path, corpus_dir: Path) -> list[Path]:
    """What an earlier ingest of the same file wrote: its bibliography file ``target``, and the source of each abstract of a study in it."""
    if not target.is_file():
        return []
    try:
        data = yaml.load(target.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except (OSError, UnicodeError, yaml.YAMLError) as exc:
        raise IngestError(f"{target}: cannot read the earlier ingest to replace it ({' '.join(str(exc).split())}); fix or delete it") from None
    lists = data if isinstance(data, dict) else {}
    ids = [str(record["id"]) for key in LISTS for record in lists.get(key) or [] if isinstance(record, dict) and "id" in record]
    return [target, *(source for source in (corpus_dir / "sources" / f"{rid}-abstract.yaml" for rid in ids) if source.is_file())]


def _silent(_: str) -> None:
    """Told nothing: a caller without a display."""


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
    records = drafts.records()
    for key, kind in _KEYS.items():
        view.ids.setdefault(kind, set()).update(r["id"] for r in records.get(key, ()))
    for claim in records.get("claims", ()):
        view.add("claim", claim["id"], claim)
    return drafts


