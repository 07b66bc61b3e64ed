"""Validation results as comparable tuples, from a SHACL validation report graph or from kgraph's :class:`Violation` list.

pySHACL's reports and the W3C test suite's expected reports are RDF; kgraph's results are strings. Both become
(focus, path, value, source shape, component, severity) in kgraph's spelling: IRIs as they are, blank nodes as
``_:`` and their id, values and literal focus nodes in N-Triples as the store writes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from kgraph.rdf.convert import from_rdflib
from kgraph.shacl import Violation

Result = tuple[str, str | None, str | None, str, str, str]
"""(focus, path, value, source shape, component, severity), as :class:`Violation` spells them."""

_SCRATCH = ox.Store()


def as_stored(term) -> str:
    """A term as the store writes it ("1.0"^^xsd:decimal is stored as "1"), to compare a report's values with ours."""
    _SCRATCH.clear()
    _SCRATCH.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), from_rdflib(term)))
    return str(next(iter(_SCRATCH)).object)


def node_text(term) -> str:
    """A focus node or a shape as a Violation names it."""
    return str(term) if isinstance(term, URIRef) else f"_:{term}" if isinstance(term, BNode) else as_stored(term)


def local_name(iri) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def path_text(report: Graph, path) -> str | None:
    """A result path as a Violation writes it: a predicate's IRI, any other path in SPARQL 1.1 property-path syntax,
    each part that is not a predicate in brackets (``^(<http://ex/p>/(<http://ex/q>*))``)."""
    return None if path is None else str(path) if isinstance(path, URIRef) else _sparql(report, path)


def _sparql(report: Graph, path) -> str:
    def grouped(part) -> str:
        return _sparql(report, part) if isinstance(part, URIRef) else f"({_sparql(report, part)})"

    if isinstance(path, URIRef):
        return f"<{path}>"
    if report.value(path, RDF.first) is not None:
        return "/".join(grouped(step) for step in Collection(report, path))
    for predicate, form in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"), (SH.oneOrMorePath, "{}+"), (SH.zeroOrOnePath, "{}?")):
        inner = report.value(path, predicate)
        if inner is not None:
            return form.format(grouped(inner))
    return "|".join(grouped(option) for option in Collection(report, report.value(path, SH.alternativePath)))


def results_of(report: Graph, results: Iterable | None = None) -> list[Result]:
    """The results of a report graph (every sh:result in it, or the given result nodes), in kgraph's spelling."""
    found = []
    for result in report.objects(None, SH.result) if results is None else results:
        focus, path, value, shape = (report.value(result, p) for p in (SH.focusNode, SH.resultPath, SH.value, SH.sourceShape))
        found.append(
            (
                node_text(focus),
                path_text(report, path),
                None if value is None else as_stored(value),
                node_text(shape),
                local_name(report.value(result, SH.sourceConstraintComponent)),
                local_name(report.value(result, SH.resultSeverity)),
            )
        )
    return found


def violation_results(violations: Iterable[Violation]) -> list[Result]:
    return [(v.focus, v.path, v.value, v.shape, v.component, v.severity) for v in violations]
