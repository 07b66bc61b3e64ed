"""What a load replaces, and reading the file to load in bounded chunks.

A corpus's graphs are the named graphs under ``<base>graph/`` (``catalogue``,
``derived``, ``source/<id>``). Loading a file replaces, for every corpus the
file holds, all of that corpus's graphs in the store with the file's, and
leaves every other graph alone.

>>> corpus_prefix("https://w3id.org/kgraph/k/graph/source/free-trial")
'https://w3id.org/kgraph/k/graph/'
>>> corpus_prefix("https://w3id.org/kgraph/k/graph/catalogue")
'https://w3id.org/kgraph/k/graph/'
>>> corpus_prefix("https://example.org/other") is None
True
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph.progress import Progress
from kgraph.store import StoreError

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kgraph.store import Build

_CORPUS_GRAPH = re.compile(r"^(.*graph/)(?:source/[^/]+|[^/]+)$")
SUFFIXES = {".nq": "nquads", ".nquads": "nquads", ".trig": "trig"}


def corpus_prefix(graph: str) -> str | None:
    """``<base>graph/`` of a corpus graph's IRI; None for a graph kgraph did not name."""
    match = _CORPUS_GRAPH.match(graph)
    return match.group(1) if match else None


def replaced(existing: Iterable[str], loaded: set[str]) -> set[str]:
    """The existing graphs a load of ``loaded`` replaces: its own, and every graph of the same corpora."""
    prefixes = {p for p in map(corpus_prefix, loaded) if p is not None}
    return {g for g in existing if g in loaded or corpus_prefix(g) in prefixes}


def file_format(path: Path) -> str:
    """``nquads`` or ``trig``, from the file name; kgraph's caches are N-Quads."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: kgraph loads N-Quads (.nq) or TriG (.trig) files, which keep the named graphs")
    return fmt


def ox_format(fmt: str) -> ox.RdfFormat:
    """Pyoxigraph's format for a name of :data:`SUFFIXES`."""
    import pyoxigraph

    return {"nquads": pyoxigraph.RdfFormat.N_QUADS, "trig": pyoxigraph.RdfFormat.TRIG}[fmt]


BLOCK = 16 << 20
"""Bytes of N-Quads handed to a store at a time: pyoxigraph's bulk loader holds a whole input in memory (950 MB for
10^6 quads at once, 180 MB in blocks of this size, in the same time)."""

_LINE = re.compile(r"line (\d+)")


def nquads_blocks(path: Path, fmt: str, size: int = BLOCK) -> Iterator[tuple[int, bytes]]:
    """A file's quads as N-Quads in blocks of about ``size`` bytes, each with the file line it starts at.

    N-Quads holds one statement a line, so a block ends at a line's end and
    the file is only read; TriG is parsed and written out a batch at a time.
    """
    if fmt == "nquads":
        yield from _line_blocks(path, size)
        return
    import pyoxigraph

    batch: list[ox.Quad] = []
    for quad in pyoxigraph.parse(path=str(path), format=ox_format(fmt)):
        batch.append(quad)
        if len(batch) >= size // 200:
            yield 0, _nquads(batch)
            batch = []
    if batch:
        yield 0, _nquads(batch)


def _nquads(quads: list[ox.Quad]) -> bytes:
    import pyoxigraph

    out = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS)
    assert out is not None, "serialising without an output file returns the bytes"
    return out


def _line_blocks(path: Path, size: int) -> Iterator[tuple[int, bytes]]:
    line, rest = 1, b""
    with path.open("rb") as handle:
        while block := handle.read(size):
            block = rest + block
            cut = block.rfind(b"\n") + 1
            rest = block[cut:]
            if cut:
                yield line, block[:cut]
                line += block.count(b"\n", 0, cut)
    if rest:
        yield line, rest


def located(message: str, first_line: int) -> str:
    """A parser's message about a block, with its line numbers counted from the start of the file.

    >>> located("Parser error between line 2 column 17 and line 3 column 1", 100)
    'Parser error between line 101 column 17 and line 102 column 1'
    """
    return _LINE.sub(lambda m: f"line {int(m.group(1)) + first_line - 1}", message) if first_line else message


def chunks(path: Path, fmt: str, size: int) -> Iterator[dict[str, list[str]]]:
    """The file's triples as N-Triples lines grouped by graph, at most ``size`` lines at a time.

    The parser streams, so memory stays bounded by ``size`` whatever the
    file's length. A triple in the default graph or with a blank node is
    refused: kgraph loads named graphs, and a blank node split across two
    requests would become two nodes.
    """
    import pyoxigraph

    batch: dict[str, list[str]] = {}
    count = 0
    for quad in pyoxigraph.parse(path=str(path), format=ox_format(fmt)):
        graph = quad.graph_name
        if not isinstance(graph, pyoxigraph.NamedNode):
            raise StoreError(f"{path}: a triple outside any named graph ({quad.subject} {quad.predicate} ...); kgraph loads named graphs only")
        if isinstance(quad.subject, pyoxigraph.BlankNode) or isinstance(quad.object, pyoxigraph.BlankNode):
            raise StoreError(f"{path}: a blank node in graph {graph}; give it an IRI before loading it into a server")
        batch.setdefault(graph.value, []).append(f"{quad.subject} {quad.predicate} {quad.object} .\n")
        count += 1
        if count >= size:
            yield batch
            batch, count = {}, 0
    if batch:
        yield batch


class LoadsFiles(ABC):
    """The Store protocol's loading methods for a store that defines ``load_file(path, fmt)``."""

    @abstractmethod
    def load_file(self, path: Path, fmt: str | None = None) -> int:
        """Replace the corpora the file holds; returns a count for the user."""

    def replace_graphs(self, built: ox.Store) -> None:
        import tempfile

        import pyoxigraph

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "graphs.nq"
            built.dump(str(path), format=pyoxigraph.RdfFormat.N_QUADS)
            self.load_file(path, "nquads")

    def load_nquads(self, path: Path) -> None:
        self.load_file(path, "nquads")

    def load_built(self, build: Build, progress: Progress | None = None) -> int:
        """Build into a scratch store on disk (memory stays bounded), write its N-Quads, and load them."""
        import tempfile

        import pyoxigraph

        with tempfile.TemporaryDirectory(prefix="kgraph-load-") as tmp:
            scratch = pyoxigraph.Store(str(Path(tmp) / "store"))
            build(scratch)
            (progress or (lambda _: None))("loading the built graphs")
            path = Path(tmp) / "graphs.nq"
            scratch.dump(str(path), format=pyoxigraph.RdfFormat.N_QUADS)
            del scratch
            return self.load_file(path, "nquads")
