"""Deterministic serialisation and atomic writes.

The same data must give the same bytes, so that a diff of the Turtle in git
means a change in the data: every format is written from the store's named
graphs in sorted order (subjects, then ``rdf:type`` first, then the other
predicates), whatever order the store keeps them in. A failed run must leave
no half-written file: files are written beside their target and renamed.

JSON-LD is written here rather than by pyoxigraph, whose writer gives a full
IRI for every key: a document with an ``@context`` made from kgraph's
prefixes, compact keys, ``@type``, and one ``@graph`` object per named graph.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from itertools import groupby
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kgraph.rdf.prefixes import PREFIXES, RDF_TYPE, shorten

XSD_STRING = PREFIXES["xsd"] + "string"

FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, ".ttl"),
    "nt": (ox.RdfFormat.N_TRIPLES, ".nt"),
    "jsonld": (ox.RdfFormat.JSON_LD, ".jsonld"),
    "trig": (ox.RdfFormat.TRIG, ".trig"),
    "nquads": (ox.RdfFormat.N_QUADS, ".nq"),
}
QUAD_FORMATS = {"trig", "nquads", "jsonld"}


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
    if fmt == "jsonld":
        return (json.dumps(jsonld(sorted_quads(store)), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    format_, _ = FORMATS[fmt]
    data = sorted_quads(store) if fmt in QUAD_FORMATS else sorted_triples(store)
    out = ox.serialize(data, format=format_, prefixes=PREFIXES if fmt in ("turtle", "trig") else None)
    assert out is not None, "serialising without an output file returns the bytes"
    return out


def jsonld(quads: list[ox.Quad]) -> dict[str, Any]:
    """Sorted quads as a compacted JSON-LD dataset: kgraph's prefixes as the context, one ``@graph`` per named graph.

    >>> g, c = ox.NamedNode("https://e.org/g"), ox.NamedNode("https://e.org/c")
    >>> jsonld([ox.Quad(c, ox.NamedNode(RDF_TYPE), ox.NamedNode("https://schema.org/Claim"), g)])["@graph"]
    [{'@id': 'https://e.org/g', '@graph': [{'@id': 'https://e.org/c', '@type': 'schema:Claim'}]}]
    """
    graphs: list[dict[str, Any]] = []
    for graph, in_graph in groupby(quads, key=lambda q: q.graph_name):
        nodes = []
        for subject, about in groupby(in_graph, key=lambda q: q.subject):
            node: dict[str, Any] = {"@id": _compact(subject)}
            for predicate, values in groupby(about, key=lambda q: q.predicate):
                terms = [_term(q.object) for q in values]
                if predicate.value == RDF_TYPE:
                    ids = [term["@id"] for term in terms]
                    node["@type"] = ids if len(ids) > 1 else ids[0]
                else:
                    node[shorten(predicate.value)] = terms if len(terms) > 1 else terms[0]
            nodes.append(node)
        graphs.append({"@id": _compact(graph), "@graph": nodes})
    return {"@context": dict(PREFIXES), "@graph": graphs}


def _compact(node: ox.NamedNode | ox.BlankNode) -> str:
    return shorten(node.value) if isinstance(node, ox.NamedNode) else f"_:{node.value}"


def _term(term: Any) -> Any:
    """An object in JSON-LD: a node reference, a plain string, or a value with its language or datatype."""
    if not isinstance(term, ox.Literal):
        return {"@id": _compact(term)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == XSD_STRING:
        return term.value
    return {"@value": term.value, "@type": shorten(term.datatype.value)}


def _umask() -> int:
    """The process umask: mkstemp makes owner-only files, but outputs are meant to be shared like any other."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


Content = bytes | Callable[[IO[bytes]], None]
"""What a file is to hold: its bytes, or a function that writes them to an open file (for output too big to hold)."""


def write_atomically(files: Mapping[Path, Content]) -> None:
    """Write every file or none: each goes to a temporary file first, then all are renamed.

    The renames happen under a lock on each folder written to, so that two
    runs writing the same files at once leave all of them from one run or
    all from the other, never the Turtle of one beside the TriG of the other.
    """
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
        move_into_place({path.parent for path in files}, staged)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)


def move_into_place(folders: Iterable[Path], moves: Iterable[tuple[Path, Path]]) -> None:
    """Rename each staged file (``moves``: staged file, target) onto its target, holding a lock on each of ``folders``.

    ``folders`` are the folders the targets are in; ``moves`` may be a generator,
    so that a run staging many files (a bibliography's abstracts) never holds
    their list. A staged file must be on the target's file system.
    """
    with ExitStack() as locks:
        for folder in sorted({folder.resolve() for folder in folders}):
            locks.enter_context(_locked(folder))
        for tmp, path in moves:
            os.replace(tmp, path)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on a folder (flock on the folder itself: no lock file is left among the outputs)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
