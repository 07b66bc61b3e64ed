"""What a file is, told from its bytes rather than its name, and its text decoded.

A saved web page is often called ``page.txt`` and a PDF ``download``; the
extension only breaks ties. A file that is not text at all, or too large, is
refused here with a message saying what to do, before any reader runs.

>>> is_pdf(b"%PDF-1.7 ...", "x.txt"), is_html(b"<!DOCTYPE html><html>", "x"), is_html(b"Plain words.", "x.html")
(True, True, False)
"""

from __future__ import annotations

import re
from pathlib import Path

from kgraph.errors import KgraphError

MAX_BYTES = 50 * 1024 * 1024
"""The largest file ingest reads (50 MiB): a document larger than that is a collection, not a source."""

_HTML = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE | re.DOTALL)
_TEXT_CONTROLS = set(range(32)) - {9, 10, 12, 13, 27}


class IngestError(KgraphError):
    """A document ingest cannot read; the message says which file and what to do."""


def read_bytes(path: Path) -> bytes:
    """The file's bytes; an empty, missing or oversized file is refused."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"{path}: cannot read ({exc.strerror}); give the path of a saved document") from None
    if path.is_dir():
        raise IngestError(f"{path}: is a folder; give the path of a saved document")
    if size > MAX_BYTES:
        raise IngestError(f"{path}: {size:,} bytes is over the limit of {MAX_BYTES:,} bytes (50 MiB); split the document or ingest its text")
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(f"{path}: the file is empty; save the document's text or page into it first")
    return data


def is_pdf(data: bytes, name: str) -> bool:  # noqa: ARG001 - every detector takes the name
    """A PDF starts with ``%PDF-`` (some generators put a few bytes before it)."""
    return data[:1024].lstrip().startswith(b"%PDF-")


def is_html(data: bytes, name: str) -> bool:
    """An HTML page opens with a doctype or an html, head, body, meta or title tag; a ``.html`` name with body tags is one too."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML.match(head):
        return True
    return name.lower().endswith((".html", ".htm", ".xhtml")) and re.search(rb"<(?:p|div|h1|article)\b", head, re.IGNORECASE) is not None


def decode(data: bytes, name: str) -> str:
    """The text of ``data``: UTF-8 (with or without BOM), UTF-16 with a BOM, else the encoding charset-normalizer detects.

    Bytes that no text encoding explains (a binary file) are refused with a message.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detected(data, name)
    if _looks_binary(text):
        raise IngestError(f"{name}: is a binary file, not a text, HTML or PDF document; save the document as text, HTML or PDF")
    return text


def _detected(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    if b"\x00" in data[:4096]:
        raise IngestError(f"{name}: is a binary file, not a text, HTML or PDF document; save the document as text, HTML or PDF")
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise IngestError(f"{name}: is not UTF-8 and its encoding could not be told; convert it to UTF-8 (e.g. iconv -t UTF-8)")
    return str(best)


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) in _TEXT_CONTROLS or c == "\ufffd")
    return controls > max(2, len(sample) // 100)
