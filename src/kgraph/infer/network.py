"""The graph questions that SPARQL answers badly, answered with networkx.

Chains of citation (paths of any length through cited and reproduced
sources to studies), the claims most contested and the studies that carry
the most claims (degrees in the claim-study graph), and clusters of sources
that agree (communities of the agreement graph).
"""

from __future__ import annotations

import networkx as nx
from networkx.algorithms.community import greedy_modularity_communities
from rdflib import URIRef

from kgraph.infer.conflicts import Relation
from kgraph.infer.evidence import Evidence, Statement
from kgraph.infer.relate import Item, evidence_base

CHAIN_CUTOFF = 6


def citation_graph(evidence: Evidence) -> nx.MultiDiGraph:
    """Sources and studies, with an edge for each citation, report and reproduction.

    A statement's citation is an edge labelled with its claim, so that a
    chain for one claim follows only what was cited for that claim.
    """
    graph = nx.MultiDiGraph()
    for source in evidence.sources.values():
        graph.add_node(source.iri)
        for study in source.reports_on:
            graph.add_edge(source.iri, study, relation="reports on", claim=None)
        for original in source.reproduces:
            graph.add_edge(source.iri, original, relation="reproduces", claim=None)
    for statement in evidence.statements.values():
        for work in statement.cites:
            graph.add_edge(statement.source, work, relation="cites", claim=statement.claim)
    graph.add_nodes_from(evidence.studies)
    return graph


def for_claim(graph: nx.MultiDiGraph, claim: URIRef) -> nx.MultiDiGraph:
    """The citation graph as one claim sees it: reports, reproductions and the citations made for that claim."""
    return nx.subgraph_view(graph, filter_edge=lambda u, v, k: graph.edges[u, v, k]["claim"] in (None, claim))


def shortest_paths(graph: nx.MultiDiGraph, start: URIRef, claim: URIRef) -> dict[URIRef, list[URIRef]]:
    """The shortest chain from ``start`` to every work it leads to for ``claim``, at most :data:`CHAIN_CUTOFF` steps.

    A breadth-first walk of the edges :func:`for_claim` keeps, visiting
    neighbours in the order networkx does; walked here because networkx
    counts a filtered view's nodes on every call, which made one call per
    statement cost the size of the whole citation graph.
    """
    paths = {start: [start]}
    level = [start]
    for _ in range(CHAIN_CUTOFF):
        following = []
        for node in level:
            for near, edges in graph.succ[node].items():
                if near not in paths and any(data["claim"] in (None, claim) for data in edges.values()):
                    paths[near] = [*paths[node], near]
                    following.append(near)
        level = following
    return paths


def chains(evidence: Evidence, graph: nx.MultiDiGraph, statement: Statement) -> list[list[URIRef]]:
    """Every chain of citation from a statement's source to a study: through the works it cites for its claim, or the results it reports."""
    view = for_claim(graph, statement.claim)
    source = statement.source
    paths = [[source, f.study] for f in evidence.findings_by_reporter.get(source, []) if f.claim == statement.claim]
    for work in statement.cites:
        if work in evidence.studies:
            paths.append([source, work])
        elif work in graph:
            studies = {target for target in shortest_paths(graph, work, statement.claim) if target in evidence.studies}
            paths += [[source, *p] for p in nx.all_simple_paths(view, work, studies, cutoff=CHAIN_CUTOFF)]
    return sorted({tuple(p): p for p in paths}.values(), key=lambda p: (len(p), [str(x) for x in p]))


def reach(evidence: Evidence, graph: nx.MultiDiGraph):
    """A function giving, for a statement, each study its citations lead to and the chain, in words."""

    def studies(statement: Statement) -> dict[URIRef, str]:
        view = for_claim(graph, statement.claim)
        out: dict[URIRef, str] = {}
        for work in statement.cites:
            if work not in graph:
                continue
            for target, path in sorted(shortest_paths(graph, work, statement.claim).items(), key=lambda kv: str(kv[0])):
                if target in evidence.studies:
                    out.setdefault(target, "cites " + ", which ".join(_step(evidence, view, path)))
        return out

    return studies


def _step(evidence: Evidence, view, path: list[URIRef]) -> list[str]:
    words = [evidence.label(path[0])]
    for a, b in zip(path, path[1:]):
        relation = next(iter(view.get_edge_data(a, b).values()))["relation"]
        words.append(f"{relation} {evidence.label(b)}")
    return words


def claim_study_graph(items: dict[URIRef, list[Item]]) -> nx.Graph:
    """Claims and studies, joined where a study's finding is in a claim's evidence base, for it or against it."""
    graph = nx.Graph()
    for claim, claim_items in items.items():
        graph.add_node(claim, kind="claim")
        for item in evidence_base(claim_items):
            if item.stance not in ("supports", "contradicts"):
                continue
            study = item.finding.study
            graph.add_node(study, kind="study")
            edge = graph.get_edge_data(claim, study) or {"sides": set(), "direct": False}
            edge["sides"].add(item.stance)
            edge["direct"] = edge["direct"] or item.directness == "direct"
            graph.add_edge(claim, study, **edge)
    return graph


def contest_scores(graph: nx.Graph) -> dict[URIRef, tuple[int, int, int]]:
    """Per claim: (score, studies for, studies against); the score is the smaller side, so a claim is contested only as far as both sides reach."""
    out = {}
    for node, kind in sorted(graph.nodes(data="kind"), key=lambda nk: str(nk[0])):
        if kind != "claim":
            continue
        sides = [graph.edges[node, study]["sides"] for study in graph.neighbors(node)]
        pro = sum("supports" in s for s in sides)
        con = sum("contradicts" in s for s in sides)
        out[node] = (min(pro, con), pro, con)
    return out


def claims_carried(graph: nx.Graph) -> dict[URIRef, list[URIRef]]:
    """Per study, the claims its findings bear on directly, most claims first."""
    out = {}
    for node, kind in graph.nodes(data="kind"):
        if kind == "study":
            out[node] = sorted((c for c in graph.neighbors(node) if graph.edges[node, c]["direct"]), key=str)
    return dict(sorted(out.items(), key=lambda kv: (-len(kv[1]), str(kv[0]))))


def source_clusters(relations: list[Relation]) -> list[list[URIRef]]:
    """Groups of sources that agree with each other more than with the rest (modularity communities)."""
    graph = nx.Graph()
    for rel in relations:
        if rel.kind == "agreement":
            graph.add_edge(*rel.parties, weight=len(rel.claims))
    if graph.number_of_edges() == 0:
        return []
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes, key=str))
    ordered.add_edges_from(sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))))
    communities = greedy_modularity_communities(ordered, weight="weight")
    clusters = [sorted(c, key=str) for c in communities if len(c) > 1]
    return sorted(clusters, key=lambda c: [str(x) for x in c])
