"""Citation markers in a document's text, and the reference-list entries they point to.

Numbered styles cite ``[1]``, ``[2,3]``, ``[2-4]`` or ``(1)``; author-year
styles cite ``(Kallmes, 2009)``, ``(Kallmes et al., 2009; Buchbinder, 2009)``
or ``Kallmes et al. (2009)``; and some texts print the reference itself in
the sentence (``Kallmes DF, et al. N Engl J Med 2009;361:569-79``). A numbered
marker resolves to the entry of that number (or that position, when the list
is printed without numbers); an author-year marker to the entry with that
first author and year; an inline reference is an entry of its own.

>>> [m.numbers for m in find_markers("As shown [2, 4-6] and (1).")]
[(2, 4, 5, 6), (1,)]
>>> [(m.text, m.cited) for m in find_markers("Pain fell (Kallmes et al., 2009; Lee and Park, 2010a).")]
[('(Kallmes et al., 2009; Lee and Park, 2010a)', (('Kallmes', 2009), ('Lee', 2010)))]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kgraph.ingest.reference import Reference, fold
from kgraph.ingest.references import Entry, parse_reference
from kgraph.ingest.reflist import ReferenceList

_LIST = r"(\d{1,3}(?:\s*[-–,]\s*\d{1,3})*)"
# Numbers in brackets, or in parentheses not straight after a word or a closing parenthesis (``(1)``, not ``f(1)``): each
# pattern starts with its bracket, so that a search skips to the next one; the word before a parenthesis is checked by hand.
_BRACKETED = re.compile(rf"\[{_LIST}\]")
_PARENTHESISED = re.compile(rf"\({_LIST}\)")
_BEFORE_PARENTHESIS = re.compile(r"[\w)]")
_YEAR_IN_PARENTHESES = re.compile(r"\((?:19|20)\d{2}[a-z]?\)")
"""What a narrative citation (``Kallmes et al. (2009)``) cannot do without: most texts of numbered styles have none."""
_SURNAME = r"[A-Z][\w'’\-]+(?:\s+(?:van|von|de|der|da|del|di|la|le)\s+[A-Z][\w'’\-]+)?"
_CITE = rf"(?P<surname>{_SURNAME})(?:\s+et\s+al\.?|\s+(?:and|&)\s+{_SURNAME})?,?\s+(?P<year>(?:19|20)\d{{2}})[a-z]?"
_PAREN_AUTHOR_YEAR = re.compile(rf"\((?:(?:e\.g\.|see|cf\.)\s*,?\s*)?{_CITE}(?:\s*;\s*{_CITE.replace('?P<surname>', '').replace('?P<year>', '')})*\)")
_ONE_CITE = re.compile(_CITE)
_NARRATIVE = re.compile(rf"(?P<surname>{_SURNAME})(?:\s+et\s+al\.?|\s+(?:and|&)\s+{_SURNAME})?\s+\((?P<year>(?:19|20)\d{{2}})[a-z]?\)")
_INLINE = re.compile(
    rf"{_SURNAME}\s+[A-Z]{{1,3}}(?:,?\s+et\s+al\.?|(?:,\s+{_SURNAME}\s+[A-Z]{{1,3}})+|\s+and\s+{_SURNAME}\s+[A-Z]{{1,3}})?\.?\s+"
    r"(?:[^.;()]{3,200}?\.\s+)?[A-Z][A-Za-z .]{1,60}?\.?\s+(?:19|20)\d{2}(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;\s*\d+(?:\(\d+\))?\s*:\s*"
    r"\d+(?:\s*[-–]\s*\d+)?"
)


@dataclass(frozen=True)
class Marker:
    """A marker as printed, where it is, and what it cites: list numbers, (surname, year) pairs, or an inline reference."""

    text: str
    start: int
    end: int
    kind: str
    numbers: tuple[int, ...] = ()
    cited: tuple[tuple[str, int], ...] = ()
    inline: Reference | None = None


def _numbers(spec: str) -> tuple[int, ...]:
    found: list[int] = []
    for part in re.split(r"\s*,\s*", spec):
        bounds = re.split(r"\s*[-–]\s*", part)
        if len(bounds) == 2 and int(bounds[0]) <= int(bounds[1]) <= int(bounds[0]) + 50:
            found.extend(range(int(bounds[0]), int(bounds[1]) + 1))
        else:
            found.extend(int(b) for b in bounds)
    return tuple(found)


def _numeric(text: str) -> list[re.Match[str]]:
    """The numbered markers of ``text`` in order: bracketed ones, and parenthesised ones that follow no word or parenthesis."""
    found = list(_BRACKETED.finditer(text))
    found.extend(m for m in _PARENTHESISED.finditer(text) if m.start() == 0 or _BEFORE_PARENTHESIS.match(text, m.start() - 1) is None)
    return sorted(found, key=lambda m: m.start())


def find_markers(text: str, skip: Callable[[int, int], bool] | None = None) -> list[Marker]:
    """Every citation marker in ``text``, in order, none overlapping another, and none in a span ``skip`` says to skip.

    ``skip`` (a reference list's :meth:`~kgraph.ingest.reflist.ReferenceList.covers`) spares reading every entry of the
    list as an inline reference only to drop it.
    """
    found: list[Marker] = []
    for match in _INLINE.finditer(text):
        if skip is not None and skip(match.start(), match.end()):
            continue
        ref, _ = parse_reference(match.group(0))
        if ref.year and ref.authors:
            found.append(Marker(match.group(0), match.start(), match.end(), "inline", inline=ref))
    for match in _numeric(text):
        found.append(Marker(match.group(0), match.start(), match.end(), "numeric", numbers=_numbers(match.group(1))))
    for match in _PAREN_AUTHOR_YEAR.finditer(text):
        cited = tuple((m.group("surname"), int(m.group("year"))) for m in _ONE_CITE.finditer(match.group(0)))
        found.append(Marker(match.group(0), match.start(), match.end(), "author-year", cited=cited))
    for match in _NARRATIVE.finditer(text) if _YEAR_IN_PARENTHESES.search(text) else ():
        found.append(Marker(match.group(0), match.start(), match.end(), "author-year", cited=((match.group("surname"), int(match.group("year"))),)))
    kept: list[Marker] = []
    for marker in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if not kept or marker.start >= kept[-1].end:
            kept.append(marker)
    return [m for m in kept if not skip(m.start, m.end)] if skip is not None else kept


def resolve(marker: Marker, references: ReferenceList) -> list[Entry]:
    """The entries a marker cites; a number past the list or an author-year with no such entry resolves to nothing."""
    if marker.kind == "numeric":
        return [e for e in (references.by_number(n) for n in marker.numbers) if e is not None]
    if marker.kind == "author-year":
        entries = []
        for surname, year in marker.cited:
            entry = next((e for e in references.entries if e.ref.first_author and e.ref.first_author.key == fold(surname) and e.ref.year == year), None)
            if entry is not None:
                entries.append(entry)
        return entries
    return []
