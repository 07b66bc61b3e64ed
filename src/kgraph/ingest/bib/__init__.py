"""Bibliographic files in: BibTeX and biblatex, RIS, MEDLINE (.nbib), PubMed XML and CSL-JSON.

Each format is read by the library made for it (bibtexparser, rispy,
Biopython's Medline parser, lxml's iterparse, ijson with a JSON Schema check),
one module per format, and every reader yields the same :class:`Item`: a
:class:`~kgraph.ingest.reference.Reference` and what a record adds to it (an
abstract, MeSH headings, where it was in the file). Readers stream: a file of
10^5 records is read one record (or one block of records) at a time.

A bad record (a BibTeX syntax error, a RIS record without ``ER``, a CSL-JSON
item without a type, a DOI that is not a DOI) becomes a :class:`~kgraph.errors.Problem`
naming the file, the line where the format gives one, and the record; the
reader goes on to the next record so that every problem is reported at once.
A file that is not of its format at all stops the reader with a
:class:`~kgraph.errors.CorpusError`. The text formats are read as UTF-8, or as
UTF-16 when the file opens with its byte-order mark (as some reference
managers save them); a file in another encoding is refused at its first line
that is not UTF-8.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kgraph.errors import CorpusError, Problem, problem
from kgraph.ingest.reference import Reference


@dataclass(frozen=True)
class Section:
    """One part of an abstract: its label as printed (``RESULTS``), or None for an unstructured abstract, and its text."""

    label: str | None
    text: str


@dataclass(frozen=True)
class Item:
    """One record of a bibliographic file.

    ``key`` is the record's own name in the file (a BibTeX key, a RIS ``ID``, a
    CSL-JSON ``id``, a PMID); ``line`` is where it starts (0 where the format
    has no lines to point at); ``label`` a short title; ``source_kind`` the
    corpus's source kind when the record is not a study (a web page, a book
    chapter); ``mesh`` the MeSH headings and keywords the design guess reads;
    ``orcids`` ORCID iDs the record gives apart from its authors' names.
    """

    ref: Reference
    key: str | None = None
    line: int = 0
    label: str | None = None
    abstract: tuple[Section, ...] = ()
    mesh: tuple[str, ...] = ()
    source_kind: str | None = None
    orcids: tuple[str, ...] = ()


Reader = Callable[[Path, list[Problem]], Iterator[Item]]


def _readers() -> dict[str, Reader]:
    from kgraph.ingest.bib import bibtex, csljson, medline, pubmed, ris

    return {"bibtex": bibtex.read, "ris": ris.read, "medline": medline.read, "pubmed-xml": pubmed.read, "csl-json": csljson.read}


FORMATS = ("bibtex", "ris", "medline", "pubmed-xml", "csl-json")
"""The bibliographic formats, by the name ``kgraph ingest`` reports them under."""


def sniff(head: bytes, name: str = "") -> str | None:
    """The bibliographic format of a file from its first bytes, or None if it is none of them.

    >>> sniff(b"@article{kallmes2009,"), sniff(b"TY  - JOUR"), sniff(b"PMID- 19657122"), sniff(b"<?xml ?><PubmedArticleSet>")
    ('bibtex', 'ris', 'medline', 'pubmed-xml')
    >>> sniff(b'[{"id": "a", "type": "article-journal"}]'), sniff(b"Plain prose."), sniff(b"<!DOCTYPE html><html>")
    ('csl-json', None, None)

    Any other XML is taken for PubMed XML, so that its reader can say it is not.
    Where the bytes say nothing, a bibliographic file's name (``.bib``, ``.ris``,
    ``.nbib``, ``.xml``, ``.json``) decides, so that its reader says what is wrong
    with it rather than the file being drafted as a document:

    >>> sniff(b"<records/>", "export.xml"), sniff(b"Plain prose.", "library.bib"), sniff(b"Plain prose.", "notes.txt")
    ('pubmed-xml', 'bibtex', None)
    """
    utf16 = head[:2] in _UTF16_MARKS
    text = head[: len(head) // 2 * 2 if utf16 else None].decode("utf-16" if utf16 else "utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    lines = [line for line in text.splitlines() if line.strip()]
    first = lines[0] if lines else ""
    html = "<html" in text.lower() or "<!doctype html" in text.lower()
    if first.startswith("<"):
        if "<PubmedArticleSet" in text or (first.startswith("<?xml") and not html):
            return "pubmed-xml"
        return None if html else _BY_NAME.get(Path(name).suffix.lower())
    if first.startswith(("[", "{")) and ('"type"' in text or '"id"' in text):
        return "csl-json"
    if any(line.startswith("TY  -") for line in lines[:5]):
        return "ris"
    if any(line.startswith("PMID-") for line in lines[:5]):
        return "medline"
    if any(line.lstrip().startswith("@") and "{" in line for line in lines[:20]):
        return "bibtex"
    return _BY_NAME.get(Path(name).suffix.lower())


_BY_NAME = {".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris", ".nbib": "medline", ".medline": "medline", ".xml": "pubmed-xml",
            ".json": "csl-json"}
"""The format a file's name declares, where its first bytes do not tell."""


_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def text_encoding(path: Path) -> str:
    """How to decode a text format's file: UTF-16 where it opens with that byte-order mark, else UTF-8 (its mark skipped)."""
    with path.open("rb") as handle:
        return "utf-16" if handle.read(2) in _UTF16_MARKS else "utf-8-sig"


def read(path: Path, fmt: str, problems: list[Problem]) -> Iterator[Item]:
    """The records of ``path`` read as ``fmt`` (one of :data:`FORMATS`); bad records are added to ``problems``."""
    if fmt not in FORMATS:
        raise CorpusError([problem(path, 0, "", f"unknown bibliographic format {fmt!r}; expected one of {', '.join(FORMATS)}")])
    return _decoded(path, _readers()[fmt](path, problems))


def _decoded(path: Path, items: Iterator[Item]) -> Iterator[Item]:
    """The reader's records; a file that is not UTF-8 where it was read as UTF-8 is refused at the first line that is not."""
    try:
        yield from items
    except UnicodeDecodeError:
        with path.open("rb") as handle:
            line = next((number for number, raw in enumerate(handle, start=1) if not _utf8(raw)), 0)
        raise CorpusError([problem(path, line, "", "not UTF-8 text; save the export as UTF-8 (or convert it, e.g. iconv -f WINDOWS-1252 "
                                                   "-t UTF-8 FILE > FILE.utf8) and run again")]) from None  # fmt: skip


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
