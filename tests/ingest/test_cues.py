"""The cue table's matchers: a cheap test before each pattern never changes which cue is found first."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.ingest.cues import Group, cue_pattern, load_cues

CUES = load_cues()
GROUPS = [g for g, _ in CUES.roles] + [CUES.negation, CUES.hedge, CUES.report, CUES.anaphora, CUES.significance, CUES.boilerplate, *CUES.directions]
PIECES = st.sampled_from(sorted({word for g in GROUPS for cue in g.cues for word in cue.replace("*", "s").replace("?", "z").split()}
                                | {" ", "-", "  ", ".", "’", "'", "\u0130", "\u0131", "\u017f", "\u212a", "NOT", "Improved", "ing", "ed", "\n"}))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(PIECES, st.sampled_from(["", " ", " ", "-", ". "])), min_size=1, max_size=30), st.sampled_from(GROUPS))
def test_first_cue_is_the_first_whose_pattern_matches(pieces: list[tuple[str, str]], group: Group) -> None:
    text = "".join(piece + separator for piece, separator in pieces)
    expected = next((cue for cue in group.cues if cue_pattern(cue).search(text)), None)
    assert group.first(text) == expected
