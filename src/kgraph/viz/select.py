"""What to draw: the claim, outcome or certainty a user names, and the part of a big network to keep.

Names are resolved against the built graph (a record id from the YAML, a
label or a full IRI), and a name that matches nothing raises
:class:`NotFound` with the closest names, so the command can say what to
type instead.
"""

from __future__ import annotations

import difflib
import heapq
from collections import Counter

import networkx as nx
from rdflib import URIRef
from rdflib.namespace import SKOS

from kgraph.corpus.graph import Built
from kgraph.errors import KgraphError
from kgraph.infer.evidence import local_id
from kgraph.rdf.namespaces import KG
from kgraph.viz.network import KINDS, QUERIES, certainty_levels

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
