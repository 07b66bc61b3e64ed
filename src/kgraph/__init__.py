"""kgraph: an evidence knowledge graph of sources, claims and the studies behind them.

The pipeline runs records -> graph -> validate -> infer -> query / visualise / export; each stage is a package
(:mod:`kgraph.corpus`, :mod:`kgraph.shacl`, :mod:`kgraph.infer`, :mod:`kgraph.query`, :mod:`kgraph.viz`) over
the RDF plumbing of :mod:`kgraph.rdf`, and :mod:`kgraph.cli` only wires them. The names below are the public API;
each is imported on first use, so that ``import kgraph`` stays as quick as a question to a cached graph needs.

>>> import kgraph
>>> kgraph.build.__module__, kgraph.ask.__module__
('kgraph.pipeline', 'kgraph.query')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "build": "kgraph.pipeline",
    "Built": "kgraph.corpus.graph",
    "Summary": "kgraph.pipeline",
    "ask": "kgraph.query",
    "Asked": "kgraph.query",
    "open_store": "kgraph.store",
    "serialize": "kgraph.rdf.serialize",
    "FORMATS": "kgraph.rdf.serialize",
    "KgraphError": "kgraph.errors",
    "CorpusError": "kgraph.errors",
    "Problem": "kgraph.errors",
}

__all__ = [
    "FORMATS",
    "Asked",
    "Built",
    "CorpusError",
    "KgraphError",
    "Problem",
    "Summary",
    "__version__",
    "ask",
    "build",
    "open_store",
    "serialize",
]

if TYPE_CHECKING:
    from kgraph.corpus.graph import Built
    from kgraph.errors import CorpusError, KgraphError, Problem
    from kgraph.pipeline import Summary, build
    from kgraph.query import Asked, ask
    from kgraph.rdf.serialize import FORMATS, serialize
    from kgraph.store import open_store


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'kgraph' has no attribute {name!r}")
