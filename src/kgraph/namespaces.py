"""Every namespace kgraph writes, defined once.

The project's own terms live in :data:`KG`; the standard vocabularies of the
interoperability contract are the rest.

>>> str(KG.Claim)
'https://w3id.org/kgraph/ns#Claim'
>>> str(CITO.supports)
'http://purl.org/spar/cito/supports'
"""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, XSD

KG = Namespace("https://w3id.org/kgraph/ns#")
KGSH = Namespace("https://w3id.org/kgraph/shapes#")
BIBO = Namespace("http://purl.org/ontology/bibo/")
CITO = Namespace("http://purl.org/spar/cito/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = SDO
MESH = Namespace("http://id.nlm.nih.gov/mesh/")

PREFIXES: dict[str, Namespace] = {
    "kg": KG,
    "schema": SCHEMA,
    "dcterms": DCTERMS,
    "bibo": BIBO,
    "cito": CITO,
    "prov": PROV,
    "oa": OA,
    "skos": SKOS,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "sh": Namespace(str(SH)),
    "mesh": MESH,
}


def bind_prefixes(graph: Graph, extra: dict[str, str] | None = None) -> None:
    """Bind the project's prefixes so every serialisation uses the same short names."""
    for prefix, ns in {**PREFIXES, **(extra or {})}.items():
        graph.bind(prefix, str(ns), override=True, replace=True)


def expand(curie: str) -> str:
    """Turn ``kg:Claim`` into a full IRI; used for the names in ``records.yaml``.

    >>> expand("skos:prefLabel")
    'http://www.w3.org/2004/02/skos/core#prefLabel'
    """
    prefix, _, local = curie.partition(":")
    if prefix not in PREFIXES or not local:
        raise ValueError(f"unknown prefix in {curie!r}; known: {', '.join(sorted(PREFIXES))}")
    return str(PREFIXES[prefix]) + local
