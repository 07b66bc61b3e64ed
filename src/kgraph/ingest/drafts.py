"""A document's drafts: the source record, its reference entries, the works they name, new claims and statements.

Everything here is decided from the document and the corpus alone, in a
fixed order, so that ingesting the same document into the same corpus gives
the same ids and the same records. Every drafted record carries ``status:
draft`` and a ``review:`` line per guessed field naming the rule that guessed
it; a curator deletes the lines checked and the ``status`` to accept it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kgraph.ingest.corpus import CorpusView
from kgraph.ingest.cues import Cues
from kgraph.ingest.document import Comment, Document
from kgraph.ingest.match import Match
from kgraph.ingest.references import Entry
from kgraph.ingest.reflist import ReferenceList, reference_list
from kgraph.ingest.statements import DraftStatement, draft_statements

STATUS = "draft"
STUDY_UNKNOWN = ("design", "randomised", "blinded", "sham_controlled", "prospective", "participants", "follow_up_months",
                  "population", "intervention", "comparator", "funder", "funding", "funder_has_stake")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
"""A date already written as the record format writes it: checked, without trying every format in turn."""
_DATE_FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%Y/%m/%d", "%B %Y", "%Y-%m", "%Y")
_KIND_SIGNS = (
    ("meeting-abstract", re.compile(r"\b(?:scientific paper|poster|meeting|congress|annual conference|mentor award)\b", re.IGNORECASE)),
    ("blog-post", re.compile(r"^\s*(?:leave a reply|\d+ (?:comments|responses))\b|\breply\b.*\n.*\bcomment", re.IGNORECASE | re.MULTILINE)),
    ("book-chapter", re.compile(r"\b(?:chapter|pp \d+-\d+|in: .+ \(eds?\.?\))\b", re.IGNORECASE)),
    ("journal-article", re.compile(r"^\s*(?:abstract|background|methods?|results|conclusions?)\s*:?\s*$", re.IGNORECASE | re.MULTILINE)),
)
_DIRECTION_WORDS = {"improves": "improves", "no-difference": "makes no difference to", "worsens": "worsens",
                    "increases-risk": "raises the risk of", "reduces-risk": "lowers the risk of"}


def slug(text: str, words: int = 6) -> str:
    """A readable id from text: lower-case ASCII words joined by hyphens.

    >>> slug("Balloon Kyphoplasty for Spinal Compression Fracture!")
    'balloon-kyphoplasty-for-spinal-compression-fracture'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(parts[:words]) or "document"


def iso_date(text: str | None) -> str | None:
    """A printed date as the record format writes it (``2009-04-07``, ``2009-04``, ``2009``), or None.

    >>> iso_date("April 7, 2009"), iso_date("2024-02-24T10:00:00Z"), iso_date("someday")
    ('2009-04-07', '2024-02-24', None)
    """
    if not text:
        return None
    value = text.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}T", value):
        value = value[:10]
    if _ISO_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return parsed.strftime({"%B %Y": "%Y-%m", "%Y-%m": "%Y-%m", "%Y": "%Y"}.get(fmt, "%Y-%m-%d"))
    return None


def yaml_date(iso: str) -> date | int | str:
    """A date as the record format's YAML writes it: a date, a year as a number, a year and month as text."""
    if len(iso) == 10:
        return date.fromisoformat(iso)
    return int(iso) if len(iso) == 4 else iso


@dataclass
class Cited:
    """A reference entry and the record it is: a corpus record it matched, or a work drafted for it."""

    entry: Entry
    record: str
    kind: str
    match: Match | None


@dataclass
class Drafts:
    """Everything ingest drafts from one document."""

    source_id: str
    document: Document
    source: dict[str, Any]
    cited: list[Cited]
    comments: list[dict[str, Any]] = field(default_factory=list)
    works: list[dict[str, Any]] = field(default_factory=list)
    studies: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    statements: list[tuple[dict[str, Any], DraftStatement]] = field(default_factory=list)

    @property
    def text_file(self) -> str:
        return f"{self.source_id}.txt"

    def records(self) -> dict[str, list[dict[str, Any]]]:
        """The YAML document of ``sources/<id>.yaml``: record lists by key, empty ones left out."""
        doc = {"sources": [self.source, *self.comments, *self.works], "studies": self.studies, "claims": self.claims,
               "statements": [record for record, _ in self.statements]}
        return {key: value for key, value in doc.items() if value}

    def as_json(self, text_path: str) -> dict[str, Any]:
        """The ``--dry-run --format json`` contract."""
        by_entry = {id(c.entry): c for c in self.cited}
        return {
            "source": {"id": self.source_id, "title": self.source.get("title"), "kind": self.source.get("kind"), "url": self.source.get("url"),
                       "doi": self.source.get("doi"), "date": _date(self.source), "authors": self.source.get("authors", []),
                       "comments": [{"id": record["id"], "authors": record["authors"], "date": _date(record), "part_of": record["part_of"],
                                     "offset": comment.start, "end": comment.end}
                                    for comment, record in zip(self.document.comments, self.comments, strict=True)]},
            "text_file": text_path,
            "references": [_reference_json(c) for c in self.cited],
            "statements": [
                {
                    "source": record["source"],
                    "quote": draft.quote,
                    "offset": draft.offset,
                    "cites": [m.text for m in draft.markers],
                    "references": [by_entry[id(e)].record for e in draft.entries if id(e) in by_entry],
                    "modality": draft.modality,
                    "intervention": draft.parts.intervention,
                    "comparator": draft.parts.comparator,
                    "outcome": draft.parts.outcome,
                    "population": draft.parts.population,
                    "time_months": draft.parts.months,
                    "numbers": [n.as_json() for n in draft.numbers],
                    "claim": draft.claim.id if draft.claim else None,
                    "rules": draft.rules,
                }
                for record, draft in self.statements
            ],
        }


def _date(record: dict[str, Any]) -> str | None:
    return str(record["issued"]) if "issued" in record else None


def _reference_json(cited: Cited) -> dict[str, Any]:
    ref = cited.entry.ref
    return {
        "marker": cited.entry.marker,
        "text": cited.entry.text,
        "authors": [str(a) for a in ref.authors],
        "year": ref.year,
        "title": ref.title,
        "journal": ref.journal,
        "volume": ref.volume,
        "pages": ref.pages,
        "doi": ref.doi,
        "pmid": ref.pmid,
        "study": cited.match.record if cited.match else None,
        "match": cited.match.evidence if cited.match else None,
        "record": cited.record,
    }


class _Ids:
    """Ids handed out so far, so that no drafted id repeats one of the corpus or another draft."""

    def __init__(self, view: CorpusView) -> None:
        self.view = view
        self.given: dict[str, set[str]] = {}

    def new(self, kind: str, base: str) -> str:
        candidate, n = base, 2
        while self.view.taken(kind, candidate) or candidate in self.given.get(kind, set()):
            candidate, n = f"{base}-{n}", n + 1
        self.given.setdefault(kind, set()).add(candidate)
        return candidate


def build_drafts(document: Document, view: CorpusView, cues: Cues, source_id: str, kind: str | None = None, url: str | None = None,
                 within: list[tuple[int, int]] | None = None) -> Drafts:
    """Draft the records of ``document`` for the corpus of ``view`` under the id ``source_id``.

    ``within`` limits the statements to those spans of the text (an abstract's RESULTS and CONCLUSIONS).
    """
    ids = _Ids(view)
    ids.given["source"] = {source_id}
    references = reference_list(document.text, cues.reference_headings, document.comments[0].start if document.comments else None)
    drafts = Drafts(source_id, document, _source_record(document, source_id, kind, url), [])
    drafts.comments = [_comment_record(document, comment, source_id, ids) for comment in document.comments]
    _cite(drafts, references, view, ids)
    _statements(drafts, references, view, cues, ids, within)
    drafts.source["cites"] = sorted({c.record for c in drafts.cited}, key=[c.record for c in drafts.cited].index)
    if not drafts.source["cites"]:
        del drafts.source["cites"]
    _order(drafts.source)
    return drafts


def _source_record(document: Document, source_id: str, kind: str | None, url: str | None) -> dict[str, Any]:
    meta = document.meta
    review: list[str] = []
    title = meta.title or f"[Document {source_id}]"
    review.append(f"title: {meta.rules.get('title', 'none found; supplied')}")
    guessed_kind, kind_rule = (kind, "given with --kind") if kind else _guess_kind(document)
    review.append(f"kind: {kind_rule}")
    record: dict[str, Any] = {"id": source_id, "kind": guessed_kind, "label": title[:80], "title": title}
    if meta.authors:
        record["authors"] = list(meta.authors)
        review.append(f"authors: {meta.rules.get('authors', 'metadata')}")
    issued = iso_date(meta.date)
    if issued:
        record["issued"] = yaml_date(issued)
        review.append(f"issued: {meta.rules.get('date', 'metadata')} ({meta.date})")
    if meta.publisher or meta.journal:
        record["publisher"] = meta.publisher or meta.journal
        review.append(f"publisher: {meta.rules.get('publisher') or meta.rules.get('journal')}")
    if url or meta.url:
        record["url"] = url or meta.url
        if not url:
            review.append(f"url: {meta.rules.get('url')}")
    if meta.doi:
        record["doi"] = meta.doi
        review.append(f"doi: {meta.rules.get('doi')}")
    record["text_file"] = f"{source_id}.txt"
    record["status"] = STATUS
    record["review"] = review
    return record


def _comment_record(document: Document, comment: Comment, source_id: str, ids: _Ids) -> dict[str, Any]:
    """A reader's comment as a source of its own: kind comment, part of the page, its author as the page gives it."""
    label = f"Reader comment by {comment.author}"
    if comment.reply_to is not None:
        label += f" (reply to {document.comments[comment.reply_to].author})"
    record: dict[str, Any] = {"id": ids.new("source", f"{source_id}-comment-{slug(comment.author, 3)}"), "kind": "comment", "label": label[:80],
                              "title": f"[Reader comment by {comment.author}]", "authors": [comment.author]}
    review = ["kind, part_of and authors: a comment marked up on the page with its author's name",
              "title: supplied in square brackets (a comment has no title of its own)"]
    issued = iso_date(comment.date)
    if issued:
        record["issued"] = yaml_date(issued)
        review.append(f"issued: the comment's date on the page ({comment.date})")
    review.append("author_role: not guessed; add it if the comment says who its author is (a patient, a carer, a physician)")
    record.update(part_of=source_id, text_file=f"{source_id}.txt", status=STATUS, review=review)
    return record


def _guess_kind(document: Document) -> tuple[str, str]:
    if document.meta.kind:
        return document.meta.kind, document.meta.rules.get("kind", "metadata")
    for kind, sign in _KIND_SIGNS:
        found = sign.search(document.text)
        if found:
            return kind, f"text has '{' '.join(found.group(0).split())[:40]}'"
    return "web-page", "no sign of another kind"


def _cite(drafts: Drafts, references: ReferenceList, view: CorpusView, ids: _Ids) -> None:
    """Match each entry to the corpus, or draft a work for it (a study for an article, a source for a web page)."""
    for entry in references.entries:
        match = view.catalogue.match(entry.ref)
        if match is not None:
            drafts.cited.append(Cited(entry, match.record, match.kind, match))
            continue
        ref = entry.ref
        title = ref.title or f"[Reference {entry.marker} as printed: {entry.text[:60]}]"
        review = [f"read as a {entry.style} reference: check every field against {entry.marker}", "not in the corpus: no DOI, PMID, address or author+year+journal+page match"]
        is_web = ref.year is None and ref.volume is None or ref.kind == "webpage"
        author = ref.first_author.family if ref.first_author else None
        if is_web:
            rid = ids.new("source", slug(f"{ref.journal or ''} {ref.title or ''}", 7))
            record: dict[str, Any] = {"id": rid, "kind": "web-page", "label": f"{entry.marker} {ref.journal + ': ' if ref.journal else ''}{title}"[:80],
                                      "title": title}
            if ref.authors:
                record["authors"] = [str(a) for a in ref.authors]
            if ref.journal:
                record["publisher"] = ref.journal
            if ref.year:
                record["issued"] = ref.year
            if ref.url:
                record["url"] = ref.url
            record.update(status=STATUS, review=review)
            drafts.works.append(record)
            drafts.cited.append(Cited(entry, rid, "source", None))
            continue
        rid = ids.new("study", slug(f"{author or 'anon'} {ref.year or ''} {' '.join((ref.title or '').split()[:2])}", 5))
        study: dict[str, Any] = {"id": rid, "label": f"{author or 'Anonymous'}{' et al.' if len(ref.authors) > 1 else ''}, {ref.year or 'n.d.'}",
                                 "title": title}
        if ref.authors:
            study["authors"] = [str(a) for a in ref.authors]
        for name, value in (("venue", ref.journal), ("year", ref.year), ("volume", ref.volume), ("issue", ref.issue), ("pages", ref.pages),
                            ("doi", ref.doi), ("pmid", ref.pmid), ("url", ref.url)):
            if value:
                study[name] = value
        study.update({name: "unknown" for name in STUDY_UNKNOWN})
        review.append("design and every unknown: not read from a reference; fill them from the work itself")
        study.update(status=STATUS, review=review)
        drafts.studies.append(study)
        drafts.cited.append(Cited(entry, rid, "study", None))


def _statements(drafts: Drafts, references: ReferenceList, view: CorpusView, cues: Cues, ids: _Ids, within: list[tuple[int, int]] | None) -> None:
    by_entry = {id(c.entry): c.record for c in drafts.cited}
    new_claims: dict[tuple[Any, ...], str] = {}
    for number, draft in enumerate(draft_statements(drafts.document.text, view.vocabulary, view.claims, cues, references, within), start=1):
        claim_id = draft.claim.id if draft.claim else None
        if claim_id is None:
            claim_id = _new_claim(drafts, draft, view, ids, new_claims)
        stated_in = next((record["id"] for comment, record in zip(drafts.document.comments, drafts.comments, strict=True)
                          if comment.start <= draft.offset < comment.end), drafts.source_id)
        record: dict[str, Any] = {"id": f"{drafts.source_id}-s{number}", "source": stated_in, "claim": claim_id, "mode": draft.mode,
                                  "quote": draft.quote}
        cited = [by_entry[id(e)] for e in draft.entries if id(e) in by_entry]
        if cited:
            record["cites"] = list(dict.fromkeys(cited))
            if draft.markers:
                record["marker"] = " ".join(m.text for m in draft.markers)
        record["status"] = STATUS
        record["review"] = [r for r in draft.rules if r.startswith(("mode", "cites", "claim", "drafted"))]
        if draft.modality == "hedges":
            record["note"] = "Hedged: the sentence qualifies what it says."
        drafts.statements.append((record, draft))


def _new_claim(drafts: Drafts, draft: DraftStatement, view: CorpusView, ids: _Ids, made: dict[tuple[Any, ...], str]) -> str:
    """A draft claim for a statement no existing claim fits, in words made from its terms (one per distinct set of parts)."""
    parts = draft.parts
    key = (parts.claim_type, parts.intervention, parts.comparator, parts.outcome, parts.population, parts.direction)
    if key in made:
        return made[key]
    terms = view.vocabulary.terms

    def label(term_id: str | None, default: str) -> str:
        return terms[term_id].labels[0] if term_id in terms else default

    subject = label(parts.intervention, "the treatment")
    verb = _DIRECTION_WORDS.get(parts.direction or "", "bears on")
    obj = label(parts.outcome, {"evidence": "the state of the evidence", "indication": "who should receive it",
                                "practice": "current practice", "safety": "harms"}.get(parts.claim_type, "outcomes"))
    words = f"{subject} {verb} {obj}"
    if parts.comparator:
        words += f" compared with {label(parts.comparator, 'the comparator')}"
    if parts.population:
        words += f" in {label(parts.population, 'patients')}"
    rid = ids.new("claim", "draft-" + slug(f"{subject} {parts.direction or parts.claim_type} {obj}", 8))
    claim: dict[str, Any] = {"id": rid, "label": words[:80], "text": f"Draft: {words[0].upper()}{words[1:]}.", "claim_type": parts.claim_type}
    for name in ("intervention", "comparator", "outcome", "population", "direction"):
        value = getattr(parts, name)
        if value:
            claim[name] = value
    claim["status"] = STATUS
    claim["review"] = ["text, label and every part: made from the terms of the first statement drafted for it; say the claim in your own words",
                       *[r for r in draft.rules if r.startswith(("intervention", "comparator", "outcome", "population", "direction", "drafted"))]]
    drafts.claims.append(claim)
    made[key] = rid
    return rid


def _order(record: dict[str, Any]) -> None:
    """Put ``status`` and ``review`` last, as a curator reads a record: its fields, then what to check."""
    for key in ("status", "review"):
        if key in record:
            record[key] = record.pop(key)
