"""Two kgraph processes writing the same files at once leave complete, consistent files: real processes, not threads."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import copy_corpus, run_kgraph

from kgraph.outputs import BUILD_FILES, GRAPH_HTML

pytestmark = pytest.mark.slow

OUTPUTS = sorted([*BUILD_FILES, GRAPH_HTML])


def _start(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kgraph", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )


def _together(*commands: tuple[str | Path, ...], env: dict[str, str] | None = None) -> list[tuple[int, bytes, bytes]]:
    """Start every command, then wait for all: they run at the same time."""
    procs = [_start(*command, env=env) for command in commands]
    outputs = [proc.communicate(timeout=600) for proc in procs]
    return [(proc.returncode, out, err) for proc, (out, err) in zip(procs, outputs)]


def _outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def two_corpora(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> tuple[Path, Path]:
    """The bundled corpus, and a copy in which one claim's label differs: their outputs differ in every file."""
    root = tmp_path_factory.mktemp("concurrent")
    first = copy_corpus(corpus_dir, root / "first")
    second = copy_corpus(corpus_dir, root / "second")
    claims = second / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    old = "label: kyphoplasty restores vertebral height"
    assert old in text
    claims.write_text(text.replace(old, "label: kyphoplasty restores the height of the vertebra"), encoding="utf-8")
    return first, second


def test_two_builds_into_one_folder_leave_every_file_from_one_run(two_corpora: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = two_corpora
    expected = []
    for corpus in (first, second):
        out = tmp_path / f"alone-{corpus.name}"
        assert run_kgraph("build", corpus, "-o", out).returncode == 0
        expected.append(_outputs(out))
    assert all(expected[0][name] != expected[1][name] for name in OUTPUTS)
    shared = tmp_path / "shared"
    for round_ in range(3):
        runs = _together(("build", first, "-o", shared), ("build", second, "-o", shared))
        assert [code for code, _, _ in runs] == [0, 0], [err.decode()[-2000:] for _, _, err in runs]
        found = _outputs(shared)
        assert found in expected, f"round {round_}: " + ", ".join(
            f"{name} from {'first' if found[name] == expected[0][name] else 'second' if found[name] == expected[1][name] else 'neither (a mix)'}"
            for name in OUTPUTS
        )
        assert sorted(p.name for p in shared.iterdir()) == OUTPUTS, "no temporary file is left behind"


def test_a_build_renames_its_files_only_while_it_holds_the_folder(two_corpora: tuple[Path, Path], tmp_path: Path) -> None:
    """What keeps two runs' renames apart: a build that has written its temporary files waits for the folder's lock."""
    shared = tmp_path / "shared"
    shared.mkdir()
    folder = os.open(shared, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        build = _start("build", two_corpora[0], "-o", shared)
        deadline = time.monotonic() + 600
        while len(list(shared.glob(".*.tmp"))) < len(OUTPUTS) and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(list(shared.glob(".*.tmp"))) == len(OUTPUTS), build.communicate()
        assert build.poll() is None and not any((shared / name).exists() for name in OUTPUTS)
    finally:
        os.close(folder)
    _, err = build.communicate(timeout=600)
    assert build.returncode == 0, err.decode()[-2000:]
    assert sorted(p.name for p in shared.iterdir()) == OUTPUTS


def test_two_queries_filling_the_cache_at_once_leave_a_usable_cache(two_corpora: tuple[Path, Path], tmp_path: Path) -> None:
    corpus = two_corpora[0]
    env = {"KGRAPH_CACHE": str(tmp_path / "cache")}
    query = ("query", "find-claims", corpus, "-p", "words=pain", "-f", "csv")
    runs = _together(query, query, env=env)
    assert [code for code, _, _ in runs] == [0, 0], [err.decode()[-2000:] for _, _, err in runs]
    assert runs[0][1] == runs[1][1] and runs[0][1].count(b"\n") > 1
    graphs = tmp_path / "cache" / "graphs"
    (cached,) = list(graphs.iterdir())
    assert cached.suffix == ".nq" and cached.read_bytes().startswith(b"# kgraph-graph-cache 1 base=https://w3id.org/kgraph/kyphoplasty/\n")
    stamp = cached.stat()
    again = run_kgraph(*query, env=env)
    assert again.returncode == 0 and again.stdout == runs[0][1]
    assert cached.stat().st_ino == stamp.st_ino and cached.stat().st_mtime_ns == stamp.st_mtime_ns, "the cache is read as it is, not rebuilt"
