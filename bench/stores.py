"""Build, load, every named query and export, on each store, against baselines measured in the same run.

For each generated corpus (bench/generate.py) this measures, each step in a
fresh process so that its peak memory (ru_maxrss) is its own:

- build: records -> validated graph -> the N-Quads cache (kgraph's pipeline);
- load: ``OxigraphStore.load_file`` of that N-Quads file (what ``kgraph load``
  does after the build, and all it does for an exported file), against
  pyoxigraph's own ``bulk_load`` of the same file into an empty store;
- queries: every named query through kgraph's Oxigraph store (VALUES splice
  included; every value of every row read), against pyoxigraph running the same
  text and reading every value of every row; and rdflib in memory (parse the
  N-Quads, then ``Dataset.query`` with ``initBindings``), what a user would
  otherwise write;
- export: the store dumped as N-Quads by pyoxigraph, against rdflib serialising
  the parsed dataset.

    .venv/bin/python bench/stores.py --triples 10000 100000 1000000 --work /tmp/kgbench
    .venv/bin/python bench/stores.py --nquads big.nq --work /tmp/kgbench   # a file you have, no build
    .venv/bin/python bench/stores.py --nquads big.nq --copies 10 --no-queries --work /tmp/kgbench   # ten times it, load only

``--copies N`` measures N renamed copies of each ``--nquads`` file in one file
(:func:`renamed_copies`): how a 10^7-quad file is made from the build of a
10^6-triple corpus without building 10^7 triples of records.

Prints a Markdown table per corpus and writes the raw figures as JSON in --work.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def step_build(corpus: str, work: str) -> dict:
    import os

    os.environ["KGRAPH_CACHE"] = str(Path(work) / "cache")
    from kgraph import cache

    data_dir = Path(corpus)
    started = time.perf_counter()
    snapshot = cache.rebuild(data_dir, cache.cache_file(data_dir, cache.fingerprint(data_dir)))
    return {"seconds": time.perf_counter() - started, "nquads": str(snapshot.path), "base": snapshot.base}


def step_load_kgraph(nquads: str, db: str) -> dict:
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

    from kgraph.query import bind, named_queries, read_query

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


def step_query_oxigraph(db: str, base: str, repeat: str) -> dict:
    import pyoxigraph as ox

    from kgraph.store.oxigraph import OxigraphStore
    from kgraph.store.sparqltext import with_values

    store = OxigraphStore(Path(db))
    raw = store.store
    out = {}
    for name, (text, bindings) in _queries(base).items():
        spliced = with_values(text, bindings)

        def native(spliced=spliced):
            return _read(raw.query(spliced, use_default_graph_as_union=True))

        def through_kgraph(text=text, bindings=bindings):
            return _read(store.query(text, bindings))

        native_s, _ = _best(native, int(repeat))
        kgraph_s, rows = _best(through_kgraph, int(repeat))
        out[name] = {"pyoxigraph": native_s, "kgraph": kgraph_s, "rows": rows}
    started = time.perf_counter()
    raw.dump(format=ox.RdfFormat.N_QUADS)
    out["_export"] = time.perf_counter() - started
    return out


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


def step_rdflib(nquads: str, base: str, repeat: str) -> dict:
    from rdflib import Dataset
    from rdflib.util import from_n3

    dataset = Dataset(default_union=True)
    started = time.perf_counter()
    dataset.parse(nquads, format="nquads")
    out = {"_parse": time.perf_counter() - started}
    for name, (text, terms) in _queries(base).items():
        bindings = {k: from_n3(str(v)) for k, v in terms.items()}
        seconds, rows = _best(lambda text=text, bindings=bindings: len(list(dataset.query(text, initBindings=bindings))), int(repeat))
        out[name] = {"rdflib": seconds, "rows": rows}
    started = time.perf_counter()
    dataset.serialize(format="nquads")
    out["_export"] = time.perf_counter() - started
    return out


SHARED_GRAPHS = ("graph/catalogue", "graph/derived")


def renamed_copies(nquads: Path, copies: int, base: str, out: Path) -> Path:
    """``copies`` copies of a corpus's N-Quads in one file, each IRI under ``base`` suffixed ``-c1``, ``-c2``... per copy.

    Copy 0 is the file as it is. The fragment of an IRI stays last
    (``.../u3-trial-1-month-c2#quote``) and the catalogue and derived graphs
    stay shared, so the result is shaped like a corpus ``copies`` times as
    big, every record, term and derived node renamed as ``copies_of`` in
    bench/infer_scale.py renames them, streamed in chunks of lines.
    """
    iri = re.compile(b"<(" + re.escape(base.encode()) + b"[^>#]*)")
    with nquads.open("rb") as source, out.open("wb") as sink:
        for k in range(copies):
            source.seek(0)
            suffix = f"-c{k}".encode()
            while chunk := source.readlines(1 << 26):
                if k == 0:
                    sink.writelines(chunk)
                    continue
                renamed = iri.sub(rb"<\1" + suffix, b"".join(line for line in chunk if not line.startswith(b"#")))
                for graph in SHARED_GRAPHS:
                    kept = f"<{base}{graph}".encode()
                    renamed = renamed.replace(kept + suffix + b">", kept + b">")
                sink.write(renamed)
    return out


STEPS = {f.__name__.removeprefix("step_"): f for f in (step_build, step_load_kgraph, step_load_pyoxigraph, step_query_oxigraph, step_rdflib)}


def run_step(name: str, *args: str) -> dict:
    """Run one step in a new interpreter; its result with the peak resident memory of that process."""
    done = subprocess.run([sys.executable, __file__, "--step", name, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"step {name} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(nquads: str, base: str, work: Path, repeat: int, with_rdflib: bool, build: dict | None, queries: bool = True) -> dict:
    figures: dict = {"build": build, "quads": _lines(Path(nquads))}
    for name in ("load_pyoxigraph", "load_kgraph"):
        db = work / f"db-{name}"
        shutil.rmtree(db, ignore_errors=True)
        figures[name] = run_step(name, nquads, str(db))
    if not queries:
        return figures
    figures["query_oxigraph"] = run_step("query_oxigraph", str(work / "db-load_kgraph"), base, str(repeat))
    if with_rdflib:
        figures["rdflib"] = run_step("rdflib", nquads, base, str(repeat))
    return figures


def _lines(path: Path) -> int:
    """Quads in an N-Quads file: its lines that are not comments."""
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip() and not line.startswith(b"#"))


def table(label: str, f: dict) -> str:
    mb = lambda step: f"{f[step]['peak_mb']:,.0f} MB"  # noqa: E731
    ox_load = f["load_pyoxigraph"]["seconds"]
    lines = [f"### {label} ({f['quads']:,} quads)", "", "| step | kgraph | baseline | ratio | peak memory (kgraph / baseline) |", "|---|---:|---:|---:|---:|"]
    if f.get("build"):
        total = f["build"]["seconds"] + f["load_kgraph"]["seconds"]
        lines.append(f"| build: records to the N-Quads cache | {f['build']['seconds']:.2f} s | | | {mb('build')} |")
        lines.append(f"| load from the records (build + load) | {total:.2f} s | pyoxigraph bulk load {ox_load:.2f} s | {total / ox_load:.1f} | {mb('build')} / {mb('load_pyoxigraph')} |")
    lines.append(
        f"| load an exported N-Quads file | {f['load_kgraph']['seconds']:.2f} s | pyoxigraph bulk load {ox_load:.2f} s "
        f"| {f['load_kgraph']['seconds'] / ox_load:.2f} | {mb('load_kgraph')} / {mb('load_pyoxigraph')} |"
    )
    if "query_oxigraph" not in f:
        return "\n".join(lines)
    queries = {k: v for k, v in f["query_oxigraph"].items() if isinstance(v, dict)}
    for name, q in queries.items():
        rdflib = f.get("rdflib", {}).get(name, {}).get("rdflib")
        extra = f"; rdflib {rdflib:.3f} s ({rdflib / q['pyoxigraph']:.0f}x)" if rdflib else ""
        lines.append(f"| query {name} ({q['rows']} rows) | {q['kgraph']:.3f} s | pyoxigraph {q['pyoxigraph']:.3f} s{extra} | {q['kgraph'] / q['pyoxigraph']:.2f} | |")
    export = f["query_oxigraph"]["_export"]
    rdflib_export = f.get("rdflib", {}).get("_export")
    lines.append(f"| export N-Quads (pyoxigraph dump) | {export:.2f} s | rdflib {rdflib_export:.2f} s |  | |" if rdflib_export else f"| export N-Quads (pyoxigraph dump) | {export:.2f} s | | | |")
    if f.get("rdflib"):
        lines.append(f"| rdflib parse of the N-Quads | | {f['rdflib']['_parse']:.2f} s | | {mb('rdflib')} (rdflib, parsed and queried) |")
    lines.append(f"| queries on the Oxigraph store | | | | {mb('query_oxigraph')} |")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--step":
        result = STEPS[sys.argv[2]](*sys.argv[3:])
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="*", default=[], help="generate and build corpora of about these sizes")
    parser.add_argument("--nquads", type=Path, nargs="*", default=[], help="measure these N-Quads files of generated corpora as they are (no build)")
    parser.add_argument("--work", type=Path, required=True, help="scratch folder (corpora, caches, stores)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query; the best is kept")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib baseline (slow and large past 10^6 triples)")
    parser.add_argument("--no-queries", action="store_true", help="measure build and load only")
    parser.add_argument("--copies", type=int, default=1, help="measure each --nquads file as this many renamed copies in one file")
    args = parser.parse_args()
    from generate import BASE, generate, units_for

    args.work.mkdir(parents=True, exist_ok=True)
    results = {}
    for triples in args.triples:
        corpus = args.work / f"corpus-{triples}"
        if not corpus.exists():
            generate(corpus, units_for(triples))
        build = run_step("build", str(corpus), str(args.work))
        results[f"generated, about {triples:,} triples"] = measure(build["nquads"], build["base"], args.work, args.repeat, not args.no_rdflib, build, not args.no_queries)
    for path in args.nquads:
        if args.copies > 1:
            path = renamed_copies(path, args.copies, BASE, args.work / f"{path.stem}-x{args.copies}.nq")
        results[str(path)] = measure(str(path), BASE, args.work, args.repeat, not args.no_rdflib, None, not args.no_queries)
    (args.work / "results.json").write_text(json.dumps(results, indent=2))
    for label, figures in results.items():
        print(table(label, figures), end="\n\n")


if __name__ == "__main__":
    main()
