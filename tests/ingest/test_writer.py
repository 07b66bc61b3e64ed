"""Drafts are written by kgraph's block writer where it writes what PyYAML writes, byte for byte, and by PyYAML elsewhere."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.ingest.writer import _OPTIONS, _block, _Dumper, _Unwritable, dump_yaml

PIECES = st.sampled_from(list("ab :#-'\"\\{}[],&*!|>%@`?.é—’“\t") + ["\u00a0", "\ufeff", "\x7f", "\u200b", "\x00", "\x1b", "\ufffe", "yes",
                                                                    "null", "~", "1.5", "0x1", "2020-01-01", "- ", ": ", " #", "---",
                                                                    "...", "p<0.05", "NCT00211211", "😀", "\U0001f9b4"])  # fmt: skip
TEXT = st.lists(PIECES, max_size=30).map("".join)
SCALAR = TEXT | st.integers(-(10**9), 10**9) | st.booleans() | st.none() | st.floats(allow_nan=False) | st.dates()
FIELD = st.sampled_from(["id", "label", "quote", "review", "authors", "cites", "year", "status", "follow_up_months", "_x", "A1", "on", "null", "y"])
NODE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(FIELD, inner, max_size=4), max_leaves=30)
BREAKS = st.sampled_from(["line\nbreak", "carriage\rreturn", "next\x85line", "line\u2028separator", "paragraph\u2029separator"])


def pyyaml(doc: dict[str, Any]) -> str:
    return yaml.dump(doc, Dumper=_Dumper, **_OPTIONS)


@settings(max_examples=600, deadline=None)
@given(st.dictionaries(FIELD, NODE, max_size=5))
def test_the_block_writer_writes_what_pyyaml_writes(doc: dict[str, Any]) -> None:
    assert _block(doc) == pyyaml(doc)
    assert dump_yaml(doc, "# header\n") == "# header\n" + pyyaml(doc)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(FIELD, NODE, min_size=1, max_size=3), BREAKS | st.sampled_from(["two words", "x-y", "a b c"]), st.booleans())
def test_a_line_break_or_a_key_that_is_not_a_field_name_goes_to_pyyaml(doc: dict[str, Any], awkward: str, as_key: bool) -> None:
    doc = {**doc, awkward: "value"} if as_key else {**doc, "quote": [awkward]}
    assert dump_yaml(doc) == pyyaml(doc)
    if as_key or "\n" in awkward or awkward != " ".join(awkward.split()):
        with pytest.raises(_Unwritable):
            _block(doc)


@pytest.mark.parametrize("shared", [["Kallmes DF"], [], {"n": 1}])
def test_a_list_or_mapping_met_twice_is_left_to_pyyaml(shared: Any) -> None:
    doc = {"studies": [{"id": "a", "authors": shared}, {"id": "b", "authors": shared}]}
    with pytest.raises(_Unwritable):
        _block(doc)
    assert dump_yaml(doc) == pyyaml(doc)
    assert "&id001" in dump_yaml(doc)


@pytest.mark.parametrize("text", ["x" * 10_001, "a " * 6_000])
def test_a_long_text_is_left_to_pyyaml(text: str) -> None:
    with pytest.raises(_Unwritable):
        _block({"quote": text})
    assert dump_yaml({"quote": text}) == pyyaml({"quote": text})
