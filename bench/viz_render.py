"""How fast the HTML evidence graph is written and drawn: the corpus and generated graphs of 1,000 and 10,000 nodes.

For each graph:

- **rdf -> network**: ``evidence_network`` reading the graph's Oxigraph store with the viz SPARQL queries;
- **write html**: ``render_html`` (layout, labels and pyvis's ``Network`` included) into a file,
  what ``kgraph viz`` does after reading the graph; the baseline, measured in the same run, is
  ``json.dumps`` of the page's data, the least any writer of this page must do;
- **browser ready**: headless Debian chromium in a 1600 x 1000 window loading the file (network
  blocked) until its first view is drawn and fitted to the window (``window.kgraph.readyAt``, from
  navigation start), median of ``--repeat`` loads; the baseline is the same page with no nodes
  (vis-network parsed and started), loaded before the graphs and again after them (the mean of
  the two medians). A graph over ``FIRST_VIEW`` nodes draws its first part first;
- **filter**, **select** and **show all**: unticking one stance, selecting the best-connected claim
  drawn (which dims every other node and edge drawn), and drawing every part ("Show everything"),
  timed in the page.

Targets from the issues: the 10,000-node HTML written within 10 s and drawn interactive within 2 s.

    .venv/bin/python bench/viz_render.py                 # corpus, 1,000 and 10,000 nodes
    .venv/bin/python bench/viz_render.py --sizes 1000 --repeat 5 --json /tmp/viz.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from viz_support import CHROMIUM_ARGS

from kgraph import pipeline, resources
from kgraph.viz.html import page_data, render_html
from kgraph.viz.network import evidence_network
from kgraph.viz.synthetic import synthetic_store

TARGETS = {"write_html": 10.0, "browser_ready": 2.0}


def _timed(func):
    started = time.perf_counter()
    value = func()
    return value, time.perf_counter() - started


def browser_times(browser, path: Path, repeat: int) -> dict[str, float]:
    """Median seconds to the first interactive frame, and the time of one filter, one selection and showing everything."""
    ready, filters, selects, everything = [], [], [], []
    for _ in range(repeat):
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.route("**/*", lambda r: r.continue_() if r.request.url == path.as_uri() else r.abort())
        page.goto(path.as_uri())
        page.wait_for_function("() => window.kgraph && window.kgraph.ready", timeout=300_000)
        ready.append(page.evaluate("kgraph.readyAt") / 1000)
        filters.append(
            page.evaluate(
                """() => { const box = document.querySelector('input[name="stance"][value="supports"]');
                   const t = performance.now(); box.click(); kgraphNetwork.redraw(); return performance.now() - t; }"""
            )
            / 1000
        )
        selects.append(
            page.evaluate(
                """() => { const claims = kgraph.nodeView.getIds({filter: n => n.group === 'claim'});
                   if (!claims.length) return 0;
                   const best = claims.reduce((a, b) => kgraphNetwork.getConnectedEdges(a).length >= kgraphNetwork.getConnectedEdges(b).length ? a : b);
                   const t = performance.now(); kgraph.select(best); kgraphNetwork.redraw(); return performance.now() - t; }"""
            )
            / 1000
        )
        everything.append(
            page.evaluate("() => { const t = performance.now(); document.getElementById('reset').click(); return performance.now() - t; }") / 1000
        )
        page.close()
    return {
        "browser_ready": statistics.median(ready),
        "filter": statistics.median(filters),
        "select": statistics.median(selects),
        "show_all": statistics.median(everything),
    }


def measure(name: str, graph, browser, work: Path, repeat: int) -> dict:
    network, extract = _timed(lambda: evidence_network(graph))
    html, write = _timed(lambda: render_html(network, title=name))
    path = work / f"{name}.html"
    path.write_bytes(html)
    data = page_data(network)
    _, floor = _timed(lambda: json.dumps(data, sort_keys=True))
    row = {
        "graph": name,
        "nodes": network.number_of_nodes(),
        "first_view": sum(1 for n in data["nodes"] if not n.get("part")),
        "edges": network.number_of_edges(),
        "html_mb": round(len(html) / 1e6, 2),
        "rdf_to_network": round(extract, 2),
        "write_html": round(write, 2),
        "json_baseline": round(floor, 2),
    }
    row.update({k: round(v, 3) for k, v in browser_times(browser, path, repeat).items()})
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="kgraph-viz-bench-"))
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        empty = work / "empty.html"
        empty.write_bytes(render_html(nx.MultiDiGraph(), title="empty"))
        before = browser_times(browser, empty, args.repeat)["browser_ready"]
        built, _ = pipeline.build(resources.default_corpus())
        rows.append(measure("corpus", built.store, browser, work, args.repeat))
        for size in args.sizes:
            rows.append(measure(f"generated-{size}", synthetic_store(size, seed=1), browser, work, args.repeat))
        after = browser_times(browser, empty, args.repeat)["browser_ready"]
        baseline = statistics.median([before, after])
        browser.close()
    print(f"empty page ready: {before:.3f} s before the graphs, {after:.3f} s after")
    print(f"pages in {work}")
    header = ["graph", "nodes", "first_view", "edges", "html_mb", "rdf_to_network", "write_html", "json_baseline", "browser_ready", "filter", "select", "show_all"]
    print(" | ".join(header))
    for row in rows:
        print(" | ".join(str(row[h]) for h in header))
    for row in rows:
        row["write_ratio"] = round(row["write_html"] / max(row["json_baseline"], 1e-3), 1)
        row["ready_ratio"] = round(row["browser_ready"] / baseline, 1)
        verdicts = [f"{k} {row[k]} s {'within' if row[k] <= limit else 'OVER'} {limit} s" for k, limit in TARGETS.items()]
        print(
            f"{row['graph']}: write {row['write_ratio']}x the JSON baseline, ready {row['ready_ratio']}x the empty page; {'; '.join(verdicts)}"
        )
    if args.json:
        args.json.write_text(json.dumps({"empty_page_ready": baseline, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
