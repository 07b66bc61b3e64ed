"""What to draw: the claim, outcome or certainty a user names, the part of a big network to keep, and the order to show it in.

Names are resolved against the built graph (a record id from the YAML, a
label or a full IRI), and a name that matches nothing raises
:class:`NotFound` with the closest names, so the command can say what to
type instead.
"""

from __future__ import annotations

import difflib
import heapq
from collections import Counter, deque

import networkx as nx
from rdflib import URIRef
from rdflib.namespace import SKOS

from kgraph.corpus.graph import Built
from kgraph.errors import KgraphError
from kgraph.infer.evidence import local_id
from kgraph.rdf.namespaces import KG
from kgraph.viz.network import EVIDENCE, KINDS, QUERIES, certainty_levels

PLURAL = {"source": "sources", "claim": "claims", "study": "studies"}


class NotFound(KgraphError, ValueError):
    """A name that matches no record; the message says which names would."""


def _resolve(built: Built, cls: URIRef, kind: str, name: str, what: str) -> URIRef:
    rows = sorted(QUERIES.records(built.store, "names", {"class": cls}), key=lambda row: str(row["node"]))
    for row in rows:
        node = row["node"]
        if name in (local_id(node), str(node)) or name.casefold() == str(row.get("label", "")).casefold():
            return URIRef(node)
    ids = sorted({local_id(row["node"]) for row in rows})
    near = difflib.get_close_matches(name, ids, n=3, cutoff=0.4)
    hint = (
        f"did you mean {', '.join(near)}?" if near else f"{what} ids are in the corpus's {kind} records, e.g. {ids[0] if ids else 'none'}"
    )
    raise NotFound(f"no {what} {name!r} in {built.corpus.path}; {hint}")


def resolve_claim(built: Built, name: str) -> URIRef:
    """A claim's IRI from its id, label or IRI."""
    return _resolve(built, KG.Claim, "claim", name, "claim")


def resolve_outcome(built: Built, name: str) -> URIRef:
    """An outcome term's IRI from its id, label or IRI."""
    return _resolve(built, SKOS.Concept, "term", name, "outcome")


def certainty_rank(code: str) -> int:
    """The rank of a certainty level named by its code (``very-low`` ... ``high``)."""
    levels = certainty_levels()
    if code not in levels:
        raise NotFound(f"no certainty level {code!r}; use one of {', '.join(levels)}")
    rank = levels[code].rank
    assert rank is not None
    return rank


def most_connected(network: nx.MultiDiGraph, limit: int) -> tuple[nx.MultiDiGraph, str | None]:
    """At most ``limit`` nodes, grown from the best-connected node outwards, and a note of what was left out.

    Growing best-first from hubs, rather than taking the top nodes by degree,
    keeps what is drawn connected: a hub comes with its neighbours.
    """
    if network.number_of_nodes() <= limit:
        return network, None
    degree = dict(network.degree())
    undirected = network.to_undirected(as_view=True)
    keep: list[str] = []
    seen: set[str] = set()
    for start in sorted(network, key=lambda n: (-degree[n], n)):
        if len(keep) >= limit:
            break
        if start in seen:
            continue
        seen.add(start)
        frontier = [(-degree[start], start)]
        while frontier and len(keep) < limit:
            _, node = heapq.heappop(frontier)
            keep.append(node)
            for near in undirected[node]:
                if near not in seen:
                    seen.add(near)
                    heapq.heappush(frontier, (-degree[near], near))
    kept = network.subgraph(keep).copy()
    left = Counter(kind for node, kind in network.nodes(data="kind") if node not in kept)
    parts = [f"{left[k]:,} {k if left[k] == 1 else PLURAL[k]}" for k in KINDS if left[k]]
    edges = network.number_of_edges() - kept.number_of_edges()
    note = (
        f"kept the {limit:,} most connected of {network.number_of_nodes():,} nodes; "
        f"left out {', '.join(parts)} and {edges:,} edge{'s' if edges != 1 else ''}"
    )
    return kept, note


def claim_priority(network: nx.MultiDiGraph) -> list[str]:
    """Claims in the order a reader should meet them: contested first, then most evidence, then most certain."""
    evidence = Counter(v for _, v, kind in network.edges(data="kind") if kind in EVIDENCE)
    claims = [n for n, kind in network.nodes(data="kind") if kind == "claim"]
    data = network.nodes
    return sorted(claims, key=lambda c: (not data[c].get("contested"), -evidence[c], -(data[c].get("rank") or 0), c))


def parts(network: nx.MultiDiGraph, size: int) -> list[list[str]]:
    """The network cut into parts of about ``size`` nodes, shown one after another, the first at once.

    Claims come in :func:`claim_priority` order, each with the sources and
    studies that no earlier part holds; a node linked to no claim (a work only
    cited) joins the part of its first neighbour while that part has room, and
    what is left comes last. A network of at most ``size`` nodes is one part.
    """
    if network.number_of_nodes() <= size:
        return [sorted(network)] if network else []
    undirected = network.to_undirected(as_view=True)
    part_of: dict[str, int] = {}
    cut: list[list[str]] = [[]]
    for claim in claim_priority(network):
        new = [claim, *sorted(n for n in undirected[claim] if n not in part_of)]
        if cut[-1] and len(cut[-1]) + len(new) > size:
            cut.append([])
        for node in new:
            part_of[node] = len(cut) - 1
        cut[-1].extend(new)
    queue = deque(n for part in cut for n in part)
    while queue:
        node = queue.popleft()
        for near in sorted(undirected[node]):
            if near not in part_of and len(cut[part_of[node]]) < size:
                part_of[near] = part_of[node]
                cut[part_of[near]].append(near)
                queue.append(near)
    alone = sorted(n for n in network if n not in part_of)
    cut.extend(alone[i : i + size] for i in range(0, len(alone), size))
    return [part for part in cut if part]
