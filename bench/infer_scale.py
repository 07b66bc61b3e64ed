"""How the infer stage's time grows with the graph: the bundled corpus against copies of it.

Copy k of the asserted graph renames every record IRI under the corpus base
(``.../claim/x`` -> ``.../claim/x-c<k>``; terms ``.../term/c<k>/x``, keeping
the term ids the rules table names) unless ``--shared-terms``, so 50 copies hold about 1.4 * 10^5 triples. The infer
stage (SPARQL collection, evidence items, conflicts, certainty, citations,
networkx, and writing the derived graph) runs on one copy and on many; the
report gives both times and their ratio, against the ratio of triples. A
ratio far above the copies means something grows faster than linearly (a
SPARQL cross product, or pairwise work across copies).

    .venv/bin/python bench/infer_scale.py                 # 1 and 50 copies
    .venv/bin/python bench/infer_scale.py --copies 10 --shared-terms

With shared terms every copy's findings bear on every copy's claims, so the
evidence items grow with the square of the copies by design.
"""

from __future__ import annotations

import argparse
import time

import pyoxigraph as ox

from kgraph import pipeline, resources
from kgraph.infer import infer
from kgraph.infer.derive import write_derived


def copies_of(asserted: ox.Store, base: str, copies: int, shared_terms: bool) -> ox.Store:
    """A store holding ``copies`` renamed copies of every named graph of ``asserted``."""
    out = ox.Store()

    def rename(node, k: int):
        if not isinstance(node, ox.NamedNode) or not node.value.startswith(base):
            return node
        text = node.value
        if text.startswith(base + "term/"):
            return node if shared_terms else ox.NamedNode(f"{base}term/c{k}/{text[len(base) + 5:]}")
        record, hash_, fragment = text.partition("#")
        return ox.NamedNode(f"{record}-c{k}{hash_}{fragment}")

    for k in range(copies):
        out.bulk_extend(ox.Quad(rename(q.subject, k), q.predicate, rename(q.object, k), rename(q.graph_name, k)) for q in asserted)
    return out


def timed(store: ox.Store, base: str) -> tuple[float, int]:
    derived = ox.NamedNode(base + "graph/derived")
    started = time.perf_counter()
    inference = infer(store, base)
    write_derived(inference, store, derived)
    return time.perf_counter() - started, sum(1 for _ in store.quads_for_pattern(None, None, None, derived))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--shared-terms", action="store_true")
    args = parser.parse_args()
    built, _ = pipeline.build(resources.default_corpus())
    base = built.corpus.base
    built.store.remove_graph(built.graph("derived"))
    rows = []
    for n in (1, args.copies):
        data = copies_of(built.store, base, n, args.shared_terms)
        triples = len(data)
        seconds, derived = timed(data, base)
        rows.append((n, triples, derived, seconds))
        print(f"{n:>4} copies: {triples:>8,} asserted triples -> {derived:>9,} derived in {seconds:7.2f} s")
    (_, t1, _, s1), (n, tn, _, sn) = rows
    print(f"ratio: {tn / t1:.1f}x the triples took {sn / s1:.1f}x the time (linear would be about {n})")


if __name__ == "__main__":
    main()
