"""Content negotiation: the media types kgraph answers in, and which one a client's ``Accept`` header (or ``format=``) asks for.

SELECT and ASK answers go out in the W3C SPARQL 1.1 result formats, graphs in the W3C RDF syntaxes, and a resource's description
also in the two that keep each statement's named graph (TriG, N-Quads).

>>> choose("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", [TURTLE, HTML])
'text/html'
>>> choose("application/n-triples;q=0.5, text/turtle", [HTML, TURTLE, NTRIPLES])
'text/turtle'
>>> choose("text/csv", [JSON_RESULTS]) is None
True
>>> choose("", [JSON_RESULTS, XML_RESULTS])
'application/sparql-results+json'
"""

from __future__ import annotations

import pyoxigraph as ox

HTML = "text/html"
JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"
TRIG = "application/trig"
NQUADS = "application/n-quads"

RESULT_FORMATS = {
    JSON_RESULTS: ox.QueryResultsFormat.JSON,
    XML_RESULTS: ox.QueryResultsFormat.XML,
    CSV: ox.QueryResultsFormat.CSV,
    TSV: ox.QueryResultsFormat.TSV,
}
RDF_FORMATS = {TURTLE: ox.RdfFormat.TURTLE, NTRIPLES: ox.RdfFormat.N_TRIPLES, JSONLD: ox.RdfFormat.JSON_LD, RDFXML: ox.RdfFormat.RDF_XML}
DATASET_FORMATS = {TRIG: ox.RdfFormat.TRIG, NQUADS: ox.RdfFormat.N_QUADS}

SELECT_TYPES = [JSON_RESULTS, XML_RESULTS, CSV, TSV]
ASK_TYPES = [JSON_RESULTS, XML_RESULTS]
GRAPH_TYPES = [TURTLE, NTRIPLES, JSONLD, RDFXML]
RESOURCE_TYPES = [HTML, *GRAPH_TYPES, TRIG, NQUADS]

ALIASES = {"application/json": JSON_RESULTS, "application/xml": XML_RESULTS, "text/plain": NTRIPLES, "application/x-turtle": TURTLE}
"""Types some clients ask for, meaning one that kgraph answers in."""

NAMES = {
    "json": (JSON_RESULTS, JSONLD),
    "xml": (XML_RESULTS, RDFXML),
    "csv": (CSV, None),
    "tsv": (TSV, None),
    "turtle": (None, TURTLE),
    "ttl": (None, TURTLE),
    "nt": (None, NTRIPLES),
    "ntriples": (None, NTRIPLES),
    "jsonld": (None, JSONLD),
    "rdfxml": (None, RDFXML),
}
"""``format=NAME`` as a link gives it (a link cannot set ``Accept``): the type for results, and for a graph."""

SUFFIXES = {".ttl": TURTLE, ".nt": NTRIPLES, ".jsonld": JSONLD, ".rdf": RDFXML, ".trig": TRIG, ".nq": NQUADS, ".html": HTML}
EXTENSIONS = {media: suffix for suffix, media in SUFFIXES.items()}


def _ranges(accept: str) -> list[tuple[str, str, float]]:
    """``Accept`` as (type, subtype, q); a malformed q counts as 0, so it never wins."""
    out = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = ALIASES.get(fields[0].lower(), fields[0].lower())
        if "/" not in media:
            continue
        q = 1.0
        for field in fields[1:]:
            name, _, value = field.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        kind, _, sub = media.partition("/")
        out.append((kind, sub, q))
    return out


def quality(media: str, ranges: list[tuple[str, str, float]]) -> float:
    """The q of the most specific range that matches ``media`` (RFC 9110 §12.5.1); 0 when none does."""
    kind, _, sub = media.partition("/")
    best, specific = 0.0, -1
    for r_kind, r_sub, q in ranges:
        if (r_kind, r_sub) == (kind, sub):
            rank = 2
        elif r_kind == kind and r_sub == "*":
            rank = 1
        elif (r_kind, r_sub) == ("*", "*"):
            rank = 0
        else:
            continue
        if rank > specific:
            best, specific = q, rank
    return best


def choose(accept: str, offered: list[str]) -> str | None:
    """The offered type the client prefers, ties going to the earlier offer; the first when no ``Accept`` is sent."""
    if not accept.strip():
        return offered[0] if offered else None
    ranges = _ranges(accept)
    scored = [(quality(media, ranges), -index, media) for index, media in enumerate(offered)]
    q, _, media = max(scored, default=(0.0, 0, None))
    return media if q > 0 else None


def by_name(name: str, graph: bool) -> str | None:
    """The media type a ``format=`` value names (a short name or a type), for a result set or for a graph; None if none."""
    name = name.strip().lower()
    if name in NAMES:
        return NAMES[name][1 if graph else 0]
    name = ALIASES.get(name, name)
    known = GRAPH_TYPES if graph else SELECT_TYPES
    return name if name in known else None
