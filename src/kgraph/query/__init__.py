"""Asking the graph questions: the named queries in ``queries/``, their parameters, the W3C result formats, and the build cache that lets a question skip the build.

:func:`ask` is the front door that the command line, and any other client, goes through: it finds the query, checks and binds its
parameters, puts the corpus's current graph in the chosen store, and runs it. This package may import the pipeline and the stages
below it, and :mod:`kgraph.store`; never :mod:`kgraph.cli`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kgraph.progress import Progress
from kgraph.query import cache
from kgraph.query.named import QueryError, QueryFile, bind, check_names, check_records, display_path, resolve
from kgraph.store import DEFAULT_STORE, Answer, QuerySyntaxError, Store, open_store

__all__ = ["Asked", "QueryError", "ask", "load_corpus_graph"]


@dataclass(frozen=True)
class Asked:
    """A question's answer, with what it takes to show it: the query asked and the corpus's base IRI (for short ids)."""

    query: QueryFile
    answer: Answer
    base: str


def load_corpus_graph(backend: Store, data_dir: Path, progress: Progress | None = None) -> str:
    """Make ``backend`` hold the corpus's current graph and return its base IRI.

    A store that keeps its graphs (``oxigraph:``, ``sparql:``) is asked as ``kgraph load`` left it; the memory store is filled from
    the build cache, which rebuilds (and so validates) only when a data or ontology file changed.
    """
    if backend.persistent:
        from kgraph.corpus.records import corpus_base

        return corpus_base(data_dir)
    snapshot = cache.current(data_dir, progress)
    (progress or (lambda _: None))("loading the graph")
    if snapshot.store is not None:
        backend.replace_graphs(snapshot.store)
    else:
        backend.load_nquads(snapshot.path)
    return snapshot.base


@contextmanager
def ask(
    name_or_file: str, values: Mapping[str, str], data_dir: Path, store: str = DEFAULT_STORE, progress: Progress | None = None
) -> Iterator[Asked]:
    """Run a named query (or a ``.rq`` file) on a corpus with its parameters bound; the answer is read inside the ``with`` block.

    The query is parsed before the graph is loaded, so a mistake in it costs no build. Every error is a :class:`KgraphError`
    with one line that says what to do; a syntax error names the file, line and column.
    """
    chosen = resolve(name_or_file)
    check_names(chosen, values)
    backend = open_store(store)
    try:
        try:
            prepared = backend.prepare(chosen.text)
        except QuerySyntaxError as exc:
            raise QueryError(f"{display_path(chosen.path)}:{exc.line}:{exc.column}: syntax error: {exc.message}") from None
        base = load_corpus_graph(backend, data_dir, progress)
        bindings = bind(chosen, values, base)
        check_records(backend, chosen, bindings, values)
        (progress or (lambda _: None))("querying")
        yield Asked(chosen, backend.query(prepared, bindings), base)
    finally:
        backend.close()
