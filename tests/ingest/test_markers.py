"""Numbered citation markers: the two bracket patterns find what one pattern with a look-behind finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.ingest.markers import find_markers

ONE_PATTERN = re.compile(r"\[(\d{1,3}(?:\s*[-–,]\s*\d{1,3})*)\]|(?<![\w)])\((\d{1,3}(?:\s*[-–,]\s*\d{1,3})*)\)")
PIECES = st.sampled_from(["(", ")", "[", "]", "1", "23", "4567", ",", "-", "–", " ", "f", "x)", "\n", "é", "_", "(12)", "[3-5]", "(2, 4)"])


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=40))
def test_numbered_markers_are_those_of_one_pattern(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = [(m.start, m.end) for m in find_markers(text) if m.kind == "numeric"]
    assert found == [m.span() for m in ONE_PATTERN.finditer(text)]
