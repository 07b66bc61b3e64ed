"""The prefix of every vocabulary kgraph writes, as plain strings.

Kept apart from :mod:`kgraph.rdf.namespaces` (which builds rdflib namespaces from
this table) so that showing a query's answer can shorten IRIs without
importing rdflib: ``kgraph query`` must start quickly.

>>> PREFIXES["kg"]
'https://w3id.org/kgraph/ns#'
>>> expand("skos:prefLabel")
'http://www.w3.org/2004/02/skos/core#prefLabel'
>>> shorten("https://w3id.org/kgraph/ns#Supports")
'kg:Supports'
>>> shorten("https://example.org/a/b")
'https://example.org/a/b'
"""

from __future__ import annotations

PREFIXES: dict[str, str] = {
    "kg": "https://w3id.org/kgraph/ns#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "bibo": "http://purl.org/ontology/bibo/",
    "cito": "http://purl.org/spar/cito/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "mesh": "http://id.nlm.nih.gov/mesh/",
}

RDF_TYPE = PREFIXES["rdf"] + "type"

_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def expand(curie: str) -> str:
    """Turn ``kg:Claim`` into a full IRI; a prefix kgraph does not know is an error."""
    prefix, _, local = curie.partition(":")
    if prefix not in PREFIXES or not local:
        raise ValueError(f"unknown prefix in {curie!r}; known: {', '.join(sorted(PREFIXES))}")
    return PREFIXES[prefix] + local


def shorten(iri: str) -> str:
    """``kg:Supports`` for an IRI in a known vocabulary whose local name is a plain word, else the IRI."""
    for prefix, namespace in _LONGEST_FIRST:
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and local and not any(c in local for c in "/#?"):
            return f"{prefix}:{local}"
    return iri
