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

from rdflib import Dataset, URIRef

from kgraph import pipeline, resources
from kgraph.graph import graph_iri, new_dataset
from kgraph.infer import infer
from kgraph.infer.derive import write_derived


def copies_of(asserted: Dataset, base: str, copies: int, shared_terms: bool) -> Dataset:
    """A dataset holding ``copies`` renamed copies of every asserted named graph."""
    out = new_dataset()

    def rename(node, k: int):
        text = str(node)
        if not isinstance(node, URIRef) or not text.startswith(base):
            return node
        if text.startswith(base + "term/"):
            return node if shared_terms else URIRef(f"{base}term/c{k}/{text[len(base) + 5:]}")
        record, hash_, fragment = text.partition("#")
        return URIRef(f"{record}-c{k}{hash_}{fragment}")

    for k in range(copies):
        for s, p, o, g in asserted.quads((None, None, None, None)):
            out.graph(rename(g, k)).add((rename(s, k), p, rename(o, k)))
    return out


def timed(dataset: Dataset, base: str) -> tuple[float, int]:
    started = time.perf_counter()
    inference = infer(dataset, base)
    added = write_derived(inference, dataset.graph(URIRef(base + "graph/derived")))
    return time.perf_counter() - started, added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--shared-terms", action="store_true")
    args = parser.parse_args()
    built, _ = pipeline.build(resources.default_corpus())
    base = built.corpus.base
    built.dataset.remove_graph(built.dataset.graph(graph_iri(built.corpus, "derived")))
    rows = []
    for n in (1, args.copies):
        data = copies_of(built.dataset, base, n, args.shared_terms)
        triples = len(data)
        seconds, derived = timed(data, base)
        rows.append((n, triples, derived, seconds))
        print(f"{n:>4} copies: {triples:>8,} asserted triples -> {derived:>9,} derived in {seconds:7.2f} s")
    (_, t1, _, s1), (n, tn, _, sn) = rows
    print(f"ratio: {tn / t1:.1f}x the triples took {sn / s1:.1f}x the time (linear would be about {n})")


if __name__ == "__main__":
    main()
