"""Sentences of a normalised text, each with its offset, so that a quote is a slice of the text.

sentencex splits a paragraph into sentences (it knows "et al.", "Dr.",
"p<0.05", decimals, and a citation marker printed after the full stop,
``bones.[2] Next``); bench/README.md compares it with pysbd, syntok and a
regular expression. A line is never joined to the next: in a saved page or
text a line is a paragraph, a heading or a list item. A marker standing
alone after a sentence belongs to it, and a list number (``1.``) to the
sentence it numbers.

>>> [s.text for s in sentences("Pain fell (p<0.05). Dr. Lee et al. agreed.[2]\\n1. Osteoporosis [5]. Cancer (3)")]
['Pain fell (p<0.05).', 'Dr. Lee et al. agreed.[2]', '1. Osteoporosis [5].', 'Cancer (3)']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ONLY_MARKERS = re.compile(r"^(?:\s*(?:\[[\d,\s\-–]+\]|\(\d+(?:[,\-–]\s*\d+)*\)))+\s*$")
_ONLY_NUMBER = re.compile(r"^\s*(?:\d{1,3}|[A-Za-z])[.)]\s*$")


@dataclass(frozen=True)
class Sentence:
    """A sentence: its characters and where they start and end in the text (``text[start:end] == sentence.text``)."""

    start: int
    end: int
    text: str


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


def split_line(line: str) -> list[str]:
    """The sentences of one line as sentencex cuts them (bench/ingest_libraries.py puts other splitters here)."""
    from sentencex import segment

    return list(segment("en", line))


def _line_sentences(text: str, line: str, offset: int) -> list[Sentence]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    numbered: int | None = None
    for piece in split_line(line):
        piece = piece.strip()
        if not piece:
            continue
        at = line.find(piece, cursor)
        if at < 0:
            continue
        cursor = at + len(piece)
        if spans and _ONLY_MARKERS.match(piece):
            spans[-1] = (spans[-1][0], cursor)
        elif _ONLY_NUMBER.match(piece) and numbered is None:
            numbered = at
        else:
            spans.append((at if numbered is None else numbered, cursor))
            numbered = None
    if numbered is not None:
        spans.append((numbered, cursor))
    return [Sentence(offset + a, offset + b, text[offset + a : offset + b]) for a, b in spans]
