"""``kgraph viz``: the interactive evidence graph (HTML) and the evidence map (PNG)."""

from __future__ import annotations

from pathlib import Path

import click

from kgraph.cli.common import corpus_dir, err_console, fail, progress, reports_errors
from kgraph.cli.options import data_dir_argument, rules_option


@click.command()
@data_dir_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="HTML file to write [default: graph.html, or none when only --png is given].",
)
@click.option(
    "--claim",
    metavar="CLAIM",
    help="Draw one claim's neighbourhood: its studies, the sources stating it and citing them (id, label or IRI).",
)
@click.option("--outcome", metavar="TERM", help="Keep the claims about one outcome (term id, label or IRI).")
@click.option(
    "--min-certainty",
    metavar="LEVEL",
    help="Keep the claims whose evidence is at least this certain: very-low, low, moderate or high.",
)
@click.option("--max-nodes", type=click.IntRange(min=1), metavar="N", help="Keep the N most connected nodes; says what was left out.")
@click.option("--png", type=click.Path(path_type=Path, dir_okay=False), help="Also draw the evidence map to this PNG file.")
@click.option(
    "--map-by",
    type=click.Choice(["time", "outcome"]),
    default="time",
    show_default=True,
    help="Columns of the evidence map: the findings' time points or outcomes.",
)
@rules_option
@reports_errors
def viz(
    data_dir: Path | None,
    output: Path | None,
    claim: str | None,
    outcome: str | None,
    min_certainty: str | None,
    max_nodes: int | None,
    png: Path | None,
    map_by: str,
    rules: Path | None,
) -> None:
    """Draw the evidence graph: where the evidence agrees and where it conflicts.

    Writes one self-contained HTML page (no network needed, nothing loaded
    from elsewhere): sources, claims and studies as nodes, study-to-claim
    evidence coloured by stance (dashed when indirect), statements and
    citations; hover for the facts, click a claim to see its evidence, and
    filter by stance, node kind and time point. Graphs over 500 nodes are
    laid out here and drawn without physics, so 10,000 nodes open at once.
    --png draws the evidence map: claims against time points (or outcomes),
    coloured by stance and sized by certainty.

    \b
    Examples:
      kgraph viz -o graph.html
      kgraph viz --claim bkp-relieves-back-pain -o pain.html
      kgraph viz --outcome back-pain --min-certainty low
      kgraph viz --max-nodes 2000 data/big-topic -o big.html
      kgraph viz --png evidence-map.png --map-by outcome
    """
    from kgraph import pipeline
    from kgraph.rdf.serialize import write_atomically
    from kgraph.viz import select
    from kgraph.viz.network import evidence_network

    with progress() as say:
        built, _ = pipeline.build(corpus_dir(data_dir), say, rules=rules)
        say("drawing")
        network = evidence_network(
            built.store,
            claim=select.resolve_claim(built, claim) if claim else None,
            outcome=select.resolve_outcome(built, outcome) if outcome else None,
            min_rank=select.certainty_rank(min_certainty) if min_certainty else None,
        )
        if network.number_of_nodes() == 0:
            fail("nothing to draw: no claim passes --claim, --outcome and --min-certainty together; loosen one of them")
        notes = []
        if max_nodes is not None:
            network, note = select.most_connected(network, max_nodes)
            notes += [note] if note else []
        files: dict[Path, bytes] = {}
        if output is not None or png is None:
            from kgraph.viz.html import render_html

            files[output or Path("graph.html")] = render_html(network, title=built.corpus.title, notes=notes)
        if png is not None:
            from kgraph.viz.evidence_map import render_png

            files[png], note = render_png(network, title=built.corpus.title, by=map_by)
            notes += [note] if note else []
        write_atomically(files)
    for note in notes:
        err_console.print(f"note: {note}")
    for path in files:
        click.echo(str(path))
