"""YAML reading keeps lines and refuses what PyYAML would silently accept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.corpus.yamlfile import Mapping, load_text
from kgraph.errors import CorpusError


def test_lines_of_mappings_and_keys() -> None:
    doc = load_text("claims:\n  - id: a\n    text: x\n  - id: b\n", "f.yaml")
    first, second = doc["claims"]
    assert isinstance(first, Mapping)
    assert (first.line, first.key_lines["text"], second.line) == (2, 3, 4)


def test_duplicate_key_is_an_error_with_both_lines() -> None:
    with pytest.raises(CorpusError) as err:
        load_text("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert str(err.value) == "f.yaml:3: -: duplicate key 'a' (first at line 1)"


def test_syntax_error_names_the_line() -> None:
    with pytest.raises(CorpusError) as err:
        load_text("claims:\n  - id: a\n    text: [unclosed\n  - id: b\n", "f.yaml")
    assert str(err.value).startswith("f.yaml:4: -: YAML syntax error")


def test_typed_scalars_survive() -> None:
    doc = load_text("n: 3\nb: true\nd: 2009-04-07\ns: '3'\n", "f.yaml")
    assert (doc["n"], doc["b"], str(doc["d"]), doc["s"]) == (3, True, "2009-04-07", "3")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{}\n\"'#&*!|>%@`,?")), max_size=60))
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    """Whatever a curator types, the only failure is a located CorpusError."""
    try:
        load_text(text, "f.yaml")
    except CorpusError as exc:
        assert all(p.origin.file == "f.yaml" and p.origin.line >= 1 for p in exc.problems)
