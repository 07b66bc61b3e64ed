"""Queries on threads of the server's processes, and a process that ran past the time limit replaced: the only way to stop it.

pyoxigraph (0.5) has no time limit and cannot be interrupted from Python: it releases the GIL while it evaluates, so a query
on a thread lets the server go on, but the thread cannot be stopped and keeps a core busy until the query ends (a cross
product of the bundled corpus runs for 39 s). Sending each query to a separate worker process that can be killed stops it,
but costs two process hand-offs a query: on this shared 2-core machine that server reached 0.6x the throughput of
``oxigraph serve`` on the named queries, against 1.2x for threads (bench/README.md). So the server runs as several processes
(uvicorn's supervisor, which restarts one that ends), each answering HTTP and running its queries on threads of its own; a
query that passes the limit gets 503 at once, and its process stops taking requests, finishes the ones it has, and exits,
which ends the query; the supervisor starts a fresh process in its place.
"""

from __future__ import annotations

import asyncio
import logging
import os
import queue
import signal
import threading
from dataclasses import dataclass
from typing import Any

from kgraph.errors import KgraphError
from kgraph.store import QuerySyntaxError, Store, StoreError

log = logging.getLogger("kgraph.serve")


@dataclass(frozen=True)
class Job:
    """A query for a thread: the store it is asked of, its text with the parameters bound, and the answer's media type."""

    store: Store
    text: str
    media: str


class QueryFailed(KgraphError):
    """The query cannot be answered as sent (a syntax error, a parameter that cannot be bound)."""


class QueryTimeout(KgraphError):
    """The query ran past the time limit; its process is being replaced, which stops it."""


class Busy(KgraphError):
    """Every query thread of this process stayed busy for the whole time limit."""


def encode(answer: Any, media: str) -> bytes:
    """An answer in the W3C format of ``media``: result formats for SELECT and ASK, RDF syntaxes for graphs."""
    from kgraph.query.results import graph
    from kgraph.serve.media import RDF_FORMATS, RESULT_FORMATS

    if media in RESULT_FORMATS:
        return answer.serialize(format=RESULT_FORMATS[media])
    return graph(answer, RDF_FORMATS[media])


def _answer(job: Job) -> bytes:
    """Run a job; every error a user can cause becomes a KgraphError with one line."""
    try:
        return encode(job.store.query(job.text), job.media)
    except QuerySyntaxError as exc:
        raise QueryFailed(f"line {exc.line}, column {exc.column}: {exc.message}") from None
    except StoreError:
        raise
    except KgraphError as exc:
        raise QueryFailed(str(exc)) from None
    except OSError as exc:
        raise StoreError(f"the store could not answer: {exc}") from None


class Pool:
    """A fixed number of daemon threads that run queries; a query past ``timeout`` gets :class:`QueryTimeout` and ends the process.

    Daemon threads, so that the process can exit while a query still runs on one of them. A thread counts as busy until its
    query ends, even one already answered with 503.
    """

    def __init__(self, size: int, timeout: float) -> None:
        self.timeout = timeout
        self.jobs: queue.SimpleQueue[tuple[Job, asyncio.AbstractEventLoop, asyncio.Future[bytes]] | None] = queue.SimpleQueue()
        self.free = asyncio.Semaphore(size)
        self.threads = [threading.Thread(target=self._work, daemon=True, name=f"kgraph-query-{n}") for n in range(size)]
        self.stopping = False
        for thread in self.threads:
            thread.start()

    def _work(self) -> None:
        while (item := self.jobs.get()) is not None:
            job, loop, future = item
            try:
                result: tuple[bytes | None, BaseException | None] = (_answer(job), None)
            except BaseException as exc:
                result = (None, exc)
            try:
                loop.call_soon_threadsafe(self._done, future, result)
            except RuntimeError:
                return

    def _done(self, future: asyncio.Future[bytes], result: tuple[bytes | None, BaseException | None]) -> None:
        self.free.release()
        value, error = result
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(value or b"")

    async def run(self, job: Job) -> bytes:
        """The answer's bytes; :class:`QueryTimeout` past the limit, :class:`StoreError` when the store fails."""
        try:
            await asyncio.wait_for(self.free.acquire(), self.timeout)
        except TimeoutError:
            raise Busy(f"every query thread stayed busy for {self.timeout:g} s; try again in a moment") from None
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self.jobs.put((job, asyncio.get_running_loop(), future))
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.timeout)
        except TimeoutError:
            self.overrun()
            raise QueryTimeout(f"the query ran past the time limit of {self.timeout:g} s and was stopped (kgraph serve --timeout SECONDS)") from None

    def overrun(self) -> None:
        """Stop this process as uvicorn stops on SIGTERM (no new requests, the current ones finished); the query ends with it."""
        if not self.stopping:
            self.stopping = True
            log.warning("a query ran past %g s: this server process stops and a new one takes its place", self.timeout)
            os.kill(os.getpid(), signal.SIGTERM)

    def close(self) -> None:
        for _ in self.threads:
            self.jobs.put(None)
