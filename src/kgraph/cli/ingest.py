"""``kgraph ingest``: a document in, draft records out."""

from __future__ import annotations

from pathlib import Path

import click

from kgraph.cli.common import corpus_dir, fail, progress, reports_errors

SOURCE_KINDS = ("blog-post", "comment", "journal-summary", "book-chapter", "meeting-abstract", "journal-article", "web-page")


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--corpus", "corpus", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="The corpus to draft into (default: the bundled kyphoplasty corpus).")
@click.option("--id", "source_id", default=None, help="The source's id (default: made from its title). One file only.")
@click.option("--kind", type=click.Choice(SOURCE_KINDS), default=None, help="The source's kind, instead of the guess.")
@click.option("--url", default=None, help="The address the document was saved from. One file only.")
@click.option("--cues", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="A cue table to use instead of ontology/ingest-cues.yaml.")
@click.option("--dry-run", is_flag=True, help="Write nothing; print what would be written.")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True,
              help="With --dry-run: the draft YAML, or the JSON contract other programs read (an array of them for several files).")
@click.option("--force", is_flag=True, help="Replace the files of an earlier ingest of the same document.")
@reports_errors
def ingest(files: tuple[Path, ...], corpus: Path | None, source_id: str | None, kind: str | None, url: str | None, cues: Path | None,
           dry_run: bool, fmt: str, force: bool) -> None:
    """Draft records from saved documents (text, Markdown, an HTML page, a PDF) or bibliographies.

    Writes the document's normalised text to CORPUS/texts/ID.txt and its drafts
    to CORPUS/sources/ID.yaml: the source, its reference list matched to the
    corpus's studies and works (new ones drafted), new draft claims, and one
    draft statement per sentence about an effect, a harm, an indication or the
    evidence, each with its exact quote and the markers it cites. Every record
    is `status: draft` with `review:` lines naming each guess and its rule.
    A page's readers' comments, marked up with their authors, become sources
    of their own (kind comment, part of the page) that state what they say.

    Several files are drafted in turn, each seeing the drafts of those before
    it, and written together: if any file has an error, none is written.
    Nothing is overwritten without --force.

    A bibliography (BibTeX or biblatex, RIS, MEDLINE .nbib, PubMed XML,
    CSL-JSON; told by its content) gives a draft study, or source, per record
    the corpus lacks, in CORPUS/bibliography/; a record the corpus has (same
    DOI, PMID or trial registry id, else first author, year, journal and first
    page) only fills that record's empty fields, and every disagreement is
    printed for the curator. A record with an abstract also becomes a source
    with draft statements, as a document does.

    \b
    Examples:
      kgraph ingest saved-page.html --corpus data/my-topic
      kgraph ingest paper.pdf --corpus data/my-topic --id smith-2021-trial
      kgraph ingest post.txt --dry-run --format json
      kgraph ingest letter.pdf reply.html comment-thread.html --corpus data/my-topic
      kgraph ingest pubmed-export.xml --corpus data/my-topic
      kgraph ingest zotero.bib --corpus data/my-topic --dry-run --format json
    """
    from kgraph.ingest.run import ingest_all, report, save

    if (source_id is not None or url is not None) and len(files) > 1:
        fail("--id and --url name one document; give one file with them, or leave them out")
    target = corpus_dir(corpus)
    if not (target / "corpus.yaml").is_file():
        fail(f"{target}: not a corpus (no corpus.yaml); give --corpus the folder holding corpus.yaml")
    documents = [file for file in files if not _bibliography(file, target, cues, dry_run, fmt, force)]
    if not documents:
        return
    outcomes = ingest_all(documents, target, source_id, kind, url, cues, force)
    if dry_run:
        click.echo(report(outcomes, fmt), nl=False)
        return
    for path in save(outcomes, force):
        click.echo(str(path))


def _bibliography(file: Path, target: Path, cues: Path | None, dry_run: bool, fmt: str, force: bool) -> bool:
    """Ingest ``file`` if it is a bibliographic file (told by its first bytes); False if it is a document.

    The file's records are staged as they are drafted and printed or moved into
    place from there, a block at a time, so that a file of any size runs in the same memory.
    """
    from kgraph.ingest.bib import sniff
    from kgraph.ingest.bib.bibliography import ingest_bibliography

    try:
        with file.open("rb") as handle:
            kind = sniff(handle.read(4096), file.name)
    except OSError:
        return False
    if kind is None:
        return False
    with progress() as tell:  # the spinner stops before anything is printed: while it turns, rich takes over stdout
        staged = ingest_bibliography(file, kind, target, cues, dry_run=dry_run, as_json=dry_run and fmt == "json", replace=force,
                                     progress=tell)
    with staged:
        for line in staged.conflicts:
            click.echo(line, err=True)
        if dry_run:
            for chunk in staged.json_chunks() if fmt == "json" else staged.yaml_chunks():
                click.echo(chunk, nl=False)
            return True
        with progress() as tell:
            tell(f"moving the files of {file.name} into place")
            staged.commit(force)
        for path in staged.destinations():
            click.echo(str(path))
    return True
