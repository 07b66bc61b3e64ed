"""SHACL property paths (https://www.w3.org/TR/shacl/#property-paths), compiled: each walks the data both ways.

A path reads the data through the evaluator, which remembers every lookup, so walking a path again costs nothing.
A path is written in SPARQL 1.1 property-path syntax in a result, as SHACL defines paths by that syntax:

>>> p, q = Predicate(ox.NamedNode("http://ex/p")), Predicate(ox.NamedNode("http://ex/q"))
>>> Inverse(Sequence((p, Repeat(q, zero=True, many=True)))).sparql()
'^(<http://ex/p>/(<http://ex/q>*))'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox
from rdflib.namespace import SH

from kgraph.rdf.terms import Term

if TYPE_CHECKING:
    from kgraph.shacl.evaluate import Evaluator


class Path(Protocol):
    """What every compiled path does: walk the data from a node, either way, and say itself in SPARQL."""

    def forward(self, ev: Evaluator, node: Term) -> tuple[Term, ...]:
        """The nodes the path reaches from ``node``: the value nodes of a focus node."""

    def backward(self, ev: Evaluator, node: Term) -> tuple[Term, ...]:
        """The nodes from which the path reaches ``node``."""

    def sparql(self) -> str:
        """The path in SPARQL 1.1 property-path syntax."""


def _group(path: Path) -> str:
    return path.sparql() if isinstance(path, Predicate) else f"({path.sparql()})"


@dataclass(frozen=True)
class Predicate:
    """A predicate path: the objects of the node's triples with that predicate."""

    iri: ox.NamedNode

    def forward(self, ev: Evaluator, node: Term) -> tuple[Term, ...]:
        return ev.objects(node, self.iri)

    def backward(self, ev: Evaluator, node: Term) -> tuple[Term, ...]:
        return ev.subjects(node, self.iri)

    def sparql(self) -> str:
        return str(self.iri)


@dataclass(frozen=True)
class Inverse:
    """sh:inversePath: the inner path walked backward."""

    inner: Path

    def forward(self, ev: Evaluator, node: Term) -> tuple[Term, ...]:
        return self.inner.backward(ev, node)

    def backward(self, ev: Evaluator, node: Term) -> tuple[Term, ...]:
        return self.inner.forward(ev, node)

    def sparql(self) -> str:
        return f"^{_group(self.inner)}"


@dataclass(frozen=True)
class Sequence:
    """A sequence path (an RDF list): each step walked from every node the step before reached."""

    steps: tuple[Path, ...]

    def forward(self, ev: Evaluator, node: Term) -> tuple[Term, ...]:
        return self._walk(ev, node, [step.forward for step in self.steps])

    def backward(self, ev: Evaluator, node: Term) -> tuple[Term, ...]:
        return self._walk(ev, node, [step.backward for step in reversed(self.steps)])

    @staticmethod
    def _walk(ev: Evaluator, node: Term, moves: list[Callable]) -> tuple[Term, ...]:
        nodes: Iterable[Term] = (node,)
        for move in moves:
            nodes = dict.fromkeys(reached for n in nodes for reached in move(ev, n))
        return tuple(nodes)

    def sparql(self) -> str:
        return "/".join(_group(step) for step in self.steps)


@dataclass(frozen=True)
class Alternative:
    """sh:alternativePath: every node any of the options reaches."""

    options: tuple[Path, ...]

    def forward(self, ev: Evaluator, node: Term) -> tuple[Term, ...]:
        return tuple(dict.fromkeys(reached for option in self.options for reached in option.forward(ev, node)))

    def backward(self, ev: Evaluator, node: Term) -> tuple[Term, ...]:
        return tuple(dict.fromkeys(reached for option in self.options for reached in option.backward(ev, node)))

    def sparql(self) -> str:
        return "|".join(_group(option) for option in self.options)


@dataclass(frozen=True)
class Repeat:
    """zeroOrMore (zero, many), oneOrMore (many) and zeroOrOne (zero) paths."""

    inner: Path
    zero: bool
    many: bool

    def forward(self, ev: Evaluator, node: Term) -> tuple[Term, ...]:
        return self._walk(ev, node, self.inner.forward)

    def backward(self, ev: Evaluator, node: Term) -> tuple[Term, ...]:
        return self._walk(ev, node, self.inner.backward)

    def _walk(self, ev: Evaluator, node: Term, move: Callable) -> tuple[Term, ...]:
        """Breadth first, each node once, so that a cycle in the data ends the walk."""
        seen = dict.fromkeys((node,) if self.zero else ())
        frontier = [node]
        while frontier:
            reached = [r for n in frontier for r in move(ev, n)]
            frontier = [r for r in dict.fromkeys(reached) if r not in seen]
            seen.update(dict.fromkeys(frontier))
            if not self.many:
                break
        return tuple(seen)

    def sparql(self) -> str:
        return _group(self.inner) + ("*" if self.zero and self.many else "+" if self.many else "?")


REPEATS = {SH.zeroOrMorePath: (True, True), SH.oneOrMorePath: (False, True), SH.zeroOrOnePath: (True, False)}
"""The repeating paths' predicates -> Repeat's (zero, many)."""
