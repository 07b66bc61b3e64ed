"""The query page at ``/query``: the named queries to start from, their parameters as form fields, the answer as a table.

It needs no script and nothing from elsewhere. A query's text can be edited before it runs; its ``# Parameters:`` header
(the grammar of ``queries/README.md``) gives the form's fields, and the values are bound as typed terms
(:func:`kgraph.query.named.bind`), never pasted into the text. The same form downloads the answer in a W3C format.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from kgraph.errors import KgraphError
from kgraph.query.named import QueryFile, bind, named_queries, parse_header, read_query
from kgraph.rdf.sparqltext import with_values
from kgraph.serve import media
from kgraph.serve.sparql import Refusal, checked_query, with_charset
from kgraph.serve.workers import Job

DOWNLOADS = {"csv": media.CSV, "tsv": media.TSV, "json": media.JSON_RESULTS, "xml": media.XML_RESULTS}
GRAPH_DOWNLOADS = {"turtle": media.TURTLE, "nt": media.NTRIPLES, "jsonld": media.JSONLD, "rdfxml": media.RDFXML}
EXTENSIONS = {"csv": "csv", "tsv": "tsv", "json": "json", "xml": "xml", "turtle": "ttl", "nt": "nt", "jsonld": "jsonld", "rdfxml": "rdf"}
PARAMETER = "p."
"""Form fields named ``p.NAME`` hold the value of the parameter NAME."""


def catalogue() -> list[QueryFile]:
    """Every named query, read with its header."""
    return [read_query(path, name) for name, path in named_queries().items()]


async def page(request: Request) -> Response:
    """The list, the chosen query's form, and (for a POST) its answer or its download."""
    site = request.app.state.site
    served = await site.current.get()
    if request.method == "POST":
        body = (await request.body()).decode("utf-8", "replace")
        fields = dict(urllib.parse.parse_qsl(body, keep_blank_values=True))
    else:
        fields = dict(request.query_params)
    queries = catalogue()
    chosen = next((q for q in queries if q.name == fields.get("name")), None)
    text = fields.get("text") or (chosen.text if chosen else "")
    context: dict[str, Any] = {"queries": queries, "chosen": chosen, "text": text, "name": fields.get("name", "")}
    try:
        header = parse_header(text, "the query") if text else None
    except KgraphError as exc:
        header, context["error"] = None, str(exc)
    parameters = header.parameters if header else ()
    given = {p.name: fields[PARAMETER + p.name] for p in parameters if PARAMETER + p.name in fields}
    context["parameters"] = [(p, given.get(p.name, p.example)) for p in parameters]
    if request.method == "POST" and header is not None and "error" not in context:
        try:
            query = QueryFile(chosen.name if chosen else "query", Path("query.rq"), text, header)
            bound = with_values(text, bind(query, given, served.base))
            _, form = checked_query({"query": [bound]}, site.settings.allow_service)
        except Refusal as refusal:
            context["error"] = refusal.message
        except KgraphError as exc:
            context["error"] = str(exc)
        else:
            download = fields.get("format", "html")
            is_graph = form in ("CONSTRUCT", "DESCRIBE")
            kinds = GRAPH_DOWNLOADS if is_graph else DOWNLOADS
            if download in kinds and not (form == "ASK" and download in ("csv", "tsv")):
                body = await site.pool.run(Job(served.backend, bound, kinds[download]))
                filename = f"{query.name}.{EXTENSIONS[download]}"
                return Response(body, media_type=with_charset(kinds[download]), headers={"Content-Disposition": f'attachment; filename="{filename}"'})
            context.update(await answer(site, served, bound, form))
            context["downloads"] = [k for k in kinds if not (form == "ASK" and k in ("csv", "tsv"))]
    return HTMLResponse(site.pages.render("query.html.j2", served, **context), status_code=400 if "error" in context else 200)


async def answer(site: Any, served: Any, text: str, form: str) -> dict[str, Any]:
    """The answer as the page's table: column names and rows of terms (a graph answer as subject, property, value)."""
    if form in ("CONSTRUCT", "DESCRIBE"):
        data = await site.pool.run(Job(served.backend, text, media.NTRIPLES))
        rows = [(q.subject, q.predicate, q.object) for q in ox.parse(data, ox.RdfFormat.N_TRIPLES)]
        return {"columns": ["subject", "property", "value"], "rows": rows}
    result = ox.parse_query_results(await site.pool.run(Job(served.backend, text, media.JSON_RESULTS)), ox.QueryResultsFormat.JSON)
    if isinstance(result, ox.QueryBoolean):
        return {"boolean": bool(result)}
    return {"columns": [v.value for v in result.variables], "rows": [tuple(row) for row in result]}
