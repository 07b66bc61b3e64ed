"""Options shared by several commands, defined once so they read the same everywhere."""

from __future__ import annotations

from pathlib import Path

import click

from kgraph.export import BIBLIOGRAPHIC_FORMATS
from kgraph.rdf.serialize import FORMATS

data_dir_argument = click.argument(
    "data_dir",
    required=False,
    type=click.Path(path_type=Path, file_okay=False),
)

out_dir_option = click.option(
    "-o",
    "--out-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("build"),
    show_default=True,
    help="Folder for the outputs.",
)

NANOPUB = "nanopub"
"""The export format that is a folder of files, one nanopublication each, rather than one RDF document."""

format_option = click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice([*sorted([*FORMATS, NANOPUB]), *BIBLIOGRAPHIC_FORMATS]),
    default="turtle",
    show_default=True,
    help="RDF serialisation (W3C Turtle, N-Triples, JSON-LD, TriG, N-Quads); nanopub: one nanopublication per statement and finding, written into the folder given with -o; or the corpus's bibliography (BibTeX, RIS, CSL-JSON).",
)

export_output_option = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to this file instead of standard output (for -f nanopub, the folder to write the nanopublications into).",
)

output_file_option = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write to this file instead of standard output.",
)

store_option = click.option(
    "--store",
    envvar="KGRAPH_STORE",
    show_envvar=True,
    default="memory",
    show_default=True,
    metavar="SPEC",
    help=(
        "Where the graph lives: memory (in this process, from the last build), oxigraph:PATH (embedded, on disk), "
        "or sparql:QUERY_URL[,update=URL][,store=URL] (a SPARQL 1.1 server; credentials from "
        "KGRAPH_SPARQL_USER and KGRAPH_SPARQL_PASSWORD)."
    ),
)

rules_option = click.option(
    "--rules",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="An evidence rules table to use instead of ontology/evidence-rules.yaml (copy it and change a rule).",
)
