"""A printed reference list: where it is, its entries, and each entry's fields.

People print references in a handful of styles, and each is recognised by
its shape: Vancouver and AMA (``Kallmes DF, et al. Title. N Engl J Med.
2009;361(6):569-79.``), EndNote's numbered style (``Kallmes, D.F., et al.,
Title. N Engl J Med, 2009. 361(6): p. 569-79.``), APA (``Kallmes, D. F., &
Jarvik, J. G. (2009). Title. Journal, 361(6), 569–579.``), Harvard
(``Kallmes, D.F. and Jarvik, J.G. (2009) 'Title', Journal, 361(6), pp.
569–579.``) and web references (``Title. Site [Internet]. Accessed ...
Available from: URL``). Each entry becomes a
:class:`kgraph.ingest.reference.Reference`, the one shape every reader of
references produces, and names the style rule that read it.

>>> entry = parse_entry("3. Kallmes DF, Comstock BA, et al. A randomized trial of vertebroplasty. N Engl J Med. 2009;361:569–79.")
>>> entry.number, [str(a) for a in entry.ref.authors], entry.ref.year, entry.ref.journal, entry.ref.volume, entry.ref.pages
(3, ['Kallmes DF', 'Comstock BA'], 2009, 'N Engl J Med', '361', '569–79')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from kgraph.ingest.reference import Author, BadIdentifier, Reference, normalise_doi, normalise_pmid, registry_ids

_NUMBER = re.compile(r"^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)](?!\d))\s*(?:\d{1,3}\.(?!\d)\s*)?")
_NUMBER_ONLY = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}\.)(?:\s*\d{1,3}\.)?\s*$")
_BULLET = re.compile(r"^\s*[-•▪◦*]\s+")
_TRAILING_LINKS = re.compile(
    r"(?:\s*(?:\[?Medline®? Abstract\]?|PubMed(?: Central)?|Google Scholar|CrossRef|Crossref|Web of Science|Full Text|Article|"
    r"View Article|\[Medline\]|\[PubMed\]))+\s*$",
    re.IGNORECASE,
)
_LINK_ENDS = frozenset("tdlrfe]")
"""The last letters of the link names above: an entry ending in any other (a stop, a page number) has no trailing links,
and the pattern, tried from every position, is spared."""
_DOI = re.compile(r"(?:\bdoi:?\s*|https?://(?:dx\.)?doi\.org/)?\b(10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;\]])", re.IGNORECASE)
_PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b")
_PMCID = re.compile(r"\bPMCID:?\s*(PMC\d+)\b", re.IGNORECASE)
_URL = re.compile(r"(?:Available (?:from|at):?\s*)?<?(https?://[^\s<>]+[^\s<>.,;)])>?\.?", re.IGNORECASE)
_ACCESSED = re.compile(r"\b(?:Accessed|Retrieved|Cited)(?: on)?:?\s+[^.\]]*?\d{4}\]?\.?", re.IGNORECASE)
_PUBLISHED = re.compile(r"\b(?:Published|Updated|Last updated)(?: on)?:?\s+((?:[A-Z][a-z]+\.? )?(?:\d{1,2},? )?(\d{4}))\.?")
_INTERNET_MARK = "[Internet]"
_INTERNET = re.compile(rf"\s*{re.escape(_INTERNET_MARK)}\.?")
_AVAILABLE = re.compile(r"Available (?:from|at):?\s*https?://", re.IGNORECASE)
_YEAR = r"(?P<year>(?:19|20)\d{2})[a-z]?"
_PAGES = r"(?P<pages>[A-Za-z]{0,2}\d+[A-Za-z]?(?:\s*[-‐‑–—]\s*[A-Za-z]{0,2}\d+[A-Za-z]?)?)"
_VOL_ISSUE = r"(?P<volume>[\w.]+)?\s*(?:\((?P<issue>[^)]+)\))?"
# Vancouver / AMA / Journal Watch: Journal. 2009 Mar 21;361(6):569-79.
_VANCOUVER_TAIL = rf"{_YEAR}(?:\s+[A-Z][a-z]{{2}}(?:\s+\d{{1,2}})?)?\s*;\s*{_VOL_ISSUE}\s*:\s*{_PAGES}\.?"
_VANCOUVER = re.compile(rf"(?:^|(?<=[.;]))(?P<journal>[^.;]*?(?:\.\s*)?)\s*{_VANCOUVER_TAIL}")
# EndNote numbered: Journal, 2009. 361(6): p. 569-79.
_ENDNOTE_TAIL = rf",\s*{_YEAR}\.\s*{_VOL_ISSUE}\s*:\s*p{{1,2}}\.\s*{_PAGES}\.?"
_ENDNOTE = re.compile(rf"(?:^|(?<=[.,]))(?P<journal>[^.,][^,]*?){_ENDNOTE_TAIL}")
# A journal part tried from every position costs a scan to the next stop from each, so the patterns above start it
# only where the leftmost match can start (after a stop, or the start), and a text is first searched for the cheap
# year-volume-pages tail alone.
_SIGNS = {_VANCOUVER: re.compile(_VANCOUVER_TAIL), _ENDNOTE: re.compile(_ENDNOTE_TAIL)}
# APA and Harvard: Authors (2009). Title. Journal, 361(6), 569–579.   Authors (2009) 'Title', Journal, 361(6), pp. 569-579.
# Cheap signs of the two openings, each a part the opening's pattern cannot match without: most lines have neither.
_PAREN_YEAR = re.compile(r"\((?:19|20)\d{2}")
_COMMA_YEAR = re.compile(rf",\s+{_YEAR}\.")
_AUTHOR_YEAR = re.compile(rf"^(?P<authors>.+?(?:(?<=[\s.,][A-Z])\.)?)[.,]?\s+\({_YEAR}(?:,[^)]*)?\)[.,]?\s+(?P<rest>.+)$")
_HARVARD_YEAR = re.compile(rf"^(?P<authors>.+?(?:\.|et al\.?)),\s+{_YEAR}\.\s+(?P<rest>.+)$")
_JOURNAL_TAIL = re.compile(
    rf"^(?P<journal>.+?)[,.]\s*(?:vol\.?\s*)?(?P<volume>\d[\w.]*)\s*(?:\((?P<issue>[^)]+)\))?\s*[,:]\s*(?:pp?\.\s*)?{_PAGES}\.?\s*$"
)
_VOLUME_ISSUE_WORDS = re.compile(rf"Volume\s+(?P<volume>\w+),\s*Issue\s+(?P<issue>\w+),\s*{_PAGES}", re.IGNORECASE)
_VANCOUVER_AUTHORS = re.compile(
    r"^(?P<authors>(?:(?:(?:van|von|de|der|da|del|di|la|le)\s+)*[A-Z][\w'’\-]*(?:\s+(?:van|von|de|der|da|del|di|la|le|[A-Z][\w'’\-]*))*\s+[A-Z]{1,4}(?:,\s+|\s+and\s+|\s*$))*"
    r"(?:(?:(?:van|von|de|der|da|del|di|la|le)\s+)*[A-Z][\w'’\-]*(?:\s+(?:van|von|de|der|da|del|di|la|le|[A-Z][\w'’\-]*))*\s+[A-Z]{1,4}))(?P<etal>,?\s+et\s+al)?\.\s+"
)
_SEGMENT = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9“\"‘'(\[])")
_NAME_SPLIT = re.compile(r",?\s+(?:&|and)\s+|;\s*|(?<=[.A-Z]),\s+(?=(?:(?:[vV]an|[vV]on|[dD]e|[dD]er|[dD]a|[dD]el|[dD]i|[lL]a|[lL]e)\s+)*[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?,)|(?<=[A-Z]{1}),\s+(?=(?:(?:van|von|de|der|da|del|di|la|le)\s+)*[A-Z][\w'’\-]+\s+[A-Z])")
_ET_AL = re.compile(r",?\s*(?:et\s+al\.?|and others)\s*$", re.IGNORECASE)
# The stop and commas that end an author list, but not the stop of a last dotted initial (``Comstock, B.A.``).
_LIST_END = re.compile(r"(?:,|(?<![\s.,][A-Z])\.)+$")


@dataclass(frozen=True)
class Entry:
    """One entry of a printed list: its number (printed, or its position), the text as printed, where it is, and its fields."""

    number: int
    text: str
    start: int
    end: int
    ref: Reference
    style: str
    numbered: bool = True

    @property
    def marker(self) -> str:
        """How the entry is cited: ``[3]`` for a numbered list, ``(Kallmes, 2009)`` for an author-year list."""
        if self.numbered:
            return f"[{self.number}]"
        author = self.ref.first_author
        return f"({author.family if author else '?'}, {self.ref.year or 'n.d.'})"


def parse_entry(text: str, position: int = 1, start: int = 0) -> Entry:
    """One printed reference, numbered or not, read into its fields by the first style rule that fits."""
    match = _NUMBER.match(text)
    number = int(match.group(1) or match.group(2)) if match else position
    body = _BULLET.sub("", text[match.end() :] if match else text).strip()
    ref, style = parse_reference(body)
    return Entry(number, text.strip(), start, start + len(text), ref, style, numbered=bool(match))


def parse_reference(printed: str) -> tuple[Reference, str]:
    """The fields of one reference as printed, and the name of the style rule that read them."""
    text = (_TRAILING_LINKS.sub("", printed) if printed.rstrip()[-1:].lower() in _LINK_ENDS else printed).strip()
    ids: dict[str, Any] = {}
    doi = _doi(text)
    if doi:
        try:
            ids["doi"] = normalise_doi(doi.group(1))
        except BadIdentifier:
            pass
        text = (text[: doi.start()] + text[doi.end() :]).strip()
    pmid = _PMID.search(text)
    if pmid:
        ids["pmid"] = normalise_pmid(pmid.group(1))
        text = (text[: pmid.start()] + text[pmid.end() :]).strip(" .")
    pmcid = _PMCID.search(text)
    if pmcid:
        ids["pmcid"] = pmcid.group(1).upper()
        text = (text[: pmcid.start()] + text[pmcid.end() :]).strip(" .")
    url = _URL.search(text) if "://" in text else None
    if url:
        ids["url"] = url.group(1)
        text = text[: url.start()].strip()
    ids["registry"] = registry_ids(printed)
    text = _ACCESSED.sub("", text).strip()
    published = _PUBLISHED.search(text)
    if published:
        ids["year"] = int(published.group(2))
        text = (text[: published.start()] + text[published.end() :]).strip()
    web = _INTERNET_MARK in text
    text = " ".join((_INTERNET.sub(".", text) if web else text).split()).strip()
    for reader in (_vancouver, _endnote, _author_year, _web):
        found = reader(text, web)
        if found is not None:
            ref, style = found
            return replace(ref, **{k: v for k, v in ids.items() if v and not (k == "year" and ref.year)}), style
    return Reference(title=text.strip(" .") or None, **ids), "unparsed"


def _vancouver(text: str, web: bool) -> tuple[Reference, str] | None:
    authors, rest = _leading_authors(text)
    source = _last(_VANCOUVER, rest)
    if source is None:
        return None
    parts = _segments(rest[: source.start()] + source.group("journal"))
    journal = parts[-1] if parts else ""
    return _fields(authors, " ".join(parts[:-1]), journal, source), "vancouver"


def _endnote(text: str, web: bool) -> tuple[Reference, str] | None:
    source = _last(_ENDNOTE, text)
    if source is None:
        return None
    before = text[: source.start()]
    parts = [p.strip() for p in re.split(r"(?<=\.),\s+(?=[A-Z0-9])|,\s+(?:et al\.?),\s*", before, maxsplit=1)]
    names, title = (parts[0], parts[1]) if len(parts) == 2 else ("", before)
    if title.endswith("."):
        title = title[:-1]
    journal = source.group("journal").strip()
    # EndNote prints "Title. Journal, 2009." ; the journal is after the title's last full stop
    pieces = _segments(title + ". " + journal) if "." not in journal else [title, journal]
    if len(pieces) > 1:
        title, journal = " ".join(pieces[:-1]), pieces[-1]
    return _fields(_names(names), title, journal, source), "endnote"


def _author_year(text: str, web: bool) -> tuple[Reference, str] | None:
    match = (_AUTHOR_YEAR.match(text) if _PAREN_YEAR.search(text) else None) or (_HARVARD_YEAR.match(text) if _COMMA_YEAR.search(text) else None)
    if match is None:
        return None
    rest = match.group("rest").strip()
    quoted = re.match(r"^[‘'“\"](?P<title>.+?)[’'”\"][,.]?\s*(?P<tail>.*)$", rest)
    if quoted:
        title, tail = quoted.group("title"), quoted.group("tail")
    else:
        parts = _segments(rest)
        title, tail = parts[0], " ".join(parts[1:])
    tail = re.sub(r"^(?:In:\s*|Available at:.*$)", "", tail).strip()
    source = _JOURNAL_TAIL.match(tail)
    ref = Reference(
        authors=_names(match.group("authors")),
        year=int(match.group("year")),
        title=title.strip(" .") or None,
        journal=(source.group("journal") if source else tail.strip(" .")).strip(" .,") or None,
        volume=source.group("volume") if source else None,
        issue=source.group("issue") if source else None,
        pages=source.group("pages") if source else None,
    )
    return ref, "apa" if match.re is _AUTHOR_YEAR and not quoted else "harvard"


def _web(text: str, web: bool) -> tuple[Reference, str] | None:
    words = _VOLUME_ISSUE_WORDS.search(text)
    if words:
        text = text[: words.start()]
    authors, rest = _leading_authors(text)
    parts = _segments(rest)
    if not web and not words and len(parts) < 2:
        return None
    if not authors and len(parts) >= 3:
        authors, parts = (Author(parts[0].strip(" .")),), parts[1:]
    title = " ".join(parts[:-1]) if len(parts) > 1 else (parts[0] if parts else "")
    site = parts[-1] if len(parts) > 1 else None
    return Reference(
        authors=authors,
        title=title.strip(" .") or None,
        journal=site.strip(" .") if site else None,
        volume=words.group("volume") if words else None,
        issue=words.group("issue") if words else None,
        pages=words.group("pages") if words else None,
        kind="webpage" if web and not words else None,
    ), "web" if web else "segments"


def _fields(authors: tuple[Author, ...], title: str, journal: str, source: re.Match[str]) -> Reference:
    return Reference(
        authors=authors,
        year=int(source.group("year")),
        title=title.strip(" .") or None,
        journal=journal.strip(" .,") or None,
        volume=source.group("volume"),
        issue=source.group("issue"),
        pages=source.group("pages"),
    )


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of a style's source part (journal, year, volume, pages): a reference names its source last."""
    if not _SIGNS[pattern].search(text):
        return None
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last match is the source part
        pass
    return found


def _leading_authors(text: str) -> tuple[tuple[Author, ...], str]:
    """Vancouver authors (``Kallmes DF, Comstock BA, et al.``) at the start of ``text``, and the rest."""
    match = _VANCOUVER_AUTHORS.match(text)
    if match is None:
        return (), text
    return _names(match.group("authors")), text[match.end() :]


def _names(text: str) -> tuple[Author, ...]:
    """The authors of a printed author list, in any of the styles; ``et al.`` dropped."""
    text = _ET_AL.sub("", _LIST_END.sub("", text.strip())).strip()
    if not text:
        return ()
    authors = []
    for name in _NAME_SPLIT.split(text):
        author = Author.parse(name.strip(" ,") if "," in name.strip(" ,") else name.strip(" ,."))
        if author is not None:
            authors.append(author)
    return tuple(authors)


def _segments(text: str) -> list[str]:
    """A reference's parts split at full stops that end a part (not those of initials or abbreviations)."""
    return [p.strip() for p in _SEGMENT.split(text.strip()) if p.strip(" .")]


def looks_numbered(line: str) -> bool:
    """A line that starts with a list number: ``1.``, ``[1]``, ``1)``."""
    return bool(_NUMBER.match(line))


def is_number_only(line: str) -> bool:
    """A line holding only a list number (publishers print ``1. 1.`` above each entry)."""
    return bool(_NUMBER_ONLY.match(line))


def has_reference_shape(text: str) -> bool:
    """Whether a line reads as a reference: a year with a volume and pages, an author-year opening, or a web reference."""
    body = _BULLET.sub("", _NUMBER.sub("", text, count=1))
    if _last(_VANCOUVER, body) or _last(_ENDNOTE, body) or _VOLUME_ISSUE_WORDS.search(body):
        return True
    author_year = _author_year(body, False)
    if author_year is not None and author_year[0].journal and (author_year[0].volume or author_year[0].pages):
        return True
    return _INTERNET_MARK in body or ("://" in body and _AVAILABLE.search(body) is not None) or _doi(body) is not None


def _doi(text: str) -> re.Match[str] | None:
    """The first DOI in ``text``; a text without ``10.`` has none, and most lines of a document have none."""
    return _DOI.search(text) if "10." in text else None
