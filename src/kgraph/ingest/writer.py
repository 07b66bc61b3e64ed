"""Writing drafts into a corpus: YAML as a curator writes it, atomically, never over a file without ``--force``.

Every file is first written beside its target under a temporary name; only
when all are written are they renamed into place, so an error leaves nothing
half-written. The YAML is block style with 2-space indents, keys in the
order drafted, so the same drafts give the same bytes.

>>> print(dump_yaml({"statements": [{"id": "s1", "quote": "It works: 90%", "review": ["mode: cue report 'had'"]}]}), end="")
statements:
  - id: s1
    quote: 'It works: 90%'
    review:
      - 'mode: cue report ''had'''
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from kgraph.ingest.sniff import IngestError


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as the corpus's files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: ARG002 - PyYAML's signature
        super().increase_indent(flow, False)


_OPTIONS: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 100000, "default_flow_style": False, "indent": 2}
_C_DUMPER = getattr(yaml, "CSafeDumper", None)
_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def dump_yaml(doc: dict[str, Any], header: str = "") -> str:
    """``doc`` as block YAML, keys in insertion order, Unicode kept, long lines unbroken.

    libyaml's emitter (in C) writes the same YAML as PyYAML's but six times faster, except that it writes a
    list under its key at the key's own indent: its lines are indented again here. PyYAML's emitter (in Python)
    still writes what the two emitters write differently: a value with a line break (its lines would not be
    one line each), a character beyond the Basic Multilingual Plane (libyaml escapes it), a key that is not a
    field name, and a list or mapping met twice (an anchor). tests/ingest/test_writer.py holds the two to the
    same bytes.
    """
    if _C_DUMPER is None or not _plain(doc, set()):
        return header + yaml.dump(doc, Dumper=_Dumper, **_OPTIONS)
    return header + _indent_lists(yaml.dump(doc, Dumper=_C_DUMPER, **_OPTIONS))


def _plain(value: Any, seen: set[int]) -> bool:
    """Whether libyaml writes ``value`` as PyYAML does once :func:`_indent_lists` has run: see :func:`dump_yaml`."""
    if isinstance(value, str):
        return not any(mark in value for mark in _BREAKS) and (value.isascii() or _ASTRAL.search(value) is None)
    if isinstance(value, (dict, list)):
        if id(value) in seen:
            return False
        seen.add(id(value))
        if isinstance(value, list):
            return all(_plain(item, seen) for item in value)
        return all(isinstance(key, str) and _FIELD.fullmatch(key) is not None and _plain(item, seen) for key, item in value.items())
    return True


def _indent_lists(text: str) -> str:
    """The block YAML libyaml writes, with each list under a key indented by two more spaces, with all it holds.

    Every line is one scalar, key or list item (:func:`_plain` made sure), so a list opened at a key's
    indent ends at the first line that is less indented, or as indented but not an item.
    """
    lines: list[str] = []
    opened: list[int] = []
    after_key: int | None = None
    for line in text.splitlines(keepends=True):
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        while opened and (indent < opened[-1] or (indent == opened[-1] and not body.startswith("- "))):
            opened.pop()
        if indent == after_key and body.startswith("- "):
            opened.append(indent)
        lines.append(" " * (indent + 2 * len(opened)) + body)
        column, content = indent, body
        while content.startswith("- "):
            column, content = column + 2, content[2:]
        after_key = column if content.rstrip("\n").endswith(":") else None
    return "".join(lines)


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
