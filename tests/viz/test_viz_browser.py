"""The HTML evidence graph in a real browser: Debian's chromium driven by playwright, the network blocked.

Each page must draw with no console error and no request to anything but its
own file, hold as many nodes and edges as the graph, lose edges when a filter
is unticked, and show hostile text as text: no dialog, no injected element.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import FIXTURES, dataset_of, need_program, records_of
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD
from viz_support import CHROMIUM_ARGS, expected_counts, stance_count

from kgraph import pipeline
from kgraph.rdf.namespaces import KG
from kgraph.viz.html import render_html
from kgraph.viz.network import evidence_network
from kgraph.viz.synthetic import synthetic_store

HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
HOSTILE_QUOTE = "</script><script>alert(2)</script>"


@dataclass
class Visit:
    page: object
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    chromium = need_program("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def visit(browser, path: Path) -> Visit:
    """Open a page with every request but the page's own file refused and recorded."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    seen = Visit(page)
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))

    def route(r) -> None:
        if r.request.url == path.as_uri():
            r.continue_()
        else:
            seen.requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_function("() => window.kgraph && window.kgraph.ready", timeout=60_000)
    return seen


def assert_clean(seen: Visit) -> None:
    assert seen.errors == []
    assert seen.requests == []
    assert seen.dialogs == []


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path):
    built, _ = pipeline.build(corpus_dir)
    return built


@pytest.fixture(scope="module")
def corpus_page(corpus, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("viz") / "graph.html"
    path.write_bytes(render_html(evidence_network(corpus.store), title=corpus.corpus.title))
    return path


def test_corpus_page_draws_offline_with_every_node_and_edge(browser, corpus, corpus_page: Path, tmp_path: Path) -> None:
    seen = visit(browser, corpus_page)
    page = seen.page
    expected = expected_counts(dataset_of(corpus.store))
    assert page.evaluate("[kgraph.nodes.length, kgraph.edges.length]") == [expected["nodes"], expected["edges"]]
    assert page.evaluate("[kgraph.nodeView.length, kgraph.edgeView.length]") == [expected["nodes"], expected["edges"]]
    shot = tmp_path / "corpus.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert_clean(seen)
    page.close()


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
    edges = page.evaluate("iri => kgraph.network.getConnectedEdges(kgraph.idOf(iri)).length", iri)
    neighbours = page.evaluate("iri => kgraph.network.getConnectedNodes(kgraph.idOf(iri)).length", iri)
    graph = dataset_of(corpus.store)
    own = len({f for f in graph.subjects(KG.claim, URIRef(claim.iri)) if (f, RDF.type, KG.Finding) in graph})
    assert edges > own > 0
    assert page.locator("#details li").count() == edges
    dimmed = page.evaluate("kgraph.nodes.get().filter(n => n.opacity < 1).length")
    assert dimmed == expected_counts(dataset_of(corpus.store))["nodes"] - 1 - neighbours
    page.evaluate("kgraph.network.unselectAll(); kgraph.network.body.emitter.emit('deselectNode', {nodes: []})")
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
          const p = kgraph.network.canvasToDOM(kgraph.network.getPosition(id));
          const box = document.getElementById('network').getBoundingClientRect();
          return [p.x + box.left, p.y + box.top];
        }""",
        str(claim.iri),
    )
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


def test_generated_graph_over_the_physics_limit_draws_from_given_positions(browser, tmp_path: Path) -> None:
    store = synthetic_store(800, seed=3)
    path = tmp_path / "large.html"
    path.write_bytes(render_html(evidence_network(store), title="generated"))
    seen = visit(browser, path)
    page = seen.page
    expected = expected_counts(dataset_of(store))
    assert page.evaluate("[kgraph.nodes.length, kgraph.edges.length]") == [expected["nodes"], expected["edges"]]
    assert page.evaluate("kgraph.network.physics.options.enabled") is False
    moved = page.evaluate(
        """() => {
          const ids = kgraph.nodes.getIds().slice(0, 50);
          const at = kgraph.network.getPositions(ids);  // rounded to whole pixels
          return ids.filter(id => Math.abs(at[id].x - kgraph.nodes.get(id).x) > 1 || Math.abs(at[id].y - kgraph.nodes.get(id).y) > 1).length;
        }"""
    )
    assert moved == 0
    page.uncheck('input[name="kind"][value="study"]')
    assert page.evaluate("kgraph.edgeView.get().every(e => !e.stance)")
    assert_clean(seen)
    page.close()
