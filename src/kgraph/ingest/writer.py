"""Writing drafts into a corpus: YAML as a curator writes it, atomically, never over a file without ``--force``.

Every file is first written beside its target under a temporary name; only
when all are written are they renamed into place, so an error leaves nothing
half-written. The YAML is block style with 2-space indents, keys in the
order drafted, so the same drafts give the same bytes.

>>> print(dump_yaml({"statements": [{"id": "s1", "quote": "It works: 90%", "review": ["mode: cue report 'had'"], "n": 3}]}), end="")
statements:
  - id: s1
    quote: 'It works: 90%'
    review:
      - 'mode: cue report ''had'''
    n: 3
"""

from __future__ import annotations

import os
import re
import tempfile
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from kgraph.ingest.sniff import IngestError


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as the corpus's files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: ARG002 - PyYAML's signature
        super().increase_indent(flow, False)


_OPTIONS: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 100000, "default_flow_style": False, "indent": 2}
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]+")
"""A text of characters PyYAML writes as they are (allow_unicode), none of them a line break."""
_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")
_FIRST = frozenset(" #,[]{}&*!|>'\"%@`")
"""Characters that may not open a plain scalar."""
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_LONGEST = 10_000
"""Longer texts are left to PyYAML, whose line width is counted from the indent."""
_SIMPLE_KEY = 128
"""PyYAML writes a longer key as a complex key (``? key``)."""


class _Unwritable(Exception):
    """What the block writer leaves to PyYAML: see :func:`dump_yaml`."""


def dump_yaml(doc: dict[str, Any], header: str = "") -> str:
    """``doc`` as block YAML, keys in insertion order, Unicode kept, long lines unbroken: PyYAML's bytes.

    PyYAML's representer and emitter run in Python, about a millisecond a record
    (libyaml's emitter would need its lists indented again and still leaves the
    representer). Drafted records are mappings and lists of one-line scalars, so
    their block structure is written here, a text plain where PyYAML's analysis
    and resolver allow it (``yes``, ``1.5``, ``2020-01-01`` and ``null`` are
    quoted) and single-quoted otherwise, and any other scalar (a float, a text
    with escapes or beyond the Basic Multilingual Plane) by PyYAML on its own.
    PyYAML writes the whole document where its structure would differ: a text
    with a line break or of over 10,000 characters, a key that is not a field
    name, a list or mapping met twice (an anchor). tests/ingest/test_writer.py
    holds the two to the same bytes.
    """
    try:
        return header + _block(doc)
    except _Unwritable:
        return header + yaml.dump(doc, Dumper=_Dumper, **_OPTIONS)


def _block(doc: dict[str, Any]) -> str:
    """``doc`` in block style, or :class:`_Unwritable`."""
    if not doc:
        return "{}\n"
    lines: list[str] = []
    _mapping(doc, 0, "", lines, set())
    return "".join(lines)


def _mapping(value: dict[Any, Any], indent: int, lead: str, lines: list[str], seen: set[int]) -> None:
    """The mapping's lines, its first key after ``lead`` (a list item's ``- ``), the others at ``indent``."""
    _once(value, seen)
    inner = indent + 2
    for key, item in value.items():
        if not isinstance(key, str) or not key.isidentifier() or not key.isascii() or len(key) >= _SIMPLE_KEY:
            raise _Unwritable
        name = _scalar(key)
        if isinstance(item, (dict, list)) and item:
            lines.append(f"{lead}{name}:\n")
            _collection(item, inner, " " * inner, lines, seen)
        else:
            lines.append(f"{lead}{name}: {_node(item, seen)}\n")
        lead = " " * indent


def _sequence(value: list[Any], indent: int, lead: str, lines: list[str], seen: set[int]) -> None:
    """The list's items, the first after ``lead``, the others at ``indent``, each content two columns in."""
    _once(value, seen)
    inner = indent + 2
    for item in value:
        if isinstance(item, (dict, list)) and item:
            _collection(item, inner, lead + "- ", lines, seen)
        else:
            lines.append(f"{lead}- {_node(item, seen)}\n")
        lead = " " * indent


def _collection(value: dict[Any, Any] | list[Any], indent: int, lead: str, lines: list[str], seen: set[int]) -> None:
    """A non-empty mapping or list in block style."""
    if isinstance(value, dict):
        _mapping(value, indent, lead, lines, seen)
    else:
        _sequence(value, indent, lead, lines, seen)


def _once(value: dict[Any, Any] | list[Any], seen: set[int]) -> None:
    """A list or mapping met twice is an alias to PyYAML: leave the document to it."""
    if id(value) in seen:
        raise _Unwritable
    seen.add(id(value))


def _node(value: Any, seen: set[int]) -> str:
    """A scalar, or an empty list or mapping (PyYAML writes those in flow style)."""
    if isinstance(value, (dict, list)):
        _once(value, seen)
        return "{}" if isinstance(value, dict) else "[]"
    return _scalar(value)


def _scalar(value: Any) -> str:
    """One scalar as PyYAML writes it in a block mapping or list."""
    if isinstance(value, str):
        if _PRINTABLE.fullmatch(value) is None:
            if not value:
                return "''"
            if len(value) > _LONGEST or _BREAKS.search(value):
                raise _Unwritable
            return _written(value)
        if len(value) > _LONGEST:
            raise _Unwritable
        return value if _plain(value) else "'" + value.replace("'", "''") + "'"
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is int:
        return str(value)
    if type(value) is date:
        return value.isoformat()
    if type(value) is float:
        return _dumped(value)
    raise _Unwritable


def _plain(text: str) -> bool:
    """Whether PyYAML writes a text of printable characters plain: no indicator it would misread, no space at either end, read back as a string."""
    first = text[0]
    if first in _FIRST or text[-1] in " :" or ": " in text or " #" in text or text.startswith(("---", "...")):
        return False
    if first in "-?:" and (len(text) == 1 or text[1] == " "):
        return False
    return not any(pattern.match(text) for _, pattern in _IMPLICIT.get(first, ()))


@lru_cache(maxsize=4096)
def _written(text: str) -> str:
    """A text that :func:`_scalar` does not write itself (one needing escapes, or beyond the Basic Multilingual Plane), as PyYAML writes it."""
    return _dumped(text)


def _dumped(value: str | float) -> str:
    """One scalar as PyYAML writes it as a list item."""
    text = yaml.dump([value], Dumper=_Dumper, **_OPTIONS)
    if text.count("\n") != 1 or not text.startswith("- "):
        raise _Unwritable
    return text[2:-1]


def write_files(files: dict[Path, str], force: bool) -> list[Path]:
    """Write every file or none: refuse an existing one unless ``force``, then write all to temporaries and rename them in."""
    if not force:
        existing = [path for path in files if path.exists()]
        if existing:
            raise IngestError(f"{existing[0]} exists already (an earlier ingest of this document?); pass --force to replace it, or --id to ingest under another id")
    staged: list[tuple[Path, str]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(content)
            staged.append((path, temporary))
    except OSError as exc:
        for _, temporary in staged:
            os.unlink(temporary)
        raise IngestError(f"{exc.filename}: cannot write ({exc.strerror}); nothing written") from None
    for path, temporary in staged:
        os.replace(temporary, path)
    return list(files)
