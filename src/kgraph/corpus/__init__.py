"""The first stage: curated YAML records read, checked for form, and built into the graph, aligned with the standard vocabularies.

``recordformat`` is the table that maps YAML fields to RDF (``ontology/records.yaml``), ``records`` reads a corpus's files,
``graph`` writes their quads into a store, ``align`` runs the mapping updates, and ``ontology`` loads the ontology, shapes and codes.
It may import :mod:`kgraph.rdf`, never a later stage (shacl, infer, query, store, viz, cli).
"""
