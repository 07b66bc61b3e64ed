"""YAML that remembers where each value was written.

PyYAML drops line numbers once it has built Python objects, and silently keeps
the last of two equal keys. Curators need both: errors that point at a line,
and a duplicate key reported rather than lost.

>>> doc = load_text("a: 1\\nb:\\n  - x\\n", "f.yaml")
>>> doc["b"], doc.line, doc.key_lines["b"]
(['x'], 1, 2)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kgraph.errors import CorpusError, problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it: the same nodes and marks, about ten times faster."""


class Mapping(dict):
    """A YAML mapping with the line of the mapping and of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


def load_text(text: str, path: Path | str) -> Any:
    """Parse one YAML document, keeping lines; syntax errors become a :class:`CorpusError`."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return _convert(node, loader, path) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise CorpusError([problem(path, line, "", f"YAML syntax error: {exc.problem or exc}")]) from None
    finally:
        loader.dispose()


def load_file(path: Path) -> Any:
    """Read and parse a YAML file; a missing or unreadable file is a located error too."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError([problem(path, 1, "", f"cannot read file: {exc}")]) from None
    return load_text(text, path)


_TEXT = "tag:yaml.org,2002:str"


def _scalar(node: yaml.Node, loader: Any) -> Any:
    """A scalar's value; text (most of a corpus) as it is, without PyYAML's general constructor."""
    return node.value if node.tag == _TEXT and isinstance(node, yaml.ScalarNode) else loader.construct_object(node, deep=True)


def _convert(node: yaml.Node, loader: Any, path: Path | str) -> Any:
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out = Mapping()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise CorpusError([problem(path, line, "", f"key {key!r} must be text")])
            if key in out:
                raise CorpusError([problem(path, line, "", f"duplicate key {key!r} (first at line {out.key_lines[key]})")])
            out[key] = _convert(value_node, loader, path)
            out.key_lines[key] = line
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, loader, path) for child in node.value]
    return _scalar(node, loader)
