"""PubMed XML (``PubmedArticleSet``, as PubMed and E-utilities export it), streamed with lxml's iterparse.

Each ``PubmedArticle`` is read when its end tag is parsed and then cleared,
with the siblings before it, so the tree never grows past one article: memory
stays flat for any number of records (bench/pubmed_ingest.py measures it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from kgraph.errors import CorpusError, Problem, problem
from kgraph.ingest.bib import Item, Section
from kgraph.ingest.bib.fields import Checker, iso_date, registry_in
from kgraph.ingest.reference import Author, Reference

ROOT = "PubmedArticleSet"
ARTICLE = "PubmedArticle"


def read(path: Path, problems: list[Problem]) -> Iterator[Item]:
    """The articles of a PubMed XML file; a file that is not one, or not well formed, is a :class:`CorpusError`."""
    seen_root = False
    try:
        for event, element in etree.iterparse(str(path), events=("start", "end"), tag=(ROOT, ARTICLE), resolve_entities=False, no_network=True):
            if event == "start":
                seen_root = seen_root or element.tag == ROOT
                continue
            if element.tag == ARTICLE:
                yield _item(path, element, problems)
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.XMLSyntaxError as exc:
        raise CorpusError([problem(path, exc.lineno or 0, "", f"not well-formed XML: {exc.msg}")]) from None
    if not seen_root:
        raise CorpusError([problem(path, 1, "", f"XML but not PubMed XML: the root element must be <{ROOT}> (PubMed's 'Save as PubMed XML', or efetch rettype=xml)")])


def _text(element: etree._Element | None) -> str | None:
    """An element's text with the text of its inline markup (``<i>``, ``<sup>``), whitespace collapsed."""
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None


def _plain(element: etree._Element, path: str) -> str | None:
    """The text of the first element at ``path``, for elements without markup (lxml's findtext, in C)."""
    text = element.findtext(path)
    return text.strip() or None if text else None


def _authors(article: etree._Element) -> tuple[Author, ...]:
    authors = []
    for author in article.iterfind("AuthorList/Author"):
        family = _plain(author, "LastName") or _text(author.find("CollectiveName"))
        if not family:
            continue
        orcid = next((i.text.strip() for i in author.iterfind("Identifier") if i.get("Source") == "ORCID" and i.text), None)
        if orcid:
            orcid = orcid.rsplit("/", 1)[-1]
        authors.append(Author(family, _plain(author, "ForeName") or _plain(author, "Initials"), orcid))
    return tuple(authors)


def _date(article: etree._Element) -> str | None:
    date = article.find("Journal/JournalIssue/PubDate")
    if date is None:
        return None
    return iso_date(_plain(date, "Year") or _plain(date, "MedlineDate"), _plain(date, "Month"), _plain(date, "Day"))


def _pages(article: etree._Element) -> str | None:
    return _plain(article, "Pagination/MedlinePgn") or _plain(article, "Pagination/StartPage")


def _ids(entry: etree._Element) -> dict[str, str]:
    ids = {i.get("IdType"): (i.text or "").strip() for i in entry.iterfind("PubmedData/ArticleIdList/ArticleId")}
    for location in entry.iterfind("MedlineCitation/Article/ELocationID"):
        ids.setdefault(location.get("EIdType"), (location.text or "").strip())
    return {k: v for k, v in ids.items() if k and v}


def _title(article: etree._Element) -> str | None:
    title = _text(article.find("ArticleTitle")) or _text(article.find("VernacularTitle"))
    return title[:-1] if title and title.endswith(".") and not title.endswith("..") else title


def _item(path: Path, entry: etree._Element, problems: list[Problem]) -> Item:
    citation = entry.find("MedlineCitation")
    article = citation.find("Article") if citation is not None else None
    pmid = _plain(citation, "PMID") if citation is not None else None
    line = entry.sourceline or 0
    if article is None:
        problems.append(problem(path, line, f"PMID {pmid}" if pmid else "", "PubmedArticle without MedlineCitation/Article"))
        return Item(ref=Reference(), key=pmid, line=line)
    check = Checker(path, line, f"PMID {pmid}" if pmid else "", problems)
    ids = _ids(entry)
    issued = _date(article)
    accessions = [a.text or "" for a in article.iterfind("DataBankList/DataBank/AccessionNumberList/AccessionNumber")]
    ref = Reference(
        authors=_authors(article),
        year=int(issued[:4]) if issued else None,
        title=_title(article),
        journal=_plain(article, "Journal/ISOAbbreviation") or _plain(citation, "MedlineJournalInfo/MedlineTA") or _plain(article, "Journal/Title"),
        volume=_plain(article, "Journal/JournalIssue/Volume"),
        issue=_plain(article, "Journal/JournalIssue/Issue"),
        pages=_pages(article),
        doi=check.doi(ids.get("doi")),
        pmid=check.pmid(pmid),
        pmcid=check.pmcid(ids.get("pmc")),
        registry=registry_in(accessions),
        kind="journal-article",
        publication_types=tuple(p.text.strip() for p in article.iterfind("PublicationTypeList/PublicationType") if p.text),
        issued=issued,
    )
    abstract = tuple(
        Section(part.get("Label"), text) for part in article.iterfind("Abstract/AbstractText") if (text := _text(part))
    )
    mesh = tuple(d.text.strip() for d in citation.iterfind("MeshHeadingList/MeshHeading/DescriptorName") if d.text)
    return Item(ref=ref, key=pmid, line=line, abstract=abstract, mesh=mesh)
