"""The one RDF term type of kgraph, pyoxigraph's, and IRIs made once.

The graph lives in a pyoxigraph store, so parameters are bound to and answers
are made of its terms. This module imports pyoxigraph alone, so that asking a
question of a cached graph never loads rdflib (:mod:`kgraph.rdf.convert` is
where the two libraries meet).

>>> iri("https://example.org/x") is iri("https://example.org/x")
True
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal
"""An RDF term as pyoxigraph holds it: what parameters are bound to and answers are made of."""


@lru_cache(maxsize=1 << 16)
def iri(value: str) -> ox.NamedNode:
    """A named node, made once per IRI: predicates and classes recur in every record."""
    return ox.NamedNode(value)
