"""Helpers shared by the tests: run the CLI, find external programs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kgraph.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]
"""The repository: its scripts/ and bench/ are used by some tests."""
ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def run_cli(*args: str | Path) -> Result:
    """Run ``kgraph`` in-process, keeping stdout and stderr apart."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def run_kgraph(*args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``kgraph`` in a fresh interpreter, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "kgraph", *map(str, args)],
        capture_output=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        check=False,
    )


@dataclass(frozen=True)
class Limited:
    """How a ``kgraph`` run under limits ended, and what it used."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_bytes: int


LIMIT_SECONDS = 30
"""CPU seconds a limited run may use (``kgraph validate`` of the bundled corpus needs about 1.5)."""

LIMIT_BYTES = 1 << 30
"""Address space a limited run may map: 1 GB (it needs about 300 MB, most of it reserved, not used: 60 MB resident)."""


def run_limited(*args: str | Path, seconds: int = LIMIT_SECONDS, memory: int = LIMIT_BYTES) -> Limited:
    """Run ``kgraph`` in a fresh interpreter with its CPU time and memory capped, and measure its peak resident memory.

    util-linux's ``prlimit`` sets the limits and then becomes the interpreter
    (no ``preexec_fn``, unsafe in a process with threads). Past the CPU limit
    the kernel stops the run (SIGXCPU), past the memory limit an allocation
    fails; a wall-clock timer of four times the CPU limit kills a run that
    waits instead of computing.
    """
    command = [need_program("prlimit"), f"--cpu={seconds}", f"--as={memory}", "--", sys.executable, "-m", "kgraph", *map(str, args)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err)
        timer = threading.Timer(4 * seconds, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = [stream.read().decode("utf-8", "replace") for stream in (out, err)]
        return Limited(proc.returncode, *text, time.perf_counter() - started, usage.ru_maxrss * 1024)


PROBLEM_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>[1-9]\d*): (?P<record>\S+): (?P<message>\S.*)$")
"""One problem as every command reports it: ``FILE:LINE: RECORD: MESSAGE``."""

CLOSING_LINE = re.compile(r"^kgraph: \d+ problems?; nothing written\. Fix the lines above and run again\.$")


def copy_corpus(source: Path, target: Path) -> Path:
    """A writable copy of a corpus whose ``texts:`` still finds the source texts (an absolute path in the copy)."""
    from kgraph.corpus.records import load_corpus

    texts = load_corpus(source).texts
    shutil.copytree(source, target)
    settings = target / "corpus.yaml"
    written = re.sub(r"(?m)^  texts: .*$", f"  texts: {json.dumps(str(texts))}", settings.read_text(encoding="utf-8"))
    settings.write_text(written, encoding="utf-8")
    return target


def need_program(name: str) -> str:
    """Path of an external program; skip locally when it is missing, fail on CI."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (.ci/run installs it)"
        if ON_CI:
            pytest.fail(f"{message}; under CI=true this cannot be skipped")
        pytest.skip(message)
    return path


def to_rdflib(term):
    """A pyoxigraph term as the rdflib term the build speaks of (None stays None), to compare the two."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


_DATASETS: dict[int, tuple] = {}


def dataset_of(store):
    """The store's named graphs as an rdflib Dataset (its default graph their union), to inspect with rdflib's API.

    Read through rdflib's own N-Quads parser, so a test also checks that another library reads the graph.
    Memoised per store: tests read a built graph, they do not change it.
    """
    import pyoxigraph as ox
    from rdflib import Dataset

    if id(store) not in _DATASETS:
        dataset = Dataset(default_union=True)
        dataset.parse(data=store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
        _DATASETS[id(store)] = (store, dataset)
    return _DATASETS[id(store)][1]


def merged(store):
    """Every named graph of the store in one rdflib Graph, as the triple formats write them."""
    from rdflib import Graph

    graph = Graph()
    for triple in dataset_of(store).triples((None, None, None)):
        graph.add(triple)
    return graph


def select_rows(answer) -> list[dict]:
    """A SELECT answer read into rows of rdflib terms, keyed by variable name (unbound variables left out)."""
    names = [v.value for v in answer.variables]
    return [{name: to_rdflib(value) for name, value in zip(names, row) if value is not None} for row in answer]


def records_of(data_dir: Path, kind: str) -> list:
    """Every record of one kind in a corpus folder, read as the build reads them (to count what a graph should hold)."""
    from kgraph.corpus.records import Reader, load_corpus

    reader = Reader(load_corpus(data_dir))
    return [record for records in reader.files() for record in records if record.kind.name == kind]


class Asker:
    """A store holding one graph, answering named queries as rows of short strings."""

    def __init__(self, graphs, base: str) -> None:
        from kgraph.store import open_store

        self.store = open_store("memory")
        self.store.replace_graphs(graphs)
        self.base = base

    def result(self, name: str, **values: str):
        from kgraph.query.named import bind, named_queries, read_query

        query = read_query(named_queries()[name], name)
        return self.store.query(self.store.prepare(query.text), bind(query, values, self.base))

    def rows(self, name: str, **values: str) -> list[tuple[str, ...]]:
        from kgraph.query.results import shorten

        return [tuple(shorten(term, self.base) for term in row) for row in self.result(name, **values)]

    def column(self, name: str, column: str, **values: str) -> list[str]:
        from kgraph.query.results import shorten

        return [shorten(row[column], self.base) for row in self.result(name, **values)]
