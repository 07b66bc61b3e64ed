"""A PDF with a text layer: its text with the lines of each paragraph joined, and its info dictionary.

pypdf reads the text layer (bench/README.md says why it and not pdfminer.six).
A PDF prints a paragraph as lines cut at the margin, and words hyphenated
across them; drafting wants sentences, so lines are joined back into
paragraphs, while a line that starts a list item or a numbered reference
stays a line of its own.

>>> unwrap("The trial ran for a\\nyear and treat-\\nment helped.\\n1. Kallmes DF.\\n2. Buchbinder R.")
'The trial ran for a year and treatment helped.\\n1. Kallmes DF.\\n2. Buchbinder R.'
"""

from __future__ import annotations

import io
import re

from kgraph.ingest.document import Document, Metadata, normalise_text
from kgraph.ingest.sniff import IngestError
from kgraph.ingest.text import text_metadata

_ITEM_START = re.compile(r"^(?:\[\d+\]|\d{1,3}[.)]\s|[-•▪◦*]\s|[A-Z][A-Za-z' -]{0,40},\s(?:[A-Z]\.\s?)+[,(&]|\(?[a-z]\)\s)")


def read_pdf(data: bytes, name: str) -> Document:
    """The text of every page, paragraphs joined, normalised; an encrypted PDF or one without text is refused."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(f"{name}: the PDF is encrypted with a password; save an unencrypted copy (e.g. qpdf --decrypt) and ingest that")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except PdfReadError as exc:
        raise IngestError(f"{name}: not a readable PDF ({exc}); save the document again or ingest its text") from None
    text = normalise_text("\n\n".join(unwrap(page) for page in pages))
    if len(text.split()) < 5:
        raise IngestError(f"{name}: the PDF has no text layer (a scan?); run OCR on it first (e.g. ocrmypdf) and ingest the result")
    meta = Metadata()
    if info is not None:
        if info.title and info.title.strip():
            meta.title = " ".join(info.title.split())
            meta.rules["title"] = "pdf info Title"
        if info.author and info.author.strip():
            meta.authors = [a.strip() for a in re.split(r";|,\s*(?=[A-Z][a-z])|\band\b", info.author) if a.strip()]
            meta.rules["authors"] = "pdf info Author"
        if info.creation_date_raw:
            raw = re.sub(r"^D:", "", str(info.creation_date_raw))
            if re.match(r"\d{8}", raw):
                meta.date = f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"
                meta.rules["date"] = "pdf info CreationDate"
    return Document(text, meta.merge(text_metadata(text)), "pdf")


def unwrap(page: str) -> str:
    """A page's lines joined into paragraphs; a list item, a numbered reference, or a line after a short one starts anew."""
    out: list[str] = []
    last = ""
    for raw in page.split("\n"):
        line = raw.strip()
        if not line:
            if out and out[-1]:
                out.append("")
            last = ""
            continue
        heading_before = len(last) < 40 and line[:1].isupper()
        if out and out[-1] and last and not _ITEM_START.match(line) and not heading_before:
            previous = out[-1]
            if previous.endswith("-") and line[:1].islower() and len(previous) > 1 and previous[-2].isalpha():
                out[-1] = previous[:-1] + line
            else:
                out[-1] = f"{previous} {line}"
        else:
            out.append(line)
        last = line
    return "\n".join(out)
