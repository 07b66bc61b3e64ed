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

A shape that makes rdflib build a cross product (two triple patterns with
constant objects that share no variable, in one group) shows up here as a
time that grows with the square of the copies, not linearly.

With ``--nquads`` it measures generated corpora instead (bench/generate.py, as
N-Quads from kgraph's graph cache, smallest first): each file is loaded once
into an in-memory store (pyoxigraph, or rdflib with ``--engine rdflib``), every
named query runs with the example values of ``generate.example_value`` over
the union of the graphs, and the table gives, per query, the best of
``--repeat`` runs at each size and how much the time grows per 10 times the
triples between consecutive sizes (1x per 10x is constant, 10x is linear).
``--queries DIR`` times the ``.rq`` files of another folder (an older version
of the library, say) under the same names.

    .venv/bin/python bench/query_scale.py --nquads 1e4.nq 1e5.nq 1e6.nq
    .venv/bin/python bench/query_scale.py --nquads 1e4.nq --engine rdflib --only citation-fidelity
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

from infer_scale import copies_of

from kgraph import pipeline, resources
from kgraph.query import Parameter, QueryFile, bind, named_queries, read_query
from kgraph.store import open_store

CACHE_HEADER = "# kgraph-graph-cache 1 base="


def example(parameter: Parameter, base: str, copies: int, shared_terms: bool) -> str:
    """The header's example value, renamed as :func:`copies_of` renamed its record in copy 0."""
    if copies == 1 or parameter.kind is None:
        return parameter.example
    if parameter.kind == "term":
        return parameter.example if shared_terms else f"{base}term/c0/{parameter.example}"
    return f"{parameter.example}-c0"


def best_time(store, prepared, bindings, repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = store.query(prepared, bindings)
        rows = len(result) if result.type == "SELECT" else 1
        times.append(time.perf_counter() - started)
    return min(times), rows


def base_of(nquads: Path) -> str:
    """The corpus base written in the first line of a graph-cache file, else the generator's."""
    from generate import BASE

    with nquads.open(encoding="utf-8") as lines:
        first = lines.readline()
    return first[len(CACHE_HEADER) :].strip() if first.startswith(CACHE_HEADER) else BASE


def ox_term(term):
    """A parameter's rdflib term as the pyoxigraph term that kgraph's VALUES splice takes."""
    import pyoxigraph as ox
    from rdflib import Literal

    if not isinstance(term, Literal):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype else ox.Literal(str(term))


def oxigraph_runner(nquads: Path):
    """Run a query text with bindings on an in-memory pyoxigraph store, reading every value of every row."""
    import pyoxigraph as ox

    from kgraph.store.sparqltext import with_values

    store = ox.Store()
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)

    def run(text: str, bindings: dict) -> int:
        answer = store.query(with_values(text, {name: ox_term(term) for name, term in bindings.items()}), use_default_graph_as_union=True)
        if isinstance(answer, ox.QueryBoolean):
            return 1
        rows = 0
        for row in answer:
            rows += 1
            for _ in row:
                pass
        return rows

    return run, len(store)


def rdflib_runner(nquads: Path):
    """Run a query text with bindings on an rdflib Dataset whose default graph is the union."""
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    dataset.parse(str(nquads), format="nquads")

    def run(text: str, bindings: dict) -> int:
        result = dataset.query(text, initBindings=bindings)
        return len(result) if result.type == "SELECT" else 1

    return run, len(dataset)


def growth(small: tuple[int, float], large: tuple[int, float]) -> str:
    """The time's growth factor per 10 times the triples between two sizes."""
    (n1, t1), (n2, t2) = small, large
    if t1 <= 0 or n2 <= n1:
        return "-"
    return f"{(t2 / t1) ** (1 / math.log10(n2 / n1)):.1f}x"


def measure_files(files: list[Path], engine: str, folder: Path | None, only: list[str], repeat: int) -> None:
    from generate import example_value

    paths = {p.stem: p for p in sorted(folder.glob("*.rq"))} if folder else named_queries()
    queries: dict[str, QueryFile] = {name: read_query(path, name) for name, path in paths.items() if not only or name in only}
    sizes, cells = [], {name: [] for name in queries}
    for nquads in files:
        base = base_of(nquads)
        started = time.perf_counter()
        run, triples = (rdflib_runner if engine == "rdflib" else oxigraph_runner)(nquads)
        print(f"{nquads}: {triples:,} triples, loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        sizes.append(triples)
        for name, query in queries.items():
            values = {p.name: example_value(p.name, p.kind, p.type) for p in query.header.parameters}
            bindings = bind(query, values, base)
            times, rows = [], 0
            for _ in range(repeat):
                begun = time.perf_counter()
                rows = run(query.text, bindings)
                times.append(time.perf_counter() - begun)
            cells[name].append((min(times), rows))
            print(f"  {name}: {min(times):.3f} s ({rows} rows)", file=sys.stderr, flush=True)
        del run
    steps = [f"{sizes[i]:.0e} -> {sizes[i + 1]:.0e}" for i in range(len(sizes) - 1)]
    print(f"| query | {' | '.join(f'{n:,}: s (rows)' for n in sizes)} | {' | '.join(f'per 10x, {s}' for s in steps)} |")
    print(f"|---|{'---:|' * (len(sizes) + len(steps))}")
    for name, measured in cells.items():
        times = [f"{seconds:.3f} ({rows})" for seconds, rows in measured]
        grown = [growth((sizes[i], measured[i][0]), (sizes[i + 1], measured[i + 1][0])) for i in range(len(sizes) - 1)]
        print(f"| {name} | {' | '.join(times)} | {' | '.join(grown)} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shared-terms", action="store_true", help="keep one vocabulary for all copies")
    parser.add_argument("--nquads", type=Path, nargs="+", help="generated corpora as N-Quads, smallest first")
    parser.add_argument("--engine", choices=("oxigraph", "rdflib"), default="oxigraph", help="with --nquads")
    parser.add_argument("--queries", type=Path, help="with --nquads: time the .rq files of this folder")
    parser.add_argument("--only", nargs="+", default=[], help="with --nquads: these queries only")
    args = parser.parse_args()
    if args.nquads:
        measure_files(args.nquads, args.engine, args.queries, args.only, args.repeat)
        return

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
