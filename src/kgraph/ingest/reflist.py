"""Where a document's reference list is, and its entries in order.

A list starts after a heading such as "References" or "Resources" (the
headings are in ``ontology/ingest-cues.yaml``); without one, every line shaped
like a reference is an entry wherever it stands (a summary that prints its two
references between the text and the readers' comments). Publishers that print
the number on a line of its own (``1. 1.``) number the line after it.

>>> text = "Pain fell [1].\\nReferences\\n1. Kallmes DF. A trial. N Engl J Med. 2009;361:569-79.\\n2. Lee A. B. Spine. 2010;1:2-3."
>>> [(e.number, e.ref.first_author.family) for e in reference_list(text, ("references",)).entries]
[(1, 'Kallmes'), (2, 'Lee')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kgraph.ingest.references import Entry, has_reference_shape, is_number_only, looks_numbered, parse_entry

_NUMERIC_MARKER = re.compile(r"\[\d{1,3}(?:\s*[-–,]\s*\d{1,3})*\]")


@dataclass(frozen=True)
class ReferenceList:
    """The entries of a document's references, and where its own words stop (the heading, if there is one)."""

    entries: tuple[Entry, ...]
    heading: int | None

    def covers(self, start: int, end: int) -> bool:
        """Whether the span is part of the reference list (after its heading, or inside an entry)."""
        if self.heading is not None and start >= self.heading:
            return True
        return any(e.start < end and start < e.end for e in self.entries)

    def by_number(self, number: int) -> Entry | None:
        return next((e for e in self.entries if e.number == number), None)


def reference_list(text: str, headings: Iterable[str]) -> ReferenceList:
    """The reference list of ``text``: after a reference heading, else its reference-shaped lines."""
    names = {h.casefold() for h in headings}
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    heading = next((i for i, (_, line) in enumerate(lines) if line.strip().rstrip(":").strip().casefold() in names), None)
    entries: list[Entry] = []
    pending: int | None = None
    for index, (start, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if is_number_only(stripped):
            pending = parse_entry(stripped).number
            continue
        in_list = heading is not None and index > heading
        if has_reference_shape(stripped) or (in_list and (looks_numbered(stripped) or stripped[:2] in ("- ", "• ")) and len(stripped) > 20):
            lead = len(line) - len(line.lstrip())
            entry = parse_entry(stripped, position=len(entries) + 1, start=start + lead)
            if pending is not None and not looks_numbered(stripped):
                entry = Entry(pending, entry.text, entry.start, entry.end, entry.ref, entry.style, numbered=True)
            entries.append(entry)
        pending = None
    list_start = entries[0].start if entries else len(text)
    if entries and not any(e.numbered for e in entries) and _NUMERIC_MARKER.search(text, 0, list_start):
        entries = [replace(e, numbered=True) for e in entries]
    return ReferenceList(tuple(entries), lines[heading][0] if heading is not None else None)
