"""Asking the graph questions: the named queries in ``queries/``, their parameters, the W3C result formats, and the build cache that lets a question skip the build.

:func:`ask` is the front door that the command line (and any other client) goes through. It may import the pipeline and the stages
below it, and :mod:`kgraph.store`; never :mod:`kgraph.cli`.
"""
