"""A document as ingest reads it: its normalised text and what it says about itself.

Every reader (plain text, HTML, PDF) ends here, so that drafting sees one shape
whatever came in. The text is normalised once, before anything is drafted
from it: every drafted quote is a slice of this text, and this text is what
ingest saves, so a quote is exact by construction.

>>> normalise_text("Cafe\\u0301  au lait \\r\\n\\r\\n\\r\\n\\tNext\\u00a0line  ")
'Café au lait\\n\\nNext\\xa0line'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_SPACES = re.compile(r"[ \t\f\v]{2,}|[\t\f\v]")
_BLANK_LINES = re.compile(r"\n{3,}")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_OTHER_BREAKS = ("\r", "\u2028", "\u2029", "\x85")
_SPACE_RUNS = ("  ", "\t", "\f", "\v")


def normalise_text(text: str) -> str:
    """Unicode NFC, one kind of line break, runs of spaces and tabs as one space, at most one blank line.

    No-break spaces, curly quotes and dashes are the document's own characters and stay;
    soft hyphens and zero-width characters, which no reader sees, go. Each pattern runs only on a text
    that has what it replaces (a substring test is far cheaper than a pass of the pattern over a long text).
    """
    if any(mark in text for mark in _OTHER_BREAKS):
        text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    if any(run in text for run in _SPACE_RUNS):
        text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    return (_BLANK_LINES.sub("\n\n", text) if "\n\n\n" in text else text).strip("\n")


@dataclass
class Metadata:
    """What a document says about itself: from HTML meta tags, a PDF's info, or its first lines."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    url: str | None = None
    doi: str | None = None
    publisher: str | None = None
    journal: str | None = None
    kind: str | None = None
    rules: dict[str, str] = field(default_factory=dict)

    def merge(self, other: Metadata) -> Metadata:
        """Fields of ``self`` where set, else ``other``'s: the more specific reader wins."""
        return Metadata(
            title=self.title or other.title,
            authors=self.authors or other.authors,
            date=self.date or other.date,
            url=self.url or other.url,
            doi=self.doi or other.doi,
            publisher=self.publisher or other.publisher,
            journal=self.journal or other.journal,
            kind=self.kind or other.kind,
            rules={**other.rules, **self.rules},
        )


@dataclass(frozen=True)
class Comment:
    """A reader's comment inside a document's text (``text[start:end]``).

    Its author and date are as the page gives them; ``reply_to`` is the position of the comment it answers.
    """

    start: int
    end: int
    author: str
    date: str | None = None
    reply_to: int | None = None


@dataclass
class Document:
    """The normalised text of one document, its metadata, the format it was read from, and its readers' comments."""

    text: str
    meta: Metadata
    format: str
    comments: list[Comment] = field(default_factory=list)
