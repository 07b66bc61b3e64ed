"""Every named query gives the same answers on every engine: rdflib in memory (the build's own
engine, and what a user would otherwise write), kgraph's memory store, embedded Oxigraph, an
Oxigraph server and Virtuoso, on the bundled corpus and on a generated one.

The servers are real, installed from registries by .ci/run, and started once per
session by the project's scripts (scripts/*-server.sh) on 127.0.0.1. A missing
server skips locally and fails under CI=true.

Answers are compared as multisets of rows of terms. The one normalisation: a
numeric literal (xsd:integer, xsd:decimal, xsd:double, xsd:float) is compared by
datatype and value, because a store may keep a literal in its canonical form
(Oxigraph turns "12.0"^^xsd:decimal into "12"), which RDF 1.1 allows for a
literal whose value is unchanged.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import ROOT, need_program, run_kgraph, to_rdflib
from rdflib import XSD, Dataset, Literal
from rdflib.query import Result

from kgraph.query import cache
from kgraph.query.named import bind, named_queries, read_query
from kgraph.rdf.sparqltext import Folder
from kgraph.store import open_store

sys.path.insert(0, str(ROOT / "bench"))
from generate import example_value, generate  # noqa: E402

NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float}
QUERIES = sorted(named_queries())


@dataclass
class Server:
    script: Path
    url: str
    pid: str
    dir: str

    def stop(self) -> None:
        subprocess.run([str(self.script), "stop", self.pid, self.dir], check=False, timeout=30)


def start(name: str) -> Server:
    """``scripts/<name>-server.sh start``; skip (fail on CI) when the server's program is missing."""
    if name == "oxigraph":
        if not (Path(sys.executable).parent / "oxigraph").exists():
            need_program("oxigraph")
    else:
        need_program("virtuoso-t")
    script = ROOT / "scripts" / f"{name}-server.sh"
    done = subprocess.run([str(script), "start"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"{script.name} start failed: {done.stderr}"
    info = dict(line.split("=", 1) for line in done.stdout.split())
    return Server(script, info["url"], info["pid"], info["dir"])


def server_spec(server: Server, name: str) -> str:
    if name == "oxigraph":
        return f"sparql:{server.url}/query,update={server.url}/update,store={server.url}/store"
    return f"sparql:{server.url}/sparql,update={server.url}/sparql,store={server.url}/sparql-graph-crud"


@pytest.fixture(scope="session")
def oxigraph_server():
    server = start("oxigraph")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_server():
    server = start("virtuoso")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def generated_dir(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("generated") / "synthetic", units=9)


@pytest.fixture(scope="session")
def snapshots(corpus_dir, generated_dir, tmp_path_factory):
    """The cached N-Quads of both corpora, built once in a cache of the session's own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KGRAPH_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield {"bundled": cache.current(corpus_dir), "generated": cache.current(generated_dir)}


@pytest.fixture(scope="session")
def engines(request, snapshots, tmp_path_factory):
    """Each store loaded with the bundled corpus, then the generated one; rdflib holds both too."""
    names = {"memory": "memory", "oxigraph-embedded": f"oxigraph:{tmp_path_factory.mktemp('oxigraph') / 'db'}"}
    for server in ("oxigraph", "virtuoso"):
        names[f"{server}-server"] = server_spec(request.getfixturevalue(f"{server}_server"), server)
    stores = {name: open_store(spec) for name, spec in names.items()}
    for store in stores.values():
        for snapshot in snapshots.values():
            store.load_file(snapshot.path, "nquads")
    reference = Dataset(default_union=True)
    for snapshot in snapshots.values():
        reference.parse(snapshot.path, format="nquads")
    return reference, stores


def normal(term):
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        term = to_rdflib(term)
    if isinstance(term, Literal) and term.datatype in NUMERIC:
        return ("number", Decimal(str(term.toPython())).normalize())
    return term


def answers(answer):
    """An answer of rdflib or of a kgraph store as something to compare with ==."""
    if isinstance(answer, Result):
        if answer.type == "ASK":
            return answer.askAnswer
        if answer.type in ("CONSTRUCT", "DESCRIBE"):
            return Counter(tuple(normal(t) for t in triple) for triple in answer.graph)
        rows = (tuple(normal(row.get(v)) for v in answer.vars) for row in answer.bindings)
        # rdflib answers a GROUP BY over no solutions with one row of unbound values; SPARQL 1.1 (18.5.1) has no group, so no row.
        return Counter(row for row in rows if any(value is not None for value in row))
    if isinstance(answer, ox.QueryBoolean):
        return bool(answer)
    if isinstance(answer, ox.QuerySolutions):
        return Counter(tuple(normal(value) for value in row) for row in answer)
    return Counter((normal(t.subject), normal(t.predicate), normal(t.object)) for t in answer)


@pytest.mark.parametrize("corpus", ["bundled", "generated"])
@pytest.mark.parametrize("name", QUERIES)
def test_named_query_same_on_every_engine(engines, snapshots, corpus, name):
    reference, stores = engines
    query = read_query(named_queries()[name], name)
    if corpus == "bundled":
        values = {p.name: p.example for p in query.header.parameters}
    else:
        values = {p.name: example_value(p.name, p.kind, p.type) for p in query.header.parameters}
    bindings = bind(query, values, snapshots[corpus].base)
    expected = answers(reference.query(query.text, initBindings={k: to_rdflib(v) for k, v in bindings.items()}))
    if query.header.parameters:
        assert expected, f"{name} finds nothing for {values} on the {corpus} corpus: the comparison would prove little"
    for engine, store in stores.items():
        got = answers(store.query(store.prepare(query.text), bindings))
        assert got == expected, f"{name} on {engine} differs from rdflib in memory"


def test_reload_replaces_only_that_corpus(engines, snapshots):
    """Loading the bundled corpus again leaves the generated corpus's graphs on every engine."""
    _, stores = engines
    graphs_query = Folder("kgraph.store", "requests").text("named-graphs")
    for engine, store in stores.items():
        before = {r[0].value for r in store.query(store.prepare(graphs_query)) if r[0].value.startswith("https://w3id.org/kgraph/")}
        store.load_file(snapshots["bundled"].path, "nquads")
        after = {r[0].value for r in store.query(store.prepare(graphs_query)) if r[0].value.startswith("https://w3id.org/kgraph/")}
        assert after == before, engine
        assert any(g.startswith("https://w3id.org/kgraph/synthetic/") for g in after), engine
        assert not any(g.startswith("urn:kgraph:staging:") for g in {r[0].value for r in store.query(store.prepare(graphs_query))}), engine


def test_cli_query_on_a_server_prints_what_memory_prints(oxigraph_server, snapshots, corpus_dir):
    spec = server_spec(oxigraph_server, "oxigraph")
    loaded = run_kgraph("load", corpus_dir, "--store", spec)
    assert loaded.returncode == 0, loaded.stderr.decode()
    on_server = run_kgraph("query", "claims-about-treatment", "-p", "treatment=balloon-kyphoplasty", "-f", "csv", "--store", spec)
    in_memory = run_kgraph("query", "claims-about-treatment", "-p", "treatment=balloon-kyphoplasty", "-f", "csv")
    assert on_server.returncode == 0, on_server.stderr.decode()
    assert sorted(on_server.stdout.splitlines()) == sorted(in_memory.stdout.splitlines())


def test_virtuoso_digest_credentials(virtuoso_server, tmp_path):
    """The authenticated endpoint takes Digest; a wrong password is one line, and no password is printed."""
    url = virtuoso_server.url
    spec = f"sparql:{url}/sparql-auth"
    good = run_kgraph("query", "contested-claims", "-f", "csv", "--store", spec, env={"KGRAPH_SPARQL_USER": "dba", "KGRAPH_SPARQL_PASSWORD": "dba"})
    assert good.returncode == 0, good.stderr.decode()
    secret = "not-the-password-9f3b"
    bad = run_kgraph("query", "contested-claims", "--store", spec, env={"KGRAPH_SPARQL_USER": "dba", "KGRAPH_SPARQL_PASSWORD": secret})
    assert bad.returncode == 1
    err = bad.stderr.decode()
    assert len(err.strip().splitlines()) == 1 and "401" in err
    assert secret not in err + bad.stdout.decode()
