"""``kgraph serve``: the graph as a SPARQL endpoint, as Linked Data at its IRIs, and as a site to browse."""

from __future__ import annotations

import os
from pathlib import Path

import click

from kgraph.cli.common import corpus_dir, err_console, reports_errors
from kgraph.cli.options import data_dir_argument, store_option


@click.command()
@data_dir_argument
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; 0.0.0.0 shares the graph with every network this machine is on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--base-url",
    metavar="URL",
    help="Where the corpus's base IRI is served, when not at its own path: https://example.org/evidence/ serves "
    "<base>claim/x at /evidence/claim/x.",
)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True, metavar="S", help="Seconds a query may run before it is stopped (503).")
@click.option("--allow-service", is_flag=True, help="Let queries use SERVICE to query other SPARQL servers (refused by default).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    metavar="N",
    help="Server processes, each holding the graph and answering on threads of its own; a process whose query runs "
    "past --timeout is replaced, which stops the query [default: one per core, at least 2].",
)
@reports_errors
def serve(
    data_dir: Path | None, store: str, host: str, port: int, base_url: str | None, timeout: float, allow_service: bool, workers: int | None
) -> None:
    """Share the graph: a SPARQL 1.1 endpoint, a page and RDF at every IRI, and a site to browse.

    Serves DATA_DIR (default: the bundled corpus) at http://HOST:PORT/: the
    claims with their certainty at /, a page per claim, study, source and
    term at the path of its IRI (its RDF by Accept, or with .ttl, .nt,
    .jsonld, .rdf, .trig or .nq), the named queries as forms at /query, a
    graph explorer at /graph, and the SPARQL 1.1 Protocol at /sparql
    (read-only; updates get 403). With the memory store, an edit to a data
    file shows at the next request; an edit that does not validate shows its
    problems on every page while the last good graph stays served.

    \b
    Examples:
      kgraph serve
      kgraph serve data/my-topic --port 8080
      kgraph serve --store oxigraph:kg.db --timeout 30
      curl -H 'Accept: text/turtle' http://127.0.0.1:8000/kgraph/kyphoplasty/claim/bkp-low-risk
      curl --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' http://127.0.0.1:8000/sparql
    """
    import uvicorn

    from kgraph.corpus.records import load_corpus
    from kgraph.serve import Settings, exposure_warning

    folder = corpus_dir(data_dir)
    if store == "memory":
        from kgraph.query import cache

        cache.current(folder)
    else:
        from kgraph.store import open_store

        open_store(store, read_only=True).query("ASK {}")
    corpus = load_corpus(folder)
    settings = Settings(
        data_dir=folder,
        store=store,
        host=host,
        port=port,
        base_url=base_url,
        timeout=timeout,
        allow_service=allow_service,
        workers=max(2, workers or os.cpu_count() or 1),
    )
    settings.export()
    warning = exposure_warning(host)
    if warning:
        err_console.print(f"warning: {warning}", markup=False)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"kgraph serve: {corpus.title} at http://{shown}:{port}/ (SPARQL at /sparql); Ctrl-C stops", err=True)
    uvicorn.run(
        "kgraph.serve.app:create",
        factory=True,
        host=host,
        port=port,
        workers=settings.workers,
        log_level="warning",
        access_log=False,
        server_header=False,
    )
