"""An embedded Oxigraph store on disk (``oxigraph:PATH``): persistent, and answers at native speed.

Queries run in pyoxigraph over the union of all named graphs. Parameters are
bound by the same VALUES block as on a server (:mod:`kgraph.store.sparqltext`):
pyoxigraph's own substitutions refuse a variable the query does not project. Results are turned into
rdflib results so that formatting is the same for every store; each distinct
term is converted once.

A load must leave the previous content if it is killed, yet pyoxigraph's only
transactional writes hold the whole change in memory. So a load builds a new
store beside the old one with the streaming bulk loader (the file loaded, plus
every graph of the old store that the load does not replace), and then swaps
the folders::

    PATH.kgraph-new    being written; removed if found later
    PATH.kgraph-ready  complete; kept only if PATH is missing
    PATH -> PATH.kgraph-old -> removed     (the rename is the commit)

Opening a store finishes or undoes a swap that was interrupted, so PATH always
holds the old content or the new, never a mixture. One process at a time may
hold the store (RocksDB locks it); an Oxigraph server must not serve PATH while
kgraph loads into it.
"""

from __future__ import annotations

import gc
import re
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Node

from kgraph.store import QuerySyntaxError, StoreError
from kgraph.store.loading import LoadsFiles, file_format, ox_format, replaced
from kgraph.store.sparqltext import SpliceError, with_values

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LOCATION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def sibling(path: Path, state: str) -> Path:
    return path.with_name(f"{path.name}.kgraph-{state}")


def recover(path: Path) -> None:
    """Finish a swap that passed its commit, undo one that did not, and clear what is left."""
    ready = sibling(path, "ready")
    if ready.is_dir() and not path.exists():
        ready.rename(path)
    for state in ("ready", "new", "old"):
        shutil.rmtree(sibling(path, state), ignore_errors=True)


class OxigraphStore(LoadsFiles):
    """A :class:`kgraph.store.Store` in a pyoxigraph database folder."""

    persistent = True

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._store: ox.Store | None = None

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            recover(self.path)
            self._store = _open(self.path)
        return self._store

    def prepare(self, text: str) -> Any:
        from kgraph.store.memory import MemoryStore

        MemoryStore().prepare(text)
        return text

    def query(self, query: Any, bindings: Mapping[str, Node] | None = None) -> Result:
        try:
            answer = self.store.query(with_values(query, bindings or {}), use_default_graph_as_union=True)
        except SpliceError as exc:
            raise StoreError(str(exc)) from None
        except SyntaxError as exc:
            raise syntax_error(str(exc)) from None
        except OSError as exc:
            raise StoreError(f"the Oxigraph store at {self.path} could not answer: {exc}") from None
        return to_result(answer)

    def load_file(self, path: Path, fmt: str | None = None) -> int:
        """Replace the corpora the file holds; returns how many quads the store holds now."""
        fmt = fmt or file_format(path)
        recover(self.path)
        live = self.store if self.path.exists() else None
        new = sibling(self.path, "new")
        target = _open(new)
        try:
            target.bulk_load(path=str(path), format=ox_format(fmt))
        except (OSError, SyntaxError, ValueError) as exc:
            del target
            shutil.rmtree(new, ignore_errors=True)
            raise StoreError(f"{path}: not loaded: {exc}") from None
        if next(iter(target.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
            del target
            shutil.rmtree(new, ignore_errors=True)
            raise StoreError(f"{path}: has triples outside any named graph; kgraph loads named graphs only")
        loaded = {g.value for g in target.named_graphs()}
        if live is not None:
            existing = list(live.named_graphs())
            gone = replaced((g.value for g in existing), loaded)
            target.bulk_extend(_quads(live, [g for g in existing if g.value not in gone]))
            del live
        target.flush()
        total = len(target)
        del target
        gc.collect()
        new.rename(sibling(self.path, "ready"))
        self.close()
        if self.path.exists():
            self.path.rename(sibling(self.path, "old"))
        recover(self.path)
        return total

    def close(self) -> None:
        self._store = None
        gc.collect()


def syntax_error(message: str) -> QuerySyntaxError:
    """Oxigraph's ``error at LINE:COLUMN: ...`` as a located error."""
    at = _LOCATION.match(message)
    if at:
        return QuerySyntaxError(at.group(3), int(at.group(1)), int(at.group(2)))
    return QuerySyntaxError(message, 1, 1)


def _open(path: Path) -> ox.Store:
    try:
        return ox.Store(str(path))
    except OSError as exc:
        reason = "another process holds it" if "lock" in str(exc).lower() else str(exc)
        raise StoreError(f"cannot open the Oxigraph store at {path}: {reason}") from None


def _quads(store: ox.Store, graphs: list[Any]) -> Iterator[ox.Quad]:
    yield from store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    for graph in graphs:
        yield from store.quads_for_pattern(None, None, None, graph)


class _Terms(dict):
    """pyoxigraph term -> rdflib term, each converted once: results repeat the same terms."""

    def __missing__(self, term: Any) -> Node:
        if isinstance(term, ox.NamedNode):
            converted: Node = URIRef(term.value)
        elif isinstance(term, ox.Literal):
            if term.language:
                converted = Literal(term.value, lang=term.language)
            elif term.datatype.value == _XSD_STRING:
                converted = Literal(term.value)
            else:
                converted = Literal(term.value, datatype=URIRef(term.datatype.value))
        elif isinstance(term, ox.BlankNode):
            converted = BNode(term.value)
        else:
            raise StoreError(f"Oxigraph returned a term kgraph cannot represent: {term!r}")
        self[term] = converted
        return converted


def to_result(answer: Any) -> Result:
    """A pyoxigraph answer as an rdflib :class:`Result` of the same form."""
    terms = _Terms()
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QueryTriples):
        result = Result("CONSTRUCT")
        graph = Graph()
        for triple in answer:
            graph.add((terms[triple.subject], terms[triple.predicate], terms[triple.object]))
        result.graph = graph
        return result
    result = Result("SELECT")
    names = [Variable(v.value) for v in answer.variables]
    result.vars = names
    result.bindings = [{name: terms[value] for name, value in zip(names, row) if value is not None} for row in answer]
    return result
