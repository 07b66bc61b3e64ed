"""Trusty URIs (module RA) for nanopublications, computed without signing.

A trusty URI ends in a hash of the nanopublication's own content, so anyone can
check that what they read is what was published (Kuhn and Dumontier, "Trusty
URIs", ESWC 2014). The hash is that of the ``RA`` module, as the nanopub
libraries compute it: every quad written one term a line (an IRI as it is, a
literal as ``^datatype value`` or ``@language value``, with backslashes and
newlines escaped), in the order graph, subject, predicate, object (IRIs before
literals), with the nanopublication's own IRIs written as the prefix, a space
and ``#`` with the local name where they have one; then SHA-256, URL-safe
Base64 without padding, after ``RA``. Signatures are left out, so that the same
data gives the same URIs (a signature needs a private key and the signing
libraries stamp the time).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def trusty_hash(quads: Iterable[ox.Quad], prefix: str, name: str) -> str:
    """The RA hash of a nanopublication whose IRIs are ``prefix + name`` and ``prefix + name + "#" + local``.

    >>> q = ox.Quad(ox.NamedNode("https://e.org/np/x"), ox.NamedNode("https://e.org/p"), ox.Literal("v"), ox.NamedNode("https://e.org/np/x#assertion"))
    >>> trusty_hash([q], "https://e.org/np/", "x")
    'RAaslYTp_ys06cQV4-JiulZc2EEN7e-0MIHTrESLKeCEs'
    """
    own = prefix + name
    lines = sorted({_line(q, own, prefix) for q in quads}, key=lambda line: line[0])
    digest = hashlib.sha256("".join(text for _, text in lines).encode("utf-8")).digest()
    return "RA" + base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def rename(quads: Iterable[ox.Quad], prefix: str, name: str, artefact: str) -> list[ox.Quad]:
    """The quads with the nanopublication's temporary IRIs replaced by trusty ones."""
    own, trusty = prefix + name, prefix + artefact

    def swap(term):
        if isinstance(term, ox.NamedNode) and (term.value == own or term.value.startswith(own + "#")):
            return ox.NamedNode(trusty + term.value[len(own) :])
        return term

    return [ox.Quad(swap(q.subject), swap(q.predicate), swap(q.object), swap(q.graph_name)) for q in quads]


def _normal(iri: str, own: str, prefix: str) -> str:
    if iri == own:
        return prefix + " "
    if iri.startswith(own + "#"):
        return prefix + " #" + iri[len(own) + 1 :]
    return iri


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def _term(term, own: str, prefix: str) -> tuple[tuple, str]:
    """A term's sort key and its line in the hashed text."""
    if isinstance(term, ox.Literal):
        if term.language:
            kind, text = (term.value.encode(), b"", term.language.lower().encode()), f"@{term.language.lower()} {_escape(term.value)}\n"
        else:
            kind, text = (term.value.encode(), term.datatype.value.encode(), b""), f"^{term.datatype.value} {_escape(term.value)}\n"
        return (1, *kind), text
    iri = _normal(term.value, own, prefix)
    return (0, iri.encode()), iri + "\n"


def _line(quad: ox.Quad, own: str, prefix: str) -> tuple[tuple, str]:
    parts = [_term(t, own, prefix) for t in (quad.graph_name, quad.subject, quad.predicate, quad.object)]
    return tuple(key for key, _ in parts), "".join(text for _, text in parts)
