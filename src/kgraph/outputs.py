"""The files a build leaves behind, written together or not at all."""

from __future__ import annotations

from pathlib import Path

from kgraph.corpus.graph import Built
from kgraph.rdf.serialize import serialize, write_atomically

BUILD_FILES = {"kgraph.ttl": "turtle", "kgraph.trig": "trig"}
GRAPH_HTML = "graph.html"


def write_build(built: Built, out_dir: Path) -> list[Path]:
    """Write the Turtle and TriG of a build, and the HTML evidence graph, into ``out_dir``; return the paths written."""
    from kgraph.viz.html import render_html
    from kgraph.viz.network import evidence_network

    files = {out_dir / name: serialize(built.store, fmt) for name, fmt in BUILD_FILES.items()}
    files[out_dir / GRAPH_HTML] = render_html(evidence_network(built.store), title=built.corpus.title)
    write_atomically(files)
    return list(files)
