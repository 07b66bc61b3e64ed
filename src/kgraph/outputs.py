"""The files a build leaves behind, written together or not at all."""

from __future__ import annotations

from pathlib import Path

from kgraph.graph import Built
from kgraph.serialize import serialize, write_atomically

BUILD_FILES = {"kgraph.ttl": "turtle", "kgraph.trig": "trig"}


def write_build(built: Built, out_dir: Path) -> list[Path]:
    """Write the Turtle and TriG of a build into ``out_dir``; return the paths written."""
    files = {out_dir / name: serialize(built.dataset, fmt) for name, fmt in BUILD_FILES.items()}
    write_atomically(files)
    return list(files)
