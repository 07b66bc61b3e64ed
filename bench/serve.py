"""kgraph serve against oxigraph serve on the same N-Quads, in the same run: named queries and claim pages under load.

Both servers hold the graph in memory (oxigraph serve without ``--location``, the N-Quads POSTed to its ``/store``;
kgraph serve's memory store from the same build cache) and listen on 127.0.0.1 only; the load generator is Debian's ``wrk`` (C, event-driven: a Python client would be
the bottleneck), with a bounded number of connections for a bounded time. First it is checked alone against the baseline:
``ASK {}`` on oxigraph serve shows the most the generator can drive on this machine, which must be well above what the
measured runs reach. Then, for each run, throughput and the 50th and 99th percentiles of latency:

- every named query (with its example parameters, bound as VALUES by kgraph) POSTed to kgraph serve's ``/sparql`` and to
  oxigraph serve's ``/query``, round-robin, answers in SPARQL JSON;
- every claim's page (HTML) from kgraph serve, against the same claim's ``DESCRIBE`` from oxigraph serve (Turtle).

    .venv/bin/python bench/serve.py --seconds 5 --connections 8 --rounds 3

Needs ``wrk`` (``apt-get install wrk``) and the ``oxigraph`` binary (``pip install oxigraph``, a test dependency).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_ready(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the server exited ({process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url}: not ready after {seconds:g} s")


def lua(requests: list[tuple[str, str, str, dict[str, str]]]) -> str:
    """A wrk script that sends the requests round-robin: (method, path, body, headers)."""
    rows = []
    for method, path, body, headers in requests:
        heads = ", ".join(f'["{k}"] = [==[{v}]==]' for k, v in headers.items())
        rows.append(f"  {{ [==[{method}]==], [==[{path}]==], [==[{body}]==], {{ {heads} }} }},")
    return "\n".join(
        [
            "local requests = {",
            *rows,
            "}",
            "local i = 0",
            "request = function()",
            "  i = (i % #requests) + 1",
            "  local r = requests[i]",
            "  if r[3] == '' then return wrk.format(r[1], r[2], r[4]) end",
            "  return wrk.format(r[1], r[2], r[4], r[3])",
            "end",
        ]
    )


def run_wrk(url: str, requests: list, seconds: int, connections: int, work: Path, name: str) -> dict[str, float]:
    script = work / f"{name}.lua"
    script.write_text(lua(requests), encoding="utf-8")
    done = subprocess.run(
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s", "--latency", "-s", str(script), url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    )
    out = done.stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{name}: {errors.group(1)} error answers\n{out}")
    latency = {m.group(1): float(m.group(2)) * UNITS[m.group(3)] for m in re.finditer(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)}
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": latency["50"], "p99": latency["99"]}


def form(query: str) -> str:
    return urllib.parse.urlencode({"query": query})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="kgraph serve --workers (server processes)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each pair, in turn, to see past a noisy machine")
    args = parser.parse_args()
    for program in ("wrk",):
        if shutil.which(program) is None:
            raise SystemExit(f"{program} is not installed: apt-get install {program}")
    oxigraph = Path(sys.executable).parent / "oxigraph"
    if not oxigraph.exists():
        oxigraph = Path(shutil.which("oxigraph") or "oxigraph")

    work = Path(tempfile.mkdtemp(prefix="kgraph-serve-bench-"))
    os.environ["KGRAPH_CACHE"] = str(work / "cache")
    from kgraph import resources
    from kgraph.query import cache
    from kgraph.query.named import bind, named_queries, read_query
    from kgraph.rdf.sparqltext import with_values

    corpus = resources.default_corpus()
    snapshot = cache.current(corpus)
    servers: list[subprocess.Popen] = []
    try:
        ox_port, kg_port = free_port(), free_port()
        servers.append(
            subprocess.Popen(
                [str(oxigraph), "serve", "--bind", f"127.0.0.1:{ox_port}", "--union-default-graph"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        servers.append(
            subprocess.Popen(
                [sys.executable, "-m", "kgraph", "serve", str(corpus), "--port", str(kg_port), "--timeout", "30", "--workers", str(args.workers)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        ox_url, kg_url = f"http://127.0.0.1:{ox_port}", f"http://127.0.0.1:{kg_port}"
        wait_ready(f"{ox_url}/query?query=ASK%7B%7D", servers[0])
        load = urllib.request.Request(f"{ox_url}/store", data=snapshot.path.read_bytes(), headers={"Content-Type": "application/n-quads"}, method="POST")
        urllib.request.urlopen(load, timeout=300).close()
        wait_ready(f"{kg_url}/sparql?query=ASK%7B%7D", servers[1])

        json_form = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
        texts = []
        for name, path in named_queries().items():
            query = read_query(path, name)
            texts.append(with_values(query.text, bind(query, {p.name: p.example for p in query.header.parameters}, snapshot.base)))
        claims = sorted(line.split()[0][1:-1] for line in snapshot.path.read_text().splitlines() if " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Claim> " in line)
        claims = sorted(set(claims))
        mount = urllib.parse.urlsplit(snapshot.base).path

        first = {}
        for claim in claims:
            started = time.perf_counter()
            with urllib.request.urlopen(kg_url + mount + claim[len(snapshot.base) :], timeout=60) as answer:
                answer.read()
            first[claim] = (time.perf_counter() - started) * 1000

        s, c = args.seconds, args.connections
        pairs = {
            "generator check: ASK {}": (
                (ox_url, [("POST", "/query", form("ASK {}"), json_form)]),
                (kg_url, [("POST", "/sparql", form("ASK {}"), json_form)]),
            ),
            "named queries": (
                (ox_url, [("POST", "/query", form(t), json_form) for t in texts]),
                (kg_url, [("POST", "/sparql", form(t), json_form) for t in texts]),
            ),
            "claims: DESCRIBE (oxigraph serve), page (kgraph serve)": (
                (ox_url, [("GET", "/query?" + urllib.parse.urlencode({"query": f"DESCRIBE <{x}>"}), "", {"Accept": "text/turtle"}) for x in claims]),
                (kg_url, [("GET", mount + x[len(snapshot.base) :], "", {"Accept": "text/html"}) for x in claims]),
            ),
        }
        rounds: dict[str, list[tuple[dict[str, float], dict[str, float]]]] = {name: [] for name in pairs}
        for number in range(args.rounds):
            for name, (baseline, ours) in pairs.items():
                rounds[name].append(
                    (run_wrk(*baseline, s, c, work, f"oxigraph-{number}"), run_wrk(*ours, s, c, work, f"kgraph-{number}"))
                )
        print(f"{len(texts)} named queries, {len(claims)} claims; {c} connections, {s} s a run, wrk -t 2; kgraph serve --workers {args.workers}")
        print(f"{args.rounds} rounds, oxigraph serve and kgraph serve in turn; medians of the rounds\n")
        print("| run | oxigraph serve req/s | kgraph serve req/s | ratio | oxigraph p50 / p99 ms | kgraph p50 / p99 ms | p99 ratio |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, pairs_of_runs in rounds.items():
            ox_runs, kg_runs = [r[0] for r in pairs_of_runs], [r[1] for r in pairs_of_runs]
            ratio = median(k["rps"] / o["rps"] for o, k in pairs_of_runs)
            tail = median(k["p99"] / o["p99"] for o, k in pairs_of_runs)
            print(
                f"| {name} | {median(r['rps'] for r in ox_runs):,.0f} | {median(r['rps'] for r in kg_runs):,.0f} | {ratio:.2f}x | "
                f"{median(r['p50'] for r in ox_runs):.2f} / {median(r['p99'] for r in ox_runs):.2f} | "
                f"{median(r['p50'] for r in kg_runs):.2f} / {median(r['p99'] for r in kg_runs):.2f} | {tail:.2f}x |"
            )
        ordered = sorted(first.values())
        print(f"\nfirst render of each claim page (one client, before the page is kept): median {ordered[len(ordered) // 2]:.1f} ms, max {ordered[-1]:.1f} ms")
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
