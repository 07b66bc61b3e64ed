"""Drawings of the evidence graph: the interactive HTML network and the evidence-map PNG.

They read the built store (asserted and derived graphs) through their own SPARQL
files; the package may import :mod:`kgraph.infer`, the corpus stage and the RDF
plumbing, never :mod:`kgraph.query`, :mod:`kgraph.store` or the CLI.
"""
