"""PubMed XML (``PubmedArticleSet``, as PubMed and E-utilities export it), streamed with lxml's iterparse.

Each ``PubmedArticle`` is read when its end tag is parsed and then cleared,
with the siblings before it, so the tree never grows past one article: memory
stays flat for any number of records (bench/pubmed_ingest.py measures it).

An article is read in one pass over the elements that carry its fields
(lxml's ``iter`` with the tags wanted, which skips the others in C), each
taken only where the PubMed DTD puts it: the ``PMID`` of the citation, not
those of its comments and corrections; the ``ArticleIdList`` of ``PubmedData``,
not those of its reference list; ``Abstract``, not ``OtherAbstract``. A path
look-up per field (``findtext("Journal/JournalIssue/Volume")``) walks the
path in Python each time and costs several times as much.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from kgraph.errors import CorpusError, Problem, problem
from kgraph.ingest.bib import Item, Section
from kgraph.ingest.bib.fields import Checker, iso_date, registry_in
from kgraph.ingest.reference import Author, Reference

ROOT = "PubmedArticleSet"
ARTICLE = "PubmedArticle"

_PLAIN = ("PMID", "Volume", "Issue", "Title", "ISOAbbreviation", "MedlineTA", "MedlinePgn", "StartPage")
"""Fields without markup: the first of each is read."""
_MARKED = ("ArticleTitle", "VernacularTitle")
"""Fields that may hold inline markup (``<i>``, ``<sup>``): the first of each is read."""
_PARTS = ("Article", "PubDate", "Abstract", "AuthorList", "ArticleIdList", "ELocationID", "AccessionNumber", "PublicationType", "DescriptorName")
"""Elements kept, every one in order, to be read when the pass is done."""
_WANTED = (*_PLAIN, *_MARKED, *_PARTS)
_WHERE = re.compile(r"\s*, line \d+, column \d+\s*$")
_KIND = {**dict.fromkeys(_PLAIN, 0), **dict.fromkeys(_MARKED, 1), **dict.fromkeys(_PARTS, 2)}
_PARENT = {"PMID": "MedlineCitation", "Title": "Journal", "ArticleIdList": "PubmedData"}
"""The parent of the wanted elements that the PubMed DTD also puts elsewhere in an article: a comment's or correction's
``PMID``, a reference list's ``Title`` and its references' ``ArticleIdList``. Every other one has one place
(an ``AbstractText`` has two, ``Abstract`` and ``OtherAbstract``: it is read from its ``Abstract``)."""


def read(path: Path, problems: list[Problem]) -> Iterator[Item]:
    """The articles of a PubMed XML file; a file that is not one, or not well formed, is a :class:`CorpusError`."""
    try:
        parsed = etree.iterparse(str(path), events=("end",), tag=ARTICLE, resolve_entities=False, no_network=True)
        for _, element in parsed:
            yield _item(path, element, problems)
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError as exc:
        reason = " ".join(_WHERE.sub("", exc.msg or "").split())  # libxml2 ends it with a line break and ", line L, column C"
        column = f" (column {exc.position[1]})" if exc.position and exc.position[1] else ""
        raise CorpusError([problem(path, exc.lineno or 0, "", f"not well-formed XML: {reason}{column}")]) from None
    if parsed.root is None or parsed.root.tag != ROOT:
        raise CorpusError([problem(path, 1, "", f"XML but not PubMed XML: the root element must be <{ROOT}> (PubMed's 'Save as PubMed XML', or efetch rettype=xml)")])


def _text(element: etree._Element | None) -> str | None:
    """An element's text with the text of its inline markup (``<i>``, ``<sup>``), whitespace collapsed."""
    if element is None:
        return None
    text = " ".join((element.text if len(element) == 0 else "".join(element.itertext()) or "").split())
    return text or None


def _plain(text: str | None) -> str | None:
    """An element's own text, stripped; None when it has none."""
    return text.strip() or None if text else None


def _firsts(element: etree._Element) -> dict[str, etree._Element]:
    """The children of ``element`` by tag, the first of each tag."""
    found: dict[str, etree._Element] = {}
    for child in element:
        found.setdefault(child.tag, child)
    return found


def _author(author: etree._Element) -> Author | None:
    parts: dict[str, etree._Element] = {}
    orcid = None
    for part in author:
        tag = part.tag
        if tag == "Identifier":
            if orcid is None and part.text and part.get("Source") == "ORCID":
                orcid = part.text.strip()
        elif tag not in parts:
            parts[tag] = part
    family = (_plain(parts["LastName"].text) if "LastName" in parts else None) or _text(parts.get("CollectiveName"))
    if not family:
        return None
    given = next((text for tag in ("ForeName", "Initials") if tag in parts and (text := _plain(parts[tag].text))), None)
    return Author(family, given, orcid.rsplit("/", 1)[-1] if orcid else orcid)


def _date(found: dict[str, list[etree._Element]]) -> str | None:
    if "PubDate" not in found:
        return None
    parts = {tag: _plain(element.text) for tag, element in _firsts(found["PubDate"][0]).items()}
    return iso_date(parts.get("Year") or parts.get("MedlineDate"), parts.get("Month"), parts.get("Day"))


def _ids(found: dict[str, list[etree._Element]]) -> dict[str, str]:
    ids = {i.get("IdType"): (i.text or "").strip() for ids in found.get("ArticleIdList", ()) for i in ids.iterchildren("ArticleId")}
    for location in found.get("ELocationID", ()):
        ids.setdefault(location.get("EIdType"), (location.text or "").strip())
    return {k: v for k, v in ids.items() if k and v}


def _title(plain: dict[str, str | None]) -> str | None:
    title = plain.get("ArticleTitle") or plain.get("VernacularTitle")
    return title[:-1] if title and title.endswith(".") and not title.endswith("..") else title


def _item(path: Path, entry: etree._Element, problems: list[Problem]) -> Item:
    plain: dict[str, str | None] = {}
    found: dict[str, list[etree._Element]] = {}
    for element in entry.iter(*_WANTED):
        tag = element.tag
        if tag in _PARENT and element.getparent().tag != _PARENT[tag]:
            continue
        kind = _KIND[tag]
        if kind == 2:
            found.setdefault(tag, []).append(element)
        elif tag not in plain:
            plain[tag] = _plain(element.text) if kind == 0 else _text(element)
    pmid = plain.get("PMID")
    line = entry.sourceline or 0
    if "Article" not in found:
        problems.append(problem(path, line, f"PMID {pmid}" if pmid else "", "PubmedArticle without MedlineCitation/Article"))
        return Item(ref=Reference(), key=pmid, line=line)
    check = Checker(path, line, f"PMID {pmid}" if pmid else "", problems)
    ids = _ids(found)
    issued = _date(found)
    ref = Reference(
        authors=tuple(a for authors in found.get("AuthorList", ()) for a in map(_author, authors.iterchildren("Author")) if a),
        year=int(issued[:4]) if issued else None,
        title=_title(plain),
        journal=plain.get("ISOAbbreviation") or plain.get("MedlineTA") or plain.get("Title"),
        volume=plain.get("Volume"),
        issue=plain.get("Issue"),
        pages=plain.get("MedlinePgn") or plain.get("StartPage"),
        doi=check.doi(ids.get("doi")),
        pmid=check.pmid(pmid),
        pmcid=check.pmcid(ids.get("pmc")),
        registry=registry_in(a.text or "" for a in found.get("AccessionNumber", ())),
        kind="journal-article",
        publication_types=tuple(p.text.strip() for p in found.get("PublicationType", ()) if p.text),
        issued=issued,
    )
    abstract = tuple(
        Section(part.get("Label"), text)
        for abstract in found.get("Abstract", ()) for part in abstract.iterchildren("AbstractText") if (text := _text(part))
    )  # fmt: skip
    mesh = tuple(d.text.strip() for d in found.get("DescriptorName", ()) if d.text)
    return Item(ref=ref, key=pmid, line=line, abstract=abstract, mesh=mesh)
