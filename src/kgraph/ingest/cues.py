"""The cue table (``ontology/ingest-cues.yaml``) compiled into matchers.

The words that make a sentence a draft statement, and that decide its mode
and direction, are data a curator edits; this module only turns each cue
into a pattern and says which cue of a group a sentence contains.

>>> cue_pattern("randomi?ed studies").fullmatch("randomised  studies") is not None
True
>>> Group("hedge", ("may", "possibl*")).first("It is possibly useful.")
'possibl*'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

import yaml

from kgraph import resources


def cue_pattern(cue: str) -> re.Pattern[str]:
    """A cue as a pattern: ``*`` any ending, ``?`` one letter, a space any run of spaces or hyphens; whole words only."""
    return re.compile(rf"(?<![\w’']){_body(cue)}(?![\w’'])", re.IGNORECASE)


def _body(cue: str) -> str:
    return re.escape(cue.strip()).replace(r"\*", r"[\w’']*").replace(r"\?", r"\w").replace(r"\ ", r"[\s\-]+")


def _found(pattern: re.Pattern[str], folded: str) -> bool:
    """Whether ``pattern`` (a cue's body, folded, ending a word) matches ``folded`` where a word begins.

    What :func:`cue_pattern` finds in a text, found in its folded form: without the pattern's opening
    look-behind, the search skips ahead to its first letters, and a match inside a word is passed over.
    """
    at = 0
    while (match := pattern.search(folded, at)) is not None:
        if match.start() == 0 or _WORD_CHAR.match(folded, match.start() - 1) is None:
            return True
        at = match.start() + 1
    return False


@dataclass(frozen=True)
class Group:
    """A named list of cues, tried in the order written."""

    name: str
    cues: tuple[str, ...]

    @cached_property
    def _words(self) -> dict[str, int]:
        """The cues that are one plain word, folded, each with its place in the table."""
        places: dict[str, int] = {}
        for place, cue in enumerate(self.cues):
            if _WORD.fullmatch(cue.strip()):
                places.setdefault(fold_case(cue.strip()), place)
        return places

    @cached_property
    def _word_set(self) -> frozenset[str]:
        return frozenset(self._words)

    @cached_property
    def _others(self) -> tuple[tuple[int, str, str, re.Pattern[str]], ...]:
        """The other cues (stems, phrases, wildcards), each with its place, its longest literal part and its pattern on folded text."""
        words = set(self._words.values())
        return tuple((place, cue, _head(cue), re.compile(rf"{_body(fold_case(cue))}(?![\w’'])")) for place, cue in enumerate(self.cues)
                     if place not in words)

    def first(self, text: str) -> str | None:
        """The first cue of the group (in the table's order) that ``text`` contains.

        The cues that are one plain word are found at once among the text's words; any other cue placed
        before the first of those is searched for only when the text holds its longest word or stem.
        Most cues are absent from most sentences, and a set or substring test is far cheaper than a search.
        """
        folded, words = _folded(text)
        hits = words & self._word_set
        best = min(map(self._words.__getitem__, hits)) if hits else len(self.cues)
        for place, cue, head, pattern in self._others:
            if place > best:
                break
            if head in folded and _found(pattern, folded):
                return cue
        return self.cues[best] if best < len(self.cues) else None


def fold_case(text: str) -> str:
    """Lower case, with the letters that a case-insensitive pattern also takes for i, s and k folded to them.

    >>> fold_case("R\u0130SK \u0131 \u017f \u212a")
    'risk i s k'
    """
    return text.translate(_FOLDS).lower()


@lru_cache(maxsize=64)
def _folded(text: str) -> tuple[str, frozenset[str]]:
    """The text folded, and its words: cached, because every group of cues is asked about the same sentence in turn."""
    folded = fold_case(text)
    return folded, frozenset(_WORD.findall(folded))


_FOLDS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})
_WORD = re.compile(r"[\w’']+")
_WORD_CHAR = re.compile(r"[\w’']")


def _head(cue: str) -> str:
    """The longest literal part of a cue (between wildcards and spaces): every text the cue matches contains it.

    >>> _head("the surgery"), _head("randomi?ed studies"), _head("improv*")
    ('surgery', 'randomi', 'improv')
    """
    return max(re.split(r"[*? ]", cue.strip().lower()), key=len)


@dataclass(frozen=True)
class Cues:
    """The whole table: roles with the claim type they give, modality cues, direction cues, section headings, boilerplate."""

    roles: tuple[tuple[Group, str], ...]
    negation: Group
    hedge: Group
    report: Group
    anaphora: Group
    significance: Group
    directions: tuple[Group, ...]
    reference_headings: tuple[str, ...]
    boilerplate: Group
    path: Path


def default_cues() -> Path:
    """The bundled cue table, which ``--cues`` replaces."""
    return resources.ontology_dir() / "ingest-cues.yaml"


@cache
def load_cues(path: Path | None = None) -> Cues:
    """The cue table at ``path`` (default: the bundled ``ontology/ingest-cues.yaml``)."""
    path = path or default_cues()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def group(name: str, values: list[str]) -> Group:
        return Group(name, tuple(str(v) for v in values))

    return Cues(
        roles=tuple((group(name, spec["cues"]), str(spec["claim_type"])) for name, spec in data["roles"].items()),
        negation=group("negation", data["negation"]),
        hedge=group("hedge", data["hedge"]),
        report=group("report", data["report"]),
        anaphora=group("anaphora", data["anaphora"]),
        significance=group("significance", data["significance"]),
        directions=tuple(group(name, values) for name, values in data["direction"].items()),
        reference_headings=tuple(str(h) for h in data["reference_headings"]),
        boilerplate=group("boilerplate", data["boilerplate"]),
        path=path,
    )
