"""The graph being served, and a curator's edit picked up at the next request.

With the memory store, every request first compares the size and time of each file the build reads (cheap); when one
changed, the build cache's fingerprint decides (:func:`kgraph.query.cache.current`): a rebuild validates the corpus, and a
corpus that no longer validates leaves the last good graph served, its problems shown on every page until they are mended.
A persistent store (``oxigraph:``, ``sparql:``) is served as ``kgraph load`` left it; the pages are drawn from a copy of the
corpus's graphs read from it when the server starts.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Mapping
from dataclasses import InitVar, dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from starlette.concurrency import run_in_threadpool

from kgraph import resources
from kgraph.corpus.records import Corpus, load_corpus
from kgraph.errors import CorpusError, KgraphError
from kgraph.infer import Inference, infer
from kgraph.infer.evidence import local_id
from kgraph.query import cache
from kgraph.rdf.sparqltext import Folder, with_values
from kgraph.serve import Settings
from kgraph.serve.media import JSON_RESULTS
from kgraph.serve.workers import Job, Pool
from kgraph.store import Store, open_store
from kgraph.store.memory import MemoryStore

QUERIES = Folder("kgraph.serve", "queries")
MAX_REMEMBERED = 4096


@dataclass
class Served:
    """One version of the graph, with what the pages need: the local store, the inferred evidence, the corpus's settings."""

    source: str
    corpus: Corpus
    store: ox.Store
    given: InitVar[Store | None] = None
    backend: Store = field(init=False)
    """What queries are asked of: the persistent store being served (``given``), else a memory store over ``store`` itself."""
    inference: Inference = field(init=False)
    responses: dict[tuple, bytes] = field(default_factory=dict, repr=False)
    """Answers already made from this version (a page, a description): the same graph gives the same bytes."""

    def __post_init__(self, given: Store | None) -> None:
        if given is None:
            memory = MemoryStore()
            memory.replace_graphs(self.store)
            given = memory
        self.backend = given
        self.inference = infer(self.store, self.corpus.base)

    def remember(self, key: tuple, body: bytes) -> None:
        if len(self.responses) < MAX_REMEMBERED:
            self.responses[key] = body

    @property
    def base(self) -> str:
        return self.corpus.base

    @cached_property
    def network(self):
        """The whole evidence network (nodes and edges as the drawings have them), for the explorer's neighbourhoods."""
        from kgraph.viz.network import evidence_network

        return evidence_network(self.store)

    @cached_property
    def kinds(self) -> dict[str, str]:
        """The record kind of every record's IRI: which page it gets."""
        ev = self.inference.evidence
        tables: dict[str, Mapping[URIRef, object]] = {"claim": ev.claims, "study": ev.studies, "source": ev.sources, "term": ev.terms, "statement": ev.statements, "finding": ev.findings}
        return {str(iri): kind for kind, table in tables.items() for iri in table}

    @cached_property
    def ids(self) -> dict[tuple[str, str], str]:
        """(kind, record id) -> IRI, for the report's ids."""
        return {(kind, local_id(URIRef(iri))): iri for iri, kind in self.kinds.items()}

    @cached_property
    def texts(self) -> dict[str, str]:
        """Each source's saved text, by the source's IRI."""
        from kgraph.serve.pages import saved_texts

        return saved_texts(self.store, self.corpus.texts)

    @cached_property
    def counts(self) -> dict[str, int]:
        from kgraph.pipeline import COUNTED, COUNTS

        records = dict(COUNTS.rows(self.store, "records-per-class"))
        return {name: records.get(cls, 0) for name, cls in COUNTED.items()}


class Watch:
    """The files a build reads, and the folders that hold them: a stat of each says, cheaply, whether anything changed.

    A file added or removed changes its folder's time, so the list is made again only then; an edit changes the file's.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.paths = self._scan()

    def _scan(self) -> list[Path]:
        files = [path for _, path in cache.input_files(self.data_dir)]
        roots = (self.data_dir, resources.ontology_dir())
        folders = set(roots)
        for path in files:
            folders.update(p for p in path.parents if any(root in p.parents for root in roots))
        return sorted(folders) + files

    def stamp(self) -> tuple:
        """Size and modification time of every file and folder watched; a folder that changed makes the list again."""
        out: list[tuple[str, int | None, int | None]] = []
        for path in self.paths:
            try:
                info = path.stat()
            except OSError:
                out.append((str(path), None, None))
                continue
            out.append((str(path), info.st_size, info.st_mtime_ns))
        return tuple(out)

    def rescan(self) -> None:
        self.paths = self._scan()


class Current:
    """The last good graph, and the problems of the data on disk when it does not validate."""

    def __init__(self, settings: Settings, pool: Pool) -> None:
        self.settings = settings
        self.pool = pool
        self.served: Served | None = None
        self.problems: list[str] = []
        self._stamp: tuple | None = None
        self._watch = Watch(settings.data_dir)
        self._lock = asyncio.Lock()

    @property
    def watches(self) -> bool:
        return self.settings.store == "memory"

    async def start(self) -> Served:
        """The first graph; a corpus that does not build is an error the command reports before serving anything."""
        if self.watches:
            self._stamp = self._watch.stamp()
            self.served = await run_in_threadpool(self._build)
        else:
            corpus = load_corpus(self.settings.data_dir)
            backend = await run_in_threadpool(open_store, self.settings.store, True)
            store = await self._copy(backend, corpus.base)
            self.served = await run_in_threadpool(Served, "", corpus, store, backend)
        return self.served

    async def get(self) -> Served:
        """The graph to answer this request from, rebuilt first if a data file changed since the last request."""
        assert self.served is not None, "start() first"
        if not self.watches:
            return self.served
        stamp = self._watch.stamp()
        if stamp == self._stamp:
            return self.served
        async with self._lock:
            if self._watch.stamp() != self._stamp:
                try:
                    self.served = await run_in_threadpool(self._build)
                    self.problems = []
                except CorpusError as exc:
                    self.problems = [str(p) for p in exc.problems]
                    self.served = await run_in_threadpool(self._last_good)
                except KgraphError as exc:
                    self.problems = [str(exc)]
                    self.served = await run_in_threadpool(self._last_good)
                self._watch.rescan()
                self._stamp = self._watch.stamp()
                gc.freeze()
        return self.served

    def _build(self) -> Served:
        """The corpus's graph from the build cache (a rebuild when its fingerprint changed); raises CorpusError."""
        return self._serve(cache.current(self.settings.data_dir))

    def _last_good(self) -> Served:
        """The last graph that validated, which may be newer than this process's: another process may have built it."""
        snapshot = cache.last_good(self.settings.data_dir)
        assert self.served is not None
        try:
            return self._serve(snapshot) if snapshot is not None else self.served
        except (KgraphError, OSError):
            return self.served

    def _serve(self, snapshot: cache.Snapshot) -> Served:
        if self.served is not None and self.served.source == str(snapshot.path):
            return self.served
        store = snapshot.store
        if store is None:
            store = ox.Store()
            store.bulk_load(path=str(snapshot.path), format=ox.RdfFormat.N_QUADS)
        return Served(str(snapshot.path), load_corpus(self.settings.data_dir), store)

    async def _copy(self, backend: Store, base: str) -> ox.Store:
        """The corpus's graphs of a persistent store, read through a worker into a store of this process."""
        from kgraph.serve.linked import quads_of

        text = with_values(QUERIES.text("corpus-quads"), {"prefix": ox.Literal(base + "graph/")})
        store = ox.Store()
        store.extend(quads_of(await self.pool.run(Job(backend, text, JSON_RESULTS))))
        return store
