"""Deterministic serialisation and atomic writes.

The same data must give the same bytes, so that a diff of the Turtle in git
means a change in the data; and a failed run must leave no half-written file.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

FORMATS = {
    "turtle": ("turtle", ".ttl"),
    "nt": ("nt", ".nt"),
    "jsonld": ("json-ld", ".jsonld"),
    "trig": ("trig", ".trig"),
    "nquads": ("nquads", ".nq"),
}
QUAD_FORMATS = {"trig", "nquads"}


def flatten(dataset: Dataset) -> Graph:
    """All named graphs merged into one graph, for the triple formats."""
    from rdflib import Graph

    from kgraph.namespaces import bind_prefixes

    graph = Graph(bind_namespaces="core")
    bind_prefixes(graph)
    for prefix, ns in dataset.namespaces():
        graph.bind(prefix, ns, override=False)
    for triple in dataset.triples((None, None, None)):
        graph.add(triple)
    return graph


def _trig(dataset: Dataset) -> bytes:
    """TriG with its graphs in IRI order: rdflib writes them in the store's (hash) order."""
    from rdflib.plugins.serializers.trig import TrigSerializer

    serializer = TrigSerializer(dataset)
    serializer.contexts.sort(key=lambda graph: str(graph.identifier))
    stream = io.BytesIO()
    serializer.serialize(stream, encoding="utf-8")
    return stream.getvalue()


def serialize(dataset: Dataset, fmt: str) -> bytes:
    """Serialise in one of :data:`FORMATS`; line-based formats are sorted so their order is stable."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    rdflib_format, _ = FORMATS[fmt]
    if fmt == "trig":
        data = _trig(dataset)
    elif fmt == "nquads":
        data = dataset.serialize(format=rdflib_format, encoding="utf-8")
    elif fmt == "jsonld":
        data = flatten(dataset).serialize(format=rdflib_format, encoding="utf-8", sort_keys=True, indent=2)
    else:
        data = flatten(dataset).serialize(format=rdflib_format, encoding="utf-8")
    if fmt in ("nt", "nquads"):
        lines = sorted(set(line for line in data.splitlines() if line.strip()))
        data = b"\n".join(lines) + b"\n"
    return data


def _umask() -> int:
    """The process umask: mkstemp makes owner-only files, but outputs are meant to be shared like any other."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file or none: each goes to a temporary file first, then all are renamed."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o666 & ~_umask())
            staged.append((Path(tmp), path))
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
