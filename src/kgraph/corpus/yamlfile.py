"""YAML that remembers where each value was written, and refuses what a record has no use for.

PyYAML drops line numbers once it has built Python objects, and silently keeps
the last of two equal keys. Curators need both: errors that point at a line,
and a duplicate key reported rather than lost. So the tree is built here from
the parser's events (libyaml's when PyYAML has it), which also lets a file be
refused at the first thing a curated record never needs and a hostile file
abuses:

- anchors and aliases (``&name``, ``*name``): nine lines of nested aliases
  expand to hundreds of millions of values (the "billion laughs");
- nesting deeper than :data:`MAX_DEPTH` (a record needs six levels);
- a file larger than :data:`MAX_BYTES`;
- tags other than the plain scalars (``!!binary``, ``!!set``, ``!!python/...``).

>>> doc = load_text("a: 1\\nb:\\n  - x\\n", "f.yaml")
>>> doc["b"], doc.line, doc.key_lines["b"]
(['x'], 1, 2)
>>> load_text("a: &x [1]\\nb: *x\\n", "f.yaml")
Traceback (most recent call last):
kgraph.errors.CorpusError: f.yaml:1: -: YAML anchors and aliases (&x) are not accepted: write the value out where it is used
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kgraph.errors import CorpusError, Problem, problem, shown

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it: the same events and marks, about ten times faster."""

MAX_BYTES = 16 * 2**20
"""The largest file read: 16 MB. A curated file is a few hundred kB; a generated file of 100 units about 700 kB."""

MAX_DEPTH = 32
"""The deepest nesting of mappings and lists read; records need six levels (file, list, record, nested list, nested record, values)."""

_TEXT = "tag:yaml.org,2002:str"
_SCALARS = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp", "str")}
_COLLECTIONS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class Mapping(dict):
    """A YAML mapping with the line of the mapping and of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class _Refused(Exception):
    """Something a record file may not hold, at the line of the event that holds it."""

    def __init__(self, event: Any, message: str) -> None:
        super().__init__(message)
        self.line = event.start_mark.line + 1


def load_file(path: Path) -> Any:
    """Read and parse a YAML file; a missing, unreadable, oversized or non-UTF-8 file is a located error too."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise CorpusError([problem(path, 1, "", f"cannot read file: {exc.strerror or exc}")]) from None
    if len(data) > MAX_BYTES:
        raise CorpusError([problem(path, 1, "", f"file is larger than {MAX_BYTES // 2**20} MB; split its records over several files")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CorpusError([problem(path, line, "", f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8")]) from None
    return load_text(text, path)


def load_text(text: str, path: Path | str) -> Any:
    """Parse one YAML document, keeping lines; whatever is wrong with it becomes a :class:`CorpusError`."""
    loader = _Loader(text)
    try:
        return _Tree(loader).document()
    except _Refused as exc:
        raise CorpusError([problem(path, exc.line, "", str(exc))]) from None
    except yaml.YAMLError as exc:
        raise CorpusError([_syntax_error(exc, text, path)]) from None
    finally:
        loader.dispose()


def _syntax_error(exc: yaml.YAMLError, text: str, path: Path | str) -> Problem:
    """A parser's error as one located line (PyYAML's own messages span several)."""
    if isinstance(exc, yaml.reader.ReaderError):
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        line = text.count("\n", 0, max(text.find(char), 0)) + 1
        return problem(path, line, "", f"character U+{ord(char):04X} is not allowed in YAML ({exc.reason}); remove it")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    message = " ".join(str(getattr(exc, "problem", None) or exc).split())
    return problem(path, mark.line + 1 if mark else 1, "", f"YAML syntax error: {message}")


class _Tree:
    """Builds :class:`Mapping`, lists and scalars from a loader's events."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def document(self) -> Any:
        self.loader.get_event()
        if self.loader.check_event(yaml.StreamEndEvent):
            return None
        self.loader.get_event()
        root = self.value(self.loader.get_event(), 1)
        self.loader.get_event()
        if not self.loader.check_event(yaml.StreamEndEvent):
            raise _Refused(self.loader.peek_event(), "a second YAML document (`---`) in one file; put its records in the first or in a file of their own")
        return root

    def value(self, event: Any, depth: int) -> Any:
        if getattr(event, "anchor", None) is not None:
            mark = "*" if isinstance(event, yaml.AliasEvent) else "&"
            raise _Refused(event, f"YAML anchors and aliases ({mark}{event.anchor}) are not accepted: write the value out where it is used")
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event)
        if depth > MAX_DEPTH:
            raise _Refused(event, f"nested deeper than {MAX_DEPTH} levels; a record needs at most six")
        if event.tag not in _COLLECTIONS:
            raise _Refused(event, f"the YAML tag {event.tag} is not used in records; remove it")
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not self.loader.check_event(yaml.SequenceEndEvent):
                items.append(self.value(self.loader.get_event(), depth + 1))
            self.loader.get_event()
            return items
        return self.mapping(event, depth)

    def mapping(self, event: Any, depth: int) -> Mapping:
        out = Mapping()
        out.line = event.start_mark.line + 1
        out.key_lines = {}
        while not self.loader.check_event(yaml.MappingEndEvent):
            key_event = self.loader.get_event()
            key = self.value(key_event, depth + 1)
            line = key_event.start_mark.line + 1
            if not isinstance(key, str):
                raise _Refused(key_event, f"key {shown(key)} must be text")
            if key in out:
                raise _Refused(key_event, f"duplicate key {shown(key)} (first at line {out.key_lines[key]})")
            out[key] = self.value(self.loader.get_event(), depth + 1)
            out.key_lines[key] = line
        self.loader.get_event()
        return out

    def scalar(self, event: Any) -> Any:
        """A scalar's value: text (most of a corpus) as it is, other plain scalars through PyYAML's constructors.

        A scalar that looks like a date or number but is not one (2009-02-30)
        stays text: the shapes then say which field wanted what, at its line.
        """
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _TEXT:
            return event.value
        if tag not in _SCALARS:
            raise _Refused(event, f"{shown(event.value)} has the YAML tag {tag}, which records do not use; put it in quotes for text")
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        try:
            return self.loader.yaml_constructors[tag](self.loader, node)
        except (yaml.YAMLError, ValueError, TypeError, AttributeError, OverflowError):
            # PyYAML's constructors raise whatever their conversion raises (2009-02-30 is a ValueError).
            return event.value
