"""The graph of the last build, kept so that asking a question does not rebuild and revalidate.

A built graph is cached as N-Quads, keyed by a fingerprint of everything the
build reads: every ``*.yaml`` of the corpus, every file of the ontology folder,
the kgraph version and this cache's format. A cache whose fingerprint matches
is loaded as it is; any other is rebuilt through :func:`kgraph.pipeline.build`,
which validates, and replaces the old one. Files are written atomically, so a
crash leaves the previous cache or the new one, never half of one.

The folder is ``$KGRAPH_CACHE``, else ``$XDG_CACHE_HOME/kgraph``, else
``~/.cache/kgraph``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from kgraph import __version__, resources

if TYPE_CHECKING:
    import pyoxigraph as ox

FORMAT = "kgraph-graph-cache 1"
_HEADER = "# " + FORMAT + " base="


@dataclass(frozen=True)
class Snapshot:
    """The current graph of a corpus: its N-Quads file, its base IRI, and the store it was built in when just built."""

    path: Path
    base: str
    store: ox.Store | None = None

    @property
    def rebuilt(self) -> bool:
        return self.store is not None


def cache_dir() -> Path:
    """``$KGRAPH_CACHE``, else ``$XDG_CACHE_HOME/kgraph``, else ``~/.cache/kgraph``."""
    if os.environ.get("KGRAPH_CACHE"):
        return Path(os.environ["KGRAPH_CACHE"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "kgraph"
    return Path.home() / ".cache" / "kgraph"


def input_files(data_dir: Path) -> list[tuple[str, Path]]:
    """What a build reads, each with a stable name: the corpus's YAML and the ontology folder."""
    ontology = resources.ontology_dir()
    files = [(f"data/{p.relative_to(data_dir).as_posix()}", p) for p in data_dir.rglob("*.yaml") if p.is_file()]
    files += [(f"ontology/{p.relative_to(ontology).as_posix()}", p) for p in ontology.rglob("*") if p.is_file()]
    return sorted(files)


def fingerprint(data_dir: Path) -> str:
    """A digest of everything a build reads, so that a cache is used only while none of it changed."""
    digest = hashlib.sha256(f"{FORMAT}\0kgraph {__version__}\0".encode())
    for name, path in input_files(data_dir):
        content = path.read_bytes()
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def cache_file(data_dir: Path, digest: str) -> Path:
    """``<cache>/graphs/<corpus folder>-<fingerprint>.nq``: one current file per corpus folder."""
    folder = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / "graphs" / f"{folder}-{digest[:32]}.nq"


def current(data_dir: Path, progress: Callable[[str], None] | None = None) -> Snapshot:
    """The corpus's graph as of its files now: the cached one if it is current, else a fresh build."""
    path = cache_file(data_dir, fingerprint(data_dir))
    base = _cached_base(path)
    if base is not None:
        return Snapshot(path=path, base=base)
    return rebuild(data_dir, path, progress)


def rebuild(data_dir: Path, path: Path, progress: Callable[[str], None] | None = None) -> Snapshot:
    """Build (and so validate) the corpus, write its cache file, and drop the corpus's stale ones."""
    import pyoxigraph as ox

    from kgraph import pipeline
    from kgraph.rdf.serialize import write_atomically

    built, _ = pipeline.build(data_dir, progress)
    (progress or (lambda _: None))("caching the graph")
    base = built.corpus.base

    def write(handle: IO[bytes]) -> None:
        handle.write(f"{_HEADER}{base}\n".encode())
        built.store.dump(handle, format=ox.RdfFormat.N_QUADS)

    write_atomically({path: write})
    folder = path.name.split("-", 1)[0]
    for stale in path.parent.glob(f"{folder}-*"):
        if not stale.name.startswith(path.name):
            stale.unlink(missing_ok=True)
    return Snapshot(path=path, base=base, store=built.store)


def _cached_base(path: Path) -> str | None:
    """The base IRI written in a cache file's first line; None when there is no usable file."""
    try:
        with path.open("rb") as handle:
            first = handle.readline().decode("utf-8", "replace").rstrip("\n")
    except OSError:
        return None
    return first[len(_HEADER) :] if first.startswith(_HEADER) else None
