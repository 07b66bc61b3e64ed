"""The graph explorer at ``/graph``: it opens on one claim (or the most contested ones) and grows a node's neighbours on click.

The browser asks ``/graph/neighbours?node=IRI`` for one node's neighbourhood, so a corpus of any size opens at once; the
whole network (as :mod:`kgraph.viz.network` draws it) is made once per version of the graph, on the server.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from kgraph.viz.html import style

STARTS = 3
"""Claims the explorer opens on when it is not given one: the most contested."""


def _node(network: Any, resolver: Any, iri: str) -> dict[str, Any]:
    data = network.nodes[iri]
    item = {"id": iri, "kind": data["kind"], "label": data["label"], "href": resolver.path(iri), "facts": [list(f) for f in data["facts"]]}
    if data.get("contested"):
        item["contested"] = True
    return item


def neighbourhood(network: Any, resolver: Any, iri: str) -> dict[str, Any]:
    """The node, its neighbours and the edges between it and them, in a stable order."""
    nodes = {iri} | set(network.successors(iri)) | set(network.predecessors(iri))
    edges = []
    for u, v, key, data in [*network.out_edges(iri, keys=True, data=True), *network.in_edges(iri, keys=True, data=True)]:
        edge = {"id": key, "from": u, "to": v, "kind": data["kind"], "facts": [list(f) for f in data["facts"]]}
        if data.get("stance"):
            edge["stance"] = data["stance"]
        if data.get("indirect"):
            edge["indirect"] = True
        edges.append(edge)
    return {"nodes": [_node(network, resolver, n) for n in sorted(nodes)], "edges": sorted(edges, key=lambda e: e["id"])}


def starting_claims(served: Any, claim_id: str | None) -> list[str]:
    """The claim asked for, or the most contested claims (by the infer package's contest score)."""
    ev = served.inference.evidence
    if claim_id:
        return [str(iri) for iri, claim in ev.claims.items() if claim.id == claim_id]
    ranked = sorted(ev.claims, key=lambda iri: (not served.inference.consensus[iri].contested, [-x for x in served.inference.contest.get(iri, (0, 0, 0))], str(iri)))
    return [str(iri) for iri in ranked if str(iri) in served.network][:STARTS]


async def page(request: Request) -> Response:
    """The explorer, opening on ``?claim=ID`` or on the most contested claims."""
    site = request.app.state.site
    served = await site.current.get()
    claim = request.query_params.get("claim")
    starts = starting_claims(served, claim)
    if claim and not starts:
        return HTMLResponse(site.pages.render("notfound.html.j2", served, path=f"/graph?claim={claim}"), status_code=404)
    data = {"starts": starts, "style": style()}
    return HTMLResponse(site.pages.render("graph.html.j2", served, data=data))


async def neighbours(request: Request) -> Response:
    """One node's neighbourhood as JSON, for the explorer to add."""
    site = request.app.state.site
    served = await site.current.get()
    iri = request.query_params.get("node", "")
    if iri not in served.network:
        return JSONResponse({"error": "no such node in the evidence network"}, status_code=404)
    return JSONResponse(neighbourhood(served.network, site.resolver(served), iri))
