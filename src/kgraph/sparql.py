"""The package's own SPARQL files, asked of the graph's store: the derived layer and the drawings read the graph this way.

A file is read once; parameters are bound as a ``VALUES`` block of typed terms
(:func:`kgraph.store.sparqltext.with_values`), never pasted into the text; the
default graph is the union of the named graphs; answers come back as Python
values (:func:`kgraph.oxterms.to_python`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kgraph.oxterms import OxTerm, from_rdflib, to_python
from kgraph.store.sparqltext import with_values


@cache
def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def solutions(store: ox.Store, path: Path, bindings: Mapping[str, Any] | None = None) -> ox.QuerySolutions:
    """The raw answer of a SELECT file; bindings may be pyoxigraph or rdflib terms."""
    terms: dict[str, OxTerm] = {name: value if isinstance(value, OxTerm) else from_rdflib(value) for name, value in (bindings or {}).items()}
    return store.query(with_values(text(path), terms), use_default_graph_as_union=True)


def rows(store: ox.Store, path: Path, bindings: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """Rows of Python values, in the order of the SELECT's variables (None when unbound)."""
    return [tuple(to_python(value) for value in row) for row in solutions(store, path, bindings)]


def records(store: ox.Store, path: Path, bindings: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Rows as dicts of Python values; an unbound variable is absent."""
    answer = solutions(store, path, bindings)
    names = [v.value for v in answer.variables]
    return [{name: to_python(value) for name, value in zip(names, row) if value is not None} for row in answer]
