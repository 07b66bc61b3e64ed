"""An embedded Oxigraph store on disk (``oxigraph:PATH``): persistent, and answers at native speed.

Queries run in pyoxigraph over the union of all named graphs (:class:`Native`,
shared with the memory store). Parameters are bound by the same VALUES block as
on a server (:mod:`kgraph.rdf.sparqltext`): pyoxigraph's own substitutions
refuse a variable the query does not project.

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
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kgraph.progress import Progress
from kgraph.rdf.sparqltext import SpliceError, form_token, query_form, with_values
from kgraph.rdf.terms import Term
from kgraph.store import Answer, Build, QuerySyntaxError, StoreError
from kgraph.store.loading import BLOCK, LoadsFiles, file_format, located, nquads_blocks, replaced

_LOCATION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_PREFIXED_NAME = re.compile(r"([A-Za-z][\w.-]*)?:[^\s]*$")
_EMPTY = ox.Store()
MAX_MESSAGE = 160


def sibling(path: Path, state: str) -> Path:
    """The folder beside a store where a load stages its new state, so that a killed load can be recovered."""
    return path.with_name(f"{path.name}.kgraph-{state}")


def recover(path: Path) -> None:
    """Finish a swap that passed its commit, undo one that did not, and clear what is left."""
    ready = sibling(path, "ready")
    if ready.is_dir() and not path.exists():
        ready.rename(path)
    for state in ("ready", "new", "old"):
        shutil.rmtree(sibling(path, state), ignore_errors=True)


class Native(ABC):
    """Asking a pyoxigraph store (``self.store``): what the memory and the Oxigraph stores share."""

    where: str

    @property
    @abstractmethod
    def store(self) -> ox.Store:
        """The pyoxigraph store asked; each backend says where it comes from."""

    def prepare(self, text: str) -> str:
        check_syntax(text)
        return text

    def query(self, query: Any, bindings: Mapping[str, Term] | None = None) -> Answer:
        try:
            return self.store.query(with_values(query, bindings or {}), use_default_graph_as_union=True)
        except SpliceError as exc:
            raise StoreError(str(exc)) from None
        except SyntaxError as exc:
            raise syntax_error(query, str(exc)) from None
        except OSError as exc:
            raise StoreError(f"{self.where} could not answer: {exc}") from None


class OxigraphStore(Native, LoadsFiles):
    """A :class:`kgraph.store.Store` in a pyoxigraph database folder."""

    persistent = True

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.where = f"the Oxigraph store at {self.path}"
        self._store: ox.Store | None = None

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            recover(self.path)
            self._store = _open(self.path)
        return self._store

    def load_file(self, path: Path, fmt: str | None = None) -> int:
        """Replace the corpora the file holds; returns how many quads the store holds now."""
        return self._replace(lambda target: _bulk_load(target, path, fmt or file_format(path)))

    def load_built(self, build: Build, progress: Progress | None = None) -> int:
        """Build straight into the new store (no file in between); returns how many quads the store holds now."""
        return self._replace(build, progress)

    def _replace(self, fill: Callable[[ox.Store], object], progress: Progress | None = None) -> int:
        """Fill a new store, add the live graphs it does not replace, and swap it in; the old content stays until the swap."""
        recover(self.path)
        live = self.store if self.path.exists() else None
        new = sibling(self.path, "new")
        target = _open(new)
        try:
            fill(target)
            if live is not None:
                _keep(target, live)
        except BaseException:
            del target
            gc.collect()
            shutil.rmtree(new, ignore_errors=True)
            raise
        del live
        (progress or (lambda _: None))("committing the new store")
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


def fill(target: ox.Store, path: Path, fmt: str, live: ox.Store | None) -> None:
    """Bulk-load the file into ``target``, then every graph of ``live`` that the file does not replace."""
    _bulk_load(target, path, fmt)
    if live is not None:
        _keep(target, live)


def _bulk_load(target: ox.Store, path: Path, fmt: str, size: int = BLOCK) -> None:
    """Load a file block by block (:func:`nquads_blocks`), so memory stays bounded whatever its size."""
    first = 0
    try:
        for first, block in nquads_blocks(path, fmt, size):
            target.bulk_load(input=block, format=ox.RdfFormat.N_QUADS)
    except (OSError, SyntaxError, ValueError) as exc:
        raise StoreError(f"{path}: not loaded: {located(str(exc), first)}") from None
    if next(iter(target.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        raise StoreError(f"{path}: has triples outside any named graph; kgraph loads named graphs only")


def _keep(target: ox.Store, live: ox.Store) -> None:
    """Copy into ``target`` every graph of ``live`` that its own graphs do not replace."""
    loaded = {g.value for g in target.named_graphs()}
    existing = list(live.named_graphs())
    gone = replaced((g.value for g in existing), loaded)
    target.bulk_extend(_quads(live, [g for g in existing if g.value not in gone]))


def check_syntax(text: str) -> None:
    """Parse the query (by asking an empty store); raise :class:`QuerySyntaxError` where it breaks."""
    if query_form(text) is None:
        token = form_token(text)
        at = token.start() if token is not None else 0
        line = text.count("\n", 0, at) + 1
        raise QuerySyntaxError("kgraph asks queries: SELECT, ASK, CONSTRUCT or DESCRIBE (`kgraph load` writes)", line, at - (text.rfind("\n", 0, at) + 1) + 1)
    try:
        _EMPTY.query(text)
    except SyntaxError as exc:
        raise syntax_error(text, str(exc)) from None


def syntax_error(text: str, message: str) -> QuerySyntaxError:
    """Oxigraph's ``error at LINE:COLUMN: ...`` as a located error; an undeclared prefix is named."""
    at = _LOCATION.match(message)
    if not at:
        return QuerySyntaxError(_short(message), 1, 1)
    line, column, detail = int(at.group(1)), int(at.group(2)), at.group(3)
    if "Prefix not found" in detail:
        lines = text.splitlines()
        before = lines[line - 1][: column - 1] if line <= len(lines) else ""
        name = _PREFIXED_NAME.search(before)
        if name:
            prefix = name.group(1) or ""
            return QuerySyntaxError(f"unknown prefix {prefix}: (declare it: PREFIX {prefix}: <...>)", line, name.start() + 1)
    return QuerySyntaxError(_short(f"{_found(text, line, column)}; {detail}"), line, column)


def _found(text: str, line: int, column: int) -> str:
    """What stands where the parser stopped: ``unexpected "}"``, or the end of the query."""
    lines = text.splitlines()
    rest = lines[line - 1][column - 1 :].split() if line <= len(lines) else []
    if rest:
        return f"unexpected {rest[0][:20]!r}"
    return "unexpected end of the query" if not text[_offset(lines, line, column) :].strip() else "unexpected end of the line"


def _offset(lines: list[str], line: int, column: int) -> int:
    return sum(len(item) + 1 for item in lines[: line - 1]) + column - 1


def _short(message: str) -> str:
    """One line; Oxigraph lists every character class it expected, which helps nobody past a few."""
    message = " ".join(message.split())
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 3].rstrip() + "..."


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
