"""How each named query's time grows with the graph: the bundled corpus, and copies of it.

The copies are those of ``bench/infer_scale.py``: copy k renames every record
of the built graph (asserted and derived) by appending ``-c<k>`` to its id,
and its terms to ``term/c<k>/<id>``, as a graph covering many treatments
would be; 50 copies give about 3.5 * 10^5 triples. With ``--shared-terms``
the copies keep one controlled vocabulary, as a larger corpus on one
treatment would; then queries that compare claims pairwise (apparent-conflicts)
return answers that grow with the square of the copies, and so does their
time. Each named query runs with its header's example values (the records of
copy 0) on the memory store; the time is the best of ``--repeat`` runs.

    .venv/bin/python bench/query_scale.py            # 1 and 50 copies
    .venv/bin/python bench/query_scale.py --copies 10 --shared-terms

A query shape that makes the engine join more than it needs to (a pattern
that shares no variable with the rows it is matched for) shows up here as a
time that grows with the square of the copies, not linearly.
"""

from __future__ import annotations

import argparse
import sys
import time

from infer_scale import copies_of

from kgraph import pipeline, resources
from kgraph.query.named import Parameter, bind, named_queries, read_query
from kgraph.store import open_store


def example(parameter: Parameter, base: str, copies: int, shared_terms: bool) -> str:
    """The header's example value, renamed as :func:`copies_of` renamed its record in copy 0."""
    if copies == 1 or parameter.kind is None:
        return parameter.example
    if parameter.kind == "term":
        return parameter.example if shared_terms else f"{base}term/c0/{parameter.example}"
    return f"{parameter.example}-c0"


def best_time(store, prepared, bindings, repeat: int) -> tuple[float, int]:
    """The best of ``repeat`` runs, each reading its whole answer; and how many rows it had (1 for ASK)."""
    import pyoxigraph as ox

    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        answer = store.query(prepared, bindings)
        rows = 1 if isinstance(answer, ox.QueryBoolean) else sum(1 for _ in answer)
        times.append(time.perf_counter() - started)
    return min(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shared-terms", action="store_true", help="keep one vocabulary for all copies")
    args = parser.parse_args()

    built, _ = pipeline.build(resources.default_corpus())
    base = built.corpus.base
    scales = sorted({1, args.copies})
    stores = {}
    for copies in scales:
        graphs = built.store if copies == 1 else copies_of(built.store, base, copies, args.shared_terms)
        print(f"{copies} cop{'y' if copies == 1 else 'ies'}: {len(graphs):,} quads", file=sys.stderr)
        stores[copies] = open_store("memory")
        stores[copies].replace_graphs(graphs)
    print(f"| query | {' | '.join(f'{c}x: s (rows)' for c in scales)} |")
    print(f"|---|{'---|' * len(scales)}")
    for name, path in named_queries().items():
        query = read_query(path, name)
        cells = []
        for copies, store in stores.items():
            values = {p.name: example(p, base, copies, args.shared_terms) for p in query.header.parameters}
            seconds, rows = best_time(store, store.prepare(query.text), bind(query, values, base), args.repeat)
            cells.append(f"{seconds:.3f} ({rows})")
        print(f"| {name} | {' | '.join(cells)} |", flush=True)


if __name__ == "__main__":
    main()
