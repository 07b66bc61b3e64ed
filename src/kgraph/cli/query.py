"""``kgraph queries`` and ``kgraph query``: the named questions, and running them or your own SPARQL."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from kgraph.cli.common import corpus_dir, progress, reports_errors
from kgraph.cli.options import data_dir_argument, output_file_option, store_option

OUTPUT_FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle")



@click.command()
@click.argument("name", required=False)
@reports_errors
def queries(name: str | None) -> None:
    """List the named queries: the question each answers and the parameters it takes.

    With NAME, show that query in full: its question, parameters, what it
    returns, and its SPARQL, to copy and adapt.

    \b
    Examples:
      kgraph queries
      kgraph queries evidence-for-claim
      kgraph query evidence-for-claim --param claim=bkp-relieves-back-pain
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from kgraph.query.named import display_path, named_queries, read_query, resolve

    console = Console(highlight=False, markup=False, emoji=False)
    if name is not None:
        found = resolve(name)
        click.echo(f"# {display_path(found.path)}")
        click.echo(found.text, nl=not found.text.endswith("\n"))
        return
    table = Table(show_lines=True)
    table.add_column("name", no_wrap=True)
    table.add_column("question", overflow="fold")
    table.add_column("parameters", overflow="fold")
    for query_name, path in named_queries().items():
        header = read_query(path, query_name).header
        params = "\n".join(p.describe() for p in header.parameters) or "none"
        table.add_row(Text(query_name), Text(header.question), Text(params))
    console.print(table)


@click.command()
@click.argument("name_or_file", metavar="NAME|FILE")
@data_dir_argument
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A value for a parameter of the query; repeat for each. Values are bound as typed terms, never pasted into the SPARQL.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(OUTPUT_FORMATS),
    default="table",
    show_default=True,
    help="table for people; csv, tsv, json, xml are the W3C SPARQL result formats; "
    "CONSTRUCT and DESCRIBE give turtle (or json: JSON-LD, xml: RDF/XML).",
)
@output_file_option
@store_option
@reports_errors
def query(name_or_file: str, data_dir: Path | None, params: tuple[str, ...], fmt: str, output: Path | None, store: str) -> None:
    """Ask the evidence graph a question: a named query, or your own SPARQL file.

    NAME is one of the named queries (`kgraph queries` lists them with their
    parameters); FILE is a SPARQL 1.1 SELECT, ASK, CONSTRUCT or DESCRIBE query
    of your own, which may declare parameters in the same comment header. The
    query sees every named graph of DATA_DIR (default: the bundled corpus) at
    once. The graph is cached after a build and reused until a data or
    ontology file changes, so only the first question after a change
    revalidates the corpus. With --store oxigraph:PATH or sparql:URL the
    query asks that store as `kgraph load` left it (every corpus it holds);
    DATA_DIR then only gives the base IRI for short ids.

    In the table, IRIs are shortened with the usual prefixes (kg:, schema:,
    ...) and the corpus's own IRIs are shown relative to its base.

    \b
    Examples:
      kgraph query contested-claims
      kgraph query evidence-for-claim --param claim=bkp-relieves-back-pain
      kgraph query outcome-over-time -p outcome=back-pain -f csv -o back-pain.csv
      kgraph query my-question.rq data/my-topic -f json
      kgraph query contested-claims --store oxigraph:kgraph.db
    """
    from kgraph.query import ask
    from kgraph.query.named import parse_assignments

    with progress() as say, ask(name_or_file, parse_assignments(params), corpus_dir(data_dir), store, say) as asked:
        _write(asked.answer, fmt, asked.base, output)


def _write(result, fmt: str, base: str, output: Path | None) -> None:
    from kgraph.query.results import render
    from kgraph.rdf.serialize import write_atomically

    width = shutil.get_terminal_size().columns if output is None else 120
    shown = render(result, fmt, base, width)
    if output is None:
        click.echo(shown.data, nl=False)
    else:
        write_atomically({output: shown.data})
    if shown.rows is not None:
        click.echo(f"{shown.rows} row{'s' if shown.rows != 1 else ''}", err=True)
