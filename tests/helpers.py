"""Helpers shared by the tests: run the CLI, find external programs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
