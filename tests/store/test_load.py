"""``kgraph load``: a corpus goes into a store that keeps it, replaces that corpus's graphs and nothing
else, and a load killed halfway leaves the previous content."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import run_kgraph

from kgraph.store.oxigraph import OxigraphStore, recover, sibling

OTHER = "https://w3id.org/kgraph/other/graph/"


def quads(path: Path) -> set[str]:
    store = ox.Store.read_only(str(path))
    found = {str(q) for q in store}
    del store
    return found


def write_corpus_file(path: Path, base: str, count: int) -> Path:
    """An N-Quads file of ``count`` triples spread over the graphs of a corpus."""
    with path.open("w") as handle:
        for i in range(count):
            handle.write(f"<{base}claim/c{i}> <{base}ns#p> \"value {i}\" <{base}graph/source/s{i % 50}> .\n")
    return path


@pytest.fixture
def isolated_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KGRAPH_CACHE", str(tmp_path / "cache"))


def test_load_then_query_the_store(tmp_path, mini_dir, isolated_cache):
    db = tmp_path / "db"
    done = run_kgraph("load", mini_dir, "--store", f"oxigraph:{db}")
    assert done.returncode == 0, done.stderr.decode()
    assert "quads in the store" in done.stderr.decode()
    assert any("/graph/catalogue>" in q for q in quads(db))
    on_disk = run_kgraph("query", "contested-claims", mini_dir, "-f", "csv", "--store", f"oxigraph:{db}")
    in_memory = run_kgraph("query", "contested-claims", mini_dir, "-f", "csv")
    assert on_disk.returncode == 0, on_disk.stderr.decode()
    assert sorted(on_disk.stdout.splitlines()) == sorted(in_memory.stdout.splitlines())


def test_the_store_option_is_read_from_the_environment(tmp_path, mini_dir, isolated_cache):
    db = tmp_path / "db"
    done = run_kgraph("load", mini_dir, env={"KGRAPH_STORE": f"oxigraph:{db}"})
    assert done.returncode == 0, done.stderr.decode()
    assert db.is_dir()


def test_loading_again_replaces_that_corpus_only(tmp_path):
    db = tmp_path / "db"
    store = OxigraphStore(db)
    base = "https://w3id.org/kgraph/mini/"
    store.load_file(write_corpus_file(tmp_path / "a.nq", base, 200))
    store.load_file(write_corpus_file(tmp_path / "other.nq", OTHER.removesuffix("graph/"), 30))
    store.load_file(write_corpus_file(tmp_path / "a2.nq", base, 20))
    store.close()
    found = quads(db)
    assert len([q for q in found if f"<{base}graph/" in q]) == 20, "the corpus's old graphs are gone, its new ones in"
    assert len([q for q in found if f"<{OTHER}" in q]) == 30, "the other corpus is untouched"


def test_the_memory_store_is_refused(mini_dir, isolated_cache):
    done = run_kgraph("load", mini_dir, "--store", "memory")
    assert done.returncode == 1
    assert "keeps nothing" in done.stderr.decode()


def test_a_file_with_a_default_graph_is_refused_and_changes_nothing(tmp_path):
    db = tmp_path / "db"
    OxigraphStore(db).load_file(write_corpus_file(tmp_path / "a.nq", "https://w3id.org/kgraph/mini/", 10))
    before = quads(db)
    bad = tmp_path / "bad.nq"
    bad.write_text("<https://e.org/a> <https://e.org/p> <https://e.org/o> .\n")
    done = run_kgraph("load", bad, "--store", f"oxigraph:{db}")
    assert done.returncode == 1 and "outside any named graph" in done.stderr.decode()
    assert quads(db) == before


def test_an_interrupted_swap_is_finished_or_undone(tmp_path):
    db = tmp_path / "db"
    OxigraphStore(db).load_file(write_corpus_file(tmp_path / "a.nq", "https://w3id.org/kgraph/mini/", 10))
    previous = quads(db)
    OxigraphStore(sibling(db, "ready")).load_file(write_corpus_file(tmp_path / "b.nq", "https://w3id.org/kgraph/mini/", 3))
    recover(db)
    assert quads(db) == previous, "before the commit (PATH still there), the staged store is dropped"
    OxigraphStore(sibling(db, "ready")).load_file(tmp_path / "b.nq")
    new = quads(sibling(db, "ready"))
    db.rename(sibling(db, "old"))
    recover(db)
    assert quads(db) == new, "after the commit, the swap is finished"
    assert not sibling(db, "old").exists() and not sibling(db, "ready").exists()


@pytest.mark.parametrize("delay", [0.3, 1.0, 2.0])
def test_a_load_killed_halfway_leaves_the_previous_content(tmp_path, delay):
    db = tmp_path / "db"
    base = "https://w3id.org/kgraph/big/"
    OxigraphStore(db).load_file(write_corpus_file(tmp_path / "small.nq", base, 100))
    OxigraphStore(db).load_file(write_corpus_file(tmp_path / "other.nq", OTHER.removesuffix("graph/"), 100))
    previous = quads(db)
    big = write_corpus_file(tmp_path / "big.nq", base, 400_000)
    process = subprocess.Popen([sys.executable, "-m", "kgraph", "load", str(big), "--store", f"oxigraph:{db}"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while not sibling(db, "new").exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(delay)
    if process.poll() is not None:
        pytest.skip(f"the load finished within {delay} s; nothing was interrupted")
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert quads(db) == previous if db.exists() else False, "the killed load changed the store"
    store = OxigraphStore(db)
    assert len(list(store.query("SELECT * WHERE { ?s ?p ?o }"))) == 200
    store.close()


def test_a_file_loads_in_blocks_that_end_at_line_ends_and_errors_keep_their_line(tmp_path):
    """Whatever the block size, every quad arrives once, and a broken line is named by its line in the file."""
    from kgraph.store import StoreError
    from kgraph.store.loading import nquads_blocks
    from kgraph.store.oxigraph import _bulk_load

    lines = [f'<urn:s{i}> <urn:p> "value {i} with some words" <https://example.org/a/graph/catalogue> .\n' for i in range(40)]
    path = tmp_path / "many.nq"
    path.write_text("".join(lines), encoding="utf-8")
    for size in (1, 50, 333, 10_000):
        blocks = list(nquads_blocks(path, "nquads", size))
        assert b"".join(block for _, block in blocks) == path.read_bytes()
        assert all(block.endswith(b"\n") for _, block in blocks)
        assert [first for first, _ in blocks] == [1 + sum(b.count(b"\n") for _, b in blocks[:k]) for k in range(len(blocks))]
    store = ox.Store()
    _bulk_load(store, path, "nquads")
    assert len(store) == 40
    lines[27] = '<urn:broken> <urn:p> "no end .\n'
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(StoreError, match=r"many\.nq: not loaded: .*line 28\b"):
        _bulk_load(ox.Store(), path, "nquads", 333)


def test_a_trig_file_loads_in_blocks_too(tmp_path):
    from kgraph.store.oxigraph import _bulk_load

    quads = [ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(f"v{i}"), ox.NamedNode(f"https://example.org/a/graph/source/{i % 3}")) for i in range(30)]
    path = tmp_path / "g.trig"
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.TRIG))
    store = ox.Store()
    _bulk_load(store, path, "trig", 1000)
    assert set(store) == set(quads)
