"""Load, every named query and export, on each store, against baselines measured in the same run.

For each generated corpus (bench/generate.py) this measures, each step in a
fresh process so that its peak memory (ru_maxrss) is its own:

- load from the records: ``OxigraphStore.load_corpus`` (what ``kgraph load
  DIR --store oxigraph:PATH`` does: read, build, align, validate and infer
  straight into a new on-disk store), with the time of each stage;
- the baseline: pyoxigraph's own ``bulk_load`` of the resulting N-Quads (the
  store's dump) into an empty on-disk store, the least any loader can cost;
- load an exported file: ``OxigraphStore.load_file`` of those N-Quads (what
  ``kgraph load FILE`` does), against the same baseline;
- queries: every named query through kgraph's Oxigraph store (VALUES splice
  included; every value of every row read), against pyoxigraph running the
  same text and reading every value of every row; and, with ``--rdflib``,
  rdflib in memory (parse the N-Quads, then ``Dataset.query`` with
  ``initBindings``), what a user would otherwise write;
- export: kgraph's deterministic (sorted) N-Quads, against the store's own
  unsorted dump, and against rdflib's with ``--rdflib``.

    .venv/bin/python bench/stores.py --triples 10000 100000 1000000 --rdflib 10000 100000 --work /tmp/kgbench
    .venv/bin/python bench/stores.py --triples 10000000 --no-queries --work /tmp/kgbench7

Prints a Markdown table per corpus and writes the raw figures as JSON in --work.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def step_load_records(corpus: str, db: str, nquads: str) -> dict:
    """kgraph load of a corpus folder into a new on-disk store, stage by stage; then the store's N-Quads for the baseline."""
    import pyoxigraph as ox

    from kgraph import pipeline
    from kgraph.store.oxigraph import OxigraphStore

    stages: dict[str, float] = {}
    last = [time.perf_counter()]

    def progress(stage: str) -> None:
        name = stage.split(":")[0]
        now = time.perf_counter()
        stages[current[0]] = stages.get(current[0], 0.0) + now - last[0]
        current[0], last[0] = name, now

    current = ["starting"]
    started = time.perf_counter()
    store = OxigraphStore(Path(db))
    count = store.load_built(lambda target: pipeline.build(Path(corpus), progress, store=target), progress)
    seconds = time.perf_counter() - started
    progress("done")
    store.store.dump(nquads, format=ox.RdfFormat.N_QUADS)
    store.close()
    return {"seconds": seconds, "quads": count, "stages": {k: v for k, v in stages.items() if k != "starting"}}


def step_load_file(nquads: str, db: str) -> dict:
    from kgraph.store.oxigraph import OxigraphStore

    started = time.perf_counter()
    count = OxigraphStore(Path(db)).load_file(Path(nquads), "nquads")
    return {"seconds": time.perf_counter() - started, "quads": count}


def step_load_pyoxigraph(nquads: str, db: str) -> dict:
    import pyoxigraph as ox

    started = time.perf_counter()
    store = ox.Store(db)
    store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()
    return {"seconds": time.perf_counter() - started}


def _queries(base: str) -> dict:
    from generate import example_value

    from kgraph.query.named import bind, named_queries, read_query

    chosen = {}
    for name, path in named_queries().items():
        query = read_query(path, name)
        values = {p.name: example_value(p.name, p.kind, p.type) for p in query.header.parameters}
        chosen[name] = (query.text, bind(query, values, base))
    return chosen


def _best(run, repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - started)
    return min(times), rows


def _read(answer) -> int:
    """Read every value of an answer, as any use of it would; returns its rows (1 for ASK)."""
    import pyoxigraph as ox

    if isinstance(answer, ox.QueryBoolean):
        return 1
    if isinstance(answer, ox.QuerySolutions):
        rows = 0
        for row in answer:
            rows += 1
            for _ in row:
                pass
        return rows
    return sum(1 for _ in answer)


def step_query_oxigraph(db: str, base: str, repeat: str) -> dict:
    import pyoxigraph as ox

    from kgraph.rdf.serialize import serialize
    from kgraph.rdf.sparqltext import with_values
    from kgraph.store.oxigraph import OxigraphStore

    store = OxigraphStore(Path(db))
    raw = store.store
    out: dict = {}
    for name, (text, bindings) in _queries(base).items():
        spliced = with_values(text, bindings)

        def native(spliced=spliced):
            return _read(raw.query(spliced, use_default_graph_as_union=True))

        def through_kgraph(text=text, bindings=bindings):
            return _read(store.query(text, bindings))

        native_s, _ = _best(native, int(repeat))
        kgraph_s, rows = _best(through_kgraph, int(repeat))
        out[name] = {"pyoxigraph": native_s, "kgraph": kgraph_s, "rows": rows}
    out["_export"] = _export(lambda: serialize(raw, "nquads"), lambda: raw.dump(format=ox.RdfFormat.N_QUADS))
    return out


def _export(kgraph, native) -> dict:
    started = time.perf_counter()
    kgraph()
    middle = time.perf_counter()
    native()
    return {"kgraph": middle - started, "pyoxigraph": time.perf_counter() - middle}


def step_rdflib(nquads: str, base: str, repeat: str) -> dict:
    from rdflib import Dataset
    from rdflib.util import from_n3

    dataset = Dataset(default_union=True)
    started = time.perf_counter()
    dataset.parse(nquads, format="nquads")
    out: dict = {"_parse": time.perf_counter() - started}
    for name, (text, terms) in _queries(base).items():
        bindings = {k: from_n3(str(v)) for k, v in terms.items()}
        seconds, rows = _best(lambda text=text, bindings=bindings: len(list(dataset.query(text, initBindings=bindings))), int(repeat))
        out[name] = {"rdflib": seconds, "rows": rows}
    started = time.perf_counter()
    dataset.serialize(format="nquads")
    out["_export"] = time.perf_counter() - started
    return out


STEPS = {f.__name__.removeprefix("step_"): f for f in (step_load_records, step_load_file, step_load_pyoxigraph, step_query_oxigraph, step_rdflib)}


def run_step(name: str, *args: str) -> dict:
    """Run one step in a new interpreter; its result with the peak resident memory of that process."""
    done = subprocess.run([sys.executable, __file__, "--step", name, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"step {name} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(corpus: Path, work: Path, repeat: int, with_rdflib: bool, queries: bool) -> dict:
    from generate import BASE

    nquads = work / f"{corpus.name}.nq"
    dbs = {name: work / f"db-{name}" for name in ("load_records", "load_file", "load_pyoxigraph")}
    for db in dbs.values():
        shutil.rmtree(db, ignore_errors=True)
    figures: dict = {"load_records": run_step("load_records", str(corpus), str(dbs["load_records"]), str(nquads))}
    figures["load_pyoxigraph"] = run_step("load_pyoxigraph", str(nquads), str(dbs["load_pyoxigraph"]))
    figures["load_file"] = run_step("load_file", str(nquads), str(dbs["load_file"]))
    if queries:
        figures["query_oxigraph"] = run_step("query_oxigraph", str(dbs["load_file"]), BASE, str(repeat))
    if with_rdflib:
        figures["rdflib"] = run_step("rdflib", str(nquads), BASE, str(repeat))
    for db in dbs.values():
        shutil.rmtree(db, ignore_errors=True)
    return figures


def table(label: str, f: dict) -> str:
    mb = lambda step: f"{f[step]['peak_mb']:,.0f} MB"  # noqa: E731
    base = f["load_pyoxigraph"]["seconds"]
    records, loaded = f["load_records"], f["load_file"]
    lines = [f"### {label} ({records['quads']:,} quads)", "", "| step | kgraph | baseline | ratio | peak memory (kgraph / baseline) |", "|---|---:|---:|---:|---:|"]
    lines.append(
        f"| load from the records | {records['seconds']:.2f} s | pyoxigraph bulk load {base:.2f} s | {records['seconds'] / base:.2f} "
        f"| {mb('load_records')} / {mb('load_pyoxigraph')} |"
    )
    lines += [f"| ... {stage} | {seconds:.2f} s | | | |" for stage, seconds in records["stages"].items()]
    lines.append(f"| load an exported N-Quads file | {loaded['seconds']:.2f} s | pyoxigraph bulk load {base:.2f} s | {loaded['seconds'] / base:.2f} | {mb('load_file')} / {mb('load_pyoxigraph')} |")
    if "query_oxigraph" in f:
        for name, q in ((k, v) for k, v in f["query_oxigraph"].items() if isinstance(v, dict) and "rows" in v):
            rdflib = f.get("rdflib", {}).get(name, {}).get("rdflib")
            extra = f"; rdflib {rdflib:.3f} s ({rdflib / q['pyoxigraph']:.0f}x)" if rdflib else ""
            lines.append(f"| query {name} ({q['rows']} rows) | {q['kgraph']:.3f} s | pyoxigraph {q['pyoxigraph']:.3f} s{extra} | {q['kgraph'] / q['pyoxigraph']:.2f} | |")
        export = f["query_oxigraph"]["_export"]
        rdflib_export = f.get("rdflib", {}).get("_export")
        extra = f"; rdflib {rdflib_export:.2f} s" if rdflib_export else ""
        lines.append(
            f"| export N-Quads, sorted | {export['kgraph']:.2f} s | pyoxigraph dump, unsorted {export['pyoxigraph']:.2f} s{extra} "
            f"| {export['kgraph'] / export['pyoxigraph']:.2f} | {mb('query_oxigraph')} (queries and export) |"
        )
    if f.get("rdflib"):
        lines.append(f"| rdflib parse of the N-Quads | | {f['rdflib']['_parse']:.2f} s | | {mb('rdflib')} (rdflib, parsed and queried) |")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--step":
        result = STEPS[sys.argv[2]](*sys.argv[3:])
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="+", required=True, help="generate (once) and measure corpora of about these sizes")
    parser.add_argument("--work", type=Path, required=True, help="scratch folder (corpora, stores, files)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query; the best is kept")
    parser.add_argument("--rdflib", type=int, nargs="*", default=[], help="the sizes at which to measure the rdflib baseline too (slow past 10^5)")
    parser.add_argument("--no-queries", action="store_true", help="measure the loads only")
    args = parser.parse_args()
    from generate import generate, units_for

    args.work.mkdir(parents=True, exist_ok=True)
    results = {}
    for triples in args.triples:
        corpus = args.work / f"corpus-{triples}"
        if not corpus.exists():
            generate(corpus, units_for(triples))
        results[f"generated, about {triples:,} triples"] = measure(corpus, args.work, args.repeat, triples in args.rdflib, not args.no_queries)
        (args.work / "results.json").write_text(json.dumps(results, indent=2))
    for label, figures in results.items():
        print(table(label, figures), end="\n\n")


if __name__ == "__main__":
    main()
