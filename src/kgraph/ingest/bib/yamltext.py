"""Draft records as YAML text in the corpus's style: block lists indented under their key, no anchors, dates as dates.

>>> print(dump({"id": "x", "year": yaml_date("2009-03-21"), "authors": ["Kallmes DF"]}), end="")
id: x
year: 2009-03-21
authors:
  - Kallmes DF
"""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """Block YAML in the corpus's style: lists indented under their key, keys in the order given."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


def yaml_date(text: str) -> date | int | str:
    """A date as the record format reads it: a year as a number, a full date unquoted, a year and month as text."""
    if len(text) == 4 and text.isdigit():
        return int(text)
    if len(text) == 10:
        return date.fromisoformat(text)
    return text


def dump(data: Any, indent: int = 0) -> str:
    """``data`` as block YAML, every line indented by ``indent`` spaces."""
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120, default_flow_style=False)
    return "".join(" " * indent + line if line.strip() else line for line in text.splitlines(keepends=True))
