"""Any SPARQL 1.1 server (``sparql:QUERY_URL``): queries over the Protocol, loads over the Graph Store Protocol.

The spec names the query endpoint and, optionally, the update and Graph Store
Protocol endpoints, which a load needs::

    sparql:http://127.0.0.1:7878/query,update=http://127.0.0.1:7878/update,store=http://127.0.0.1:7878/store
    sparql:http://127.0.0.1:8890/sparql,update=http://127.0.0.1:8890/sparql,store=http://127.0.0.1:8890/sparql-graph-crud

``KGRAPH_SPARQL_UPDATE_URL`` and ``KGRAPH_SPARQL_STORE_URL`` give them too.
Credentials come only from ``KGRAPH_SPARQL_USER`` and ``KGRAPH_SPARQL_PASSWORD``
(Digest or Basic, as the server asks) and are never printed; a URL carrying
credentials is refused. Every request has a timeout (``KGRAPH_SPARQL_TIMEOUT``
seconds, default 60); a refused or reset connection and HTTP 502/503/504 are
tried again, three times in all, with a short pause; anything else that goes
wrong (down, refusing, too slow, an error, an answer that is not SPARQL
results) is one :class:`~kgraph.store.StoreError` line.

The server is expected to answer queries over the union of its graphs, as the
memory store does (Oxigraph: ``--union-default-graph``; Virtuoso does so
natively, its own system graph included). Queries ask for SPARQL JSON results,
or N-Triples for CONSTRUCT and DESCRIBE, and are parsed with pyoxigraph's W3C
parsers into the same answers the other stores give; parameters travel as a
VALUES block (:mod:`kgraph.rdf.sparqltext`).

A load sends each graph to a staging graph (``urn:kgraph:staging:`` and the
graph's IRI) in requests of at most :data:`CHUNK` triples, then swaps every
staged graph into place, and drops the corpus's graphs the file no longer has,
in one SPARQL Update request. Until that request, the live graphs are
untouched, so an interrupted load leaves them as they were; the staged copies
it leaves behind are replaced by the next load (and, on a server whose default
graph is the union of all graphs, are seen by queries until then). Whether the
swap itself is atomic is the server's: Oxigraph and Virtuoso run one update
request as one transaction. A server with the Graph Store Protocol but no
update endpoint gets each graph written in place (PUT, then POST) and stale
graphs deleted one by one: the same final content, but an interrupted load
leaves a mixture of old and new graphs.
"""

from __future__ import annotations

import os
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kgraph.rdf.sparqltext import Folder, SpliceError, query_form, substitute, with_values
from kgraph.rdf.terms import Term
from kgraph.store import Answer, StoreError
from kgraph.store.loading import LoadsFiles, chunks, file_format, replaced
from kgraph.store.oxigraph import check_syntax

ENV_USER = "KGRAPH_SPARQL_USER"
ENV_PASSWORD = "KGRAPH_SPARQL_PASSWORD"
ENV_UPDATE = "KGRAPH_SPARQL_UPDATE_URL"
ENV_GRAPH_STORE = "KGRAPH_SPARQL_STORE_URL"
ENV_TIMEOUT = "KGRAPH_SPARQL_TIMEOUT"
DEFAULT_TIMEOUT = 60.0
TRIES = 3
PAUSE = 0.5
CHUNK = 10_000
STAGING = "urn:kgraph:staging:"
RESULTS_JSON = "application/sparql-results+json"
GRAPH_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_REQUESTS = Folder("kgraph.store", "requests")
_OPTION = re.compile(r",(update|store)=")


@dataclass(frozen=True)
class Endpoints:
    """A server's URLs: the query endpoint, and where updates and graph-store loads go."""

    query: str
    update: str | None = None
    graph_store: str | None = None


@dataclass(frozen=True)
class Prepared:
    """A query checked by Oxigraph's parser, with its form, ready to send as text."""

    text: str
    form: str


def parse_spec(rest: str, environ: Mapping[str, str] = os.environ) -> Endpoints:
    """``QUERY_URL[,update=URL][,store=URL]``, with the environment filling what the spec leaves out."""
    parts = _OPTION.split(rest)
    options = dict(zip(parts[1::2], parts[2::2]))
    endpoints = Endpoints(
        query=parts[0],
        update=options.get("update") or environ.get(ENV_UPDATE) or None,
        graph_store=options.get("store") or environ.get(ENV_GRAPH_STORE) or None,
    )
    for url in filter(None, (endpoints.query, endpoints.update, endpoints.graph_store)):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise StoreError("a sparql: store needs http(s) URLs, e.g. sparql:http://127.0.0.1:7878/query")
        if parsed.username or parsed.password:
            raise StoreError(f"put the user and password in {ENV_USER} and {ENV_PASSWORD}, not in the store URL")
    return endpoints


def where(url: str) -> str:
    """A URL as it may be printed: no credentials, no query string."""
    parsed = urllib.parse.urlsplit(url)
    host = (parsed.hostname or "") + (f":{parsed.port}" if parsed.port else "")
    return urllib.parse.urlunsplit((parsed.scheme, host, parsed.path, "", ""))


class Http:
    """Requests with a timeout, Digest or Basic credentials from the environment, and a bounded retry."""

    def __init__(self, urls: list[str], timeout: float, user: str | None, password: str | None) -> None:
        handlers: list[urllib.request.BaseHandler] = []
        if user:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, urls, user, password or "")
            handlers += [urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)]
        self.opener = urllib.request.build_opener(*handlers)
        self.timeout = timeout
        self.has_credentials = bool(user)

    def send(self, method: str, url: str, body: bytes | None, headers: dict[str, str], what: str) -> tuple[Message, bytes]:
        """The response's headers and body; ``what`` names the request in an error line."""
        for attempt in range(1, TRIES + 1):
            request = urllib.request.Request(url, data=body, headers=headers, method=method)
            try:
                with self.opener.open(request, timeout=self.timeout) as response:
                    return response.headers, response.read()
            except urllib.error.HTTPError as exc:
                if exc.code in (502, 503, 504) and attempt < TRIES:
                    time.sleep(PAUSE * attempt)
                    continue
                raise self._refused(exc, url, what) from None
            except (TimeoutError, socket.timeout):
                raise StoreError(f"the SPARQL server at {where(url)} did not answer {what} within {self.timeout:g} s (set {ENV_TIMEOUT} to wait longer)") from None
            except (urllib.error.URLError, ConnectionError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                if isinstance(reason, (TimeoutError, socket.timeout)):
                    raise StoreError(f"the SPARQL server at {where(url)} did not answer {what} within {self.timeout:g} s (set {ENV_TIMEOUT} to wait longer)") from None
                if attempt < TRIES and isinstance(reason, (ConnectionRefusedError, ConnectionResetError)):
                    time.sleep(PAUSE * attempt)
                    continue
                raise StoreError(f"cannot reach the SPARQL server at {where(url)} ({_reason(reason)}, {attempt} tries); is it running?") from None
        raise AssertionError("unreachable")

    def _refused(self, exc: urllib.error.HTTPError, url: str, what: str) -> StoreError:
        if exc.code in (401, 403):
            hint = "check" if self.has_credentials else "set"
            return StoreError(f"the SPARQL server at {where(url)} refused {what}: HTTP {exc.code}; {hint} {ENV_USER} and {ENV_PASSWORD}")
        try:
            text = exc.read().decode("utf-8", "replace")
        except OSError:
            text = ""
        detail = " ".join(text.split())[:200]
        return StoreError(f"the SPARQL server at {where(url)} refused {what}: HTTP {exc.code}" + (f": {detail}" if detail else ""))


def _short(exc: Exception) -> str:
    """A parser's complaint in one short line."""
    text = " ".join(str(exc).split())
    return text if len(text) <= 120 else text[:117] + "..."


def _reason(reason: Any) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ConnectionResetError):
        return "connection reset"
    return str(getattr(reason, "strerror", None) or reason)


class SparqlStore(LoadsFiles):
    """A :class:`kgraph.store.Store` on a SPARQL 1.1 server."""

    persistent = True

    def __init__(self, endpoints: Endpoints, http: Http) -> None:
        self.endpoints = endpoints
        self.http = http

    @classmethod
    def from_spec(cls, rest: str, environ: Mapping[str, str] = os.environ) -> SparqlStore:
        endpoints = parse_spec(rest, environ)
        try:
            timeout = float(environ.get(ENV_TIMEOUT) or DEFAULT_TIMEOUT)
        except ValueError:
            raise StoreError(f"{ENV_TIMEOUT} must be a number of seconds") from None
        urls = [u for u in (endpoints.query, endpoints.update, endpoints.graph_store) if u]
        return cls(endpoints, Http(urls, timeout, environ.get(ENV_USER), environ.get(ENV_PASSWORD)))

    def prepare(self, text: str) -> Prepared:
        check_syntax(text)
        return Prepared(text, query_form(text) or "")

    def query(self, query: Any, bindings: Mapping[str, Term] | None = None) -> Answer:
        prepared = query if isinstance(query, Prepared) else self.prepare(query)
        try:
            text = with_values(prepared.text, bindings or {})
        except SpliceError as exc:
            raise StoreError(str(exc)) from None
        graph_form = prepared.form in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5" if graph_form else RESULTS_JSON
        headers, body = self.http.send(
            "POST",
            self.endpoints.query,
            urllib.parse.urlencode({"query": text}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
            "the query",
        )
        return self._graph(headers, body) if graph_form else self._results(headers, body)

    def _results(self, headers: Message, body: bytes) -> Answer:
        kind = headers.get_content_type()
        if kind not in (RESULTS_JSON, "application/json"):
            raise self._garbage(f"a {kind} document instead of SPARQL JSON results")
        try:  # rows are parsed as they are read: read them all once, so that garbage is found here
            answer = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
            if isinstance(answer, ox.QuerySolutions):
                list(answer)
        except (SyntaxError, ValueError) as exc:
            raise self._garbage(f"SPARQL JSON results it could not read ({_short(exc)})") from None
        return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)

    def _graph(self, headers: Message, body: bytes) -> Answer:
        kind = headers.get_content_type()
        if kind not in GRAPH_TYPES:
            raise self._garbage(f"a {kind} document instead of RDF")
        try:
            return [quad.triple for quad in ox.parse(body, GRAPH_TYPES[kind])]
        except (SyntaxError, ValueError) as exc:
            raise self._garbage(f"RDF it could not read ({_short(exc)})") from None

    def _garbage(self, what: str) -> StoreError:
        return StoreError(f"the SPARQL server at {where(self.endpoints.query)} answered {what}")

    def named_graphs(self) -> set[str]:
        result = self.query(_REQUESTS.text("named-graphs"))
        if not isinstance(result, ox.QuerySolutions):
            raise self._garbage("no rows to a SELECT")
        return {row[0].value for row in result if isinstance(row[0], ox.NamedNode)}

    def load_file(self, path: Path, fmt: str | None = None) -> int:
        """Replace the corpora the file holds, graph by graph; returns how many triples were sent."""
        fmt = fmt or file_format(path)
        store_url = self.endpoints.graph_store
        if store_url is None:
            raise StoreError(f"loading needs the server's Graph Store Protocol URL: add ,store=URL to the sparql: spec or set {ENV_GRAPH_STORE}")
        staged = self.endpoints.update is not None
        sent: set[str] = set()
        count = 0
        try:
            for batch in chunks(path, fmt, CHUNK):
                for graph, lines in batch.items():
                    target = STAGING + graph if staged else graph
                    method = "POST" if graph in sent else "PUT"
                    self.http.send(method, _graph_url(store_url, target), "".join(lines).encode(), {"Content-Type": "text/turtle"}, f"graph {graph}")
                    sent.add(graph)
                    count += len(lines)
        except (ValueError, SyntaxError, OSError) as exc:
            raise StoreError(f"{path}: not loaded: {exc}") from None
        existing = self.named_graphs()
        live = {g for g in existing if not g.startswith(STAGING)}
        stale = replaced(live, sent) - sent
        if not staged:
            for graph in sorted(stale):
                self.http.send("DELETE", _graph_url(store_url, graph), None, {}, f"deleting graph {graph}")
            return count
        leftovers = {g for g in existing if g.startswith(STAGING) and g[len(STAGING) :] not in sent and replaced({g[len(STAGING) :]}, sent)}
        drop = _REQUESTS.text("drop-graph.ru")
        swap = _REQUESTS.text("replace-graph.ru")
        operations = [substitute(drop, {"graph": ox.NamedNode(g)}) for g in sorted(stale | leftovers)]
        operations += [substitute(swap, {"target": ox.NamedNode(g), "staging": ox.NamedNode(STAGING + g)}) for g in sorted(sent)]
        self.update(" ;\n".join(operations))
        return count

    def update(self, text: str) -> None:
        if self.endpoints.update is None:
            raise StoreError(f"this store has no update URL: add ,update=URL to the sparql: spec or set {ENV_UPDATE}")
        self.http.send(
            "POST",
            self.endpoints.update,
            urllib.parse.urlencode({"update": text}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
            "the update",
        )

    def close(self) -> None:
        """Nothing to release: every request opens and closes its own connection."""


def _graph_url(store_url: str, graph: str) -> str:
    """The Graph Store Protocol address of one graph (indirect identification, ``?graph=``)."""
    joiner = "&" if urllib.parse.urlsplit(store_url).query else "?"
    return store_url + joiner + urllib.parse.urlencode({"graph": graph})
