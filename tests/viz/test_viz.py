"""The evidence network, its layout, the HTML page and the evidence map, without a browser."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from helpers import FIXTURES, dataset_of, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import URIRef
from rdflib.namespace import RDF
from viz_support import expected_counts, page_data

from kgraph import pipeline
from kgraph.rdf.namespaces import KG
from kgraph.viz import select
from kgraph.viz.evidence_map import MAX_CLAIMS, render_png
from kgraph.viz.html import FIRST_VIEW, render_html
from kgraph.viz.labels import text_width, wrap
from kgraph.viz.layout import OTHER_OUTCOMES, outcome_groups
from kgraph.viz.network import EVIDENCE, evidence_network
from kgraph.viz.synthetic import synthetic_store

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path):
    built, _ = pipeline.build(corpus_dir)
    return built


@pytest.fixture(scope="module")
def network(corpus):
    return evidence_network(corpus.store)


@pytest.fixture(scope="module")
def page(corpus, network) -> bytes:
    return render_html(network, title=corpus.corpus.title)


@pytest.fixture(scope="module")
def generated() -> nx.MultiDiGraph:
    return evidence_network(synthetic_store(1000, seed=1))


def test_network_has_every_source_claim_study_and_edge(corpus, network) -> None:
    expected = expected_counts(dataset_of(corpus.store))
    kinds = Counter(kind for _, kind in network.nodes(data="kind"))
    edges = Counter(kind for *_, kind in network.edges(data="kind"))
    assert {k: kinds[k] for k in ("source", "claim", "study")} == {k: expected[k] for k in ("source", "claim", "study")}
    assert {k: edges[k] for k in ("evidence", "statement", "citation", "derived")} == {
        k: expected[k] for k in ("evidence", "statement", "citation", "derived")
    }


def test_page_holds_as_many_nodes_and_edges_as_the_graph(corpus, page: bytes) -> None:
    expected = expected_counts(dataset_of(corpus.store))
    data = page_data(page)
    assert (len(data["nodes"]), len(data["edges"])) == (expected["nodes"], expected["edges"])
    assert len(data["about"]["nodes"]) == expected["nodes"]
    assert {n["iri"] for n in data["about"]["nodes"]} == {str(s) for s in _all_nodes(corpus)}
    assert f"{expected['nodes']} nodes" in page.decode()


def _all_nodes(corpus):
    return {s for cls in (KG.Source, KG.Claim, KG.Study) for s in dataset_of(corpus.store).subjects(RDF.type, cls)}


def test_derived_layer_is_used_when_present_and_not_needed(corpus, network, mini_dir: Path) -> None:
    rated = [d for _, d in network.nodes(data=True) if d["kind"] == "claim" and d["rank"] is not None]
    assert rated, "the corpus build has a derived layer with certainty ratings"
    assert any(d.get("indirect") for *_, d in network.edges(data=True) if d["kind"] in EVIDENCE)
    asserted = pipeline.assemble(mini_dir)
    plain = evidence_network(asserted.store)
    claim = next(d for _, d in plain.nodes(data=True) if d["kind"] == "claim")
    assert claim["rank"] is None and claim["weight"] == claim["findings"] == 1
    assert render_html(plain, title="mini").startswith(b"<!DOCTYPE html>")


class _References(HTMLParser):
    """Every address the page would load: src and href attributes, and url() and @import in styles."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []
        self.styles: list[str] = []
        self.csp: str | None = None
        self.tags: set[str] = set()
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        named = dict(attrs)
        self.tags.add(tag)
        self.addresses += [v for k, v in attrs if k in ("src", "href", "srcset", "poster", "data", "action") and v]
        if tag == "meta" and named.get("http-equiv") == "Content-Security-Policy":
            self.csp = named["content"]
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def test_page_loads_nothing_from_elsewhere(page: bytes) -> None:
    refs = _References()
    refs.feed(page.decode())
    assert refs.addresses == []
    css = "".join(refs.styles)
    assert "@import" not in css
    assert all(url.startswith(("data:", '"data:', "'data:")) for url in re.findall(r"url\(\s*([^)]*)\)", css))
    assert refs.csp is not None and "default-src 'none'" in refs.csp
    assert not refs.tags & {"link", "iframe", "img", "object", "embed", "base", "audio", "video", "source"}


def test_csp_allows_exactly_the_pages_own_scripts(page: bytes) -> None:
    text = page.decode()
    scripts = re.findall(r"<script>(.*?)</script>", text, re.DOTALL)
    hashes = {f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts}
    csp = html.unescape(re.search(r'Content-Security-Policy" content="([^"]*)"', text).group(1))
    script_src = re.search(r"script-src ([^;]*)", csp).group(1).split()
    assert set(script_src) == hashes and len(hashes) == 2
    assert "'unsafe-inline'" not in script_src


def test_hostile_labels_and_quotes_are_escaped() -> None:
    built, _ = pipeline.build(FIXTURES / "hostile")
    page = render_html(evidence_network(built.store), title=built.corpus.title)
    for raw in (b"<img src=x onerror=alert(1)>", b"<script>alert(2)", b"<script>alert(3)", b"<svg onload", b"<iframe", b"<a href"):
        assert raw not in page
    assert page.count(b"</script>") == 3
    assert b"<h1>Hostile text &lt;script&gt;alert(3)&lt;/script&gt; &amp; &lt;b&gt;markup&lt;/b&gt;</h1>" in page
    names = {n["name"] for n in page_data(page)["about"]["nodes"]}
    assert "<img src=x onerror=alert(1)>" in names
    facts = {value for e in page_data(page)["about"]["edges"] for _, value in e["facts"]}
    assert "</script><script>alert(2)</script>" in facts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=st.text(alphabet=st.sampled_from(list("<>&\"'/ scriptSCRIPT!-=\u2028\u00e9x")), min_size=1, max_size=40))
def test_any_label_round_trips_as_data_and_never_closes_a_script(label: str) -> None:
    network = nx.MultiDiGraph()
    network.add_node("a", kind="claim", label=label, facts=[("claim", label)], weight=1, rank=None, contested=False)
    network.add_node("b", kind="study", label="s", facts=[], weight=1)
    network.add_edge("b", "a", key="f", kind="evidence", stance="supports", indirect=False, months=1.0, facts=[("quote", label)])
    page = render_html(network, title=label)
    assert page.lower().count(b"</script") == 3
    data = page_data(page)
    assert data["about"]["nodes"][0]["name"] == label
    assert data["about"]["edges"][0]["facts"] == [["quote", label]]


def test_same_network_same_bytes(corpus, network, page: bytes) -> None:
    assert render_html(evidence_network(corpus.store), title=corpus.corpus.title) == page


def test_build_twice_writes_identical_graph_html(tmp_path: Path, mini_dir: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        result = run_cli("build", mini_dir, "-o", out)
        assert result.exit_code == 0, result.output
        assert str(out / "graph.html") in result.stdout
    assert (first / "graph.html").read_bytes() == (second / "graph.html").read_bytes()
    assert len(page_data((first / "graph.html").read_bytes())["nodes"]) == 3


def test_claim_neighbourhood_holds_its_evidence_and_nothing_unrelated(corpus, network) -> None:
    claim = select.resolve_claim(corpus, "bkp-relieves-back-pain")
    part = evidence_network(corpus.store, claim=claim)
    claims = [n for n, kind in part.nodes(data="kind") if kind == "claim"]
    assert claims == [str(claim)]
    assert set(part.in_edges(str(claim), keys=True)) == set(network.in_edges(str(claim), keys=True))
    studies = {u for u, _, kind in part.in_edges(str(claim), data="kind") if kind in EVIDENCE}
    for u, v, kind in part.edges(data="kind"):
        assert v == str(claim) or (kind == "citation" and v in studies)


def test_outcome_and_certainty_filters_keep_matching_claims(corpus, network) -> None:
    outcome = select.resolve_outcome(corpus, "back pain")
    part = evidence_network(corpus.store, outcome=outcome)
    outcomes = {d["outcome"] for _, d in part.nodes(data=True) if d["kind"] == "claim"}
    assert outcomes == {str(outcome)}
    every = [d for _, d in network.nodes(data=True) if d["kind"] == "claim" and d["outcome"] == str(outcome)]
    assert sum(1 for _, d in part.nodes(data=True) if d["kind"] == "claim") == len(every)
    rank = select.certainty_rank("low")
    rated = evidence_network(corpus.store, min_rank=rank)
    kept = [d["rank"] for _, d in rated.nodes(data=True) if d["kind"] == "claim"]
    assert kept and min(kept) >= rank
    assert len(kept) == sum(1 for _, d in network.nodes(data=True) if d["kind"] == "claim" and (d["rank"] or 0) >= rank)


def test_unknown_names_say_what_would_match(corpus) -> None:
    with pytest.raises(select.NotFound, match="did you mean bkp-relieves-back-pain"):
        select.resolve_claim(corpus, "bkp-relieves-back-pian")
    with pytest.raises(select.NotFound, match="very-low, low, moderate, high"):
        select.certainty_rank("certain")


def test_max_nodes_keeps_the_most_connected_part_and_counts_the_rest(generated) -> None:
    kept, note = select.most_connected(generated, 200)
    assert kept.number_of_nodes() == 200
    hub = max(generated, key=lambda n: (generated.degree(n), n))
    assert hub in kept
    assert nx.number_weakly_connected_components(kept) == 1
    left = Counter(kind for n, kind in generated.nodes(data="kind") if n not in kept)
    assert note is not None
    numbers = [int(x.replace(",", "")) for x in re.findall(r"\d[\d,]*", note.split("left out")[1])]
    assert sum(numbers[:-1]) == sum(left.values()) == generated.number_of_nodes() - 200
    assert numbers[-1] == generated.number_of_edges() - kept.number_of_edges()
    assert select.most_connected(generated, 5000) == (generated, None)


def _label_boxes(data: dict) -> list[tuple[int, float, float, float, float]]:
    """(part, left, top, right, bottom) of each node's shape and label as the layout reserves them:
    the label centred under the shape (vis-network leaves less than ``gap`` between them), each line
    measured as the page's font draws it."""
    text = data["style"]["labels"]
    boxes = []
    for node in data["nodes"]:
        lines = node["label"].split("\n")
        half = max([node["size"], *(text_width(line, text["size"]) / 2 for line in lines)])
        bottom = node["y"] + node["size"] + text["gap"] + len(lines) * text["size"] * text["line_height"]
        boxes.append((node.get("part", 0), node["x"] - half, node["y"] - node["size"], node["x"] + half, bottom))
    return boxes


def _overlapping(boxes: list[tuple[int, float, float, float, float]]) -> list[tuple[int, int]]:
    """Pairs of boxes that overlap by more than the 0.1 pixel positions are rounded to."""
    touch = 0.2
    ordered = sorted(range(len(boxes)), key=lambda i: boxes[i][1])
    found = []
    for k, i in enumerate(ordered):
        for j in ordered[k + 1 :]:
            if boxes[j][1] >= boxes[i][3] - touch:
                break
            if boxes[i][2] < boxes[j][4] - touch and boxes[j][2] < boxes[i][4] - touch:
                found.append((i, j))
    return found


def test_corpus_is_laid_out_by_role_and_outcome(corpus, network, page: bytes) -> None:
    """Sources left of claims, claims left of studies; the claims of one outcome one after another down the
    columns, contested first; every label in its own box."""
    data = page_data(page)
    about = data["about"]["nodes"]
    xs = {kind: [n["x"] for n in data["nodes"] if n["group"] == kind] for kind in ("source", "claim", "study")}
    assert max(xs["source"]) < min(xs["claim"]) and max(xs["claim"]) < min(xs["study"])
    claims = sorted((n["x"], n["y"], about[i]["iri"]) for i, n in enumerate(data["nodes"]) if n["group"] == "claim")
    reading = [iri for *_, iri in claims]
    groups = outcome_groups(network, reading)
    assert [c for _, members in groups for c in members] == reading
    for _, members in groups:
        flags = [bool(network.nodes[c]["contested"]) for c in members]
        assert flags == sorted(flags, reverse=True), "contested claims come first in their outcome"
    assert {c["text"] for c in data["captions"] if not c["band"]} >= {"back pain", OTHER_OUTCOMES}
    assert _overlapping(_label_boxes(data)) == []
    assert not any(n.get("part") for n in data["nodes"])


def test_same_generated_network_same_layout_and_no_label_overlaps(generated) -> None:
    first, second = (page_data(render_html(generated, title="generated")) for _ in range(2))
    assert first["nodes"] == second["nodes"] and first["captions"] == second["captions"]
    boxes = _label_boxes(first)
    assert _overlapping(boxes) == []
    assert len({(n["x"], n["y"]) for n in first["nodes"]}) == len(first["nodes"])


def test_large_network_comes_in_parts_the_first_around_the_strongest_claims(generated) -> None:
    data = page_data(render_html(generated, title="generated"))
    parts = Counter(n.get("part", 0) for n in data["nodes"])
    assert len(parts) > 1 and parts[0] <= FIRST_VIEW and sum(parts.values()) == generated.number_of_nodes()
    first = {data["about"]["nodes"][i]["iri"] for i, n in enumerate(data["nodes"]) if not n.get("part")}
    ranked = select.claim_priority(generated)
    shown = [c for c in ranked if c in first]
    assert shown == ranked[: len(shown)] and len(shown) > 10
    contested = [c for c in ranked if generated.nodes[c]["contested"]]
    assert contested and ranked[: len(contested)] == contested and contested[0] in first
    undirected = generated.to_undirected(as_view=True)
    assert all(set(undirected[c]) <= first for c in shown)
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab WMil.,-\u00e9")), max_size=80), width=st.integers(20, 200), lines=st.integers(1, 3))
def test_wrapped_labels_fit_their_box_and_keep_the_words(text: str, width: int, lines: int) -> None:
    wrapped = wrap(text, width=width, lines=lines, size=12)
    assert 1 <= len(wrapped) <= lines
    letters = "".join(text.split())
    if letters:
        assert all(text_width(line, 12) <= width for line in wrapped)
        shown = "".join("".join(wrapped).split())
        assert shown == letters or (shown.endswith("…") and letters.startswith(shown[:-1]))


def test_evidence_map_is_a_png_and_says_what_it_leaves_out(corpus, network, generated) -> None:
    png, note = render_png(network, title=corpus.corpus.title)
    assert png.startswith(PNG_SIGNATURE) and note is None
    assert render_png(network, title=corpus.corpus.title)[0] == png
    _, note = render_png(generated, title="generated", by="outcome")
    with_evidence = {v for _, v, kind in generated.edges(data="kind") if kind in EVIDENCE}
    assert note is not None and f"{len(with_evidence) - MAX_CLAIMS:,} more" in note


def test_viz_command_writes_html_and_png(tmp_path: Path, mini_dir: Path) -> None:
    out, png = tmp_path / "g.html", tmp_path / "m.png"
    result = run_cli("viz", mini_dir, "-o", out, "--png", png)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [str(out), str(png)]
    assert len(page_data(out.read_bytes())["nodes"]) == 3
    assert png.read_bytes().startswith(PNG_SIGNATURE)


def test_viz_command_names_an_unknown_claim_in_one_line(tmp_path: Path, mini_dir: Path) -> None:
    result = run_cli("viz", mini_dir, "--claim", "pain-short-tem", "-o", tmp_path / "g.html")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"kgraph: no claim 'pain-short-tem' in {mini_dir}; did you mean pain-short-term?"]
    assert not (tmp_path / "g.html").exists()


def test_viz_command_claim_option_takes_an_iri(tmp_path: Path, mini_dir: Path) -> None:
    out = tmp_path / "g.html"
    result = run_cli("viz", mini_dir, "--claim", str(URIRef("https://example.org/mini/claim/pain-short-term")), "-o", out)
    assert result.exit_code == 0, result.output
    iris = [n["iri"] for n in page_data(out.read_bytes())["about"]["nodes"]]
    assert "https://example.org/mini/claim/pain-short-term" in iris and len(iris) == 3
