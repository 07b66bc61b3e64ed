"""The default store: an Oxigraph store in this process's memory, filled from the last build.

Nothing to install or start: pyoxigraph is a dependency. A fresh build is
already an Oxigraph store and is asked as it is; a cached one loads from its
N-Quads in a few milliseconds, and Oxigraph parses and answers a query without
importing rdflib, so a question asked of a cached graph starts quickly. The
default graph is the union of the named graphs, as in every store.
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
        self._store = ox.Store()

    @property
    def store(self) -> ox.Store:
        return self._store

    def load_file(self, path: Path, fmt: str | None = None) -> int:
        """Replace the corpora the file holds; returns how many quads the store holds now."""
        target = ox.Store()
        fill(target, path, fmt or file_format(path), self.store)
        self._store = target
        return len(target)

    def replace_graphs(self, built: ox.Store) -> None:
        """Ask the built store itself when this one holds nothing else (as in every command), else merge as a load would."""
        if len(self.store) == 0:
            self._store = built
        else:
            LoadsFiles.replace_graphs(self, built)

    def close(self) -> None:
        self._store = ox.Store()
