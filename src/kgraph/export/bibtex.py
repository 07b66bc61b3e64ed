"""A corpus's bibliography as biblatex-compatible BibTeX, written with bibtexparser 2.

Entries carry ``year`` for BibTeX and ``date`` for biblatex when the date is
finer than a year; text is LaTeX-encoded with pylatexenc (what bibtexparser's
own encoding middleware uses, applied here before the braces kgraph adds
around a corporate author) and every value braced, so that BibTeX, biblatex
and Zotero read the same thing.
"""

from __future__ import annotations

import bibtexparser
from bibtexparser import middlewares as mw
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field
from pylatexenc.latexencode import unicode_to_latex

from kgraph.export.bibliography import Work, initials_dotted
from kgraph.ingest.bib.kinds import type_for
from kgraph.ingest.reference import Author

_VERBATIM = frozenset({"author", "doi", "url"})
"""Fields not LaTeX-encoded here: names are encoded part by part, identifiers and addresses are verbatim."""


def latex(text: str) -> str:
    """Unicode text as LaTeX (``–`` becomes ``{\\textendash}``), which the ingest's decoding turns back."""
    return unicode_to_latex(text, non_ascii_only=False, unknown_char_policy="keep")


def _name(author: Author) -> str:
    given = initials_dotted(author)
    if given is None:
        family = latex(author.family)
        return "{" + family + "}" if " " in family else family
    return f"{latex(author.family)}, {latex(given)}"


def _entry(work: Work) -> Entry:
    ref = work.ref
    entry_type = type_for("bibtex", work.source_kind)
    container = "journal" if entry_type == "article" else "booktitle" if entry_type in ("incollection", "inproceedings") else None
    values = {
        "author": " and ".join(_name(a) for a in ref.authors) or None,
        "title": ref.title,
        "shorttitle": work.label,
        container or "": ref.journal if container else None,
        "year": str(ref.year) if ref.year else None,
        "date": work.date if work.date and len(work.date) > 4 else None,
        "volume": ref.volume,
        "number": ref.issue,
        "pages": ref.pages,
        "publisher": ref.publisher,
        "doi": ref.doi,
        "pmid": ref.pmid,
        "pmcid": ref.pmcid,
        "url": ref.url,
        "note": work.note,
        "entrysubtype": work.source_kind,
    }
    encoded = {k: v if k in _VERBATIM else latex(v) for k, v in values.items() if k and v}
    return Entry(entry_type, work.id, [Field(k, v) for k, v in encoded.items()])


def write(works: list[Work]) -> bytes:
    """The works as one .bib file."""
    library = Library([_entry(w) for w in works])
    stack = [mw.AddEnclosingMiddleware(reuse_previous_enclosing=False, enclose_integers=True, default_enclosing="{")]
    return bibtexparser.write_string(library, unparse_stack=stack).encode("utf-8")
