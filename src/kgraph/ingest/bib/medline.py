"""MEDLINE (PubMed's .nbib and "PubMed format" export), read with Biopython's Medline parser.

``Bio.Medline.parse`` reads one record at a time from an open file, so memory
stays flat. It does not say where a record starts, so the file is handed to it
through a wrapper that counts lines: when a record is yielded, the last line
that followed a blank one is where it began.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from Bio import Medline

from kgraph.errors import CorpusError, Problem, problem
from kgraph.ingest.bib import Item, text_encoding
from kgraph.ingest.bib.fields import Checker, iso_date, registry_in, sections
from kgraph.ingest.reference import Author, Reference

_DOI = re.compile(r"^(\S+)\s*\[doi\]$")


class _Lines:
    """A text file that remembers the line each record (a run of non-blank lines) began on, and the line last read."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.start = self.number = 0

    def __iter__(self) -> Iterator[str]:
        blank = True
        for self.number, line in enumerate(self.handle, start=1):
            if blank and line.strip():
                self.start = self.number
            blank = not line.strip()
            yield line


def read(path: Path, problems: list[Problem]) -> Iterator[Item]:
    """The records of a MEDLINE file, with their abstracts and MeSH headings.

    Biopython's parser fails with a ``KeyError`` on a continuation line (six spaces)
    that follows no field, at the start of the file or of a record: that is reported
    at its line.
    """
    with path.open(encoding=text_encoding(path)) as handle:
        lines = _Lines(handle)
        records = Medline.parse(lines)
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except KeyError:
                raise CorpusError([problem(path, lines.number, "", "a continuation line (six spaces) that continues no field: a record's "
                                                                   "first line starts with its tag, e.g. 'PMID- 19657122'")]) from None  # fmt: skip
            yield _item(path, lines.start, record, problems)


def _one(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if isinstance(value, list):
        value = " ".join(value)
    return " ".join(value.split()) if value and value.strip() else None


def _doi(record: dict[str, Any]) -> str | None:
    for value in [*(record.get("AID") or []), record.get("LID") or ""]:
        match = _DOI.match(value.strip())
        if match:
            return match.group(1)
    return None


def _authors(record: dict[str, Any]) -> tuple[Author, ...]:
    full, short = record.get("FAU") or [], record.get("AU") or []
    names = full if len(full) == len(short) or not short else short
    return tuple(a for a in (Author.parse(name) for name in names) if a)


def _date(text: str | None) -> str | None:
    if not text:
        return None
    parts = text.split()
    return iso_date(parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None)


def _item(path: Path, line: int, record: dict[str, Any], problems: list[Problem]) -> Item:
    pmid = _one(record, "PMID")
    check = Checker(path, line, f"PMID {pmid}" if pmid else "", problems)
    issued = _date(_one(record, "DP"))
    ref = Reference(
        authors=_authors(record),
        year=int(issued[:4]) if issued else None,
        title=_one(record, "TI"),
        journal=_one(record, "TA") or _one(record, "JT"),
        volume=_one(record, "VI"),
        issue=_one(record, "IP"),
        pages=_one(record, "PG"),
        doi=check.doi(_doi(record)),
        pmid=check.pmid(pmid),
        pmcid=check.pmcid(_one(record, "PMC")),
        registry=registry_in(record.get("SI") or []),
        kind="journal-article",
        publication_types=tuple(record.get("PT") or []),
        issued=issued,
    )
    headings = tuple(h.split("/")[0].lstrip("*") for h in record.get("MH") or [])
    return Item(ref=ref, key=pmid, line=line, abstract=sections(_one(record, "AB")), mesh=headings)
