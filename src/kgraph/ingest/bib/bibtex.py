"""BibTeX and biblatex, read with bibtexparser 2.

bibtexparser splits a file into blocks and reports a block it cannot parse
with the line it starts on. It holds a whole library in memory, so the file is
handed to it in runs of entries cut where a line starts with ``@`` (a block
never starts elsewhere), the ``@string`` macros of earlier runs carried over:
memory stays bounded by one run. LaTeX accents and ``--`` are decoded, names
split into their parts by bibtexparser's own middlewares.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import bibtexparser
from bibtexparser import middlewares as mw
from bibtexparser.model import DuplicateBlockKeyBlock, Entry

from kgraph.errors import Problem, problem
from kgraph.ingest.bib import Item, text_encoding
from kgraph.ingest.bib.fields import Checker, iso_date, registry_in, sections
from kgraph.ingest.bib.kinds import source_kind
from kgraph.ingest.reference import Author, Reference

RUN = 500
"""Entries handed to bibtexparser at a time."""


def read(path: Path, problems: list[Problem]) -> Iterator[Item]:
    """The entries of a .bib file; each block that does not parse is a problem at its line."""
    strings: list = []
    for offset, text in _runs(path):
        with _quiet():
            library = bibtexparser.parse_string(text, parse_stack=[])
        strings.extend(library.strings)
        library.add([s for s in strings if s not in library.strings])
        for entry in library.entries:
            problems.extend(_run_on(path, offset, entry))
        for middleware in _STACK:
            library = middleware.transform(library)
        for block in library.failed_blocks:
            problems.append(_failure(path, offset, block))
        for entry in library.entries:
            yield _item(path, offset + (entry.start_line or 0) + 1, entry, problems)


_STACK = (
    mw.ResolveStringReferencesMiddleware(allow_inplace_modification=True),
    mw.RemoveEnclosingMiddleware(allow_inplace_modification=True),
    mw.LatexDecodingMiddleware(allow_inplace_modification=True),
    mw.SeparateCoAuthors(allow_inplace_modification=True),
    mw.SplitNameParts(allow_inplace_modification=True),
)


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence bibtexparser's log of each failed block: the problem list reports it instead, once."""
    logger = logging.getLogger("bibtexparser.splitter")
    before, logger.disabled = logger.disabled, True
    try:
        yield
    finally:
        logger.disabled = before


def _runs(path: Path) -> Iterator[tuple[int, str]]:
    """The file in runs of about :data:`RUN` blocks, each with the number of lines before it."""
    run: list[str] = []
    offset = count = 0
    with path.open(encoding=text_encoding(path)) as handle:
        for number, line in enumerate(handle):
            if line.lstrip().startswith("@"):
                if count == RUN:
                    yield offset, "".join(run)
                    run, offset, count = [], number, 0
                count += 1
            run.append(line)
    if run:
        yield offset, "".join(run)


def _failure(path: Path, offset: int, block) -> Problem:
    line = offset + (block.start_line or 0) + 1
    if isinstance(block, DuplicateBlockKeyBlock):
        return problem(path, line, block.key, f"BibTeX key {block.key!r} is used twice in the file; give each entry its own key")
    reason = getattr(block.error, "abort_reason", "") or str(block.error) or "the block does not parse"
    key = _KEY.match(block.raw or "")
    return problem(path, line, key.group(1) if key else "", f"BibTeX syntax error: {reason.strip()}")


def _run_on(path: Path, offset: int, entry: Entry) -> Iterator[Problem]:
    """A field whose value runs on into more text (a comma left out): bibtexparser keeps it as part of the value, BibTeX refuses it."""
    for found in entry.fields:
        raw = found.value if isinstance(found.value, str) else ""
        at = _stray(raw)
        if at is not None:
            line = offset + (found.start_line or entry.start_line or 0) + 1 + raw[:at].count("\n")
            text = raw[at:].split("\n", 1)[0].strip()[:40]
            yield problem(path, line, entry.key, f"BibTeX syntax error: field {found.key!r} has {text!r} after its value; "
                                                 "separate fields with a comma (join strings with #)")  # fmt: skip


_KEY = re.compile(r"\s*@\s*\w+\s*[{(]\s*([^,\s{}()]+)")
"""The key of an entry's raw text, for naming a block that does not parse."""
_BARE = re.compile(r'[^\s#{}",]+')
_SPACE = re.compile(r"\s*")
_MARKS = re.compile(r'[{}"]')


def _stray(raw: str) -> int | None:
    """Where a field's raw value runs on past a BibTeX value (parts, braced, quoted or bare, joined by ``#``), or None.

    >>> _stray("{Doe, J}"), _stray('jan # "~1"'), _stray("{a {b} c}"), _stray("{Doe, J}\\n  year=2009"), _stray("2009 2010")
    (None, None, None, 11, 5)
    """
    at = _skip(raw, 0)
    while at < len(raw):
        end = _part_end(raw, at)
        if end is None:
            return None  # not a value bibtexparser took apart: its own check reports it
        at = _skip(raw, end)
        if at == len(raw):
            return None
        if raw[at] != "#":
            return at
        joined, at = at, _skip(raw, at + 1)
        if at == len(raw):
            return joined
    return None


def _skip(raw: str, at: int) -> int:
    """The first position from ``at`` that is not white space."""
    space = _SPACE.match(raw, at)
    return space.end() if space else at


def _part_end(raw: str, at: int) -> int | None:
    """The end of the value part at ``at``: a braced group, a quoted string (braces inside balanced), a bare word."""
    opening = raw[at]
    if opening not in '{"':
        word = _BARE.match(raw, at)
        return word.end() if word else None
    depth = 0
    for mark in _MARKS.finditer(raw, at + (opening == '"')):
        char = mark.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return None
            if depth == 0 and opening == "{":
                return mark.end()
        elif depth == 0 and opening == '"':
            return mark.end()
    return None


def _value(entry: Entry, *names: str) -> str | None:
    for name in names:
        found = entry.fields_dict.get(name)
        if found is not None and str(found.value).strip():
            return " ".join(str(found.value).split())
    return None


def _authors(entry: Entry) -> tuple[Author, ...]:
    found = entry.fields_dict.get("author")
    if found is None or not isinstance(found.value, list):
        return ()
    authors = []
    for name in found.value:
        family = " ".join([*name.von, *name.last]).strip()
        if not family or family.lower() == "others":
            continue
        authors.append(Author(family, " ".join(name.first) or None))
    return tuple(authors)


def _item(path: Path, line: int, entry: Entry, problems: list[Problem]) -> Item:
    check = Checker(path, line, entry.key, problems)
    date = _value(entry, "date")
    issued = iso_date(*(date.split("-") + [None, None])[:3]) if date else iso_date(_value(entry, "year"), _value(entry, "month"), _value(entry, "day"))
    eprint_type = (_value(entry, "eprinttype") or "").lower()
    pmid = _value(entry, "pmid") or (_value(entry, "eprint") if eprint_type == "pubmed" else None)
    keywords = tuple(k.strip() for k in (_value(entry, "keywords") or "").replace(";", ",").split(",") if k.strip())
    entry_type = entry.entry_type.lower()
    ref = Reference(
        authors=_authors(entry),
        year=int(issued[:4]) if issued else None,
        title=_value(entry, "title"),
        journal=_value(entry, "journal", "journaltitle", "booktitle"),
        volume=_value(entry, "volume"),
        issue=_value(entry, "number", "issue"),
        pages=_value(entry, "pages"),
        doi=check.doi(_value(entry, "doi")),
        pmid=check.pmid(pmid),
        pmcid=check.pmcid(_value(entry, "pmcid")),
        registry=registry_in([_value(entry, "registry"), _value(entry, "note"), *keywords]),
        url=_value(entry, "url"),
        kind=entry_type,
        issued=issued,
        publisher=_value(entry, "publisher", "organization", "institution"),
    )
    return Item(
        ref=ref,
        key=entry.key,
        line=line,
        label=_value(entry, "shorttitle"),
        abstract=sections(_value(entry, "abstract")),
        mesh=keywords,
        source_kind=source_kind("bibtex", entry_type, _value(entry, "entrysubtype")),
    )
