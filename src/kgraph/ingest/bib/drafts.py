"""Draft records from bibliographic items.

An item the corpus does not have becomes a new study (or, for a web page or a
book chapter, a source) marked ``status: draft``, with every guessed field
named under ``review:``. An item the corpus has already fills the empty
bibliographic fields of that record and nothing else: a curated value is never
replaced, and where the two disagree the draft carries a conflict line for the
curator. Items are matched against the corpus and against the items before
them, so a file that lists one trial twice gives one study.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from kgraph.errors import Origin
from kgraph.ingest.bib import Item
from kgraph.ingest.bib.design import guess, implied
from kgraph.ingest.drafts import STATUS, STUDY_UNKNOWN, yaml_date
from kgraph.ingest.match import Catalogue, Match, Work
from kgraph.ingest.reference import Reference, fold

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
UNKNOWN = "unknown"
_NON_WORD = re.compile(r"\W+")
_STOP = frozenset({"a", "an", "the", "of", "in", "on", "for", "and", "with", "to", "by", "at", "from", "versus", "vs"})


@dataclass
class Draft:
    """What one item gives: a new record, or the fields it adds to the record it matched."""

    item: Item
    kind: str
    id: str
    record: dict[str, Any] | None = None
    match: Match | None = None
    fills: dict[str, Any] = field(default_factory=dict)
    origin: Origin | None = None


def bibliographic_fields(ref: Reference, orcids: tuple[str, ...] = (), kind: str = "study") -> dict[str, Any]:
    """A reference's fields as a record of ``kind`` writes them, in the corpus's order, empty ones left out."""
    issued = ref.issued or (str(ref.year) if ref.year else None)
    date = yaml_date(issued) if issued else None
    all_orcids = tuple(dict.fromkeys([*(a.orcid for a in ref.authors if a.orcid), *orcids]))
    if kind == "study":
        fields: dict[str, Any] = {
            "title": ref.title, "authors": [str(a) for a in ref.authors] or None, "venue": ref.journal, "year": date,
            "volume": ref.volume, "issue": ref.issue, "pages": ref.pages, "doi": ref.doi, "pmid": ref.pmid, "pmcid": ref.pmcid,
            "registry": list(ref.registry) or None, "orcids": list(all_orcids) or None, "url": ref.url,
        }  # fmt: skip
    else:
        fields = {
            "title": ref.title, "authors": [str(a) for a in ref.authors] or None, "publisher": ref.publisher or ref.journal,
            "issued": date, "url": ref.url, "doi": ref.doi,
        }  # fmt: skip
    return {k: v for k, v in fields.items() if v is not None}


def label_of(ref: Reference) -> str:
    """A short name made from the first authors and the year: ``Kallmes et al. 2009``."""
    names = [a.family for a in ref.authors[:3]]
    who = names[0] + " et al." if len(names) > 2 else " and ".join(names) if names else (ref.title or "untitled")[:60]
    return f"{who} {ref.year}" if ref.year else who


class Drafter:
    """Turns items into drafts against one catalogue, keeping ids unique among what it has drafted."""

    def __init__(self, catalogue: Catalogue, origin: str) -> None:
        self.catalogue = catalogue
        self.origin = origin
        self.taken = {work.record for work in catalogue}

    def draft(self, item: Item) -> Draft:
        kind = "source" if item.source_kind else "study"
        match = self.catalogue.match(item.ref)
        if match is not None and match.work is not None:
            return Draft(item, match.kind, match.record, match=match, fills=_fills(match.work, item), origin=match.work.origin)
        rid = self._new_id(item)
        record = self._study(rid, item) if kind == "study" else self._source(rid, item)
        self.catalogue.add(rid, _kept(item.ref), kind)
        return Draft(item, kind, rid, record=record)

    def _new_id(self, item: Item) -> str:
        key = (item.key or "").strip()
        if ID_PATTERN.match(key) and not key.isdigit() and key not in self.taken:
            rid = key
        else:
            first = item.ref.first_author
            words = islice((w for w in map(fold, _NON_WORD.split(item.ref.title or "")) if w and w not in _STOP), 2)
            parts = [fold(first.family) if first else "", str(item.ref.year or ""), *words]
            base = "-".join(p for p in parts if p) or f"record-{item.line}"
            rid, n = base, 1
            while rid in self.taken:
                n += 1
                rid = f"{base}-{n}"
        self.taken.add(rid)
        return rid

    def _review(self, item: Item, made: list[str]) -> list[str]:
        review = [f"bibliographic fields: read from {self.origin}" + (f" (record {item.key})" if item.key else "")]
        return review + made

    def _study(self, rid: str, item: Item) -> dict[str, Any]:
        made = []
        label = item.label
        if not label:
            label = label_of(item.ref)
            made.append("label: made from the first authors and the year")
        design = guess(item)
        if design:
            made.append(f"design: rule {design.rule} (ingest/bib/designs.yaml)")
        record: dict[str, Any] = {"id": rid, "label": label, **bibliographic_fields(item.ref, item.orcids)}
        record.update(dict.fromkeys(STUDY_UNKNOWN, UNKNOWN))
        record["design"] = design.design if design else UNKNOWN
        for name, value in (implied(design.design) if design else {}).items():
            record[name] = value
            made.append(f"{name}: follows from the guessed design")
        record["status"] = STATUS
        record["review"] = self._review(item, made)
        return record

    def _source(self, rid: str, item: Item) -> dict[str, Any]:
        made = [f"kind: {item.source_kind}, from the record's type {item.ref.kind!r}"]
        label = item.label
        if not label:
            label = label_of(item.ref)
            made.append("label: made from the first authors and the year")
        record: dict[str, Any] = {"id": rid, "kind": item.source_kind, "label": label, **bibliographic_fields(item.ref, kind="source")}
        record["status"] = STATUS
        record["review"] = self._review(item, made)
        return record


def _kept(ref: Reference) -> Reference:
    """What a drafted record leaves in the catalogue for the records after it: all that matching, conflicts and fills read.

    A file of 10^5 records keeps one of these for each, so it keeps no more
    authors than those tell by: the first, and the first with an ORCID.
    """
    first, with_orcid = ref.authors[:1], tuple(a for a in ref.authors if a.orcid)[:1]
    return replace(ref, authors=first if with_orcid in ((), first) else first + with_orcid, publication_types=(), kind=None)


def _fills(known: Work, item: Item) -> dict[str, Any]:
    """The bibliographic fields the matched record lacks and the item gives."""
    have = bibliographic_fields(known.ref, kind=known.kind)
    given = bibliographic_fields(item.ref, item.orcids, kind=known.kind)
    return {k: v for k, v in given.items() if k not in have and not (k == "authors" and known.ref.authors)}


def summary(draft: Draft) -> dict[str, Any]:
    """One study or source as ``kgraph ingest --dry-run --format json`` prints it."""
    ref = draft.item.ref
    design = guess(draft.item) if draft.kind == "study" else None
    return {
        "id": draft.id,
        "kind": draft.kind if draft.kind == "study" else draft.item.source_kind,
        "title": ref.title,
        "authors": [str(a) for a in ref.authors],
        "year": ref.year,
        "journal": ref.journal,
        "volume": ref.volume,
        "pages": ref.pages,
        "doi": ref.doi,
        "pmid": ref.pmid,
        "registry": list(ref.registry),
        "design": design.design if design else None,
        "study": draft.match.record if draft.match else None,
        "match": draft.match.evidence if draft.match else None,
        "conflicts": list(draft.match.conflicts) if draft.match else [],
        "fills": draft.fills,
    }
