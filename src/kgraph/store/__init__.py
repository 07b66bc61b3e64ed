"""Where the graph lives when it is queried: the seam between the query code and a triplestore.

Every backend holds the asserted and the derived named graphs of one build and
answers SPARQL 1.1 over all of them together (the default graph is their
union). Parameters are always passed as bindings of typed RDF terms, never
pasted into the query text. Answers come back as pyoxigraph's answer objects
whatever the backend (a server's are parsed into them), so formatting does not
depend on where the graph lives, and asking a question needs no rdflib.

Backends are named by a spec string: ``memory`` (the default, an Oxigraph
store in this process's memory, filled from the last build), ``oxigraph:PATH``
(an embedded Oxigraph database on disk) or ``sparql:QUERY_URL`` (any SPARQL 1.1
server; see :mod:`kgraph.store.sparql`). Query code opens a store with :func:`open_store`
and never reaches around it. A persistent store keeps what ``kgraph load`` put
in it, so a command queries it as it is instead of loading the corpus again.

A store takes a built store, a file, or a build passed in as a callable
(:data:`Build`); it imports only the RDF plumbing, never a stage of the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, Union

from kgraph.errors import KgraphError
from kgraph.progress import Progress
from kgraph.rdf.terms import Term

if TYPE_CHECKING:
    import pyoxigraph as ox

Answer = Union["ox.QuerySolutions", "ox.QueryBoolean", Iterable["ox.Triple"]]
"""A query's answer, read once: the rows of a SELECT, the truth of an ASK, the triples of a CONSTRUCT or DESCRIBE."""

Build = Callable[["ox.Store"], object]
"""Writes a corpus's graphs into the store it is given: the pipeline's build, passed in by the caller, so that the store never imports the stages."""

DEFAULT_STORE = "memory"
STORES = ("memory", "oxigraph:PATH", "sparql:QUERY_URL")


class QuerySyntaxError(KgraphError, ValueError):
    """A query the backend cannot parse, located by 1-based line and column."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class StoreError(KgraphError, RuntimeError):
    """A store that cannot do what was asked: down, refusing, too slow, or answering garbage; one line."""


class Store(Protocol):
    """A SPARQL 1.1 store holding the named graphs of one build."""

    persistent: bool
    """True when the store keeps its graphs between commands (then it is queried as loaded)."""

    def prepare(self, text: str) -> Any:
        """Parse a query once; raise :class:`QuerySyntaxError` if it is not SPARQL 1.1."""

    def query(self, query: Any, bindings: Mapping[str, Term] | None = None) -> Answer:
        """Run a query (text, or what :meth:`prepare` returned) with variables bound to terms."""

    def replace_graphs(self, built: ox.Store) -> None:
        """Make the store hold the named graphs of a built store in place of those of the same corpora."""

    def load_file(self, path: Path, fmt: str | None = None) -> int:
        """Make the store hold the quads of an N-Quads or TriG file in place of those of the same corpora; returns a count for the user."""

    def load_nquads(self, path: Path) -> None:
        """Make the store hold the quads of an N-Quads file in place of those of the same corpora."""

    def load_built(self, build: Build, progress: Progress | None = None) -> int:
        """Make the store hold the graphs that ``build`` writes into the store it is given, in place of the old ones of the same corpora; returns a count for the user."""

    def close(self) -> None:
        """Release what the store holds."""


def open_store(spec: str = DEFAULT_STORE) -> Store:
    """The store named by ``spec``; a :class:`StoreError` names the known ones."""
    if spec == "memory":
        from kgraph.store.memory import MemoryStore

        return MemoryStore()
    kind, _, rest = spec.partition(":")
    if kind == "oxigraph" and rest:
        from kgraph.store.oxigraph import OxigraphStore

        return OxigraphStore(Path(rest))
    if kind == "sparql" and rest:
        from kgraph.store.sparql import SparqlStore

        return SparqlStore.from_spec(rest)
    raise StoreError(f"unknown store {spec!r}; known: {', '.join(STORES)}")
