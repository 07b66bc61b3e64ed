"""The package's own SPARQL files, asked of the graph's store: the derived layer, the drawings and the build's counts read the graph this way.

Parameters are bound as a ``VALUES`` block of typed terms
(:func:`kgraph.rdf.sparqltext.with_values`), never pasted into the text; the
default graph is the union of the named graphs; answers come back as Python
values (:func:`kgraph.rdf.convert.to_python`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

from kgraph.rdf.convert import from_rdflib, to_python
from kgraph.rdf.sparqltext import Folder, with_values
from kgraph.rdf.terms import Term

Bindings = Mapping[str, Any]
"""Parameter name -> value, as pyoxigraph or rdflib terms."""


class Queries(Folder):
    """A folder of SELECT files whose answers are read as Python values."""

    def solutions(self, store: ox.Store, name: str, bindings: Bindings | None = None) -> ox.QuerySolutions:
        """The raw answer of ``NAME.rq``, a SELECT."""
        terms: dict[str, Term] = {key: value if isinstance(value, Term) else from_rdflib(value) for key, value in (bindings or {}).items()}
        answer = store.query(with_values(self.text(name), terms), use_default_graph_as_union=True)
        if not isinstance(answer, ox.QuerySolutions):
            raise TypeError(f"{self.package}/{self.name}/{name}: a SELECT query was expected")
        return answer

    def rows(self, store: ox.Store, name: str, bindings: Bindings | None = None) -> list[tuple[Any, ...]]:
        """Rows of Python values, in the order of the SELECT's variables (None when unbound)."""
        return [tuple(to_python(value) for value in row) for row in self.solutions(store, name, bindings)]

    def records(self, store: ox.Store, name: str, bindings: Bindings | None = None) -> list[dict[str, Any]]:
        """Rows as dicts of Python values; an unbound variable is absent."""
        answer = self.solutions(store, name, bindings)
        names = [v.value for v in answer.variables]
        return [{key: to_python(value) for key, value in zip(names, row) if value is not None} for row in answer]
