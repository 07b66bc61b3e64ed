"""Drafts are written by libyaml where it writes what PyYAML writes, byte for byte, and by PyYAML elsewhere."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.ingest.writer import _OPTIONS, _Dumper, _plain, dump_yaml

PIECES = st.sampled_from(list("ab :#-'\"\\{}[],&*!|>%@`?é—’“\t") + ["\u00a0", "\ufeff", "\x7f", "\u200b", "\x00", "\x1b", "yes", "null", "~",
                                                                   "1.5", "0x1", "2020-01-01", "- ", ": ", " #", "p<0.05", "NCT00211211"])
TEXT = st.lists(PIECES, max_size=30).map("".join)
SCALAR = TEXT | st.integers(-(10**9), 10**9) | st.booleans() | st.none() | st.floats(allow_nan=False) | st.dates()
FIELD = st.sampled_from(["id", "label", "quote", "review", "authors", "cites", "year", "status", "follow_up_months", "_x", "A1"])
NODE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(FIELD, inner, max_size=4), max_leaves=30)
AWKWARD = st.sampled_from(["line\nbreak", "carriage\rreturn", "next\x85line", "emoji 😀", "\U0001f9b4 bone", "", "two words", "x:y", "yes", "1"])


def pyyaml(doc: dict[str, Any]) -> str:
    return yaml.dump(doc, Dumper=_Dumper, **_OPTIONS)


@settings(max_examples=600, deadline=None)
@given(st.dictionaries(FIELD, NODE, min_size=1, max_size=5))
def test_libyaml_path_writes_what_pyyaml_writes(doc: dict[str, Any]) -> None:
    assert _plain(doc, set())
    assert dump_yaml(doc) == pyyaml(doc)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(FIELD, NODE, min_size=1, max_size=3), AWKWARD, st.booleans())
def test_what_libyaml_writes_otherwise_goes_to_pyyaml(doc: dict[str, Any], awkward: str, as_key: bool) -> None:
    doc = {**doc, awkward: "value"} if as_key else {**doc, "quote": [awkward]}
    assert dump_yaml(doc) == pyyaml(doc)
    if as_key:
        assert _plain(doc, set()) == (awkward == "yes")
    else:
        assert _plain(doc, set()) == (awkward in ("", "two words", "x:y", "yes", "1"))


def test_a_shared_list_is_left_to_pyyaml() -> None:
    shared = ["Kallmes DF"]
    doc = {"studies": [{"id": "a", "authors": shared}, {"id": "b", "authors": shared}]}
    assert not _plain(doc, set())
    assert dump_yaml(doc) == pyyaml(doc)
