"""The HTML evidence graph in a real browser: Debian's chromium driven by playwright, the network blocked.

Each page must draw with no console error and no request to anything but its
own file, hold as many nodes and edges as the graph, fit the window at its
first view with no label over another, lose edges when a filter is unticked,
draw a large graph part by part, and show hostile text as text: no dialog,
no injected element. Screenshots of the first views, at 1600 x 1000, are
written to build/screenshots/.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from helpers import FIXTURES, dataset_of, records_of
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD
from viz_support import Visit, assert_clean, expected_counts, open_page, page_data, stance_count

from kgraph import pipeline
from kgraph.rdf.namespaces import KG
from kgraph.viz.html import FIRST_VIEW, render_html
from kgraph.viz.network import evidence_network
from kgraph.viz.synthetic import synthetic_store

HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
WINDOW = {"width": 1600, "height": 1000}

# Every drawn node's box (shape and label) in window pixels, its label's box in canvas units, and whether the label is drawn.
DRAWN_BOXES = """() => {
  const net = window.kgraphNetwork;
  const canvas = document.querySelector('#network canvas');
  return {
    width: canvas.clientWidth,
    height: canvas.clientHeight,
    nodes: kgraph.nodeView.getIds().map(id => {
      const box = net.getBoundingBox(id);
      const topLeft = net.canvasToDOM({x: box.left, y: box.top}), bottomRight = net.canvasToDOM({x: box.right, y: box.bottom});
      const label = net.body.nodes[id].labelModule;
      return {id, box: [topLeft.x, topLeft.y, bottomRight.x, bottomRight.y], shown: label.visible(),
              label: [label.size.left, label.size.top, label.size.left + label.size.width, label.size.top + label.size.height]};
    })
  };
}"""
HOSTILE_QUOTE = "</script><script>alert(2)</script>"


def visit(browser, path: Path) -> Visit:
    """Open a page with every request but the page's own file refused and recorded."""
    seen = open_page(browser, path.as_uri(), lambda url: url == path.as_uri(), WINDOW["width"], WINDOW["height"])
    seen.page.wait_for_function("() => window.kgraph && window.kgraph.ready", timeout=60_000)
    return seen


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path):
    built, _ = pipeline.build(corpus_dir)
    return built


@pytest.fixture(scope="module")
def corpus_page(corpus, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("viz") / "graph.html"
    path.write_bytes(render_html(evidence_network(corpus.store), title=corpus.corpus.title))
    return path


def overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[i + 1 :], start=i + 1)
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / name
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    return shot


def test_corpus_page_draws_offline_with_every_node_and_edge(browser, corpus, corpus_page: Path) -> None:
    seen = visit(browser, corpus_page)
    page = seen.page
    expected = expected_counts(dataset_of(corpus.store))
    assert page.evaluate("[kgraph.nodes.length, kgraph.edges.length]") == [expected["nodes"], expected["edges"]]
    assert page.evaluate("[kgraph.nodeView.length, kgraph.edgeView.length]") == [expected["nodes"], expected["edges"]]
    assert page.evaluate("window.kgraphNetwork === kgraph.network && window.kgraphNetwork instanceof vis.Network")
    screenshot(page, "corpus.png")
    assert_clean(seen)
    page.close()


def assert_first_view_fits(drawn: dict) -> None:
    """Every node's box inside the canvas, every label drawn, and no two labels overlapping."""
    outside = [n["id"] for n in drawn["nodes"] if n["box"][0] < 0 or n["box"][1] < 0 or n["box"][2] > drawn["width"] or n["box"][3] > drawn["height"]]
    assert outside == []
    assert all(n["shown"] for n in drawn["nodes"]), "every label is drawn at the first view"
    assert overlapping([n["label"] for n in drawn["nodes"]]) == []


def test_corpus_first_view_fits_the_window_and_no_label_covers_another(browser, corpus, corpus_page: Path) -> None:
    seen = visit(browser, corpus_page)
    drawn = seen.page.evaluate(DRAWN_BOXES)
    assert len(drawn["nodes"]) == expected_counts(dataset_of(corpus.store))["nodes"]
    assert_first_view_fits(drawn)
    assert seen.page.evaluate("kgraphNetwork.getScale()") > 0.6, "labels are drawn at a readable size"
    assert_clean(seen)
    seen.page.close()


def test_unticking_a_stance_hides_its_edges(browser, corpus, corpus_page: Path) -> None:
    seen = visit(browser, corpus_page)
    page = seen.page
    total = expected_counts(dataset_of(corpus.store))["edges"]
    contradicting = stance_count(dataset_of(corpus.store), KG.Contradicts)
    assert contradicting > 0
    page.uncheck('input[name="stance"][value="contradicts"]')
    assert page.evaluate("kgraph.edgeView.length") == total - contradicting
    assert f"{total - contradicting} of {total} edges" in page.inner_text("#visible")
    page.check('input[name="stance"][value="contradicts"]')
    assert page.evaluate("kgraph.edgeView.length") == total
    assert_clean(seen)
    page.close()


def test_time_point_filter_keeps_only_that_times_evidence(browser, corpus, corpus_page: Path) -> None:
    seen = visit(browser, corpus_page)
    page = seen.page
    counts = expected_counts(dataset_of(corpus.store))
    at_one_month = len(set(dataset_of(corpus.store).subjects(KG.timePointMonths, Literal("1", datatype=XSD.decimal))))
    assert 0 < at_one_month < counts["evidence"]
    page.select_option("#time", "1")
    shown = page.evaluate("kgraph.edgeView.get().filter(e => e.kind === 'evidence').length")
    derived_shown = page.evaluate("kgraph.edgeView.get().filter(e => e.kind === 'derived' && e.time !== '1').length")
    assert derived_shown == 0
    assert shown == at_one_month
    assert page.evaluate("kgraph.edgeView.get().filter(e => e.kind === 'statement').length") == counts["statement"]
    assert_clean(seen)
    page.close()


def test_selecting_a_claim_lists_and_highlights_its_evidence(browser, corpus, corpus_page: Path) -> None:
    seen = visit(browser, corpus_page)
    page = seen.page
    claim = next(r for r in records_of(corpus.corpus.path, "claim") if r.id == "bkp-relieves-back-pain")
    iri = str(claim.iri)
    page.evaluate("iri => kgraph.select(kgraph.idOf(iri))", iri)
    assert page.inner_text("#details h2") == claim.data["label"]
    edges = page.evaluate("iri => kgraphNetwork.getConnectedEdges(kgraph.idOf(iri)).length", iri)
    neighbours = page.evaluate("iri => kgraphNetwork.getConnectedNodes(kgraph.idOf(iri)).length", iri)
    graph = dataset_of(corpus.store)
    own = len({f for f in graph.subjects(KG.claim, URIRef(claim.iri)) if (f, RDF.type, KG.Finding) in graph})
    assert edges > own > 0
    assert page.locator("#details li").count() == edges
    dimmed = page.evaluate("kgraph.nodes.get().filter(n => n.opacity < 1).length")
    assert dimmed == expected_counts(dataset_of(corpus.store))["nodes"] - 1 - neighbours
    page.evaluate("kgraphNetwork.unselectAll(); kgraphNetwork.body.emitter.emit('deselectNode', {nodes: []})")
    assert page.evaluate("kgraph.nodes.get().filter(n => n.opacity < 1).length") == 0
    assert_clean(seen)
    page.close()


def test_hostile_text_shows_as_text_and_runs_nothing(browser, tmp_path: Path) -> None:
    built, _ = pipeline.build(FIXTURES / "hostile")
    path = tmp_path / "hostile.html"
    path.write_bytes(render_html(evidence_network(built.store), title=built.corpus.title))
    seen = visit(browser, path)
    page = seen.page
    assert page.inner_text("h1") == built.corpus.title
    claim = next(iter(records_of(built.corpus.path, "claim")))
    position = page.evaluate(
        """iri => {
          const id = kgraph.idOf(iri);
          const p = kgraphNetwork.canvasToDOM(kgraphNetwork.getPosition(id));
          const box = document.getElementById('network').getBoundingClientRect();
          return [p.x + box.left, p.y + box.top];
        }""",
        str(claim.iri),
    )
    label = page.evaluate("iri => { const n = kgraphNetwork.body.nodes[kgraph.idOf(iri)]; return [n.options.label, n.labelModule.visible()]; }", str(claim.iri))
    assert label == [HOSTILE_LABEL.replace(" onerror", "\nonerror"), True], "the label is drawn on the canvas as text, wrapped"
    page.mouse.move(*position)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert HOSTILE_LABEL in tooltip.inner_text()
    page.mouse.click(*position)
    assert page.inner_text("#details h2") == HOSTILE_LABEL
    assert page.get_by_text(HOSTILE_QUOTE).first.is_visible()
    assert page.evaluate("document.querySelectorAll('img, iframe, svg, a[href]').length") == 0
    page.fill("#search", "<img")
    assert page.inner_text("#search-result") == "1 match"
    assert_clean(seen)
    page.close()


def test_generated_graph_draws_its_first_part_then_the_rest_on_demand(browser, tmp_path: Path) -> None:
    store = synthetic_store(800, seed=3)
    path = tmp_path / "large.html"
    html = render_html(evidence_network(store), title="generated")
    path.write_bytes(html)
    data = page_data(html)
    parts = Counter(n.get("part", 0) for n in data["nodes"])
    assert len(parts) > 2 and parts[0] <= FIRST_VIEW
    seen = visit(browser, path)
    page = seen.page
    expected = expected_counts(dataset_of(store))
    assert page.evaluate("[kgraph.nodes.length, kgraph.edges.length]") == [expected["nodes"], expected["edges"]]
    assert page.evaluate("kgraphNetwork.physics.options.enabled") is False
    assert page.evaluate("kgraph.nodeView.length") == parts[0]
    assert_first_view_fits(page.evaluate(DRAWN_BOXES))
    screenshot(page, "generated-800-first-view.png")
    moved = page.evaluate(
        """() => {
          const ids = kgraph.nodeView.getIds().slice(0, 50);
          const at = kgraphNetwork.getPositions(ids);  // rounded to whole pixels
          return ids.filter(id => Math.abs(at[id].x - kgraph.nodes.get(id).x) > 1 || Math.abs(at[id].y - kgraph.nodes.get(id).y) > 1).length;
        }"""
    )
    assert moved == 0
    page.click("#more")
    assert page.evaluate("kgraph.nodeView.length") == parts[0] + parts[1]
    last = max(range(len(data["nodes"])), key=lambda i: (data["nodes"][i].get("part", 0), i))
    name = data["about"]["nodes"][last]["name"]
    page.fill("#search", name)
    page.press("#search", "Enter")
    assert page.evaluate("id => kgraph.nodeView.get(id) !== null && kgraphNetwork.getSelectedNodes()[0] === id", last)
    assert page.inner_text("#details h2") == name
    page.click("#reset")
    assert page.evaluate("[kgraph.nodeView.length, kgraph.edgeView.length]") == [expected["nodes"], expected["edges"]]
    assert page.is_hidden("#more")
    page.uncheck('input[name="kind"][value="study"]')
    assert page.evaluate("kgraph.edgeView.get().every(e => !e.stance)")
    assert_clean(seen)
    page.close()
