"""The study design of a bibliographic record, guessed from its publication types, MeSH headings and title.

The rules are the table in designs.yaml, which a curator can read and change;
a guess names its rule so that the draft says why.

>>> from kgraph.ingest.reference import Reference
>>> guess(Item(Reference(publication_types=("Journal Article", "Randomized Controlled Trial"))))
Guess(design='randomised-controlled-trial', rule='pubmed-rct')
>>> guess(Item(Reference(title="Balloon kyphoplasty: an updated systematic review and meta-analysis")))
Guess(design='systematic-review', rule='title-systematic-review')
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from kgraph.ingest.bib import Item
from kgraph.ingest.match import spelling
from kgraph.ingest.reference import fold


class Guess(NamedTuple):
    """A guessed design and the name of the rule that guessed it."""

    design: str
    rule: str


class _Rule(NamedTuple):
    """A rule of designs.yaml as it is tried: types and headings case-folded, title phrases as :func:`_words` gives them."""

    design: str
    name: str
    types: frozenset[str]
    headings: frozenset[str]
    phrases: tuple[str, ...]


@lru_cache(maxsize=1 << 12)
def _word(word: str) -> str:
    """One word folded and American-spelled, cached: titles share most of their words (the bound keeps a long file's memory flat)."""
    return spelling(fold(word))


def _words(text: str) -> str:
    """Text as a run of folded, American-spelled words with spaces, for finding a phrase in it."""
    return " " + " ".join(map(_word, text.replace("-", " ").split())) + " "


@cache
def _table() -> dict[str, Any]:
    return yaml.safe_load(Path(__file__).with_name("designs.yaml").read_text(encoding="utf-8"))


@cache
def _rules() -> tuple[_Rule, ...]:
    return tuple(
        _Rule(rule["design"], rule["name"], frozenset(t.casefold() for t in rule.get("types", ())),
              frozenset(h.casefold() for h in rule.get("headings", ())), tuple(_words(p) for p in rule.get("title", ())))
        for rule in rules()
    )  # fmt: skip


def rules() -> tuple[dict[str, Any], ...]:
    """The rules of designs.yaml, in the order they are tried."""
    return tuple(_table()["rules"])


def implied(design: str) -> dict[str, Any]:
    """The study fields a design makes true (``randomised: true`` for a randomised controlled trial)."""
    return dict(_table()["implies"].get(design, {}))


def guess(item: Item) -> Guess | None:
    """The design of the first rule that applies to ``item``, or None (the rules are prepared once, see :func:`_rules`)."""
    types = {t.casefold() for t in item.ref.publication_types}
    headings = {h.casefold() for h in item.mesh}
    title = _words(item.ref.title or "")
    for rule in _rules():
        if not rule.types.isdisjoint(types) or not rule.headings.isdisjoint(headings) or any(p in title for p in rule.phrases):
            return Guess(rule.design, rule.name)
    return None
