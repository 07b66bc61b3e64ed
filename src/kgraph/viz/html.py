"""The evidence network as one self-contained HTML page, safe to open offline.

Nodes and edges are built with pyvis's ``Network``; the page is written from
kgraph's own template with pyvis's network data, because pyvis's template
loads bootstrap from a CDN even with ``cdn_resources='in_line'`` and
vis-network shows a string ``title`` as HTML in some versions. The
vis-network script and style that pyvis ships are inlined, the data is JSON
inside a ``<script type="application/json">`` element (``<``, ``>`` and ``&``
escaped), every text reaches the page through ``textContent`` or the
canvas, and a Content-Security-Policy forbids any request and any script but
the page's own (by hash). Positions come from :mod:`kgraph.viz.layout`; the
page draws the first part at once and the others when asked. Nodes, edges
and positions are sorted and rounded, so the same network gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import KeysView
from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from kgraph.viz.labels import text_width, wrap
from kgraph.viz.layout import Footprint, Room, layout
from kgraph.viz.network import EVIDENCE, months_label
from kgraph.viz.select import parts

FIRST_VIEW = 200
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


class _Network(Network):
    """pyvis's ``Network``, answering ``get_nodes`` from its dict of nodes instead of its list of ids.

    ``add_edge`` looks both ends up in ``get_nodes()``; in a list that is a
    scan per edge: 3.5 to 7.3 s for the 22,089 edges of the generated
    10,000-node graph here, against 0.04 s (bench/README.md).
    """

    def get_nodes(self) -> KeysView[Any]:
        return self.node_map.keys()


Edge = tuple[str, str, str, dict[str, Any]]


def _pyvis(network: nx.MultiDiGraph, edges: list[Edge]) -> tuple[_Network, list[dict[str, Any]]]:
    """The drawing as a pyvis ``Network`` and its captions.

    Nodes are numbered in IRI order, their labels wrapped, placed and cut
    into parts; ``edges`` come in the order the page numbers them.
    """
    look = style()
    text = look["labels"]
    size = _sizes(network)
    labels = {node: wrap(network.nodes[node]["label"], width=text["width"], lines=text["lines"], size=text["size"]) for node in network}
    footprints = {node: Footprint(max(text_width(line, text["size"]) for line in lines), len(lines), size[node]) for node, lines in labels.items()}
    room = Room(line=text["size"] * text["line_height"], gap=text["gap"], narrowest=text["narrowest"], caption_size=text["caption_size"])
    placed = layout(network, parts(network, FIRST_VIEW), footprints, room)
    number = {node: i for i, node in enumerate(sorted(network))}
    drawing = _Network(directed=True)
    for node, i in number.items():
        data = network.nodes[node]
        extra: dict[str, Any] = {"part": placed.part[node]} if placed.part[node] else {}
        if data.get("contested"):
            extra["contested"] = True
        x, y = placed.positions[node]
        shape = look["kinds"][data["kind"]]["shape"]
        drawing.add_node(i, label="\n".join(labels[node]), shape=shape, group=data["kind"], size=size[node], x=x, y=y, **extra)
    for u, v, _, data in edges:
        item = {"kind": data["kind"]}
        if data["kind"] in EVIDENCE:
            item.update(stance=data["stance"], time=time_key(data["months"]))
            if data["indirect"]:
                item["indirect"] = True
        drawing.add_edge(number[u], number[v], **item)
    captions = [{"text": c.text, "x": c.x, "y": c.y, "part": c.part, "band": c.band} for c in placed.captions]
    return drawing, captions


def page_data(network: nx.MultiDiGraph) -> dict[str, Any]:
    """Everything the page's script needs, in plain JSON types and in a fixed order.

    Nodes and edges are pyvis's, numbered in IRI order, and carry only what
    the drawing and the filters need (the page styles them from ``style``);
    their IRIs and the texts of the tooltips and the details panel are in
    ``about``. Short ids keep a 10,000-node page small and quick to parse.
    """
    in_order: list[Edge] = sorted(network.edges(keys=True, data=True), key=lambda e: e[2])
    drawing, captions = _pyvis(network, in_order)
    nodes, edges, *_ = drawing.get_network_data()
    about_nodes = [
        {"iri": node, "name": network.nodes[node]["label"], "facts": [list(pair) for pair in network.nodes[node]["facts"]]}
        for node in sorted(network)
    ]
    about_edges = [{"iri": key, "facts": [list(pair) for pair in data["facts"]]} for _, _, key, data in in_order]
    months = {data["months"] for *_, data in network.edges(data=True) if data["kind"] in EVIDENCE}
    times = [[time_key(m), months_label(m) or "time point not reported"] for m in sorted(months, key=lambda m: (m is None, m or 0.0))]
    return {
        "nodes": nodes,
        "edges": edges,
        "captions": captions,
        "about": {"nodes": about_nodes, "edges": about_edges},
        "times": times,
        "style": style(),
    }


def render_html(network: nx.MultiDiGraph, *, title: str, notes: list[str] | None = None) -> bytes:
    """The page for ``network``, drawn from the positions computed here (no physics in the browser)."""
    assets = _assets()
    data = page_data(network)
    kinds = {kind: sum(1 for _, k in network.nodes(data="kind") if k == kind) for kind in style()["kinds"]}
    html = (
        _environment()
        .get_template("graph.html.j2")
        .render(
            title=title,
            notes=notes or [],
            data=data,
            counts={"nodes": network.number_of_nodes(), "edges": network.number_of_edges(), **kinds},
            first=sum(1 for n in data["nodes"] if not n.get("part")),
            style=style(),
            script_hashes=" ".join(_csp_hash(assets[name]) for name in ("vis_js", "js")),
            **assets,
        )
    )
    return html.encode("utf-8")
