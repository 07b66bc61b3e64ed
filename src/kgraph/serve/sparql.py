"""The SPARQL 1.1 Protocol at ``/sparql``: queries by GET, by POST of a form and by POST of ``application/sparql-query``.

Read-only: an update, by any of the Protocol's ways, is refused with 403. ``SERVICE`` reaches other servers, so it is refused
(403) unless the server was started with ``--allow-service``. A query is checked by Oxigraph's parser here (400 with its line
and column) and run in a worker (:mod:`kgraph.serve.workers`); the answer is in the format content negotiation (or a
``format=``/``output=`` parameter) picks, 406 when none fits. Without a query, ``GET /sparql`` answers the Service Description.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from kgraph.query.results import graph
from kgraph.rdf.sparqltext import form_token, query_form, tokens
from kgraph.serve import media
from kgraph.serve.workers import Job

UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
READ_ONLY = "this SPARQL endpoint is read-only: updates are refused (change the data files, or load a store with `kgraph load`)"
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Refusal(Exception):
    """A request the endpoint will not answer, with its HTTP status and the one line the client reads."""

    status: int
    message: str


def text_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """A status and one line of plain text: how every refusal and error is told."""
    return Response(message + "\n", status_code=status, media_type="text/plain; charset=utf-8", headers=headers)


def content_type(value: str) -> str:
    """The media type of a Content-Type header, without its parameters."""
    return value.partition(";")[0].strip().lower()


def with_charset(kind: str) -> str:
    """Text formats say their encoding; JSON and the binary-safe ones do not need to."""
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind in (media.NTRIPLES, media.NQUADS, media.TRIG) else kind


async def parameters(request: Request) -> dict[str, list[str]]:
    """The Protocol's parameters from the URL and, for a POST, from the form or the ``application/sparql-query`` body.

    The body is at most the server's limit: :class:`kgraph.serve.security.Guard` refused a longer one.
    """
    params = urllib.parse.parse_qs(request.url.query, keep_blank_values=True)
    if request.method != "POST":
        return params
    kind = content_type(request.headers.get("content-type", ""))
    body = await request.body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal(400, "the request body is not UTF-8") from None
    if kind == FORM:
        for name, values in urllib.parse.parse_qs(text, keep_blank_values=True).items():
            params.setdefault(name, []).extend(values)
    elif kind == "application/sparql-query":
        params.setdefault("query", []).append(text)
    elif kind == "application/sparql-update":
        raise Refusal(403, READ_ONLY)
    else:
        raise Refusal(415, "POST a query as application/sparql-query, or as a form (application/x-www-form-urlencoded) with query=")
    return params


def checked_query(params: dict[str, list[str]], allow_service: bool) -> tuple[str, str]:
    """The one query of the request and its form; a :class:`Refusal` for an update, SERVICE, anything but a query, or a dataset.

    The query is parsed where it runs, in a worker, which reports a syntax error with its line and column (400).
    """
    if "update" in params:
        raise Refusal(403, READ_ONLY)
    queries = params.get("query", [])
    if len(queries) != 1:
        raise Refusal(400, "give exactly one query= parameter")
    if params.get("default-graph-uri") or params.get("named-graph-uri"):
        raise Refusal(400, "this endpoint queries the union of its named graphs; use GRAPH in the query instead of default-graph-uri or named-graph-uri")
    text = queries[0]
    first = form_token(text)
    if first is not None and first.group().upper() in UPDATE_WORDS:
        raise Refusal(403, READ_ONLY)
    if not allow_service and "service" in text.lower() and any(t.lastgroup == "word" and t.group().upper() == "SERVICE" for t in tokens(text)):
        raise Refusal(403, "SERVICE is refused: this server does not query other servers unless started with --allow-service")
    form = query_form(text)
    if form is None:
        raise Refusal(400, "not a SPARQL query: it must be a SELECT, ASK, CONSTRUCT or DESCRIBE")
    return text, form


def answer_type(request: Request, params: dict[str, list[str]], form: str) -> str:
    """The media type to answer in: ``format=``/``output=`` if it names one that fits the form, else the ``Accept`` header."""
    is_graph = form in ("CONSTRUCT", "DESCRIBE")
    offered = media.GRAPH_TYPES if is_graph else media.ASK_TYPES if form == "ASK" else media.SELECT_TYPES
    for name in (*params.get("format", []), *params.get("output", [])):
        chosen = media.by_name(name, is_graph)
        if chosen in offered:
            return chosen
    chosen = media.choose(request.headers.get("accept", ""), offered)
    if chosen is None:
        raise Refusal(406, f"a {form} answer can be had as {', '.join(offered)}; the Accept header allows none of them")
    return chosen


def service_description(request: Request, endpoint: str) -> Response:
    """The SPARQL 1.1 Service Description of the endpoint, in the RDF syntax the client accepts."""
    from importlib.resources import files

    description = files("kgraph.serve").joinpath("service-description.ttl").read_bytes()
    triples = [quad.triple for quad in ox.parse(description, ox.RdfFormat.TURTLE, base_iri=endpoint)]
    chosen = media.choose(request.headers.get("accept", ""), media.GRAPH_TYPES) or media.TURTLE
    return Response(graph(triples, media.RDF_FORMATS[chosen]), media_type=with_charset(chosen), headers={"Vary": "Accept"})


async def endpoint(request: Request) -> Response:
    """``/sparql``: the service description, a refusal, or the query's answer."""
    site = request.app.state.site
    try:
        params = await parameters(request)
        if request.method == "GET" and "query" not in params and "update" not in params:
            return service_description(request, site.endpoint_url(request))
        text, form = checked_query(params, site.settings.allow_service)
        chosen = answer_type(request, params, form)
    except Refusal as refusal:
        return text_response(refusal.status, refusal.message)
    served = await site.current.get()
    body = await site.pool.run(Job(served.backend, text, chosen))
    return Response(body, media_type=with_charset(chosen), headers={"Vary": "Accept"})
