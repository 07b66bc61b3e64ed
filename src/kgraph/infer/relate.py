"""How each finding bears on each claim: its stance towards the claim, and whether it is direct.

A finding is curated against one claim, but it is evidence for others too:
the FREE trial's 1-month pain result bears on "kyphoplasty relieves back
pain" as well as on "... at 1 month"; a vertebroplasty trial bears on a
kyphoplasty claim, only indirectly. The rules table says which claims a
finding reaches (same or narrower outcome, related intervention, directions
that ``stance_transfer`` relates), what its stance becomes, and which
differences in intervention, comparator, population and time make it
indirect or put it at another time.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kgraph.infer.evidence import Claim, Evidence, Finding
from kgraph.infer.rules import Rules

PICO = ("intervention", "comparator", "population")
VERBS = {"supports": "supports", "contradicts": "contradicts", "mixed": "qualifies", "inconclusive": "is inconclusive on"}


@dataclass(frozen=True)
class Difference:
    """One way a study differs from a claim, in words a reader can check."""

    part: str
    directness: str
    text: str


@dataclass(frozen=True)
class Item:
    """One finding as evidence for one claim."""

    claim: URIRef
    finding: Finding
    stance: str
    transfer: str
    why: str
    directness: str
    differences: tuple[Difference, ...]
    notes: tuple[str, ...]
    level: str

    @property
    def own(self) -> bool:
        return self.finding.claim == self.claim

    @property
    def indirect(self) -> bool:
        return self.directness == "indirect"

    @property
    def counted(self) -> bool:
        """At the claim's time (directly or not); findings at another time are shown, not counted."""
        return self.directness != "other-time"

    def reason(self, evidence: Evidence) -> str:
        study = evidence.label(self.finding.study)
        when = self.finding.time_point or "time not reported"
        if self.own:
            how = f"{study} ({when}) {VERBS[self.stance]} this claim"
        else:
            other = evidence.claims[self.finding.claim].label
            how = f"{study} ({when}) {VERBS[self.finding.stance]} \u201c{other}\u201d, so it {VERBS[self.stance]} this claim ({self.why})"
        if self.directness == "direct":
            verdict = "Direct evidence"
        elif self.directness == "indirect":
            verdict = "Indirect evidence: " + "; ".join(d.text for d in self.differences if d.directness == "indirect")
        else:
            verdict = "At another time, so not counted: " + "; ".join(d.text for d in self.differences if d.directness == "other-time")
        return ". ".join([how, verdict, *self.notes])


def time_frame_text(rules: Rules, code: str) -> str:
    start, end = rules.time_frames[code]
    return f"{code} ({start:g} to {end:g} months)" if end is not None else f"{code} ({start:g} months or more)"


def inside(rules: Rules, code: str, months: float) -> bool:
    start, end = rules.time_frames[code]
    return (start is None or months >= start) and (end is None or months < end)


def band(rules: Rules, months: float | None) -> str | None:
    """The first of the rules' time bands that holds ``months``."""
    if months is None:
        return None
    return next((code for code in rules.time_bands if inside(rules, code, months)), None)


class Relater:
    """Works out every claim's evidence items from the rules table."""

    def __init__(self, evidence: Evidence, rules: Rules) -> None:
        self.evidence = evidence
        self.rules = rules

    def items(self, claim: Claim) -> list[Item]:
        ev = self.evidence
        candidates = dict.fromkeys(ev.findings_by_claim.get(claim.iri, []))
        if claim.outcome is not None:
            candidates.update(dict.fromkeys(ev.findings_by_outcome.get(claim.outcome, [])))
        out = [item for finding in candidates if (item := self.item(claim, finding)) is not None]
        return sorted(out, key=lambda i: str(i.finding.iri))

    def item(self, claim: Claim, finding: Finding) -> Item | None:
        ev, rules = self.evidence, self.rules
        own = finding.claim == claim.iri
        if own:
            transfer, stance, why = "own", finding.stance, ""
        else:
            other = ev.claims[finding.claim]
            transfer = rules.transfer_pairs.get(claim.direction or "none", {}).get(other.direction or "none")
            if transfer is None:
                return None
            table = rules.transfer_maps[transfer]
            why = rules.transfer_meaning[transfer]
            stance = table.get(f"{finding.stance}-{finding.significance}", table.get(finding.stance))
            if stance is None or self.outcome_directness(claim, finding) != "direct":
                return None
        differences, notes = [], []
        study = ev.studies[finding.study]
        for part in PICO:
            theirs, mine = getattr(study, part), getattr(claim, part)
            relation = ev.relation(theirs, mine)
            result = rules.directness[part][relation]
            if result == "none" and not own:
                return None
            if result != "direct":
                differences.append(Difference(part, "indirect", f"{part} {ev.label(theirs)}, not {ev.label(mine)} ({relation})"))
            elif relation == "unknown":
                notes.append(f"The study does not report its {part}")
        time = self.time_difference(claim, finding)
        if time is not None:
            differences.append(time)
        kinds = {d.directness for d in differences}
        directness = "other-time" if "other-time" in kinds else "indirect" if kinds else "direct"
        level = rules.starting_level[study.design]
        return Item(claim.iri, finding, stance, transfer, why, directness, tuple(differences), tuple(notes), level)

    def outcome_directness(self, claim: Claim, finding: Finding) -> str:
        relation = self.evidence.relation(self.evidence.outcome_of(finding), claim.outcome)
        return self.rules.directness["outcome"][relation]

    def time_difference(self, claim: Claim, finding: Finding) -> Difference | None:
        rules = self.rules
        frame = claim.time_frame
        if frame is None or rules.time_frames.get(frame) == (None, None):
            relation = "unstated"
        elif finding.months is None:
            relation = "unknown"
        else:
            relation = "inside" if inside(rules, frame, finding.months) else "outside"
        result = rules.directness["time"][relation]
        if result == "direct":
            return None
        if relation == "unknown":
            text = f"time point not reported ({finding.time_point or 'no time given'}), the claim is about {time_frame_text(rules, frame)}"
        else:
            text = f"time point {finding.time_point} ({finding.months:g} months), outside {time_frame_text(rules, frame)}"
        return Difference("time-point", result, text)
