"""The default store: an Oxigraph store in this process's memory, filled from the last build.

Nothing to install or start: pyoxigraph is a dependency. The build itself runs
in rdflib (validation, the derived layer); its cached N-Quads load into
Oxigraph in a few milliseconds, and Oxigraph parses and answers a query without
importing rdflib's SPARQL engine, so a question asked of a cached graph starts
quickly. The default graph is the union of the named graphs, as in every store.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kgraph.store.loading import LoadsFiles, file_format
from kgraph.store.oxigraph import Native, fill


class MemoryStore(Native, LoadsFiles):
    """A :class:`kgraph.store.Store` held in memory for the length of one command."""

    persistent = False
    where = "the memory store"

    def __init__(self) -> None:
        self.store = ox.Store()

    def load_file(self, path: Path, fmt: str | None = None) -> int:
        """Replace the corpora the file holds; returns how many quads the store holds now."""
        target = ox.Store()
        fill(target, path, fmt or file_format(path), self.store)
        self.store = target
        return len(target)

    def close(self) -> None:
        self.store = ox.Store()
