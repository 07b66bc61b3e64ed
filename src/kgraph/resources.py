"""Where the ontology, the named queries and the bundled corpus are found.

In a source checkout they are the top-level folders of the repository; in an
installed wheel they are copied into ``kgraph/_resources``. Code asks here and
never builds those paths itself.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def root() -> Path:
    """The folder holding ``ontology/``, ``queries/`` and ``data/``."""
    bundled = _PACKAGE / "_resources"
    if (bundled / "ontology").is_dir():
        return bundled
    checkout = _PACKAGE.parents[1]
    if (checkout / "ontology").is_dir():
        return checkout
    raise FileNotFoundError(f"kgraph resources not found under {bundled} or {checkout}; reinstall the package")


def ontology_dir() -> Path:
    """The ontology, the shapes, the record format and the rules: the files people edit."""
    return root() / "ontology"


def queries_dir() -> Path:
    """The named queries, one question per ``.rq`` file."""
    return root() / "queries"


def default_corpus() -> Path:
    """The bundled kyphoplasty corpus, used when a command is given no data directory."""
    return root() / "data" / "kyphoplasty"
