"""RDF plumbing that every stage shares: prefixes and namespaces, terms, literals' lexical forms, N-Quads, serialisation, SPARQL text with bound values.

It imports no stage and nothing else of kgraph but :mod:`kgraph.errors` and :mod:`kgraph.resources`.
"""
