"""Draft statements: the sentences of a text that say something about a treatment or the evidence.

A sentence is drafted when it carries a cue of a role of
``ontology/ingest-cues.yaml`` (effect, harm, indication, practice, evidence)
and mentions a term of the corpus, a citation marker or a reported number.
Each draft says why: every guessed part names its rule. The quote is the
sentence as the text prints it, so it occurs verbatim in the saved text.

:func:`draft_statements` works on any text, a whole document or a plain
abstract (pass the spans of its RESULTS and CONCLUSIONS sections as
``within``); references and markers are optional.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kgraph.ingest.claims import Parts, best_claim, frame_of
from kgraph.ingest.corpus import Claim
from kgraph.ingest.cues import Cues
from kgraph.ingest.markers import Marker, find_markers, resolve
from kgraph.ingest.numbers import Number, numbers
from kgraph.ingest.references import Entry
from kgraph.ingest.reflist import ReferenceList
from kgraph.ingest.sentences import Sentence, sentences
from kgraph.ingest.terms import Mention, Vocabulary

_COMPARATOR_CUE = re.compile(r"\b(?:compared (?:with|to)|versus|vs\.?|than(?: did)?|rather than|instead of|over)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_THIS_STUDY = re.compile(r"\b(?:this|the current|the present|our)\s+(?:\w+\s+)?(?:study|trial)\b|\bresearchers randomi[sz]ed\b|\bwe randomi[sz]ed\b",
                         re.IGNORECASE)
_TRIAL_TITLE = re.compile(r"\b(?:randomi[sz]ed|trial|study|cohort)\b", re.IGNORECASE)
_IMMEDIATE = re.compile(r"\bimmediate(?:ly)?\b|\bperioperative\b|\bright after\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:[-•▪◦*]|\d{1,2}[.)])\s+")
_CLOSING = re.compile(r"[.!?:;)\]\"”’]\s*$")
_MODES = {"questions": "questions", "denies": "denies", "hedges": "asserts", "reports": "reports", "asserts": "asserts"}


@dataclass
class DraftStatement:
    """One drafted statement: its quote and offset, what it cites, its guessed parts, and the rule behind each guess."""

    quote: str
    offset: int
    modality: str
    markers: list[Marker]
    entries: list[Entry]
    parts: Parts
    numbers: list[Number]
    claim: Claim | None
    rules: list[str] = field(default_factory=list)

    @property
    def mode(self) -> str:
        """The record format's mode: a hedge is written ``asserts`` (the hedge is named in review)."""
        return _MODES[self.modality]


def main_intervention(text: str, vocabulary: Vocabulary) -> str | None:
    """The intervention a document names most often: the one a sentence speaks of when it names none."""
    counts = Counter(m.term.id for m in vocabulary.mentions(text) if m.term.scheme == "intervention")
    return counts.most_common(1)[0][0] if counts else None


def reported_entry(text: str, references: ReferenceList) -> Entry | None:
    """The study a summary reports on: its first reference titled as a trial or study, when the text speaks of "this study"."""
    if not _THIS_STUDY.search(text):
        return None
    return next((e for e in references.entries if e.ref.title and _TRIAL_TITLE.search(e.ref.title)), None)


def draft_statements(
    text: str,
    vocabulary: Vocabulary,
    claims: list[Claim],
    cues: Cues,
    references: ReferenceList | None = None,
    within: list[tuple[int, int]] | None = None,
) -> list[DraftStatement]:
    """The draft statements of ``text`` (only of the ``within`` spans, if given), in order."""
    references = references or ReferenceList((), None)
    markers = [m for m in find_markers(text) if not references.covers(m.start, m.end)]
    default_intervention = main_intervention(text, vocabulary)
    reported = reported_entry(text, references)
    first_entry = min((e.start for e in references.entries), default=len(text))
    drafted = []
    for sentence in _candidates(text, within, references, cues):
        mine = [m for m in markers if sentence.start <= m.start < sentence.end]
        draft = _draft(sentence, mine, references, vocabulary, claims, cues, default_intervention)
        if draft is None:
            continue
        if reported is not None and not draft.entries and sentence.start < first_entry and (
            draft.modality == "reports" or _THIS_STUDY.search(sentence.text)
        ):
            draft.entries = [reported]
            draft.rules.append(f"cites: the study the text reports on, {reported.marker} (a reported result or 'this study')")
        drafted.append(draft)
    return drafted


def _candidates(text: str, within: list[tuple[int, int]] | None, references: ReferenceList, cues: Cues) -> list[Sentence]:
    spans = within or [(0, len(text))]
    found = []
    for start, end in spans:
        for sentence in sentences(text, start, end):
            if references.covers(sentence.start, sentence.end) or cues.boilerplate.first(sentence.text) or _heading(text, sentence):
                continue
            found.append(sentence)
    return found


def _heading(text: str, sentence: Sentence) -> bool:
    """A title or heading: a whole line without a closing stop and without a citation marker."""
    whole_line = (sentence.start == 0 or text[sentence.start - 1] == "\n") and (sentence.end == len(text) or text[sentence.end] == "\n")
    return whole_line and not _CLOSING.search(sentence.text) and not find_markers(sentence.text)


def _draft(
    sentence: Sentence,
    markers: list[Marker],
    references: ReferenceList,
    vocabulary: Vocabulary,
    claims: list[Claim],
    cues: Cues,
    default_intervention: str | None,
) -> DraftStatement | None:
    text = sentence.text
    mentions = vocabulary.mentions(text)
    found_numbers = numbers(text)
    role = next(((group.name, claim_type, cue) for group, claim_type in cues.roles if (cue := group.first(text))), None)
    cited_item = bool(markers) and bool(_LIST_ITEM.match(text))
    reported_numbers = any(n.kind in ("p", "ci", "percent") for n in found_numbers)
    anaphora = cues.anaphora.first(text)
    if role is None and not cited_item:
        return None
    topical = mentions or markers or reported_numbers or anaphora or cues.significance.first(text) or (role and role[0] == "evidence")
    if not topical or (len(text.split()) < 5 and not cited_item):
        return None
    rules: list[str] = []
    if role is not None:
        rules.append(f"drafted: cue {role[0]} '{role[2]}'")
        claim_type = role[1]
    else:
        rules.append("drafted: a list item with a citation marker")
        claim_type = "indication"
    if anaphora and not any(m.term.scheme == "intervention" for m in mentions) and default_intervention:
        rules.append(f"intervention: '{anaphora}' read as the document's most named intervention")
    modality, rule = _modality(text, cues)
    rules.append(f"mode: {rule}")
    parts = _parts(text, mentions, found_numbers, claim_type, cues, vocabulary, default_intervention, rules)
    entries: list[Entry] = []
    for marker in markers:
        resolved = resolve(marker, references)
        entries.extend(e for e in resolved if e not in entries)
        rules.append(f"cites: marker {marker.text} -> " + (", ".join(e.marker for e in resolved) if resolved else "no entry of the list"))
    claim, how = best_claim(parts, claims, vocabulary)
    rules.append(f"claim: {'matched on ' + how if claim else how + '; a new draft claim'}")
    return DraftStatement(text, sentence.start, modality, markers, entries, parts, found_numbers, claim, rules)


def _modality(text: str, cues: Cues) -> tuple[str, str]:
    if text.rstrip().endswith("?"):
        return "questions", "question mark"
    report = cues.report.first(text)
    if report:
        return "reports", f"cue report '{report}'"
    negation = cues.negation.first(text)
    if negation:
        return "denies", f"cue negation '{negation}'"
    hedge = cues.hedge.first(text)
    if hedge:
        return "hedges", f"cue hedge '{hedge}'"
    return "asserts", "no question, report, negation or hedge cue"


def _parts(
    text: str,
    mentions: list[Mention],
    found_numbers: list[Number],
    claim_type: str,
    cues: Cues,
    vocabulary: Vocabulary,
    default_intervention: str | None,
    rules: list[str],
) -> Parts:
    chosen: dict[str, str | None] = {"intervention": None, "comparator": None, "outcome": None, "population": None}
    for mention in mentions:
        scheme = mention.term.scheme
        if scheme == "intervention" and chosen["intervention"] and mention.term.id != chosen["intervention"]:
            if chosen["comparator"] is None and _COMPARATOR_CUE.search(text[: mention.start]):
                chosen["comparator"] = mention.term.id
                rules.append(f"comparator: label '{mention.text}' after a comparison word")
            continue
        if scheme in chosen and chosen[scheme] is None:
            chosen[scheme] = mention.term.id
            rules.append(f"{scheme}: label '{mention.text}'")
    if chosen["intervention"] is None and default_intervention is not None:
        chosen["intervention"] = default_intervention
        if not any(r.startswith("intervention:") for r in rules):
            rules.append("intervention: the document's most named intervention")
    direction = next(((group.name, cue) for group in cues.directions if (cue := group.first(text))), None)
    if direction:
        rules.append(f"direction: cue {direction[0]} '{direction[1]}'")
    times = [n.value for n in found_numbers if n.kind == "time"]
    months: float | None = times[0] if times else None
    if months is not None:
        rules.append(f"time: '{next(n.text for n in found_numbers if n.kind == 'time')}' = {months:g} months")
    elif _IMMEDIATE.search(text):
        months = 0.0
        rules.append("time: 'immediate' = 0 months")
    if months is not None:
        rules.append(f"time frame: {frame_of(months)}")
    return Parts(claim_type, chosen["intervention"], chosen["comparator"], chosen["outcome"], chosen["population"],
                 direction[0] if direction else None, months)
