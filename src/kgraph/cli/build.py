"""``kgraph build``, ``kgraph validate`` and ``kgraph export``."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from kgraph.cli.common import corpus_dir, err_console, fail, progress, reports_errors
from kgraph.cli.options import NANOPUB, data_dir_argument, export_output_option, format_option, out_dir_option, rules_option
from kgraph.export import BIBLIOGRAPHIC_FORMATS


@click.command()
@data_dir_argument
@out_dir_option
@rules_option
@reports_errors
def build(data_dir: Path | None, out_dir: Path, rules: Path | None) -> None:
    """Build the evidence graph of a corpus and write it to OUT_DIR.

    Reads the YAML records in DATA_DIR (default: the bundled kyphoplasty
    corpus), validates them against the SHACL shapes and writes kgraph.ttl
    (Turtle, every graph merged) and kgraph.trig (TriG, one named graph per
    source document, and the derived layer of agreement, conflict and
    certainty in its own graph), and graph.html, the interactive evidence
    graph (see kgraph viz). Nothing is written if any record is invalid.

    \b
    Examples:
      kgraph build
      kgraph build data/kyphoplasty -o out/
      kgraph build --rules my-evidence-rules.yaml
    """
    from kgraph import outputs, pipeline

    with progress() as say:
        built, summary = pipeline.build(corpus_dir(data_dir), say, rules=rules)
        say("writing")
        written = outputs.write_build(built, out_dir)
    err_console.print(f"[bold]built[/bold] {built.corpus.title}")
    table = Table(show_header=False)
    for name, count in summary.counts.items():
        table.add_row(name, f"{count:,}")
    table.add_row("seconds", f"{summary.seconds:.2f}")
    err_console.print(table)
    for note in summary.notes:
        err_console.print(f"note: {note}")
    for path in written:
        click.echo(str(path))


@click.command()
@data_dir_argument
@reports_errors
def validate(data_dir: Path | None) -> None:
    """Check a corpus: YAML syntax, ids, references, SHACL shapes and quotes.

    Every problem is printed as FILE:LINE: RECORD-ID: MESSAGE; the exit status
    is 1 if there is any.

    \b
    Examples:
      kgraph validate
      kgraph validate data/my-topic
    """
    from kgraph import pipeline
    from kgraph.errors import CorpusError

    with progress() as say:
        built = pipeline.assemble(corpus_dir(data_dir), say)
        report = pipeline.check(built, say)
    for note in report.notes:
        err_console.print(f"note: {note}")
    if not report.ok:
        raise CorpusError(report.problems)
    click.echo(f"valid: {len(built.index)} records in {len(built.corpus.files) + 1} files")


@click.command()
@format_option
@export_output_option
@data_dir_argument
@reports_errors
def export(fmt: str, output: Path | None, data_dir: Path | None) -> None:
    """Export the evidence graph in a W3C RDF format, as nanopublications, or the corpus's bibliography.

    Writes to standard output unless -o is given. TriG, N-Quads and JSON-LD
    keep one named graph per source document; Turtle and N-Triples merge them.
    -f nanopub writes one nanopublication per statement and finding (TriG,
    with a trusty URI) into the folder given with -o. bibtex, ris and
    csl-json write the studies and titled sources as reference managers
    (Zotero, EndNote, JabRef) and citeproc read them; kgraph ingest reads
    them back into the same records.

    \b
    Examples:
      kgraph export -f turtle
      kgraph export -f jsonld -o kgraph.jsonld
      kgraph export -f nt data/my-topic | wc -l
      kgraph export -f nanopub -o nanopubs/
      kgraph export -f bibtex -o kyphoplasty.bib
      kgraph export -f csl-json data/my-topic > refs.json
    """
    from kgraph.rdf.serialize import write_atomically

    if fmt == NANOPUB:
        if output is None:
            fail("-f nanopub writes a folder of files: give it with -o DIR")
        from kgraph import pipeline
        from kgraph.nanopub import write_nanopublications

        with progress() as say:
            built, _ = pipeline.build(corpus_dir(data_dir), say)
            written = write_nanopublications(built, output)
        err_console.print(f"{len(written)} nanopublications in {output}")
        return
    data = _bibliography(fmt, corpus_dir(data_dir)) if fmt in BIBLIOGRAPHIC_FORMATS else _graph(fmt, corpus_dir(data_dir))
    if output is None:
        click.echo(data, nl=False)
    else:
        write_atomically({output: data})


def _graph(fmt: str, data_dir: Path) -> bytes:
    from kgraph import pipeline
    from kgraph.rdf.serialize import serialize

    with progress() as say:
        built, _ = pipeline.build(data_dir, say)
        return serialize(built.store, fmt)


def _bibliography(fmt: str, data_dir: Path) -> bytes:
    """The bibliography needs the records only, not a build."""
    from kgraph.export.bibliography import works, writers

    return writers()[fmt](list(works(data_dir)))
