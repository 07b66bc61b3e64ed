"""Queries in worker processes that can be stopped: the only way to end a query that runs too long.

pyoxigraph (0.5) has no time limit and cannot be interrupted: it releases the GIL while it evaluates, so a query in a thread
lets the server go on, but the thread cannot be stopped and goes on using a core until the query ends (a cross product of
the bundled corpus runs for 39 s). So each query runs in one of a few worker processes, each holding the graph; a query
that passes the time limit has its worker killed and replaced, and the client gets 503. A worker answers with the bytes of
the W3C format asked for, so the server process never holds a large answer as Python objects.

A worker of the memory store loads the N-Quads of the current build (``Job.source``) and loads again when it changes; one
of an ``oxigraph:`` store opens it read-only (several processes may); one of a ``sparql:`` store sends the query on.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import sys
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kgraph.errors import KgraphError
from kgraph.store import QuerySyntaxError, StoreError


@dataclass(frozen=True)
class Job:
    """A query for a worker: the graph it is asked of, the query text with its parameters bound, and the answer's media type."""

    source: str
    text: str
    media: str


class QueryFailed(KgraphError):
    """The query cannot be answered as sent (a syntax error, a parameter that cannot be bound)."""


class QueryTimeout(KgraphError):
    """The query ran past the time limit and its worker was stopped."""


class Busy(KgraphError):
    """Every worker stayed busy for the whole time limit."""


class WorkerFailed(KgraphError):
    """A worker failed in a way that is a bug; the server's log has the traceback, the client only this line."""


def encode(answer: Any, media: str) -> bytes:
    """An answer in the W3C format of ``media``: result formats for SELECT and ASK, RDF syntaxes for graphs."""
    from kgraph.query.results import graph
    from kgraph.serve.media import RDF_FORMATS, RESULT_FORMATS

    if media in RESULT_FORMATS:
        return answer.serialize(format=RESULT_FORMATS[media])
    return graph(answer, RDF_FORMATS[media])


def _open(spec: str, source: str):
    from kgraph.store import open_store

    if spec == "memory":
        backend = open_store("memory")
        backend.load_nquads(Path(source))
        return backend
    return open_store(spec, read_only=True)


def serve_jobs(conn: Connection, spec: str) -> None:
    """A worker's life: answer jobs until the server closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    backend, loaded = None, None
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        reply: tuple[str, bytes | str]
        try:
            if backend is None or job.source != loaded:
                backend, loaded = _open(spec, job.source), job.source
            reply = ("ok", encode(backend.query(job.text), job.media))
        except StoreError as exc:
            reply = ("store", str(exc))
        except QuerySyntaxError as exc:
            reply = ("query", f"line {exc.line}, column {exc.column}: {exc.message}")
        except KgraphError as exc:
            reply = ("query", str(exc))
        except OSError as exc:
            reply = ("store", f"the store could not answer: {exc}")
        except Exception:
            traceback.print_exc(file=sys.stderr)
            reply = ("internal", "the query failed inside the server; the server's log says why")
        conn.send(reply)


class Worker:
    """One worker process and the server's end of its pipe."""

    def __init__(self, spec: str) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=serve_jobs, args=(child, spec), daemon=True, name="kgraph-serve-worker")
        self.process.start()
        child.close()

    async def call(self, job: Job, timeout: float) -> tuple[str, Any]:
        """Send a job and wait for its reply; raises TimeoutError when none comes in time (the worker is then unusable)."""
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        fd = self.conn.fileno()
        self.conn.send(job)
        loop.add_reader(fd, lambda: None if ready.done() else ready.set_result(None))
        try:
            await asyncio.wait_for(ready, timeout)
        finally:
            loop.remove_reader(fd)
            os.set_blocking(fd, True)  # uvloop leaves a watched descriptor non-blocking; a long answer is read in several parts
        return self.conn.recv()

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


class Pool:
    """A fixed number of workers; a job waits for a free one, and a worker that runs too long or dies is replaced."""

    def __init__(self, spec: str, size: int, timeout: float) -> None:
        self.spec = spec
        self.size = size
        self.timeout = timeout
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.workers: list[Worker] = []

    async def start(self, source: str) -> None:
        """Start the workers and have each load the graph, so that the first queries do not wait for it."""
        self.workers = [Worker(self.spec) for _ in range(self.size)]
        for worker in self.workers:
            await worker.call(Job(source, "ASK {}", "application/sparql-results+json"), max(self.timeout, 60.0))
            self.idle.put_nowait(worker)

    def _replace(self, worker: Worker) -> Worker:
        worker.stop()
        fresh = Worker(self.spec)
        self.workers = [fresh if w is worker else w for w in self.workers]
        return fresh

    async def run(self, job: Job) -> bytes:
        """The answer's bytes; :class:`QueryTimeout` past the limit, :class:`StoreError` when the store fails."""
        try:
            worker = await asyncio.wait_for(self.idle.get(), self.timeout)
        except TimeoutError:
            raise Busy(f"every query worker stayed busy for {self.timeout:g} s; try again in a moment") from None
        try:
            kind, value = await worker.call(job, self.timeout)
        except TimeoutError:
            worker = self._replace(worker)
            raise QueryTimeout(f"the query ran past the time limit of {self.timeout:g} s and was stopped (kgraph serve --timeout SECONDS)") from None
        except (EOFError, OSError):
            worker = self._replace(worker)
            raise WorkerFailed("a query worker stopped; it has been restarted, try again") from None
        except BaseException:
            worker = self._replace(worker)
            raise
        finally:
            self.idle.put_nowait(worker)
        if kind == "ok":
            return value
        if kind == "store":
            raise StoreError(value)
        if kind == "query":
            raise QueryFailed(value)
        raise WorkerFailed(value)

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.workers = []
