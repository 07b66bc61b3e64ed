"""Whether a reference is a study or work the corpus already has.

A reference is the same work as a record when they share a DOI, a PMID or a
trial registry id; failing those, when first author, year, journal and first
page agree. The last test is tolerant of how references are printed: initials
cut short, "et al.", a journal abbreviated in one and spelled out in the other,
British or American spelling, a wrong volume. A match says which evidence it
rests on, and every field on which the two disagree becomes a conflict line for
the curator: a match never decides which of the two is right.

>>> journal_matches("N Engl J Med", "The New England Journal of Medicine")
True
>>> journal_matches("Lancet", "Lancet Oncol")
False
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kgraph.corpus.records import Reader, load_corpus
from kgraph.errors import Origin
from kgraph.ingest.reference import Author, BadIdentifier, Reference, fold, normalise_doi, normalise_pmid, registry_ids

_STOP_WORDS = frozenset({"the", "of", "and", "in", "for", "on", "a", "an", "de", "la", "und", "fur"})
_SPELLINGS = ((re.compile(r"ae"), "e"), (re.compile(r"oe"), "e"), (re.compile(r"our\b"), "or"), (re.compile(r"is(e|ed|ing|ation|ations)\b"), r"iz\1"))
_ACRONYM = re.compile(r"^[A-Z]{3,}$")
_YEAR = re.compile(r"^\s*(\d{4})")
CATALOGUE_KINDS = ("study", "source")
"""The record kinds that carry bibliographic data and so can be the work a reference names."""


@dataclass(frozen=True)
class Match:
    """The record a reference was matched to, the evidence used, and where the two disagree."""

    record: str
    evidence: str
    conflicts: tuple[str, ...] = ()
    kind: str = "study"
    work: Work | None = field(default=None, compare=False, repr=False)
    """The catalogue's entry matched: its origin and its data, for the fields a drafted record may add to it."""


def spelling(word: str) -> str:
    """A word with British spellings made American, so that ``randomised`` and ``randomized`` compare equal.

    >>> spelling("haematology"), spelling("tumour"), spelling("randomised")
    ('hematology', 'tumor', 'randomized')
    """
    for pattern, replacement in _SPELLINGS:
        word = pattern.sub(replacement, word)
    return word


def _journal_words(name: str) -> list[tuple[str, bool]]:
    """A journal name's significant words, folded and American-spelled, each flagged if printed as an acronym."""
    words = []
    for raw in re.split(r"[\s.,:;()\-–/&]+", name):
        word = fold(raw)
        if word and word not in _STOP_WORDS:
            words.append((spelling(word), bool(_ACRONYM.match(raw))))
    return words


def journal_matches(a: str, b: str) -> bool:
    """Whether two printings name one journal: word for word, each word of the shorter a prefix of the longer's.

    A leading acronym printed in capitals (``AJNR`` in ``AJNR Am J Neuroradiol``) may be absent from the other.
    """
    left, right = _journal_words(a), _journal_words(b)
    for words in (left, right):
        while len(words) > 1 and words[0][1] and len(left) != len(right):
            words.pop(0)
    if len(left) != len(right) or not left:
        return False
    return all(x.startswith(y) or y.startswith(x) for (x, _), (y, _) in zip(left, right, strict=True))


def title_key(title: str) -> str:
    """A title reduced for comparison: case, punctuation, accents and British spelling ignored."""
    return "".join(spelling(fold(word)) for word in title.split())


def year_of(value: Any) -> int | None:
    """The year of a record's date (``2009``, ``2009-03-21``, a YAML date)."""
    if value is None:
        return None
    match = _YEAR.match(str(value))
    return int(match.group(1)) if match else None


def reference_of(data: dict[str, Any]) -> Reference:
    """A corpus record's bibliographic fields as a :class:`Reference` (``unknown`` and bad identifiers left out)."""

    def text(name: str) -> str | None:
        value = data.get(name)
        return None if value is None or value == "unknown" else str(value)

    def identifier(name: str, normalise: Any) -> str | None:
        value = text(name)
        try:
            return normalise(value) if value else None
        except BadIdentifier:
            return None

    authors = data.get("authors") or []
    registry = data.get("registry") or []
    date = data.get("year", data.get("issued"))
    return Reference(
        authors=tuple(a for a in (Author.parse(str(name)) for name in (authors if isinstance(authors, list) else [authors])) if a),
        year=year_of(date),
        title=text("title"),
        journal=text("venue"),
        volume=text("volume"),
        issue=text("issue"),
        pages=text("pages"),
        doi=identifier("doi", normalise_doi),
        pmid=identifier("pmid", normalise_pmid),
        pmcid=text("pmcid"),
        registry=registry_ids(" ".join(str(r) for r in (registry if isinstance(registry, list) else [registry]))),
        url=text("url"),
        issued=None if date is None else str(date),
        publisher=text("publisher"),
    )


@dataclass(frozen=True)
class Work:
    """A record of the catalogue: its id, its kind (study or source) and its bibliographic data."""

    record: str
    kind: str
    ref: Reference
    origin: Origin | None = None


@dataclass
class Catalogue:
    """The studies and works a corpus already has, indexed by identifier and by first author and first page."""

    entries: list[Work] = field(default_factory=list)
    _by_doi: dict[str, Work] = field(default_factory=dict)
    _by_pmid: dict[str, Work] = field(default_factory=dict)
    _by_registry: dict[str, Work] = field(default_factory=dict)
    _by_url: dict[str, Work] = field(default_factory=dict)
    _by_author_page: dict[tuple[str, str], list[Work]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, corpus_dir: Path) -> Catalogue:
        """The catalogue of the corpus in ``corpus_dir``; a corpus with problems raises :class:`kgraph.errors.CorpusError`."""
        reader = Reader(load_corpus(corpus_dir))
        catalogue = cls()
        for records in reader.files():
            for record in records:
                if record.kind.name in CATALOGUE_KINDS:
                    catalogue.add(record.id, reference_of(record.data), record.kind.name, record.origin)
        reader.finish()
        return catalogue

    def add(self, record: str, ref: Reference, kind: str = "study", origin: Origin | None = None) -> None:
        """Register a record, so that later references to the same work match it (the first record of an id wins)."""
        entry = Work(record, kind, ref, origin)
        self.entries.append(entry)
        if ref.doi:
            self._by_doi.setdefault(ref.doi, entry)
        if ref.pmid:
            self._by_pmid.setdefault(ref.pmid, entry)
        for rid in ref.registry:
            self._by_registry.setdefault(rid, entry)
        if ref.url:
            self._by_url.setdefault(url_key(ref.url), entry)
        key = _author_page(ref)
        if key:
            self._by_author_page[key].append(entry)

    def __iter__(self) -> Iterator[Work]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, ref: Reference) -> Match | None:
        """The record ``ref`` names, by DOI, PMID, registry id, address (a web page), or first author + year + journal + first page."""
        found = self._by_identifier(ref) or self._by_citation(ref)
        if found is None:
            return None
        entry, evidence = found
        return Match(entry.record, evidence, conflicts(entry.ref, ref), entry.kind, entry)

    def _by_identifier(self, ref: Reference) -> tuple[Work, str] | None:
        if ref.doi and ref.doi in self._by_doi:
            return self._by_doi[ref.doi], "doi"
        if ref.pmid and ref.pmid in self._by_pmid:
            return self._by_pmid[ref.pmid], "pmid"
        for rid in ref.registry:
            if rid in self._by_registry:
                return self._by_registry[rid], "registry"
        if ref.url and url_key(ref.url) in self._by_url:
            return self._by_url[url_key(ref.url)], "url"
        return None

    def _by_citation(self, ref: Reference) -> tuple[Work, str] | None:
        key = _author_page(ref)
        if key is None or not ref.journal:
            return None
        candidates = [e for e in self._by_author_page.get(key, ()) if e.ref.journal and journal_matches(e.ref.journal, ref.journal)]
        if ref.year is not None:
            same_year = [e for e in candidates if e.ref.year == ref.year]
            if same_year:
                return same_year[0], "author+year+journal+page"
        if ref.volume:
            same_volume = [e for e in candidates if e.ref.volume and fold(e.ref.volume) == fold(ref.volume)]
            if same_volume:
                return same_volume[0], "author+journal+volume+page"
        return None


def url_key(url: str) -> str:
    """An address as compared: scheme, ``www.``, case of the host and a trailing slash ignored.

    >>> url_key("https://www.Mayoclinic.org/a/b/") == url_key("http://mayoclinic.org/a/b")
    True
    """
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}{'?' + parts.query if parts.query else ''}"


def _author_page(ref: Reference) -> tuple[str, str] | None:
    author, page = ref.first_author, ref.first_page
    if author is None or not page or not author.key:
        return None
    return author.key, fold(page)


def conflicts(have: Reference, given: Reference) -> tuple[str, ...]:
    """Where a matched record (``have``) and the reference (``given``) disagree, one line per field."""
    found = []

    def differ(name: str, a: Any, b: Any, same: bool) -> None:
        if a is not None and b is not None and a != "" and b != "" and not same:
            found.append(f"{name}: the corpus has {a!s}, the reference {b!s}")

    differ("doi", have.doi, given.doi, have.doi == given.doi)
    differ("pmid", have.pmid, given.pmid, have.pmid == given.pmid)
    differ("year", have.year, given.year, have.year == given.year)
    differ("journal", have.journal, given.journal, bool(have.journal and given.journal and journal_matches(have.journal, given.journal)))
    differ("volume", have.volume, given.volume, fold(have.volume or "") == fold(given.volume or ""))
    differ("issue", have.issue, given.issue, fold(have.issue or "") == fold(given.issue or ""))
    differ("first page", have.first_page, given.first_page, fold(have.first_page or "") == fold(given.first_page or ""))
    differ("title", have.title, given.title, title_key(have.title or "") == title_key(given.title or ""))
    a, b = have.first_author, given.first_author
    if a and b:
        differ("first author", a, b, a.key == b.key and _initials_agree(a, b))
    return tuple(found)


def _initials_agree(a: Author, b: Author) -> bool:
    """Initials agree when one is the start of the other (``D`` and ``DF``), or either is missing."""
    x, y = a.initials, b.initials
    return not x or not y or x.startswith(y) or y.startswith(x)
