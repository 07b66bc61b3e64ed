"""``kgraph ingest``: a document in, draft records out."""

from __future__ import annotations

from pathlib import Path

import click

from kgraph.cli.common import corpus_dir, fail, reports_errors

SOURCE_KINDS = ("blog-post", "comment", "journal-summary", "book-chapter", "meeting-abstract", "journal-article", "web-page")


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--corpus", "corpus", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="The corpus to draft into (default: the bundled kyphoplasty corpus).")
@click.option("--id", "source_id", default=None, help="The source's id (default: made from its title). One file only.")
@click.option("--kind", type=click.Choice(SOURCE_KINDS), default=None, help="The source's kind, instead of the guess.")
@click.option("--url", default=None, help="The address the document was saved from.")
@click.option("--cues", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="A cue table to use instead of ontology/ingest-cues.yaml.")
@click.option("--dry-run", is_flag=True, help="Write nothing; print what would be written.")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True,
              help="With --dry-run: the draft YAML, or the JSON contract other programs read.")
@click.option("--force", is_flag=True, help="Replace the files of an earlier ingest of the same document.")
@reports_errors
def ingest(files: tuple[Path, ...], corpus: Path | None, source_id: str | None, kind: str | None, url: str | None, cues: Path | None,
           dry_run: bool, fmt: str, force: bool) -> None:
    """Draft records from saved documents: text, Markdown, an HTML page or a PDF.

    Writes the document's normalised text to CORPUS/texts/ID.txt and its drafts
    to CORPUS/sources/ID.yaml: the source, its reference list matched to the
    corpus's studies and works (new ones drafted), new draft claims, and one
    draft statement per sentence about an effect, a harm, an indication or the
    evidence, each with its exact quote and the markers it cites. Every record
    is `status: draft` with `review:` lines naming each guess and its rule.
    Nothing is overwritten without --force; a file with an error writes nothing
    (the files before it are drafted and saved one at a time, each on its own).

    \b
    Examples:
      kgraph ingest saved-page.html --corpus data/my-topic
      kgraph ingest paper.pdf --corpus data/my-topic --id smith-2021-trial
      kgraph ingest post.txt --dry-run --format json
    """
    from kgraph.ingest.run import ingest as draft
    from kgraph.ingest.run import save
    from kgraph.ingest.sniff import IngestError

    if source_id is not None and len(files) > 1:
        fail("--id names one source; give one file with --id, or leave --id out")
    target = corpus_dir(corpus)
    if not (target / "corpus.yaml").is_file():
        fail(f"{target}: not a corpus (no corpus.yaml); give --corpus the folder holding corpus.yaml")
    try:
        for file in files:
            outcome = draft(file, target, source_id, kind, url, cues, force)
            if dry_run:
                click.echo(outcome.json() if fmt == "json" else outcome.yaml(), nl=fmt == "json")
                continue
            for path in save(outcome, force):
                click.echo(str(path))
    except IngestError as exc:
        fail(str(exc))
