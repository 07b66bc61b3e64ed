"""Ingest: turns documents and bibliographies into draft records.

What comes in (a saved web page, a PDF, a BibTeX or PubMed file) is read into
plain values (:class:`kgraph.ingest.reference.Reference` for a bibliographic
item), matched against the records a corpus already has
(:mod:`kgraph.ingest.match`), and written as YAML records marked
``status: draft`` for a curator to review. This stage may read a corpus and use
the RDF plumbing; it never imports the later stages (graph, validate, infer,
query, viz) or the command line.
"""
