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
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None


def _authors(article: etree._Element) -> tuple[Author, ...]:
    authors = []
    for author in article.iterfind("AuthorList/Author"):
        family = _text(author.find("LastName")) or _text(author.find("CollectiveName"))
        if not family:
            continue
        orcid = next((_text(i) for i in author.iterfind("Identifier") if i.get("Source") == "ORCID"), None)
        if orcid:
            orcid = orcid.rsplit("/", 1)[-1]
        authors.append(Author(family, _text(author.find("ForeName")) or _text(author.find("Initials")), orcid))
    return tuple(authors)


def _date(article: etree._Element) -> str | None:
    date = article.find("Journal/JournalIssue/PubDate")
    if date is None:
        return None
    year = _text(date.find("Year")) or _text(date.find("MedlineDate"))
    return iso_date(year, _text(date.find("Month")), _text(date.find("Day")))


def _pages(article: etree._Element) -> str | None:
    return _text(article.find("Pagination/MedlinePgn")) or _text(article.find("Pagination/StartPage"))


def _ids(entry: etree._Element) -> dict[str, str]:
    ids = {i.get("IdType"): _text(i) for i in entry.iterfind("PubmedData/ArticleIdList/ArticleId")}
    for location in entry.iterfind("MedlineCitation/Article/ELocationID"):
        ids.setdefault(location.get("EIdType"), _text(location))
    return {k: v for k, v in ids.items() if k and v}


def _title(article: etree._Element) -> str | None:
    title = _text(article.find("ArticleTitle")) or _text(article.find("VernacularTitle"))
    return title[:-1] if title and title.endswith(".") and not title.endswith("..") else title


def _item(path: Path, entry: etree._Element, problems: list[Problem]) -> Item:
    citation = entry.find("MedlineCitation")
    article = citation.find("Article") if citation is not None else None
    pmid_element = citation.find("PMID") if citation is not None else None
    pmid = _text(pmid_element)
    line = entry.sourceline or 0
    if article is None:
        problems.append(problem(path, line, f"PMID {pmid}" if pmid else "", "PubmedArticle without MedlineCitation/Article"))
        return Item(ref=Reference(), key=pmid, line=line)
    check = Checker(path, line, f"PMID {pmid}" if pmid else "", problems)
    ids = _ids(entry)
    issued = _date(article)
    accessions = [_text(a) for a in article.iterfind("DataBankList/DataBank/AccessionNumberList/AccessionNumber")]
    ref = Reference(
        authors=_authors(article),
        year=int(issued[:4]) if issued else None,
        title=_title(article),
        journal=_text(article.find("Journal/ISOAbbreviation")) or _text(citation.find("MedlineJournalInfo/MedlineTA")) or _text(article.find("Journal/Title")),
        volume=_text(article.find("Journal/JournalIssue/Volume")),
        issue=_text(article.find("Journal/JournalIssue/Issue")),
        pages=_pages(article),
        doi=check.doi(ids.get("doi")),
        pmid=check.pmid(pmid),
        pmcid=check.pmcid(ids.get("pmc")),
        registry=registry_in(accessions),
        kind="journal-article",
        publication_types=tuple(t for t in (_text(p) for p in article.iterfind("PublicationTypeList/PublicationType")) if t),
        issued=issued,
    )
    abstract = tuple(
        Section(part.get("Label"), text) for part in article.iterfind("Abstract/AbstractText") if (text := _text(part))
    )
    mesh = tuple(t for t in (_text(d) for d in citation.iterfind("MeshHeadingList/MeshHeading/DescriptorName")) if t)
    return Item(ref=ref, key=pmid, line=line, abstract=abstract, mesh=mesh)
