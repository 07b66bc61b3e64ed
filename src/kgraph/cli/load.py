"""``kgraph load``: put a corpus into a store that keeps it, replacing that corpus's graphs and nothing else."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kgraph.cli.common import corpus_dir, err_console, fail, progress, reports_errors
from kgraph.cli.options import store_option
from kgraph.progress import Progress

if TYPE_CHECKING:
    import pyoxigraph as ox


@click.command()
@click.argument("source", required=False, type=click.Path(path_type=Path, exists=True))
@store_option
@reports_errors
def load(source: Path | None, store: str) -> None:
    """Load a corpus into an embedded Oxigraph store or a SPARQL 1.1 server.

    SOURCE is a corpus folder (default: the bundled corpus), which is built
    and validated on the way in (into an Oxigraph store directly, with
    memory bounded by the largest data file and the derived layer), or an
    N-Quads or TriG file written by `kgraph export`.
    Every named graph of the corpus goes in: one per source document, the
    catalogue and the derived graph. Loading a corpus again replaces all of
    that corpus's graphs (those under its base IRI's graph/) and leaves every
    other graph alone; a load that fails or is killed leaves the previous
    content. The file is read in bounded chunks, never whole.

    Afterwards `kgraph query ... --store SPEC` asks the store as it is,
    without rebuilding.

    \b
    Examples:
      kgraph load --store oxigraph:kgraph.db
      kgraph load data/my-topic --store oxigraph:kgraph.db
      kgraph export -f nquads -o kg.nq && kgraph load kg.nq --store oxigraph:kgraph.db
      export KGRAPH_STORE=sparql:http://127.0.0.1:7878/query,update=http://127.0.0.1:7878/update,store=http://127.0.0.1:7878/store
      kgraph load && kgraph query contested-claims
    """
    from kgraph.corpus.records import corpus_base
    from kgraph.store import open_store
    from kgraph.store.loading import file_format

    backend = open_store(store)
    file = source if source is not None and source.is_file() else None
    fmt = file_format(file) if file is not None else None
    if not backend.persistent:
        fail("the memory store keeps nothing once the command ends; load into --store oxigraph:PATH or --store sparql:URL")
    try:
        with progress() as say:
            if file is None:
                data_dir = corpus_dir(source)
                what = corpus_base(data_dir)
                count = backend.load_built(functools.partial(_build, data_dir, say), say)
            else:
                what = str(file)
                say(f"loading into {store}")
                count = backend.load_file(file, fmt)
    finally:
        backend.close()
    err_console.print(f"loaded {what} into {store} ({count:,} {'quads in the store' if store.startswith('oxigraph:') else 'triples sent'})")


def _build(data_dir: Path, progress: Progress, target: ox.Store) -> None:
    """The pipeline's build into the store that the backend hands over."""
    from kgraph import pipeline

    pipeline.build(data_dir, progress, store=target)
