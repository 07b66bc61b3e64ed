"""GRADE-style certainty and consensus per claim, every step named.

The rating starts at the level of the strongest study design among the
claim's evidence base, then applies each rule of the table whose condition
holds; each applied rule becomes a named downgrade (or upgrade) with its
reason. The consensus says which way the evidence points and whether the
claim is contested (credible evidence on both sides).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from kgraph.infer.evidence import Claim, Evidence
from kgraph.infer.relate import Item
from kgraph.infer.rules import Rule, Rules


@dataclass(frozen=True)
class Step:
    """One applied rule: what it changed and why."""

    rule: Rule
    before: str
    after: str
    reason: str
    grounds: tuple[URIRef, ...]


@dataclass
class Assessment:
    """The certainty of one claim's evidence."""

    claim: URIRef
    start: str
    level: str
    start_reason: str
    steps: list[Step] = field(default_factory=list)
    base: list[Item] = field(default_factory=list)
    leading: list[Item] = field(default_factory=list)
    statements: list[URIRef] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        return [self.start_reason, *(s.reason for s in self.steps)]

    @property
    def grounds(self) -> list[URIRef]:
        """The findings the rating rests on; failing any, the statements of the claim."""
        return sorted({i.finding.iri for i in self.base}, key=str) or self.statements


@dataclass
class Consensus:
    """Which way a claim's evidence base points, and whether it is contested."""

    claim: URIRef
    verdict: str
    contested: bool
    reason: str
    grounds: list[URIRef]


def evidence_base(items: list[Item]) -> list[Item]:
    """The direct findings at the claim's time; failing those, the indirect ones."""
    direct = [i for i in items if i.directness == "direct"]
    return direct or [i for i in items if i.directness == "indirect"]


SIDES = {"supports": "For it", "contradicts": "Against it", "mixed": "Qualifying it", "inconclusive": "Inconclusive"}


class Rater:
    """Applies the certainty part of the rules table to a claim's evidence items."""

    def __init__(self, evidence: Evidence, rules: Rules) -> None:
        self.evidence = evidence
        self.rules = rules
        self.subjective = {t for t in evidence.terms if t.rsplit("/", 1)[-1] in rules.subjective_outcomes}

    def assess(self, claim: Claim, items: list[Item]) -> Assessment:
        rules, ev = self.rules, self.evidence
        base = evidence_base(items)
        if not base:
            said = ev.statements_by_claim.get(claim.iri, [])
            sources = sorted({ev.label(s.source) for s in said})
            reason = rules.no_evidence_reason.format_map(_Blank(sources=_join(sources) or "no source"))
            level = rules.no_evidence_level
            return Assessment(claim.iri, level, level, f"{level}: {reason}", statements=sorted((s.iri for s in said), key=str))
        start = max((i.level for i in base), key=rules.rank)
        leading = [i for i in base if i.level == start]
        assessment = Assessment(claim.iri, start, start, self.start_reason(start, leading), base=base, leading=leading)
        for rule in rules.rules:
            considered = leading if rule.findings == "leading" else base
            matched = self.matches(rule, considered)
            if matched is None or rule.change == 0:
                continue
            before = assessment.level
            after = rules.clamp(rules.rank(before) + rule.change)
            text = rule.reason.format_map(self.placeholders(claim, rule, matched))
            move = "down" if rule.change < 0 else "up"
            change = f"{before} to {after}" if after != before else f"no change: already {before}"
            reason = f"{rule.domain} ({move} {abs(rule.change)}, {change}): {text}"
            assessment.steps.append(Step(rule, before, after, reason, tuple(i.finding.iri for i in matched)))
            assessment.level = after
        return assessment

    def start_reason(self, start: str, leading: list[Item]) -> str:
        ev = self.evidence
        parts = []
        for study_iri in sorted({i.finding.study for i in leading}, key=str):
            study = ev.studies[study_iri]
            unknown = [name.replace("_", " ") for name in ("randomised", "blinded") if study.fact(name) == "unknown"]
            missing = f" ({' and '.join(unknown)} not reported)" if unknown else ""
            parts.append(f"{study.label}: {design_label(study.design)}{missing}")
        return f"starts at {start}: the strongest evidence is {_join(parts)}"

    def matches(self, rule: Rule, considered: list[Item]) -> list[Item] | None:
        """The findings a rule applies to, or None when it does not apply."""
        if not considered:
            return None
        if rule.when:
            hits = [i for i in considered if all(self.holds(i, key, wanted) for key, wanted in rule.when.items())]
            if not hits or (rule.applies == "all" and len(hits) != len(considered)):
                return None
        else:
            hits = considered
        return hits if all(self.body_holds(hits, key, wanted) for key, wanted in rule.body.items()) else None

    def holds(self, item: Item, key: str, wanted: tuple[str, ...]) -> bool:
        study = self.evidence.studies[item.finding.study]
        if key == "design":
            value = study.design
        elif key == "funding":
            value = study.funding or "unknown"
        elif key == "subjective_outcome":
            outcome = self.evidence.outcome_of(item.finding)
            value = str(outcome is not None and bool(self.evidence.ancestors(outcome) & self.subjective)).lower()
        elif key == "indirect":
            value = str(item.indirect).lower()
        else:
            value = study.fact(key)
        return value in wanted

    def body_holds(self, hits: list[Item], key: str, wanted) -> bool:
        studies = [self.evidence.studies[s] for s in sorted({i.finding.study for i in hits}, key=str)]
        sizes = [s.participants for s in studies]
        if key == "total_participants_below":
            return None not in sizes and sum(sizes) < int(wanted)
        if key == "participants_unknown":
            return (None in sizes) == bool(wanted)
        if key == "inconsistent":
            return self.inconsistent(hits) == bool(wanted)
        if key == "independent_studies_at_least":
            return len(studies) >= int(wanted)
        raise ValueError(f"unknown body condition {key!r}")

    def inconsistent(self, items: list[Item]) -> bool:
        return any(
            a.finding.study != b.finding.study and frozenset((a.stance, b.stance)) in self.rules.inconsistent
            for a in items
            for b in items
        )

    def placeholders(self, claim: Claim, rule: Rule, hits: list[Item]) -> dict[str, str]:
        ev = self.evidence
        studies = [ev.studies[s] for s in sorted({i.finding.study for i in hits}, key=str)]
        sizes = [s.participants for s in studies]
        outcomes = sorted({ev.label(ev.outcome_of(i.finding)) for i in hits})
        differences = sorted({d.text for i in hits for d in i.differences if d.directness == "indirect"})
        return _Blank(
            outcome=_join(outcomes) or ev.label(claim.outcome),
            studies=_join([s.label for s in studies]),
            funders=_join(sorted({s.funder for s in studies if s.funder})) or "funders not named",
            participants=str(sum(sizes)) if None not in sizes else "not all reported",
            threshold=str(rule.body.get("total_participants_below", "")),
            differences="; ".join(differences),
            stances="; ".join(f"{ev.label(i.finding.study)} {i.stance}" for i in hits),
        )

    def consensus(self, claim: Claim, items: list[Item], assessment: Assessment) -> Consensus:
        rules, ev = self.rules, self.evidence
        base, leading = assessment.base, assessment.leading
        credible = [i for i in base if i.directness == "direct" and rules.rank(i.level) >= rules.rank(rules.contested_min_level)]
        pro = [i for i in credible if i.stance in rules.contested_for]
        con = [i for i in credible if i.stance in rules.contested_against]
        contested = bool(pro and con)
        stances = {i.stance for i in leading} - {"inconclusive"}
        if not base:
            verdict = "no evidence"
        elif contested:
            verdict = "contested"
        elif not stances:
            verdict = "inconclusive"
        elif stances == {"supports"}:
            verdict = "supported"
        elif stances == {"contradicts"}:
            verdict = "contradicted"
        elif "supports" in stances and "contradicts" in stances:
            verdict = "conflicting"
        elif "mixed" in stances and stances & {"supports", "contradicts"}:
            verdict = "qualified"
        else:
            verdict = "mixed"
        sides = []
        for stance, side in SIDES.items():
            named = [f"{ev.label(i.finding.study)} ({i.finding.time_point or 'time not reported'}): {i.finding.effect or i.finding.stance}" for i in base if i.stance == stance]
            if named:
                sides.append(f"{side}: {'; '.join(dict.fromkeys(named))}")
        reason = f"{verdict}. " + (". ".join(sides) if sides else "No study finding bears on it")
        if not contested:
            reason += self.why_not_contested(items, pro or [i for i in base if i.stance in rules.contested_for])
        return Consensus(claim.iri, verdict, contested, reason, assessment.grounds)

    def why_not_contested(self, items: list[Item], pro: list[Item]) -> str:
        """Say why evidence against a supported claim does not make it contested."""
        rules, ev = self.rules, self.evidence
        against = [i for i in items if i.stance in rules.contested_against]
        if not pro or not against:
            return ""
        weak = []
        for item in against:
            study = ev.label(item.finding.study)
            if item.directness == "indirect":
                weak.append(f"{study} is indirect evidence ({'; '.join(d.text for d in item.differences)})")
            elif item.directness == "other-time":
                weak.append(f"{study} is at another time ({'; '.join(d.text for d in item.differences)})")
            elif rules.rank(item.level) < rules.rank(rules.contested_min_level):
                weak.append(f"{study} is {design_label(ev.studies[item.finding.study].design)}, at the lowest level")
        return ". Not contested, because the evidence against it is weaker: " + "; ".join(sorted(set(weak))) if weak else ""


def design_label(code: str) -> str:
    return "a study of unreported design" if code == "unknown" else f"a {code.replace('-', ' ')}"


def _join(items: list[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


class _Blank(dict):
    """Template values; a placeholder with nothing to say stays empty rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""
