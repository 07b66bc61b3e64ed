"""Claims about the evidence itself, checked against the evidence they summarise rather than graded as effects.

"Sham-controlled studies showed no benefit" is not an effect of a
treatment: it is true when the sham-controlled studies did find no benefit.
Such a claim (claim type ``evidence``) names the claims whose evidence it
speaks of and what it says that evidence shows; it is linked to the findings
those claims rest on, and checked against kgraph's own conclusions on them
(the ``summaries`` part of the rules table): borne out, not borne out, or
partly.
"""

from __future__ import annotations

from dataclasses import replace

from rdflib import URIRef

from kgraph.infer.certainty import Assessment, Consensus, join_words
from kgraph.infer.evidence import Claim, Evidence
from kgraph.infer.relate import Item
from kgraph.infer.rules import Rules, Summary

SHOWS = {"supports": "support", "contradicts": "contradict", "mixed": "are mixed on", "inconclusive": "are inconclusive on"}


def is_summary(claim: Claim) -> bool:
    """Whether a claim is about the evidence itself, and so is checked, not graded."""
    return claim.claim_type == "evidence"


class Summariser:
    """Checks claims about the evidence against the assessments and consensus of the claims they summarise."""

    def __init__(self, evidence: Evidence, rules: Rules, assessments: dict[URIRef, Assessment], consensus: dict[URIRef, Consensus]) -> None:
        self.evidence = evidence
        self.rules = rules
        self.assessments = assessments
        self.consensus = consensus

    def rule(self, claim: Claim) -> tuple[str, Summary] | None:
        """What the claim says the evidence shows, and how the table checks it; None if it does not say."""
        shows = claim.evidence_shows
        return (shows, self.rules.summaries[shows]) if shows in self.rules.summaries else None

    def summarised(self, claim: Claim) -> list[Claim]:
        """The claims it summarises that kgraph has judged (not themselves claims about the evidence)."""
        return [self.evidence.claims[c] for c in claim.summarises if c in self.assessments]

    def items(self, claim: Claim) -> list[Item]:
        """The findings each summarised claim rests on, with the stance each takes on what this claim says they show."""
        said = self.rule(claim)
        if said is None:
            return []
        shows, rule = said
        table = self.rules.transfer_maps[rule.map]
        out: dict[URIRef, Item] = {}
        for other in self.summarised(claim):
            for item in self.assessments[other.iri].base:
                why = f"this claim says the studies {SHOWS[shows]} \u201c{other.label}\u201d"
                out.setdefault(item.finding.iri, replace(item, claim=claim.iri, stance=table[item.stance], transfer="summary", why=why))
        return sorted(out.values(), key=lambda i: str(i.finding.iri))

    def borne_out(self, rule: Summary, other: Claim) -> bool:
        level = self.assessments[other.iri].level
        at_most = rule.certainty_at_most
        return self.consensus[other.iri].verdict in rule.verdicts or (at_most is not None and self.rules.rank(level) <= self.rules.rank(at_most))

    def assess(self, claim: Claim, items: list[Item]) -> Assessment:
        """The certainty of the evidence it describes: the highest level among the summarised claims that bear it out (failing those, all)."""
        rules, said = self.rules, self.rule(claim)
        others = self.summarised(claim) if said else []
        if said is None or not others:
            level = rules.no_evidence_level
            said_by = sorted((s.iri for s in self.evidence.statements_by_claim.get(claim.iri, [])), key=str)
            reason = f"{level}: a claim about the evidence, not graded as an effect; {self.unchecked(claim)}"
            return Assessment(claim.iri, level, level, reason, statements=said_by)
        bearing = [o for o in others if self.borne_out(said[1], o)] or others
        level = max((self.assessments[o.iri].level for o in bearing), key=rules.rank)
        rated = "; ".join(f"\u201c{o.label}\u201d is {self.assessments[o.iri].level}" for o in others)
        reason = (
            f"{level}: a claim about the evidence is not graded as an effect; it takes the certainty of the evidence it "
            f"describes ({rated})"
        )
        leading = [i for i in items if i.level == max((i.level for i in items), key=rules.rank)] if items else []
        return Assessment(claim.iri, level, level, reason, base=items, leading=leading)

    def check(self, claim: Claim, assessment: Assessment) -> Consensus:
        """Whether kgraph's conclusions on the summarised claims bear the claim out: all of them, none, or some."""
        said = self.rule(claim)
        others = self.summarised(claim) if said else []
        if said is None or not others:
            return Consensus(claim.iri, "unchecked", False, f"unchecked: {self.unchecked(claim)}", assessment.grounds)
        shows, rule = said
        results = {o.iri: self.borne_out(rule, o) for o in others}
        verdict = "borne out" if all(results.values()) else "not borne out" if not any(results.values()) else "partly borne out"
        what = f"it says the studies {SHOWS[shows]} {join_words([f'“{o.label}”' for o in others])}"
        parts = [self.judged(rule, o, results[o.iri]) for o in others]
        return Consensus(claim.iri, verdict, False, f"{verdict}: {what}. " + "; ".join(parts), assessment.grounds)

    def judged(self, rule: Summary, other: Claim, borne: bool) -> str:
        verdict, level = self.consensus[other.iri].verdict, self.assessments[other.iri].level
        said = f"kgraph finds \u201c{other.label}\u201d {verdict} at {level} certainty"
        wanted = " or ".join(sorted(rule.verdicts)) + (f", or a certainty of {rule.certainty_at_most} or below" if rule.certainty_at_most else "")
        return f"{said}, which {'bears it out' if borne else 'does not bear it out'} (a verdict of {wanted} would)"

    def unchecked(self, claim: Claim) -> str:
        if self.rule(claim) is None:
            return "it does not say what the evidence shows (evidence_shows), so it cannot be checked"
        named = [self.evidence.label(c) for c in claim.summarises]
        if named:
            return f"none of the claims it summarises ({', '.join(named)}) is rated, so it cannot be checked"
        return "it names no claims whose evidence it summarises (summarises), so it cannot be checked"
