"""The evidence network: the RDF graph read with SPARQL into the networkx graph both drawings share.

Nodes are sources, claims and studies; edges are findings (study -> claim,
with a stance), statements (source -> claim) and citations (source -> study
or source). The derived layer (certainty, contested claims, indirect
evidence) is read where it exists and simply absent where it does not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import URIRef

from kgraph.rdf.namespaces import KG
from kgraph.rdf.sparql import Queries

KINDS = ("source", "claim", "study")
STANCES = ("supports", "contradicts", "mixed", "inconclusive")
EVIDENCE = ("evidence", "derived")
Facts = list[tuple[str, str]]


@dataclass(frozen=True)
class Code:
    """An enumerated term of the ontology as a reader sees it."""

    code: str
    label: str
    rank: int | None


QUERIES = Queries("kgraph.viz", "queries")


def _rows(store: ox.Store, name: str, **bindings: URIRef) -> list[dict[str, Any]]:
    """Rows of ``queries/<name>.rq`` as dicts of Python values (absent -> missing key)."""
    return QUERIES.records(store, name, bindings)


@cache
def ontology_codes() -> dict[URIRef, Code]:
    """Every coded term of the ontology (stances, designs, certainty levels, ...)."""
    from kgraph.corpus.ontology import load_ontology

    codes = {}
    for row in _rows(load_ontology().store, "codes"):
        rank = row.get("rank")
        codes[row["term"]] = Code(str(row["code"]), str(row.get("label", row["code"])), int(rank) if rank is not None else None)
    return codes


def certainty_levels() -> dict[str, Code]:
    """Certainty levels by code, lowest rank first."""
    levels = [c for c in ontology_codes().values() if c.rank is not None]
    return {c.code: c for c in sorted(levels, key=lambda c: c.rank or 0)}


def _value(value: Any) -> Any:
    """A value as a tooltip and the page's data take it: numbers as numbers, everything else as text."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, bool | int | float) else str(value)


def _name(node: Any) -> str | None:
    """A code's label, or the value itself as text."""
    if node is None:
        return None
    code = ontology_codes().get(node) if isinstance(node, URIRef) else None
    return code.label if code else str(_value(node))


def _yes_no(value: Any) -> str | None:
    return None if value is None else ("yes" if value else "no")


def months_label(value: float | None) -> str | None:
    """'1 month', '0.75 months'; None stays None."""
    if value is None:
        return None
    number = f"{value:g}"
    return f"{number} month" if number == "1" else f"{number} months"


def _facts(pairs: list[tuple[str, Any]], missing: set[str]) -> Facts:
    """Tooltip lines: every known fact, and 'not reported' for what the source leaves out."""
    out = []
    for name, value in pairs:
        if value not in (None, ""):
            out.append((name, str(value)))
        elif name in missing:
            out.append((name, "not reported"))
    return out


def _not_reported(graph: ox.Store) -> dict[str, set[str]]:
    """Per node, the names (as in the tooltips) of the facts marked kg:notReported."""
    names = {
        KG.design: "design",
        KG.participants: "participants",
        KG.randomised: "randomised",
        KG.blinded: "blinded",
        KG.shamControlled: "sham-controlled",
        KG.funder: "funder",
        KG.followUpMonths: "follow-up",
        KG.timePointMonths: "months",
    }
    out: dict[str, set[str]] = {}
    for row in _rows(graph, "not_reported"):
        if row["property"] in names:
            out.setdefault(str(row["node"]), set()).add(names[row["property"]])
    return out


def _claim_node(row: dict[str, Any]) -> dict[str, Any]:
    level = ontology_codes().get(row["level"]) if row.get("level") is not None else None
    contested = bool(_value(row.get("contested")))
    return {
        "kind": "claim",
        "label": str(row.get("label", row["claim"])),
        "outcome": _value(row.get("outcome")),
        "outcome_label": _value(row.get("outcomeLabel")),
        "certainty": level.code if level else None,
        "rank": level.rank if level else None,
        "contested": contested,
        "facts": _facts(
            [
                ("claim", _value(row.get("text"))),
                ("outcome", _value(row.get("outcomeLabel"))),
                ("direction", _name(row.get("direction"))),
                ("time frame", _name(row.get("timeFrame"))),
                ("certainty", level.label if level else None),
                ("contested", "yes" if contested else None),
            ],
            set(),
        ),
    }


def _study_node(row: dict[str, Any], missing: set[str]) -> dict[str, Any]:
    funder = _value(row.get("funder"))
    funding = _name(row.get("funding"))
    if funder and funding:
        funder = f"{funder} ({funding}{', has a stake' if _value(row.get('funderHasStake')) else ''})"
    participants = _value(row.get("participants"))
    return {
        "kind": "study",
        "label": str(row.get("label", row["study"])),
        "participants": participants,
        "facts": _facts(
            [
                ("title", _value(row.get("title"))),
                ("year", _value(row.get("year"))),
                ("design", _name(row.get("design"))),
                ("participants", participants),
                ("randomised", _yes_no(_value(row.get("randomised")))),
                ("blinded", _yes_no(_value(row.get("blinded")))),
                ("sham-controlled", _yes_no(_value(row.get("shamControlled")))),
                ("funder", funder or funding),
                ("follow-up", months_label(_value(row.get("followUpMonths")))),
            ],
            missing,
        ),
    }


def _source_node(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "source",
        "label": str(row.get("label", row["source"])),
        "facts": _facts(
            [
                ("kind", _name(row.get("kind"))),
                ("title", _value(row.get("title"))),
                ("publisher", _value(row.get("publisher"))),
                ("issued", _value(row.get("issued"))),
                ("author", _name(row.get("authorRole"))),
            ],
            set(),
        ),
    }


def _finding_edge(row: dict[str, Any], missing: set[str], labels: dict[str, str]) -> dict[str, Any]:
    stance = ontology_codes().get(row["stance"]) if row.get("stance") is not None else None
    months = _value(row.get("months"))
    indirect = bool(_value(row.get("indirect")))
    reported_by = _value(row.get("reportedBy"))
    return {
        "kind": "evidence",
        "stance": stance.code if stance else "inconclusive",
        "indirect": indirect,
        "months": months,
        "outcome": _value(row.get("outcomeLabel")),
        "facts": _facts(
            [
                ("stance", stance.label if stance else None),
                ("study", labels.get(str(row["study"]))),
                ("claim", labels.get(str(row["claim"]))),
                ("time point", _value(row.get("timePoint"))),
                ("months", months_label(months)),
                ("outcome", _value(row.get("outcomeLabel"))),
                ("effect", _value(row.get("effect"))),
                ("significance", _name(row.get("significance"))),
                ("p", _value(row.get("p"))),
                ("indirect", (_value(row.get("reason")) or "yes") if indirect else None),
                ("reported by", labels.get(reported_by, reported_by) if reported_by else None),
                ("quote", _value(row.get("quote"))),
            ],
            missing,
        ),
    }


def _derived_edge(row: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    stance = ontology_codes()[row["stance"]]
    months = _value(row.get("months"))
    indirect = bool(_value(row.get("indirect")))
    return {
        "kind": "derived",
        "stance": stance.code,
        "indirect": indirect,
        "months": months,
        "outcome": None,
        "facts": _facts(
            [
                ("stance on this claim", stance.label),
                ("study", labels.get(str(row["study"]))),
                ("claim", labels.get(str(row["claim"]))),
                ("why", _value(row.get("reason"))),
                ("time point", _value(row.get("timePoint"))),
                ("effect", _value(row.get("effect"))),
                ("p", _value(row.get("p"))),
            ],
            set(),
        ),
    }


def _statement_edge(row: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    return {
        "kind": "statement",
        "facts": _facts(
            [
                ("source", labels.get(str(row["source"]))),
                ("states", _name(row.get("mode"))),
                ("claim", labels.get(str(row["claim"]))),
                ("cites", _value(row.get("marker"))),
                ("quote", _value(row.get("quote"))),
            ],
            set(),
        ),
    }


def _citation_edge(row: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    how = "reports on" if _value(row.get("reportsOn")) else "cites as evidence" if _value(row.get("asEvidence")) else "cites"
    return {
        "kind": "citation",
        "facts": [("source", labels[str(row["source"])]), (how, labels[str(row["work"])])],
    }


def evidence_network(
    graph: ox.Store,
    *,
    claim: URIRef | None = None,
    outcome: URIRef | None = None,
    min_rank: int | None = None,
) -> nx.MultiDiGraph:
    """The evidence network of the named graphs of a store.

    With no filter every source, claim and study is a node. ``claim`` keeps
    one claim's neighbourhood: its studies, the sources that state it and the
    sources that cite its studies. ``outcome`` and ``min_rank`` keep the
    claims with that outcome or at least that certainty rank, with theirs.
    """
    one = {"claim": claim} if claim is not None else {}
    missing = _not_reported(graph)
    claims = {str(r["claim"]): r for r in _rows(graph, "claims", **one)}
    if outcome is not None:
        claims = {k: r for k, r in claims.items() if r.get("outcome") == outcome}
    nodes: dict[str, dict[str, Any]] = {k: _claim_node(r) for k, r in claims.items()}
    if min_rank is not None:
        nodes = {k: n for k, n in nodes.items() if (n["rank"] or 0) >= min_rank}
    studies = {str(r["study"]): _study_node(r, missing.get(str(r["study"]), set())) for r in _rows(graph, "studies")}
    sources = {str(r["source"]): _source_node(r) for r in _rows(graph, "sources")}
    everything = {**sources, **studies, **nodes}
    labels = {k: n["label"] for k, n in everything.items()}
    filtered = bool(one) or outcome is not None or min_rank is not None

    network = nx.MultiDiGraph()
    if not filtered:
        network.add_nodes_from(sorted(everything.items()))
    for row in _rows(graph, "findings", **one):
        if str(row["claim"]) in nodes:
            key = str(row["finding"])
            edge = _finding_edge(row, missing.get(key, set()), labels)
            _add_edge(network, everything, str(row["study"]), str(row["claim"]), key, edge)
    for row in _rows(graph, "derived_evidence", **one):
        key = str(row["item"])
        if str(row["claim"]) in nodes and not network.has_edge(str(row["study"]), str(row["claim"]), key):
            _add_edge(network, everything, str(row["study"]), str(row["claim"]), key, _derived_edge(row, labels))
    for row in _rows(graph, "statements", **one):
        if str(row["claim"]) in nodes:
            _add_edge(network, everything, str(row["source"]), str(row["claim"]), str(row["statement"]), _statement_edge(row, labels))
    kept = set(network)
    for row in _rows(graph, "citations"):
        source, work = str(row["source"]), str(row["work"])
        if not filtered or work in kept:
            _add_edge(network, everything, source, work, f"{source} cites {work}", _citation_edge(row, labels))
    if filtered:
        network.add_nodes_from((k, nodes[k]) for k in sorted(nodes))
    _weigh(network)
    return network


def _add_edge(network: nx.MultiDiGraph, nodes: dict[str, dict[str, Any]], u: str, v: str, key: str, data: dict[str, Any]) -> None:
    for end in (u, v):
        if end not in network:
            network.add_node(end, **nodes[end])
    network.add_edge(u, v, key=key, **data)


def _weigh(network: nx.MultiDiGraph) -> None:
    """Give every node a ``weight`` for its size, and every claim a count of its findings by stance.

    A rated claim weighs its certainty; anything else how much rests on it.
    """
    findings = Counter(v for _, v, kind in network.edges(data="kind") if kind in EVIDENCE)
    statements = Counter(u for u, _, kind in network.edges(data="kind") if kind == "statement")
    for node, data in network.nodes(data=True):
        if data["kind"] == "claim":
            data["findings"] = findings[node]
            counts = stance_counts(network, node)
            if counts:
                data["facts"] = [*data["facts"], ("evidence", ", ".join(f"{n} {s}" for s, n in counts.items()))]
            data["weight"] = data["rank"] if data["rank"] is not None else findings[node]
        elif data["kind"] == "study":
            data["weight"] = data["participants"] or 0
        else:
            data["weight"] = statements[node]


def stance_counts(network: nx.MultiDiGraph, claim: str) -> dict[str, int]:
    """How many findings, its own and those the rules relate to it, on each side of one claim."""
    counts = Counter(d["stance"] for _, _, d in network.in_edges(claim, data=True) if d["kind"] in EVIDENCE)
    return {s: counts[s] for s in STANCES if counts[s]}
