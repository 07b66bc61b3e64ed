"""YAML reading keeps lines and refuses what PyYAML would silently accept."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.corpus import yamlfile
from kgraph.corpus.yamlfile import Mapping, load_file, load_text
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


def _refused(text: str) -> str:
    with pytest.raises(CorpusError) as err:
        load_text(text, "f.yaml")
    (problem,) = err.value.problems
    return str(problem)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x [1]\nb: *x\n", "f.yaml:1: -: YAML anchors and aliases (&x) are not accepted"),
        ("a: 1\nb: *x\n", "f.yaml:2: -: YAML anchors and aliases (*x) are not accepted"),
        ("a:\n  b: &keep text\n", "f.yaml:2: -: YAML anchors and aliases (&keep)"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2: -: a second YAML document"),
        ("a: !!binary aGk=\n", "f.yaml:1: -: 'aGk=' has the YAML tag tag:yaml.org,2002:binary, which records do not use"),
        ("a: !!python/name:os.system ''\n", "f.yaml:1: -: '' has the YAML tag tag:yaml.org,2002:python/name:os.system"),
        ("a:\n  - !!set {x}\n", "f.yaml:2: -: the YAML tag tag:yaml.org,2002:set is not used in records"),
        ("a: 1\nb: x\x01y\n", "f.yaml:2: -: character U+0001 is not allowed in YAML"),
        ("a: 1\n\tb: 2\n", "f.yaml:2: -: YAML syntax error"),
        ("a: 1\n? [k]\n: 2\n", "f.yaml:2: -: key ['k'] must be text"),
    ],
)
def test_what_a_record_never_needs_is_refused_on_one_located_line(text: str, expected: str) -> None:
    assert _refused(text).startswith(expected)


def test_nesting_deeper_than_the_limit_is_refused_at_its_line() -> None:
    deep = "".join(f"{'  ' * i}k{i}:\n" for i in range(yamlfile.MAX_DEPTH + 5)) + "  " * (yamlfile.MAX_DEPTH + 5) + "x\n"
    assert _refused(deep) == f"f.yaml:{yamlfile.MAX_DEPTH + 1}: -: nested deeper than {yamlfile.MAX_DEPTH} levels; a record needs at most six"
    assert load_text("".join(f"{'  ' * i}k{i}:\n" for i in range(6)) + "  " * 6 + "x\n", "f.yaml")["k0"]["k1"]["k2"]["k3"]["k4"]["k5"] == "x"


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "MAX_BYTES", 1000)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 1000 + "\n", encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        load_file(path)
    assert str(err.value) == f"{path}:1: -: file is larger than 0 MB; split its records over several files"


def test_a_byte_that_is_not_utf8_is_located_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\nc: 3\n")
    with pytest.raises(CorpusError) as err:
        load_file(path)
    assert str(err.value) == f"{path}:2: -: byte 0xe9 is not UTF-8; save the file as UTF-8"


def test_a_scalar_that_only_looks_like_a_date_or_number_stays_text() -> None:
    doc = load_text("d: 2009-02-30\nn: 0x\nbig: " + "9" * 5000 + "\n", "f.yaml")
    assert (doc["d"], doc["n"], doc["big"]) == ("2009-02-30", "0x", "9" * 5000)


def test_nested_aliases_are_refused_before_anything_is_expanded() -> None:
    """The "billion laughs": 9^9 strings once expanded; refused at its first anchor, before any of them is made."""
    laughs = (FIXTURES / "yaml" / "billion-laughs.yaml").read_text(encoding="utf-8")
    assert _refused(laughs) == "f.yaml:4: -: YAML anchors and aliases (&a0) are not accepted: write the value out where it is used"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{}\n\"'#&*!|>%@`,?\t\x00\x01\x85\u2028=~<\\")), max_size=60))
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    """Whatever a curator types, the only failure is a located CorpusError."""
    try:
        load_text(text, "f.yaml")
    except CorpusError as exc:
        assert all(p.origin.file == "f.yaml" and p.origin.line >= 1 for p in exc.problems)
