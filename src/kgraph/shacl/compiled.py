"""What compiling a shapes graph makes and evaluating it reads: shapes, their constraints, and the results they give."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kgraph.rdf.terms import Term

if TYPE_CHECKING:
    from kgraph.shacl.evaluate import Evaluator
    from kgraph.shacl.paths import Path

Pairs = list[tuple[Term, tuple[Term, ...]]]
"""The focus nodes a shape is evaluated at, each with its value nodes."""
Failure = tuple[Term, Term | None, str | None]
"""What a constraint reports: the focus node, the sh:value (or None), and the result path when it is not the shape's own (or None)."""
Check = Callable[["Evaluator", Any, Pairs], Iterable[Failure]]
"""A constraint component's test: the evaluator, the constraint's parameter and the pairs -> the failures."""


@dataclass(frozen=True)
class Violation:
    """One top-level validation result, as plain strings so that it can be compared and printed.

    Shapes.validate returns them sorted, one for each result SHACL's validation report has: a property shape that two
    node shapes share gives its results twice.

    ``path`` is a predicate's IRI, or a longer path in SPARQL 1.1 property-path syntax (``^<http://ex/p>``); ``value``
    is the N-Triples form of the value node; ``focus`` is an IRI, ``_:`` and a blank node's id, or a literal's N-Triples.
    """

    focus: str
    path: str | None
    value: str | None
    shape: str
    component: str
    severity: str
    message: str


@dataclass(frozen=True, eq=False)
class Constraint:
    """One constraint of a shape: its component's name and test, the parameter read from the shapes graph, the default message."""

    component: str
    param: Any
    check: Check
    message: str


@dataclass(eq=False)
class Shape:
    """One shape, compiled; compared by identity, so that it can key the conformance memo cheaply."""

    id: str
    path: Path | None = None
    result_path: str | None = None
    targets: list[tuple[str, Term]] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)
    severity: str = "Violation"
    message: str | None = None
    deactivated: bool = False
