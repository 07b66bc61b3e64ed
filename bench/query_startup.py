"""Wall time of ``kgraph query contested-claims`` against ``python -c "import rdflib"``, in the same run.

The baseline is the least any rdflib-based command can cost: starting Python
and importing rdflib. The target is a ratio of at most 1.5 for a question asked
of an unchanged corpus, i.e. with the graph already in the cache. Each command
runs ``--runs`` times in turn, alternating, in a fresh interpreter; the median
is reported. The first run of the query (empty cache: build, validate, infer,
write the cache) and the second (the first that reads the cache) are reported
apart and not counted.

    .venv/bin/python bench/query_startup.py
    .venv/bin/python bench/query_startup.py --runs 21 --query find-claims --param words=pain
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def wall(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--query", default="contested-claims")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "KGRAPH_CACHE": cache, "COLUMNS": "120"}
        query = [sys.executable, "-m", "kgraph", "query", args.query, *(f"--param={p}" for p in args.param)]
        baseline = [sys.executable, "-c", "import rdflib"]
        cold = wall(query, env)
        first_load = wall(query, env)
        base_times, query_times = [], []
        for _ in range(args.runs):
            base_times.append(wall(baseline, env))
            query_times.append(wall(query, env))
    base, warm = statistics.median(base_times), statistics.median(query_times)
    print(f"python -c 'import rdflib'          median {base:.3f} s over {args.runs} runs")
    print(f"kgraph query {args.query:<22s} median {warm:.3f} s over {args.runs} runs (cached graph)")
    print(f"ratio                              {warm / base:.2f} (target <= 1.5)")
    print(f"first run, empty cache             {cold:.3f} s (build, validate, infer, cache)")
    print(f"second run, first read of the cache {first_load:.3f} s")


if __name__ == "__main__":
    main()
