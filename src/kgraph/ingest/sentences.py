"""Sentences of a normalised text, each with its offset, so that a quote is a slice of the text.

pysbd splits a paragraph into sentences (its rules know "et al.", "Dr.",
"p<0.05" and decimals; bench/README.md compares it with syntok). A line is
never joined to the next: in a saved page or text a line is a paragraph, a
heading or a list item. A citation marker printed after the full stop
(``bones.[2]``) belongs to the sentence before it.

>>> [s.text for s in sentences("Pain fell (p<0.05). Dr. Lee et al. agreed.[2]\\n- Osteoporosis [5]")]
['Pain fell (p<0.05).', 'Dr. Lee et al. agreed.[2]', '- Osteoporosis [5]']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_ONLY_MARKERS = re.compile(r"^(?:\s*(?:\[[\d,\s\-–]+\]|\(\d+(?:[,\-–]\s*\d+)*\)))+\s*$")


@dataclass(frozen=True)
class Sentence:
    """A sentence: its characters and where they start and end in the text (``text[start:end] == sentence.text``)."""

    start: int
    end: int
    text: str


@cache
def _segmenter():  # noqa: ANN202 - pysbd has no type hints
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """The sentences of ``text[start:end]``, line by line, in order."""
    found: list[Sentence] = []
    end = len(text) if end is None else end
    offset = start
    for line in text[start:end].split("\n"):
        if line.strip():
            found.extend(_line_sentences(text, line, offset))
        offset += len(line) + 1
    return found


def _line_sentences(text: str, line: str, offset: int) -> list[Sentence]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in _segmenter().segment(line):
        piece = piece.strip()
        if not piece:
            continue
        at = line.find(piece, cursor)
        if at < 0:
            continue
        cursor = at + len(piece)
        if spans and _ONLY_MARKERS.match(piece):
            spans[-1] = (spans[-1][0], cursor)
        else:
            spans.append((at, cursor))
    return [Sentence(offset + a, offset + b, text[offset + a : offset + b]) for a, b in spans]
