"""How each finding bears on each claim: its stance towards the claim, and whether it is direct.

A finding is curated against one claim, but it is evidence for others too:
the FREE trial's 1-month pain result bears on "kyphoplasty relieves back
pain" as well as on "... at 1 month"; a vertebroplasty trial bears on a
kyphoplasty claim, only indirectly. The rules table says which claims a
finding reaches (same or narrower outcome, related intervention, directions
that ``stance_transfer`` relates), what its stance becomes, and which
differences in intervention, comparator, population and time make it
indirect, and which findings are set aside: shown with the reason, but not
counted (a draft, a control group's result, an uncontrolled report against
a comparative claim, another time point, a second finding of one study on
one outcome and time point).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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
    """One finding as evidence for one claim, counted or set aside."""

    claim: URIRef
    finding: Finding
    stance: str
    transfer: str
    why: str
    directness: str
    differences: tuple[Difference, ...]
    notes: tuple[str, ...]
    level: str
    set_aside: str | None = None
    aside: str = ""

    @property
    def own(self) -> bool:
        return self.finding.claim == self.claim

    @property
    def indirect(self) -> bool:
        return self.directness == "indirect"

    @property
    def counted(self) -> bool:
        """Whether it counts for the claim; one set aside (another time point, a duplicate, a draft, ...) is shown, not counted."""
        return self.set_aside is None

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
        else:
            verdict = "Indirect evidence: " + "; ".join(d.text for d in self.differences if d.directness == "indirect")
        aside = [f"Set aside, not counted ({self.set_aside.replace('-', ' ')}): {self.aside}"] if self.set_aside else []
        return ". ".join([how, verdict, *self.notes, *aside])


def evidence_base(items: list[Item]) -> list[Item]:
    """The most direct counted findings: the direct ones; failing those, the indirect ones that differ from the claim in fewest parts.

    GRADE rates the most direct evidence there is: two kyphoplasty trials in
    narrower populations, not a vertebroplasty trial against a sham, carry a
    claim about kyphoplasty against non-surgical care.
    """
    counted = [i for i in items if i.counted]
    if not counted:
        return []
    fewest = min(_distance(i) for i in counted)
    return [i for i in counted if _distance(i) == fewest]


def _distance(item: Item) -> int:
    """In how many parts (intervention, comparator, population, time) a finding differs from its claim."""
    return len({d.part for d in item.differences if d.directness == "indirect"})


def time_frame_text(rules: Rules, code: str) -> str:
    """A time frame code with its bounds in months, as the reasons print it."""
    start, end = rules.time_frames[code]
    return f"{code} ({start:g} to {end:g} months)" if end is not None else f"{code} ({start:g} months or more)"


def inside(rules: Rules, code: str, months: float) -> bool:
    """Whether a time point falls within a claim's time frame (start included, end excluded)."""
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
        return self.duplicates(sorted(out, key=lambda i: str(i.finding.iri)))

    def item(self, claim: Claim, finding: Finding) -> Item | None:
        ev, rules = self.evidence, self.rules
        own = finding.claim == claim.iri
        stance: str | None
        transfer: str | None
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
        directness = "indirect" if any(d.directness == "indirect" for d in differences) else "direct"
        level = rules.starting_level[study.design]
        set_aside, aside = self.aside(claim, finding)
        if set_aside is None and time is not None and time.directness == "other-time":
            set_aside, aside = "other-time-point", time.text
        return Item(claim.iri, finding, stance, transfer, why, directness, tuple(differences), tuple(notes), level, set_aside, aside)

    def aside(self, claim: Claim, finding: Finding) -> tuple[str | None, str]:
        """Why a finding that bears on a claim is not counted for it, before time and duplicates: a draft, a control arm, no comparison."""
        ev = self.evidence
        study, recorded_on = ev.studies[finding.study], ev.claims[finding.claim]
        drafts = [
            (claim.draft, "this claim is a draft, not yet reviewed by a curator"),
            (finding.draft, "the finding is a draft, not yet reviewed by a curator"),
            (study.draft, f"its study ({study.label}) is a draft, not yet reviewed by a curator"),
            (recorded_on.draft, f"the claim it was recorded on (\u201c{recorded_on.label}\u201d) is a draft, not yet reviewed by a curator"),
        ]
        unreviewed = next((text for draft, text in drafts if draft), None)
        if unreviewed:
            return "unreviewed", unreviewed
        if finding.arm == "control" and ev.relation(study.comparator, claim.intervention) not in ("same", "narrower"):
            return "control-arm", (
                f"the result of {study.label}'s control group ({ev.label(study.comparator)}) alone, "
                f"which says nothing about {ev.label(claim.intervention)}"
            )
        if claim.comparator is not None:
            if study.design in self.rules.uncontrolled_designs:
                return "not-comparative", (
                    f"{study.label} has no control group, so it cannot show a difference from {ev.label(claim.comparator)}"
                )
            if finding.arm == "intervention":
                return "not-comparative", (
                    f"the change within {study.label}'s {ev.label(study.intervention)} group alone, "
                    f"not a comparison with {ev.label(claim.comparator)}"
                )
        return None, ""

    def duplicates(self, items: list[Item]) -> list[Item]:
        """One judgement per study, outcome and time point: keep the finding recorded on this claim (else the first by id), set the others aside."""
        ev = self.evidence
        kept: dict[tuple, Item] = {}
        for item in sorted((i for i in items if i.counted), key=lambda i: (not i.own, str(i.finding.iri))):
            kept.setdefault(self.occasion(item.finding), item)
        out = []
        for item in items:
            f = item.finding
            first = kept.get(self.occasion(f))
            if item.counted and first is not None and first is not item:
                recorded = ev.claims[first.finding.claim].label
                why = (
                    f"{ev.label(f.study)} gives one judgement on {ev.label(ev.outcome_of(f))} at {f.time_point or 'an unreported time'}: "
                    f"{first.finding.id} (recorded on \u201c{recorded}\u201d) counts, this one does not"
                )
                item = replace(item, set_aside="duplicate", aside=why)
            out.append(item)
        return out

    def occasion(self, finding: Finding) -> tuple:
        """The study, outcome and time point of a finding: a study gives one judgement per occasion."""
        return (finding.study, self.evidence.outcome_of(finding), finding.months if finding.months is not None else finding.time_point)

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
        assert frame is not None, "a claim without a time frame has no time difference"
        if relation == "unknown":
            text = f"time point not reported ({finding.time_point or 'no time given'}), the claim is about {time_frame_text(rules, frame)}"
        else:
            text = f"time point {finding.time_point} ({finding.months:g} months), outside {time_frame_text(rules, frame)}"
        return Difference("time-point", result, text)
