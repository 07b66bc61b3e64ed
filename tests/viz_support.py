"""What the drawing tests share: counts taken straight from the triples, and the data inside a page."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import Graph
from rdflib.namespace import RDF

from kgraph.rdf.namespaces import CITO, KG, SCHEMA

# Debian's chromium as root in a sandbox with no network: no sandbox, no GPU, and none of its own background requests.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DATA_SCRIPT = re.compile(rb'<script type="application/json" id="kgraph-data">(.*?)</script>', re.DOTALL)


def expected_counts(graph: Graph) -> dict[str, int]:
    """Nodes and edges of the full evidence network, counted with rdflib's triple API, not with the viz queries."""
    kinds = {"source": KG.Source, "claim": KG.Claim, "study": KG.Study}
    members = {kind: set(graph.subjects(RDF.type, cls)) for kind, cls in kinds.items()}
    works = members["study"] | members["source"]
    findings = {f for f in graph.subjects(RDF.type, KG.Finding) if graph.value(f, KG.study) and graph.value(f, KG.claim)}
    statements = {s for s in graph.subjects(RDF.type, KG.Statement) if graph.value(s, KG.statedIn) and graph.value(s, KG.claim)}
    reported = {article: study for study, article in graph.subject_objects(SCHEMA.subjectOf)}  # a cited article stands for its study
    citations = {(s, reported.get(w, w)) for s, w in graph.subject_objects(CITO.cites) if s in members["source"] and reported.get(w, w) in works}
    derived = {
        item
        for item in graph.subjects(RDF.type, KG.EvidenceItem)
        if (finding := graph.value(item, KG.finding)) in findings and graph.value(finding, KG.claim) != graph.value(item, KG.claim)
    }
    return {
        **{kind: len(nodes) for kind, nodes in members.items()},
        "nodes": sum(len(nodes) for nodes in members.values()),
        "evidence": len(findings),
        "statement": len(statements),
        "citation": len(citations),
        "derived": len(derived),
        "edges": len(findings) + len(statements) + len(citations) + len(derived),
    }


def stance_count(graph: Graph, stance) -> int:
    """Findings with that stance on their own claim, and evidence items with it on another claim."""
    own = {f for f in graph.subjects(KG.stance, stance) if (f, RDF.type, KG.Finding) in graph}
    other = {
        i
        for i in graph.subjects(KG.evidenceStance, stance)
        if graph.value(graph.value(i, KG.finding), KG.claim) != graph.value(i, KG.claim)
    }
    return len(own) + len(other)


def page_data(html: bytes) -> dict:
    """The JSON the page draws from."""
    found = DATA_SCRIPT.search(html)
    assert found is not None, "the page has no kgraph-data script"
    return json.loads(found.group(1))


@dataclass
class Visit:
    """A page open in the browser, with what went wrong on it: console errors, dialogs, and requests it was refused."""

    page: object
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def open_page(browser, url: str, allowed: Callable[[str], bool], width: int = 1400, height: int = 900) -> Visit:
    """Open a page with every request that ``allowed`` refuses aborted and recorded."""
    page = browser.new_page(viewport={"width": width, "height": height})
    seen = Visit(page)
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))

    def route(r) -> None:
        if allowed(r.request.url):
            r.continue_()
        else:
            seen.requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(url)
    return seen


def assert_clean(seen: Visit) -> None:
    assert seen.errors == []
    assert seen.requests == []
    assert seen.dialogs == []
