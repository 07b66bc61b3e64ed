"""A corpus's bibliography as biblatex-compatible BibTeX, written with bibtexparser 2.

Entries carry ``year`` for BibTeX and ``date`` for biblatex when the date is
finer than a year. The file is UTF-8 with LaTeX's special characters escaped
and every value braced, so that biblatex, Zotero and JabRef read the same
thing, and kgraph ingest (which decodes LaTeX) reads back what was written.
"""

from __future__ import annotations

import bibtexparser
from bibtexparser import middlewares as mw
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from kgraph.export.bibliography import Work, initials_dotted
from kgraph.ingest.bib.kinds import type_for
from kgraph.ingest.reference import Author

_VERBATIM = frozenset({"author", "doi", "url"})
"""Fields not LaTeX-encoded here: names are encoded part by part, identifiers and addresses are verbatim."""


_SPECIAL = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
})  # fmt: skip


def latex(text: str) -> str:
    """Text with LaTeX's special characters escaped; every other character stays itself in the UTF-8 file.

    biber, Zotero and JabRef read UTF-8, and turning ``Ŀ`` or ``ő`` into LaTeX
    accents does not always come back as the same character.
    """
    return text.translate(_SPECIAL)


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
