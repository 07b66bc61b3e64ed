"""``kgraph serve`` in Debian's chromium, every request to anything but the server refused and recorded.

The index, a claim page, the query page running a named query, and the graph explorer growing a node's neighbours, each
with no console error (a Content-Security-Policy violation is one); the hostile corpus shows its markup as text.
"""

from __future__ import annotations

import pytest
from helpers import FIXTURES, records_of
from serve_support import start_server
from viz_support import Visit, assert_clean, open_page

CLAIM_PATH = "/kgraph/kyphoplasty/claim/bkp-low-risk"


@pytest.fixture(scope="module")
def served(corpus_dir, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KGRAPH_CACHE", str(tmp_path_factory.mktemp("cache")))
        running = start_server(corpus_dir, tmp_path_factory.mktemp("serve") / "server.log")
        yield running
        running.stop()


def visit(browser, server, path: str) -> Visit:
    """Open a page of the server with every request to anything else refused and recorded."""
    return open_page(browser, server.url + path, lambda url: url.startswith(server.url + "/") or url.startswith("data:"), width=1300)


def test_index_lists_every_claim_and_searches(browser, served, corpus_dir) -> None:
    seen = visit(browser, served, "/")
    page = seen.page
    claims = records_of(corpus_dir, "claim")
    assert page.locator("#claims tbody tr").count() == len(claims)
    assert page.locator("#claims .contested").count() == 0, "the derived layer finds no real contest in the bundled corpus"
    page.fill("#search", "low-risk")
    page.press("#search", "Enter")
    page.wait_for_load_state()
    assert page.locator("#claims tbody tr").count() == 1
    page.click("#claims tbody a")
    page.wait_for_load_state()
    assert page.inner_text("h1") == "kyphoplasty is low-risk"
    assert_clean(seen)
    page.close()


def test_a_claim_page_shows_its_evidence_and_quotes_in_their_text(browser, served) -> None:
    seen = visit(browser, served, CLAIM_PATH)
    page = seen.page
    assert page.inner_text("h1") == "kyphoplasty is low-risk"
    assert "certainty" in page.inner_text("#certainty h2").lower()
    marks = page.locator("#appearances mark")
    assert marks.count() == 2 and "low-risk" in marks.first.inner_text()
    assert page.locator("#supporting a[href='/kgraph/kyphoplasty/study/free-trial']").count() > 0
    page.click("#supporting a[href='/kgraph/kyphoplasty/study/free-trial']")
    page.wait_for_load_state()
    assert page.locator("p.kind").inner_text().lower() == "study"
    assert_clean(seen)
    page.close()


def test_the_query_page_runs_a_named_query(browser, served) -> None:
    seen = visit(browser, served, "/query")
    page = seen.page
    page.click("a[href='/query?name=evidence-for-claim']")
    page.wait_for_load_state()
    page.fill("#p-claim", "bkp-relieves-back-pain")
    page.click("#run")
    page.wait_for_load_state()
    rows = page.locator("#results tbody tr")
    assert rows.count() > 3
    assert page.locator("#results a[href^='/kgraph/kyphoplasty/study/']").count() > 0
    assert page.locator(".downloads button[value='csv']").count() == 1
    assert_clean(seen)
    page.close()


def test_the_explorer_grows_a_node_s_neighbours_on_click(browser, served) -> None:
    seen = visit(browser, served, "/graph?claim=bkp-low-risk")
    page = seen.page
    page.wait_for_function("() => window.kgraph && window.kgraph.ready", timeout=60_000)
    before = page.evaluate("kgraph.nodes.length")
    study = "https://w3id.org/kgraph/kyphoplasty/study/free-trial"
    assert page.evaluate("id => kgraph.nodes.get(id) !== null", study)
    page.evaluate("() => kgraph.network.stopSimulation()")
    position = page.evaluate(
        """id => {
          const p = kgraph.network.canvasToDOM(kgraph.network.getPosition(id));
          const box = document.getElementById('network').getBoundingClientRect();
          return [p.x + box.left, p.y + box.top];
        }""",
        study,
    )
    page.mouse.click(*position)
    page.wait_for_function("id => kgraph.expanded.has(id)", arg=study, timeout=30_000)
    assert page.evaluate("kgraph.nodes.length") > before
    assert page.inner_text("#details h2").startswith("FREE trial")
    assert_clean(seen)
    page.close()


def test_hostile_text_shows_as_text(browser, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KGRAPH_CACHE", str(tmp_path / "cache"))
    running = start_server(FIXTURES / "hostile", tmp_path / "server.log")
    try:
        for path in ("/", "/hostile/claim/pain-short-term", "/graph?claim=pain-short-term"):
            seen = visit(browser, running, path)
            page = seen.page
            page.wait_for_load_state()
            if path.startswith("/graph"):
                page.wait_for_function("() => window.kgraph && window.kgraph.ready", timeout=60_000)
                page.evaluate("id => kgraph.details(id)", "https://example.org/hostile/claim/pain-short-term")
            assert page.evaluate("document.querySelectorAll('img, iframe, svg, b').length") == 0
            assert page.evaluate("[...document.scripts].every(s => s.src || s.type === 'application/json')")
            text = page.inner_text("body")
            assert "<img src=x onerror=alert(1)>" in text or path == "/"
            assert "Hostile text <script>alert(3)</script> & <b>markup</b>" in text
            assert_clean(seen)
            page.close()
    finally:
        running.stop()
