"""The formats ingest reads, each with how it is recognised and how it is read.

Formats are tried in order and the first whose detector accepts the bytes
reads them; plain text comes last and takes what is left. A new format (a
bibliographic file: BibTeX, RIS, MEDLINE, PubMed XML, CSL-JSON) is one more
:class:`Format` put before ``text`` with :func:`register`, not a change to the
command.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kgraph.ingest.document import Document
from kgraph.ingest.sniff import decode, is_html, is_pdf


@dataclass(frozen=True)
class Format:
    """A format: its name, a test on the first bytes (and the file name), and its reader."""

    name: str
    detects: Callable[[bytes, str], bool]
    read: Callable[[bytes, str], Document]


def _read_pdf(data: bytes, name: str) -> Document:
    from kgraph.ingest.pdf import read_pdf

    return read_pdf(data, name)


def _read_html(data: bytes, name: str) -> Document:
    from kgraph.ingest.html import read_html

    return read_html(decode(data, name), name)


def _read_text(data: bytes, name: str) -> Document:
    from kgraph.ingest.text import read_text

    return read_text(decode(data, name), name)


FORMATS: list[Format] = [
    Format("pdf", is_pdf, _read_pdf),
    Format("html", is_html, _read_html),
    Format("text", lambda data, name: True, _read_text),
]


def register(fmt: Format) -> None:
    """Add a format, tried before plain text (which accepts anything)."""
    FORMATS.insert(len(FORMATS) - 1, fmt)


def detect(data: bytes, name: str) -> Format:
    """The first format that recognises ``data``."""
    return next(f for f in FORMATS if f.detects(data, name))
