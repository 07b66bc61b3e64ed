"""What the format readers share: identifiers checked into problems, dates, page ranges, abstract sections.

>>> iso_date("2009", "mar", "21"), iso_date(2009, 3, None), iso_date("2009", None, None)
('2009-03-21', '2009-03', '2009')
>>> page_range("569", "79"), page_range("e1234", None)
('569-79', 'e1234')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgraph.errors import Problem, problem
from kgraph.ingest.bib import Section
from kgraph.ingest.reference import BadIdentifier, normalise_doi, normalise_pmcid, normalise_pmid, registry_ids

MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december")),
    start=1) for name in names}
_SECTION = re.compile(r"(?:^|(?<=\s))([A-Z][A-Z ,&/]{2,40}):\s")
_YEAR = re.compile(r"(\d{4})")


def _month(value: str | int | None) -> int | None:
    if value is None or value == "":
        return None
    text = str(value).strip().lower().rstrip(".")
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return MONTHS.get(text) or MONTHS.get(text[:3])


def iso_date(year: str | int | None, month: str | int | None = None, day: str | int | None = None) -> str | None:
    """A date as the corpus writes it: ``2009``, ``2009-03`` or ``2009-03-21``, from parts as a format gives them."""
    found = _YEAR.search(str(year)) if year is not None else None
    if not found:
        return None
    number = _month(month)
    if number is None:
        return found.group(1)
    text = f"{found.group(1)}-{number:02d}"
    return f"{text}-{int(day):02d}" if day is not None and str(day).strip().isdigit() else text


def first_text(data: dict[str, Any], *keys: str) -> str | None:
    """The first of ``keys`` that ``data`` has a non-blank value for (the first of a list), whitespace collapsed."""
    for key in keys:
        value = data.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value is not None and str(value).strip():
            return " ".join(str(value).split())
    return None


def page_range(start: str | None, end: str | None) -> str | None:
    """``start-end`` from a first and a last page, or the first page alone."""
    if not start:
        return None
    return f"{start}-{end}" if end else start


def sections(text: str | None) -> tuple[Section, ...]:
    """An abstract split at its labelled parts (``OBJECTIVE:``, ``RESULTS:``), or one unlabelled section.

    >>> [s.label for s in sections("BACKGROUND: Why. METHODS: How. RESULTS: What.")]
    ['BACKGROUND', 'METHODS', 'RESULTS']
    """
    if not text or not text.strip():
        return ()
    text = " ".join(text.split())
    marks = list(_SECTION.finditer(text))
    if not marks or marks[0].start() != 0:
        return (Section(None, text),)
    bounds = [m.start() for m in marks] + [len(text)]
    return tuple(Section(m.group(1).strip(), text[m.end() : bounds[i + 1]].strip()) for i, m in enumerate(marks))


@dataclass
class Checker:
    """Normalises one record's identifiers, turning a value that is not one into a problem for that record."""

    path: Path
    line: int
    record: str
    problems: list[Problem] = field(default_factory=list)

    def _checked(self, normalise: Callable[[str], str], value: object) -> str | None:
        if value is None or str(value).strip() == "":
            return None
        try:
            return normalise(str(value))
        except BadIdentifier as exc:
            self.problems.append(problem(self.path, self.line, self.record, str(exc)))
            return None

    def doi(self, value: object) -> str | None:
        return self._checked(normalise_doi, value)

    def pmid(self, value: object) -> str | None:
        return self._checked(normalise_pmid, value)

    def pmcid(self, value: object) -> str | None:
        return self._checked(normalise_pmcid, value)


def registry_in(texts: Iterable[str | None]) -> tuple[str, ...]:
    """The trial registry ids mentioned in any of ``texts`` (notes, keywords, a MEDLINE ``SI`` line)."""
    return registry_ids(" ".join(t for t in texts if t))
