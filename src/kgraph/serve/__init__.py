"""``kgraph serve``: the graph on the web, as a SPARQL 1.1 endpoint, as Linked Data at the path of every IRI, and as pages.

One ASGI application (Starlette, run by uvicorn) answers ``/sparql`` (the SPARQL 1.1 Protocol, read-only), the path of every
IRI under the corpus's base (its RDF by content negotiation, or its page), ``/`` (the corpus and its claims), ``/query`` (the
named queries as forms) and ``/graph`` (an explorer that grows from one claim). It runs as several processes; a process
whose query passes the time limit is replaced, which stops the query (:mod:`kgraph.serve.workers`). The pages are drawn from
the infer package's report data.

This package may import anything below the command line (the query front door, the store, the infer and viz packages);
never :mod:`kgraph.cli`, which only parses the options and starts it.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

LOOPBACK = ("127.0.0.1", "localhost", "::1")
ENVIRONMENT = "KGRAPH_SERVE_SETTINGS"
"""How the command hands its settings to the server processes, which uvicorn starts afresh."""
MAX_BODY = 1 << 20
"""Bytes of a request body, above which it is refused: a query, even a long one, is a few kilobytes."""


@dataclass(frozen=True)
class Settings:
    """What ``kgraph serve`` was told: the corpus, the store, where to listen and the limits."""

    data_dir: Path
    store: str = "memory"
    host: str = "127.0.0.1"
    port: int = 8000
    base_url: str | None = None
    timeout: float = 10.0
    allow_service: bool = False
    workers: int = 2
    threads: int = 4
    max_body: int = MAX_BODY

    def export(self) -> None:
        """Put the settings where the server processes read them (:meth:`from_environment`)."""
        os.environ[ENVIRONMENT] = json.dumps({**asdict(self), "data_dir": str(self.data_dir)})

    @classmethod
    def from_environment(cls) -> Settings:
        values = json.loads(os.environ[ENVIRONMENT])
        return cls(**{**values, "data_dir": Path(values["data_dir"])})


def exposure_warning(host: str) -> str | None:
    """What to tell the user when the server listens beyond this machine; None on the loopback."""
    if host in LOOPBACK or host.startswith("127."):
        return None
    everywhere = host in ("0.0.0.0", "::", "")
    where = "every address of this machine" if everywhere else host
    return f"listening on {where}: anyone who can reach it can read the whole graph (use --host 127.0.0.1 to keep it to this machine)"
