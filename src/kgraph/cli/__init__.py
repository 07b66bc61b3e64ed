"""The ``kgraph`` command line: a thin layer that wires the pipeline stages.

Subcommands are imported only when run, so that ``kgraph query`` does not pay
for the SHACL validator or the visualisation libraries. The CLI may import
every other package; none imports it. A command parses its options, calls a
stage's plain function, and shows the result; errors reach the user through
:func:`kgraph.cli.common.reports_errors` alone.
"""

from __future__ import annotations

import importlib

import click

from kgraph import __version__

COMMANDS = {
    "build": "kgraph.cli.build:build",
    "validate": "kgraph.cli.build:validate",
    "export": "kgraph.cli.build:export",
    "evidence": "kgraph.cli.evidence:evidence",
    "queries": "kgraph.cli.query:queries",
    "query": "kgraph.cli.query:query",
    "viz": "kgraph.cli.viz:viz",
    "load": "kgraph.cli.load:load",
    "ingest": "kgraph.cli.ingest:ingest",
}


class LazyGroup(click.Group):
    """A group whose commands live in their own modules and load on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, _, attr = COMMANDS[name].partition(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kgraph")
def main() -> None:
    """kgraph: an evidence knowledge graph of sources, claims and the studies behind them.

    \b
    Examples:
      kgraph build                      # the bundled kyphoplasty corpus -> build/
      kgraph validate data/my-topic     # check a corpus you are curating
      kgraph export -f jsonld -o kg.jsonld
    """
