"""Exports of a corpus for other programs: its bibliography for reference managers (BibTeX, RIS, CSL-JSON).

The RDF serialisations live in :mod:`kgraph.rdf.serialize`; what is here reads the
records, not the graph, because a bibliography needs none of the build.
"""

BIBLIOGRAPHIC_FORMATS = ("bibtex", "ris", "csl-json")
"""The formats of ``kgraph export -f`` that hold a bibliography rather than the graph."""
