"""The corpus's SKOS terms found in a sentence, by their labels.

A term's preferred and alternative labels are the vocabulary: a sentence
mentions a term when it contains one of them, whatever the case, plural
(``fractures``, ``vertebrae``) or hyphenation (``balloon-assisted``). A
parenthesis in a label (``traditional (open) spine surgery``) is optional.
The longest label wins where two overlap (``vertebral compression fracture``
over ``fracture``).

>>> vocab = Vocabulary([Term("vcf", "population", ("vertebral compression fracture",)), Term("bkp", "intervention", ("kyphoplasty",))])
>>> [(m.term.id, m.text) for m in vocab.mentions("Kyphoplasty treats vertebral-compression fractures.")]
[('bkp', 'Kyphoplasty'), ('vcf', 'vertebral-compression fractures')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kgraph.ingest.match import spelling

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """A word folded for matching: lower case, plural endings off, British spelling made American.

    Cached: a document repeats its words, and every word of every sentence is folded.

    >>> word_key("Vertebrae"), word_key("injuries"), word_key("tumours")
    ('vertebra', 'injury', 'tumor')
    """
    word = word.casefold().replace("’", "'")
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith("ae"):
        word = word[:-1]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return spelling(word)


def label_keys(label: str) -> set[tuple[str, ...]]:
    """The word sequences a label is written as: with and without its parenthesised parts."""
    variants = {label, re.sub(r"\s*\([^)]*\)", "", label), label.replace("(", "").replace(")", "")}
    return {tuple(word_key(w) for w in _TOKEN.findall(v)) for v in variants if _TOKEN.search(v)}


@dataclass(frozen=True)
class Term:
    """A term of the corpus: its id, its scheme, its labels, and its broader terms."""

    id: str
    scheme: str
    labels: tuple[str, ...]
    broader: tuple[str, ...] = ()


def _locate(text: str, words: list[str], starts: list[int], last: int) -> None:
    """Extend ``starts`` (where each of ``words``, the text's tokens in order, begins) up to the token ``last``.

    A token begins at the first occurrence of its characters after the one before it ends: between two
    tokens there is no letter or digit, and a token begins with one. Only the tokens up to a mention
    are located, and most sentences mention no term.
    """
    at = starts[-1] + len(words[len(starts) - 1]) if starts else 0
    for index in range(len(starts), last + 1):
        at = text.index(words[index], at)
        starts.append(at)
        at += len(words[index])


@dataclass(frozen=True)
class Mention:
    """A term found in a text, at ``start``-``end``, as printed."""

    term: Term
    start: int
    end: int
    text: str


class Vocabulary:
    """The terms of a corpus, indexed by the first word of each label."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = {t.id: t for t in terms}
        self._ancestors: dict[str, frozenset[str]] = {}
        self._index: dict[str, list[tuple[tuple[str, ...], Term]]] = {}
        for term in self.terms.values():
            for label in term.labels:
                for key in label_keys(label):
                    self._index.setdefault(key[0], []).append((key, term))
        for entries in self._index.values():
            entries.sort(key=lambda e: -len(e[0]))

    def mentions(self, text: str) -> list[Mention]:
        """The terms ``text`` mentions, in order, the longest label winning where labels overlap."""
        words = _TOKEN.findall(text)
        keys = tuple(map(word_key, words))
        starts: list[int] = []
        found: list[Mention] = []
        free = 0
        for i, first in enumerate(keys):
            if i < free or first not in self._index:
                continue
            for key, term in self._index[first]:
                if keys[i : i + len(key)] == key:
                    last = i + len(key) - 1
                    _locate(text, words, starts, last)
                    start, end = starts[i], starts[last] + len(words[last])
                    found.append(Mention(term, start, end, text[start:end]))
                    free = last + 1
                    break
        return found

    def ancestors(self, term_id: str) -> frozenset[str]:
        """The term and every term broader than it (kept: every drafted statement asks of several terms)."""
        if term_id not in self._ancestors:
            self._ancestors[term_id] = frozenset(self._walk_up(term_id))
        return self._ancestors[term_id]

    def _walk_up(self, term_id: str) -> set[str]:
        seen: set[str] = set()
        todo = [term_id]
        while todo:
            current = todo.pop()
            if current in seen or current not in self.terms:
                continue
            seen.add(current)
            todo.extend(self.terms[current].broader)
        return seen

    def related(self, a: str, b: str) -> bool:
        """Whether one term is the other or broader than it."""
        return a in self.ancestors(b) or b in self.ancestors(a)
