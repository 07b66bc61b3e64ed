"""Linked Data: the path of every IRI under the corpus's base answers with that resource.

``https://w3id.org/kgraph/kyphoplasty/claim/bkp-low-risk`` is served at ``/kgraph/kyphoplasty/claim/bkp-low-risk`` (the
base's own path), or under ``--base-url`` when a deployment serves the base elsewhere. A browser gets the resource's page;
an RDF client gets its description (``queries/describe.rq``: its own statements, its quotes, and the statements that name it,
from every named graph) in Turtle, N-Triples, JSON-LD or RDF/XML, or in TriG and N-Quads with each statement's graph, chosen
by ``Accept`` or by a suffix (``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``, ``.trig``, ``.nq``); every answer varies by ``Accept``.
The path is only ever looked up in the graph, never on disk.
"""

from __future__ import annotations

import urllib.parse

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from kgraph.query.results import graph
from kgraph.rdf import prefixes
from kgraph.rdf.sparqltext import Folder, with_values
from kgraph.serve import media
from kgraph.serve.sparql import text_response, with_charset
from kgraph.serve.workers import Job

QUERIES = Folder("kgraph.serve", "queries")


class Resolver:
    """Between an IRI under the corpus's base and the path this server answers it at.

    >>> at_home = Resolver("https://w3id.org/kgraph/k/")
    >>> at_home.iri("/kgraph/k/claim/x"), at_home.path("https://w3id.org/kgraph/k/claim/x")
    ('https://w3id.org/kgraph/k/claim/x', '/kgraph/k/claim/x')
    >>> elsewhere = Resolver("https://w3id.org/kgraph/k/", "https://example.org/evidence/")
    >>> elsewhere.iri("/evidence/claim/x"), elsewhere.iri("/kgraph/k/claim/x"), elsewhere.path("https://schema.org/Claim")
    ('https://w3id.org/kgraph/k/claim/x', None, None)
    """

    def __init__(self, base: str, base_url: str | None = None) -> None:
        self.base = base
        self.mount = urllib.parse.urlsplit(base_url or base).path or "/"
        if not self.mount.endswith("/"):
            self.mount += "/"

    def iri(self, path: str) -> str | None:
        """The IRI a request path stands for; None for a path outside the base."""
        if not path.startswith(self.mount) or path == self.mount:
            return None
        return self.base + path[len(self.mount) :]

    def path(self, iri: str) -> str | None:
        """Where this server answers an IRI; None for an IRI outside the base (it is shown, not linked)."""
        if not iri.startswith(self.base) or len(iri) == len(self.base):
            return None
        return self.mount + iri[len(self.base) :]


def split_suffix(rest: str) -> tuple[str, str | None]:
    """``claim/x.ttl`` -> (``claim/x``, text/turtle); a path without a known suffix keeps it all."""
    for suffix, kind in media.SUFFIXES.items():
        if rest.endswith(suffix):
            return rest[: -len(suffix)], kind
    return rest, None


def node(iri: str) -> ox.NamedNode | None:
    """The IRI as a term; None when it is not a valid IRI (a path with spaces or brackets names nothing)."""
    try:
        return ox.NamedNode(iri)
    except ValueError:
        return None


async def describe(site, served, resource: ox.NamedNode) -> list[ox.Quad]:
    """The resource's description as quads in a stable order; empty when the graph does not know it."""
    text = with_values(QUERIES.text("describe"), {"resource": resource})
    return sorted(set(quads_of(await site.pool.run(Job(served.backend, text, media.JSON_RESULTS)))), key=str)


def quads_of(results: bytes) -> list[ox.Quad]:
    """The rows of an ``?s ?p ?o ?g`` SELECT, in SPARQL JSON, as quads."""
    answer = ox.parse_query_results(results, ox.QueryResultsFormat.JSON)
    assert isinstance(answer, ox.QuerySolutions)
    return [ox.Quad(s, p, o, g) for s, p, o, g in answer]


def serialize(quads: list[ox.Quad], kind: str) -> bytes:
    """The description in an RDF syntax: the graph of each statement kept in TriG and N-Quads, dropped in the others."""
    if kind in media.DATASET_FORMATS:
        used = {p: iri for p, iri in prefixes.PREFIXES.items() if any(iri in str(q) for q in quads)}
        data = ox.serialize(quads, format=media.DATASET_FORMATS[kind], prefixes=used if kind == media.TRIG else None) or b""
        return data if data.endswith(b"\n") else data + b"\n"
    return graph({q.triple for q in quads}, media.RDF_FORMATS[kind])


async def resource(request: Request) -> Response:
    """The resource at this path, as a page or as RDF."""
    site = request.app.state.site
    served = await site.current.get()
    resolver = site.resolver(served)
    iri = resolver.iri(request.scope["path"])
    if iri is None:
        return await site.pages.not_found(request, served)
    rest, kind = split_suffix(iri)
    if kind is None:
        kind = media.choose(request.headers.get("accept", ""), media.RESOURCE_TYPES)
        if kind is None:
            return text_response(406, f"this resource can be had as {', '.join(media.RESOURCE_TYPES)}; the Accept header allows none", {"Vary": "Accept"})
    subject = node(rest)
    key = (rest, kind, tuple(site.current.problems))
    cached = served.responses.get(key)
    if cached is not None:
        return Response(cached, media_type=with_charset(kind), headers={"Vary": "Accept"})
    quads = await describe(site, served, subject) if subject is not None else []
    if subject is None or not quads:
        return await site.pages.not_found(request, served)
    if kind == media.HTML:
        body = site.pages.resource(served, subject.value, quads).encode("utf-8")
    else:
        body = serialize(quads, kind)
    served.remember(key, body)
    return Response(body, media_type=with_charset(kind), headers={"Vary": "Accept"})
