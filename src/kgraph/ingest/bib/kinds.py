"""Which record a bibliographic type becomes, and which type a record is written as: the table in kinds.yaml.

>>> source_kind("ris", "CHAP", None), source_kind("bibtex", "article", None), source_kind("csl-json", "article-journal", "journal-summary")
('book-chapter', None, 'journal-summary')
>>> type_for("bibtex", "web-page"), type_for("csl-json", None)
('online', 'article-journal')
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

STUDY = "study"


@cache
def _table() -> dict[str, Any]:
    return yaml.safe_load(Path(__file__).with_name("kinds.yaml").read_text(encoding="utf-8"))


def source_kinds() -> frozenset[str]:
    """The source kinds the formats can carry."""
    return frozenset(k for k in _table()["write"] if k != STUDY)


def source_kind(fmt: str, entry_type: str | None, subtype: str | None) -> str | None:
    """The source kind a record of ``entry_type`` (and subtype) is, or None when it is a study."""
    if subtype and subtype.strip().lower() in source_kinds():
        return subtype.strip().lower()
    return _table()["read"][fmt].get(entry_type or "")


def type_for(fmt: str, kind: str | None) -> str:
    """The type a study (``kind`` None) or a source of ``kind`` is written as in ``fmt``."""
    return _table()["write"][kind or STUDY][fmt]
