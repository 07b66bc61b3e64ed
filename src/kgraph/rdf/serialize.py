"""Deterministic serialisation and atomic writes.

The same data must give the same bytes, so that a diff of the Turtle in git
means a change in the data: every format is written from the store's named
graphs in sorted order (subjects, then ``rdf:type`` first, then the other
predicates), whatever order the store keeps them in. A failed run must leave
no half-written file: files are written beside their target and renamed.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kgraph.rdf.prefixes import PREFIXES, RDF_TYPE

FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, ".ttl"),
    "nt": (ox.RdfFormat.N_TRIPLES, ".nt"),
    "jsonld": (ox.RdfFormat.JSON_LD, ".jsonld"),
    "trig": (ox.RdfFormat.TRIG, ".trig"),
    "nquads": (ox.RdfFormat.N_QUADS, ".nq"),
}
QUAD_FORMATS = {"trig", "nquads"}


def _order(subject: ox.NamedNode | ox.BlankNode | ox.Triple, predicate: ox.NamedNode, obj: object) -> tuple[str, bool, str, str]:
    return (str(subject), predicate.value != RDF_TYPE, str(predicate), str(obj))


def sorted_quads(store: ox.Store) -> list[ox.Quad]:
    """Every quad of the store's named graphs, by graph and then as a reader expects a description."""
    quads = [q for q in store.quads_for_pattern(None, None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph)]
    return sorted(quads, key=lambda q: (str(q.graph_name), *_order(q.subject, q.predicate, q.object)))


def sorted_triples(store: ox.Store) -> list[ox.Triple]:
    """Every triple of the named graphs merged (a triple in two graphs once), in a reader's order."""
    triples = {q.triple for q in store.quads_for_pattern(None, None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph)}
    return sorted(triples, key=lambda t: _order(t.subject, t.predicate, t.object))


def serialize(store: ox.Store, fmt: str) -> bytes:
    """Serialise the named graphs in one of :data:`FORMATS`: quad formats keep the graphs, the others merge them."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    format_, _ = FORMATS[fmt]
    data = sorted_quads(store) if fmt in QUAD_FORMATS else sorted_triples(store)
    out = ox.serialize(data, format=format_, prefixes=PREFIXES if fmt in ("turtle", "trig") else None)
    assert out is not None, "serialising without an output file returns the bytes"
    if fmt == "jsonld":
        out = (json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return out


def _umask() -> int:
    """The process umask: mkstemp makes owner-only files, but outputs are meant to be shared like any other."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


Content = bytes | Callable[[IO[bytes]], None]
"""What a file is to hold: its bytes, or a function that writes them to an open file (for output too big to hold)."""


def write_atomically(files: Mapping[Path, Content]) -> None:
    """Write every file or none: each goes to a temporary file first, then all are renamed."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((Path(name), path))
            with os.fdopen(fd, "wb") as handle:
                if isinstance(content, bytes):
                    handle.write(content)
                else:
                    content(handle)
            os.chmod(name, 0o666 & ~_umask())
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
