"""RIS, read with rispy.

rispy silently drops a record whose ``ER`` line is missing, so the file is
first cut at its ``TY`` and ``ER`` lines (a tag line is two characters, two
spaces, a hyphen: the one thing the cut looks at), which gives each record its
line and turns a missing ``ER`` into a problem. The records are then handed to
rispy in runs, which parses the tags: memory stays bounded by one run.
Blank lines inside a record are left out, and a record whose first line after
``TY`` has no tag is a problem: rispy would add either to the field it read
last, which may be one of the record before, and fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import rispy

from kgraph.errors import Problem, problem
from kgraph.ingest.bib import Item, text_encoding
from kgraph.ingest.bib.fields import Checker, first_text, iso_date, page_range, registry_in, sections
from kgraph.ingest.bib.kinds import source_kind
from kgraph.ingest.reference import Author, Reference

RUN = 500
"""Records handed to rispy at a time."""
_START = re.compile(r"^TY  -")
_END = re.compile(r"^ER  -")
_TAG = re.compile(r"^[A-Z][A-Z0-9]  -")
"""A tag line as rispy tells one; any other line continues the field before it."""
_NOTE_ID = re.compile(r"\b(PMID|PMCID):\s*(\S+)", re.IGNORECASE)


def read(path: Path, problems: list[Problem]) -> Iterator[Item]:
    """The records of a .ris file; a record without ``ER`` is a problem at its ``TY`` line."""
    for lines, texts in _runs(path, problems):
        for line, record in zip(lines, rispy.loads("".join(texts)), strict=True):
            yield _item(path, line, record, problems)


def _runs(path: Path, problems: list[Problem]) -> Iterator[tuple[list[int], list[str]]]:
    starts: list[int] = []
    texts: list[str] = []
    record: list[str] = []
    start = 0
    with path.open(encoding=text_encoding(path)) as handle:
        for number, line in enumerate(handle, start=1):
            if _START.match(line):
                if record:
                    problems.append(problem(path, start, _id(record), f"RIS record has no ER line before the next TY at line {number}; end each record with 'ER  - '"))
                record, start = [line], number
            elif record:
                if not line.strip():
                    continue  # carries nothing: rispy would join it to the field before, or fail on it after TY
                if len(record) == 1 and not _TAG.match(line):
                    problems.append(problem(path, number, _id(record), "a line without a tag straight after TY, continuing no field; each line "
                                                                       "of a RIS record starts with its tag, e.g. 'TI  - '"))  # fmt: skip
                    record = []
                    continue
                record.append(line)
                if _END.match(line):
                    starts.append(start)
                    texts.append("".join(record) + "\n")
                    record = []
                    if len(texts) == RUN:
                        yield starts, texts
                        starts, texts = [], []
    if record:
        problems.append(problem(path, start, _id(record), "RIS record has no ER line before the end of the file; end each record with 'ER  - '"))
    if texts:
        yield starts, texts


def _id(record: list[str]) -> str:
    """A record's ``ID`` (or its title) for naming it in a problem."""
    for tag in ("ID  -", "TI  -", "T1  -"):
        for line in record:
            if line.startswith(tag):
                return line[6:].strip()[:60]
    return ""



def _date(record: dict[str, Any]) -> str | None:
    for key in ("date", "year", "publication_year"):
        value = first_text(record, key)
        if value:
            parts = (value.split("/") + [None, None])[:3]
            found = iso_date(*[p or None for p in parts])
            if found:
                return found
    return None


def _item(path: Path, line: int, record: dict[str, Any], problems: list[Problem]) -> Item:
    key = first_text(record, "id")
    check = Checker(path, line, key or first_text(record, "title", "primary_title") or "", problems)
    notes = [str(n) for n in (record.get("notes") or [])] + [str(record.get("note") or "")]
    noted = {name.upper(): value for name, value in (m.groups() for n in notes for m in _NOTE_ID.finditer(n))}
    database = (first_text(record, "name_of_database", "database_provider") or "").lower()
    accession = first_text(record, "accession_number") if "pubmed" in database or "ncbi" in database else None
    issued = _date(record)
    entry_type = first_text(record, "type_of_reference")
    urls = record.get("urls") or []
    ref = Reference(
        authors=tuple(a for a in (Author.parse(name) for name in (record.get("authors") or record.get("first_authors") or [])) if a),
        year=int(issued[:4]) if issued else None,
        title=first_text(record, "title", "primary_title"),
        journal=first_text(record, "secondary_title", "journal_name", "alternate_title3", "alternate_title1", "alternate_title2"),
        volume=first_text(record, "volume"),
        issue=first_text(record, "number"),
        pages=page_range(first_text(record, "start_page"), first_text(record, "end_page")),
        doi=check.doi(first_text(record, "doi")),
        pmid=check.pmid(accession or noted.get("PMID")),
        pmcid=check.pmcid(noted.get("PMCID")),
        registry=registry_in([*notes, *(record.get("keywords") or [])]),
        url=urls[0] if urls else None,
        kind=entry_type,
        issued=issued,
        publisher=first_text(record, "publisher"),
    )
    return Item(
        ref=ref,
        key=key,
        line=line,
        label=first_text(record, "short_title"),
        abstract=sections(first_text(record, "abstract", "notes_abstract")),
        mesh=tuple(str(k) for k in record.get("keywords") or []),
        source_kind=source_kind("ris", entry_type, first_text(record, "type_of_work")),
    )
