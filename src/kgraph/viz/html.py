"""The evidence network as one self-contained HTML page, safe to open offline.

pyvis's own template loads bootstrap from a CDN even with
``cdn_resources='in_line'``, and vis-network shows a string ``title`` as
HTML in some versions, so the page is written from kgraph's template: the
vis-network script and style that pyvis ships are inlined, the data is JSON
inside a ``<script type="application/json">`` element (``<``, ``>`` and ``&``
escaped), every text reaches the page through ``textContent``, and a
Content-Security-Policy forbids any request and any script but the page's
own (by hash). Nodes, edges and positions are sorted and rounded, so the
same network gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape

from kgraph.viz.layout import positions
from kgraph.viz.network import EVIDENCE, months_label

PHYSICS_LIMIT = 500
VIS_VERSION = "vis-9.1.2"


def _static() -> Path:
    return Path(str(importlib_resources.files("kgraph.viz").joinpath("static")))


def pyvis_lib() -> Path:
    """The folder of the vis-network script and style that pyvis ships: the drawings and the server's explorer use it."""
    import pyvis

    return Path(pyvis.__file__).parent / "templates" / "lib" / VIS_VERSION


@cache
def style() -> dict[str, Any]:
    """Colours, shapes and widths of the drawing, shared with the evidence map."""
    return json.loads((_static() / "style.json").read_text(encoding="utf-8"))


@cache
def _assets() -> dict[str, str]:
    """The inlined scripts and styles; none may close its element early."""
    assets = {
        "vis_js": (pyvis_lib() / "vis-network.min.js").read_text(encoding="utf-8"),
        "vis_css": (pyvis_lib() / "vis-network.css").read_text(encoding="utf-8"),
        "js": (_static() / "graph.js").read_text(encoding="utf-8"),
        "css": (_static() / "graph.css").read_text(encoding="utf-8"),
    }
    for name, text in assets.items():
        if "</script" in text.lower() or "</style" in text.lower():
            raise ValueError(f"{name} closes its own element; it cannot be inlined")
    return assets


@cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(_static()), autoescape=select_autoescape(default=True), keep_trailing_newline=True)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    return env


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _sizes(network: nx.MultiDiGraph) -> dict[str, float]:
    """Node sizes from ``weight``, square-root scaled within each kind; a claim's certainty rank is its weight."""
    low, high = style()["sizes"]["min"], style()["sizes"]["max"]
    heaviest: dict[str, float] = {}
    for _, data in network.nodes(data=True):
        heaviest[data["kind"]] = max(heaviest.get(data["kind"], 0), data["weight"])
    out = {}
    for node, data in network.nodes(data=True):
        top = heaviest[data["kind"]]
        share = math.sqrt(data["weight"] / top) if top else 0.0
        out[node] = round(low + (high - low) * share, 1)
    return out


def time_key(months: float | None) -> str:
    """The value of the time-point filter for a finding: its months, or ``unknown``."""
    return "unknown" if months is None else f"{months:g}"


def page_data(network: nx.MultiDiGraph, *, physics: bool) -> dict[str, Any]:
    """Everything the page's script needs, in plain JSON types and in a fixed order.

    Nodes and edges are numbered in IRI order and carry only what the drawing
    and the filters need (the page styles them from ``style``); their IRIs
    and the texts of the tooltips and the details panel are in ``about``.
    Short ids keep a 10,000-node page small and quick to parse.
    """
    look = style()
    place = positions(network)
    size = _sizes(network)
    order = sorted(network)
    number = {node: i for i, node in enumerate(order)}
    nodes, about_nodes = [], []
    for node in order:
        data = network.nodes[node]
        item = {"kind": data["kind"], "label": _short(data["label"], look["label_length"]), "size": size[node]}
        item.update(x=place[node][0], y=place[node][1])
        if data.get("contested"):
            item["contested"] = True
        nodes.append(item)
        about_nodes.append({"iri": node, "name": data["label"], "facts": [list(pair) for pair in data["facts"]]})
    edges, about_edges = [], []
    for u, v, key, data in sorted(network.edges(keys=True, data=True), key=lambda e: e[2]):
        item = {"from": number[u], "to": number[v], "kind": data["kind"]}
        if data["kind"] in EVIDENCE:
            item.update(stance=data["stance"], time=time_key(data["months"]))
            if data["indirect"]:
                item["indirect"] = True
        edges.append(item)
        about_edges.append({"iri": key, "facts": [list(pair) for pair in data["facts"]]})
    months = {data["months"] for *_, data in network.edges(data=True) if data["kind"] in EVIDENCE}
    times = [[time_key(m), months_label(m) or "time point not reported"] for m in sorted(months, key=lambda m: (m is None, m or 0.0))]
    return {
        "nodes": nodes,
        "edges": edges,
        "about": {"nodes": about_nodes, "edges": about_edges},
        "times": times,
        "physics": physics,
        "style": look,
    }


def render_html(network: nx.MultiDiGraph, *, title: str, notes: list[str] | None = None) -> bytes:
    """The page for ``network``; physics runs in the browser only below :data:`PHYSICS_LIMIT` nodes."""
    assets = _assets()
    data = page_data(network, physics=network.number_of_nodes() <= PHYSICS_LIMIT)
    kinds = {kind: sum(1 for _, k in network.nodes(data="kind") if k == kind) for kind in style()["kinds"]}
    html = (
        _environment()
        .get_template("graph.html.j2")
        .render(
            title=title,
            notes=notes or [],
            data=data,
            counts={"nodes": network.number_of_nodes(), "edges": network.number_of_edges(), **kinds},
            style=style(),
            script_hashes=" ".join(_csp_hash(assets[name]) for name in ("vis_js", "js")),
            **assets,
        )
    )
    return html.encode("utf-8")
