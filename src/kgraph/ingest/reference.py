"""One bibliographic item, as printed in a reference list or read from a bibliographic file.

Every reader of references (a printed Vancouver list, a BibTeX entry, a PubMed
record) produces the same :class:`Reference`, so matching, drafting and export
need to know one shape only. Identifiers are normalised on the way in, so that
two spellings of one DOI compare equal, and a value that is not an identifier
at all is refused with a message saying what was expected.

>>> ref = Reference(authors=(Author.parse("Kallmes DF"),), year=2009, pages="569–79",
...                 doi=normalise_doi("https://doi.org/10.1056/NEJMoa0900563"))
>>> ref.doi, ref.first_page, str(ref.authors[0])
('10.1056/nejmoa0900563', '569', 'Kallmes DF')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

from kgraph.errors import KgraphError

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
_PMID = re.compile(r"^\d{1,9}$")
_PMCID = re.compile(r"^(?:PMC)?(\d{1,9})$", re.IGNORECASE)
_REGISTRY = re.compile(r"\b(NCT\d{8}|ISRCTN\d{8}|ACTRN\d{14})\b", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[A-Z]{1,4}|(?:[A-Z]\.-?\s?){1,4}|[A-Z]-[A-Z])$")
_PAGE_SPLIT = re.compile(r"\s*[-‐‑‒–—,]\s*")
_NOT_ALNUM = re.compile(r"[\W_]+")
"""What :func:`fold` drops: every character that is not ``str.isalnum`` (the regex ``\\w`` is exactly those and ``_``)."""
_ET_AL = re.compile(r"^(?:et\.?\s*al\.?|and others|others)$", re.IGNORECASE)


class BadIdentifier(KgraphError, ValueError):
    """A value given as a DOI, PMID, PMCID or trial registry id that is not one."""


def normalise_doi(text: str) -> str:
    """The DOI in ``text`` as compared and written: lower-case, without ``doi:`` or ``https://doi.org/``.

    DOIs are case-insensitive (DOI Handbook 2.4), so lower case is the one spelling;
    a DOI taken from an address is URL-decoded.

    >>> normalise_doi("doi:10.1016/S0140-6736(09)60010-6")
    '10.1016/s0140-6736(09)60010-6'
    >>> normalise_doi("NEJMoa0900563")
    Traceback (most recent call last):
    ...
    kgraph.ingest.reference.BadIdentifier: 'NEJMoa0900563' is not a DOI (a DOI is 10.<registrant>/<suffix>, e.g. 10.1056/NEJMoa0900563)
    """
    given = text.strip()
    doi = _DOI_PREFIX.sub("", given)
    if given.lower().startswith("http"):
        doi = unquote(doi)
    if not _DOI.match(doi):
        raise BadIdentifier(f"{text!r} is not a DOI (a DOI is 10.<registrant>/<suffix>, e.g. 10.1056/NEJMoa0900563)")
    return doi.lower()


def normalise_pmid(text: str | int) -> str:
    """A PubMed id as text of digits; anything else is refused.

    >>> normalise_pmid(" 19657122 ")
    '19657122'
    """
    pmid = str(text).strip()
    if not _PMID.match(pmid):
        raise BadIdentifier(f"{text!r} is not a PMID (a PubMed id is a number, e.g. 19657122)")
    return pmid


def normalise_pmcid(text: str) -> str:
    """A PubMed Central id, always with its ``PMC`` prefix.

    >>> normalise_pmcid("pmc7977394")
    'PMC7977394'
    """
    match = _PMCID.match(text.strip())
    if not match:
        raise BadIdentifier(f"{text!r} is not a PMCID (PMC followed by a number, e.g. PMC7977394)")
    return f"PMC{match.group(1)}"


def registry_ids(text: str) -> tuple[str, ...]:
    """The trial registry ids (ClinicalTrials.gov NCT, ISRCTN, ANZCTR ACTRN) found in ``text``, in order, once each.

    >>> registry_ids("ClinicalTrials.gov/NCT00211211; isrctn12345678")
    ('NCT00211211', 'ISRCTN12345678')
    """
    return tuple(dict.fromkeys(m.upper() for m in _REGISTRY.findall(text)))


def normalise_registry(text: str) -> str:
    """One trial registry id, upper-case; anything else is refused."""
    found = registry_ids(text)
    if len(found) != 1 or found[0] != text.strip().upper():
        raise BadIdentifier(f"{text!r} is not a trial registry id (NCT + 8 digits, ISRCTN + 8 digits or ACTRN + 14 digits)")
    return found[0]


def fold(text: str) -> str:
    """Text reduced for comparison: accents dropped, lower case, only letters and digits kept.

    It is called for every word a record is matched or named by, so ASCII text
    (which NFKD leaves as it is, and whose case fold is ``lower``) takes a short cut.

    >>> fold("Pflügmacher-Pobloth")
    'pflugmacherpobloth'
    """
    if text.isascii():
        return _NOT_ALNUM.sub("", text).lower()
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", text).casefold())


@dataclass(frozen=True, slots=True)
class Author:
    """One author: family name, given names or initials as printed, and an ORCID iD where the record has one."""

    family: str
    given: str | None = None
    orcid: str | None = None

    @classmethod
    def parse(cls, text: str) -> Author | None:
        """An author from one printed name: ``Kallmes DF``, ``Kallmes, David F.``, ``Robert Pflugmacher``.

        ``et al.`` is no author (None).

        >>> Author.parse("Kallmes, David F."), Author.parse("Anne-Marie Pobloth")
        (Author(family='Kallmes', given='David F.', orcid=None), Author(family='Pobloth', given='Anne-Marie', orcid=None))
        """
        name = " ".join(text.split()).strip(" ,;")
        if not name or _ET_AL.match(name):
            return None
        if "," in name:
            family, given = (part.strip() for part in name.split(",", 1))
            return cls(family, given or None)
        words = name.split(" ")
        if len(words) == 1:
            return cls(name)
        tail: list[str] = []
        while len(words) > 1 and _INITIALS.match(words[-1]):
            tail.insert(0, words.pop())
        if tail:
            return cls(" ".join(words), " ".join(tail))
        return cls(words[-1], " ".join(words[:-1]))

    @property
    def initials(self) -> str:
        """The given names as initials, ``DF`` for ``David F.`` and for ``DF``."""
        if not self.given:
            return ""
        if _INITIALS.match(self.given.replace(" ", "")):
            return "".join(c for c in self.given if c.isalpha())
        return "".join(part[0] for part in re.split(r"[\s.\-]+", self.given) if part and part[0].isalpha()).upper()

    @property
    def key(self) -> str:
        """The family name folded, what two printings of one author share."""
        return fold(self.family)

    def __str__(self) -> str:
        """As the corpus writes names: ``Kallmes DF`` when only initials are known, else ``Robert Pflugmacher``."""
        if not self.given:
            return self.family
        if _INITIALS.match(self.given.replace(" ", "")):
            return f"{self.family} {self.initials}"
        return f"{self.given} {self.family}"


@dataclass(frozen=True, slots=True)
class Reference:
    """One bibliographic item, as printed in a reference list or read from a bibliographic file.

    ``doi`` is normalised (:func:`normalise_doi`); ``registry`` holds trial
    registry ids (NCT, ISRCTN, ACTRN); ``kind`` is what the item is in the
    reader's own words (``article-journal``, ``JOUR``, ``article``);
    ``publication_types`` are PubMed's publication types, which the design
    guess reads; ``issued`` is the full date where the item gives more than a
    year (``2009-03-21``, ``2009-03``).
    """

    authors: tuple[Author, ...] = ()
    year: int | None = None
    title: str | None = None
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    registry: tuple[str, ...] = ()
    url: str | None = None
    kind: str | None = None
    publication_types: tuple[str, ...] = ()
    issued: str | None = None
    publisher: str | None = None

    @property
    def first_page(self) -> str | None:
        """The first page of ``pages``: ``569`` of ``569–79``, ``e1234`` of ``e1234``."""
        if not self.pages:
            return None
        first = _PAGE_SPLIT.split(self.pages.strip(), maxsplit=1)[0].strip()
        return first or None

    @property
    def first_author(self) -> Author | None:
        return self.authors[0] if self.authors else None
