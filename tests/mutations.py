"""Edits a careless editor, a broken export or a hostile sender makes to a file, as Hypothesis strategies (the fuzz tests share them)."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import strategies as st

VALUES = [
    b"42", b"-1", b"3.5", b"1e400", b".nan", b".inf", b"0x1F", b"true", b"no", b"null", b"~", b"", b"[]", b"{}", b"[a, b]",
    b"{a: 1}", b"2009-02-30", b"2009-13-01", b"2009-04-07", b"2009-04-07T25:00:00", b"unknown", b"''", b'"\\u0000"', b'"\\x85"',
    b"!!binary aGk=", b"!!set {a}", b"!!python/name:os.system", b"!custom x", b"&anchor x", b"*alias", b"|", b">-", b"-", b"=",
    b"<<", b"? a", b"'unclosed", b'"unclosed', b"a: b: c", b"%YAML 1.1", b"---", b"...", b"@x", b"`x", b"#", b"- - - -",
    b'"a\\0b"', b'"https://x.org/%zz/"', b"https://x.org/a b/", b"D%zz", b"../../../../etc/passwd", b"/", b".", b"9" * 5000,
]
"""Values of the wrong type or shape to put where a field's value was."""

BYTES = [
    b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\t", b"\x00", b"\x01", b"\x1b", b"\x7f", b"\x85", b"\xc2\x85",
    b"\xe2\x80\xa8", b"\r", b"\r\n", b"\n", b":", b": ", b"- ", b"#", b"'", b'"', b"{", b"[", b"}", b"]", b"&", b"*", b"!", b"|",
]
"""Bytes a broken editor or a hostile sender leaves: invalid UTF-8, a BOM, tabs, control characters, YAML's own punctuation."""


class Case:
    """The mutated files of one case, and what was done (all a failure report shows of it)."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.done: list[str] = []

    def __repr__(self) -> str:
        return f"Case({'; '.join(self.done)})"


def _split(data: bytes) -> list[bytes]:
    return data.split(b"\n")


@st.composite
def mutation(draw, files: dict[str, bytes], is_field: Callable[[bytes], bool], values: list[bytes] = VALUES) -> tuple[str, bytes, str]:
    """One edit of one file: the file, its new bytes, and what was done; ``is_field`` picks the lines a "field" edit retypes, with one of ``values``."""
    name = draw(st.sampled_from(sorted(files)))
    lines = _split(files[name])
    kind = draw(st.sampled_from(["drop", "duplicate", "swap", "truncate", "cut-file", "retype", "field", "insert", "long"]))
    chosen = [n for n, line in enumerate(lines) if is_field(line)] if kind == "field" else []
    i = draw(st.sampled_from(chosen)) if chosen else draw(st.integers(0, len(lines) - 1))
    if kind == "drop":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "truncate":
        lines[i] = lines[i][: draw(st.integers(0, max(len(lines[i]) - 1, 0)))]
    elif kind == "cut-file":
        lines = lines[:i]
    elif kind in ("retype", "field"):
        key, colon, _ = lines[i].partition(b":")
        value = draw(st.sampled_from(values) | st.text(max_size=20).map(lambda t: t.encode("utf-8")))
        lines[i] = key + b": " + value if colon else value
    elif kind == "insert":
        at = draw(st.integers(0, len(lines[i])))
        extra = draw(st.sampled_from(BYTES) | st.binary(min_size=1, max_size=8))
        lines[i] = lines[i][:at] + extra + lines[i][at:]
    else:
        size = draw(st.sampled_from([10_000, 100_000, 1_000_000]))
        filler = draw(st.sampled_from([b"x", b"ab ", b"\xc3\xa9", b"-", b"[", b"a\\"]))
        key, colon, _ = lines[i].partition(b":")
        lines[i] = (key + b": " if colon else b"") + (filler * size)[:size]
    return name, b"\n".join(lines), f"{kind} at {name} line {i + 1}"
