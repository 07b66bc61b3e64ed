"""GRADE-style certainty and consensus per claim, every step named.

The rating starts at the level of the strongest study design among the
claim's evidence base, then applies each rule of the table whose condition
holds; each applied rule becomes a named downgrade (or upgrade) with its
reason. GRADE judges each domain once, so the rules of one domain that hold
are all named but the domain moves by the largest change among them. The
consensus says which way the evidence points and whether the claim is
contested: credible evidence on both sides that really conflicts, not a
disagreement that a difference in time point, intervention, comparator or
population explains.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib import URIRef

from kgraph.infer.conflicts import classify
from kgraph.infer.evidence import Claim, Evidence, Study
from kgraph.infer.relate import Item, evidence_base
from kgraph.infer.rules import Rule, Rules


@dataclass(frozen=True)
class Step:
    """One applied rule: what it changed and why."""

    rule: Rule
    change: int
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


def set_aside_summary(items: list[Item]) -> str:
    """How many findings were set aside and why, in a few words (empty when none were)."""
    reasons = Counter(i.set_aside.replace("-", " ") for i in items if i.set_aside)
    if not reasons:
        return ""
    return f"{sum(reasons.values())} set aside: " + ", ".join(f"{n} {why}" for why, n in sorted(reasons.items()))


SIDES = {"supports": "For it", "contradicts": "Against it", "mixed": "Qualifying it", "inconclusive": "Inconclusive"}


class Rater:
    """Applies the certainty part of the rules table to a claim's evidence items."""

    def __init__(self, evidence: Evidence, rules: Rules) -> None:
        self.evidence = evidence
        self.rules = rules
        self.subjective = self._terms(rules.subjective_outcomes)
        self.harms = self._terms(rules.harm_outcomes)
        self.reported_in: dict[URIRef, set[str]] = {}
        for source in evidence.sources.values():
            for study in source.reports_on:
                self.reported_in.setdefault(study, set()).add(source.kind or "unknown")
        for finding in evidence.findings.values():
            if finding.reported_by in evidence.sources:
                self.reported_in.setdefault(finding.study, set()).add(evidence.sources[finding.reported_by].kind or "unknown")

    def _terms(self, ids: frozenset[str]) -> set[URIRef]:
        return {t for t in self.evidence.terms if t.rsplit("/", 1)[-1] in ids}

    def assess(self, claim: Claim, items: list[Item]) -> Assessment:
        rules, ev = self.rules, self.evidence
        base = evidence_base(items)
        if not base:
            said = ev.statements_by_claim.get(claim.iri, [])
            sources = sorted({ev.label(s.source) for s in said})
            aside = set_aside_summary(items)
            values = _Blank(sources=join_words(sources) or "no source", set_aside=f" ({aside})" if aside else "")
            reason = rules.no_evidence_reason.format_map(values)
            level = rules.no_evidence_level
            return Assessment(claim.iri, level, level, f"{level}: {reason}", statements=sorted((s.iri for s in said), key=str))
        start = max((i.level for i in base), key=rules.rank)
        leading = [i for i in base if i.level == start]
        assessment = Assessment(claim.iri, start, start, self.start_reason(start, leading), base=base, leading=leading)
        domains: dict[str, int] = {}
        for rule in rules.rules:
            considered = leading if rule.findings == "leading" else base
            matched = self.matches(rule, considered)
            if matched is None or rule.change == 0:
                continue
            done = domains.get(rule.domain, 0)
            change = min(0, rule.change - done) if rule.change < 0 else max(0, rule.change - done)
            domains[rule.domain] = done + change
            before = assessment.level
            after = rules.clamp(rules.rank(before) + change)
            text = rule.reason.format_map(self.placeholders(claim, rule, matched))
            reason = f"{rule.domain} ({_move(change, done, before, after)}): {text}"
            assessment.steps.append(Step(rule, change, before, after, reason, tuple(i.finding.iri for i in matched)))
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
        return f"starts at {start}: the strongest evidence is {join_words(parts)}"

    def matches(self, rule: Rule, considered: list[Item]) -> list[Item] | None:
        """The findings a rule applies to, or None when it does not apply."""
        if not considered:
            return None
        if rule.when:
            hits = [i for i in considered if all(self.holds(i, key, wanted) for key, wanted in rule.when.items())]
            if not hits or not self.enough(rule.applies, hits, considered):
                return None
        else:
            hits = considered
        return hits if all(self.body_holds(hits, key, wanted) for key, wanted in rule.body.items()) else None

    def enough(self, applies: str, hits: list[Item], considered: list[Item]) -> bool:
        """Whether the findings a condition holds for are enough: all of them, any, or most (by the studies' participants)."""
        if applies == "any":
            return True
        if applies == "all":
            return len(hits) == len(considered)
        studies = self.studies(considered)
        weights = {s.iri: s.participants for s in studies if s.participants is not None}
        if len(weights) < len(studies):
            weights = {s.iri: 1 for s in studies}
        hit = {i.finding.study for i in hits}
        return 2 * sum(weights[s] for s in hit) > sum(weights.values())

    def studies(self, items: list[Item]) -> list[Study]:
        return [self.evidence.studies[s] for s in sorted({i.finding.study for i in items}, key=str)]

    def holds(self, item: Item, key: str, wanted: tuple[str, ...]) -> bool:
        ev = self.evidence
        study = ev.studies[item.finding.study]
        if key == "design":
            value = study.design
        elif key == "funding":
            value = study.funding or "unknown"
        elif key == "significance":
            value = item.finding.significance or "not-reported"
        elif key == "reported_only_in":
            return bool(self.reported_in.get(study.iri)) and self.reported_in[study.iri] <= set(wanted)
        elif key in ("subjective_outcome", "harm_outcome"):
            outcome = ev.outcome_of(item.finding)
            terms = self.subjective if key == "subjective_outcome" else self.harms
            value = str(outcome is not None and bool(ev.ancestors(outcome) & terms)).lower()
        elif key == "indirect":
            value = str(item.indirect).lower()
        elif key == "favours_intervention":
            direction = ev.claims[item.claim].direction or "none"
            value = str(item.stance in self.rules.favours_intervention.get(direction, frozenset())).lower()
        else:
            value = study.fact(key)
        return value in wanted

    def body_holds(self, hits: list[Item], key: str, wanted) -> bool:
        studies = self.studies(hits)
        sizes = [s.participants for s in studies]
        if key == "total_participants_below":
            known = [n for n in sizes if n is not None]
            return len(known) == len(sizes) and sum(known) < int(wanted)
        if key == "participants_unknown":
            return (None in sizes) == bool(wanted)
        if key == "inconsistent":
            return bool(self.real_conflicts(hits, self.rules.inconsistent)) == bool(wanted)
        if key == "independent_studies_at_least":
            return len(studies) >= int(wanted)
        if key == "studies_at_most":
            return len(studies) <= int(wanted)
        raise ValueError(f"unknown body condition {key!r}")

    def real_conflicts(self, items: list[Item], pairs: frozenset[frozenset[str]]) -> list[tuple[Item, Item]]:
        """Pairs of findings of different studies whose stances are one of ``pairs`` and whose disagreement nothing explains."""
        ev, rules = self.evidence, self.rules
        return [
            (a, b)
            for n, a in enumerate(items)
            for b in items[n + 1 :]
            if a.finding.study != b.finding.study
            and frozenset((a.stance, b.stance)) in pairs
            and not classify(ev, rules, a.finding, b.finding).apparent
        ]

    def placeholders(self, claim: Claim, rule: Rule, hits: list[Item]) -> dict[str, str]:
        ev = self.evidence
        studies = self.studies(hits)
        sizes = [s.participants for s in studies]
        outcomes = sorted({ev.label(ev.outcome_of(i.finding)) for i in hits})
        differences = sorted({d.text for i in hits for d in i.differences if d.directness == "indirect"})
        significance = sorted({(i.finding.significance or "not-reported").replace("-", " ") for i in hits})
        return _Blank(
            outcome=join_words(outcomes) or ev.label(claim.outcome),
            studies=join_words([s.label for s in studies]),
            funders=join_words(sorted({s.funder for s in studies if s.funder})) or "funders not named",
            participants=str(sum(n for n in sizes if n is not None)) if None not in sizes else "not all reported",
            threshold=str(rule.body.get("total_participants_below", "")),
            differences="; ".join(differences),
            stances="; ".join(f"{ev.label(i.finding.study)} {i.stance}" for i in hits),
            significance=", ".join(significance),
        )

    def consensus(self, claim: Claim, items: list[Item], assessment: Assessment) -> Consensus:
        rules, ev = self.rules, self.evidence
        base, leading = assessment.base, assessment.leading
        credible = [i for i in base if i.directness == "direct" and rules.rank(i.level) >= rules.rank(rules.contested_min_level)]
        pro = [i for i in credible if i.stance in rules.contested_for]
        con = [i for i in credible if i.stance in rules.contested_against]
        contest = frozenset(frozenset((a, b)) for a in rules.contested_for for b in rules.contested_against)
        contested = bool(self.real_conflicts(pro + con, contest))
        stances = {i.stance for i in leading} - {"inconclusive"}
        explained = ""
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
            explained = self.explained(leading)
            verdict = "qualified" if explained else "conflicting"
        elif "mixed" in stances and stances & {"supports", "contradicts"}:
            verdict = "qualified"
        else:
            verdict = "mixed"
        sides = []
        for stance, side in SIDES.items():
            named = [f"{ev.label(i.finding.study)} ({i.finding.time_point or 'time not reported'}): {i.finding.effect or i.finding.stance}" for i in base if i.stance == stance]
            if named:
                sides.append(f"{side}: {'; '.join(dict.fromkeys(named))}")
        reason = f"{verdict}. " + (". ".join(sides) if sides else "No study finding is counted for it")
        if explained:
            reason += f". The studies for it and against it differ in {explained}: an apparent conflict, not a real one"
        if not contested:
            reason += self.why_not_contested(items, pro or [i for i in base if i.stance in rules.contested_for])
        return Consensus(claim.iri, verdict, contested, reason, assessment.grounds)

    def explained(self, leading: list[Item]) -> str:
        """What explains every disagreement between the leading findings for and against a claim, or empty if one is real."""
        ev, rules = self.evidence, self.rules
        pairs = [(a, b) for a in leading if a.stance == "supports" for b in leading if b.stance == "contradicts"]
        conflicts = [classify(ev, rules, a.finding, b.finding) for a, b in pairs]
        if not conflicts or any(not c.apparent for c in conflicts):
            return ""
        return join_words(sorted({part.replace("-", " ") for c in conflicts for part in c.parts}))

    def why_not_contested(self, items: list[Item], pro: list[Item]) -> str:
        """Say why evidence against a supported claim does not make it contested."""
        rules, ev = self.rules, self.evidence
        against = [i for i in items if i.stance in rules.contested_against]
        if not pro or not against:
            return ""
        weak = []
        for item in against:
            study = ev.label(item.finding.study)
            if item.set_aside:
                weak.append(f"{study} is set aside ({item.set_aside.replace('-', ' ')}: {item.aside})")
            elif item.directness == "indirect":
                weak.append(f"{study} is indirect evidence ({'; '.join(d.text for d in item.differences)})")
            elif rules.rank(item.level) < rules.rank(rules.contested_min_level):
                weak.append(f"{study} is {design_label(ev.studies[item.finding.study].design)}, at the lowest level")
            else:
                kinds = sorted({classify(ev, rules, p.finding, item.finding).kind.replace("-", " ") for p in pro if p.finding.study != item.finding.study})
                weak.append(f"{study} differs from the evidence for it in {' and '.join(kinds)}, an apparent conflict")
        return ". Not contested, because the evidence against it is weaker or explained: " + "; ".join(sorted(set(weak))) if weak else ""


def _move(change: int, done: int, before: str, after: str) -> str:
    """The words for how one rule moved the level, within its domain."""
    if change == 0:
        return f"no further change: this domain is already rated {'down' if done < 0 else 'up'} {abs(done)}"
    more = " more" if done else ""
    moved = f"{before} to {after}" if after != before else f"no change: already {before}"
    return f"{'down' if change < 0 else 'up'} {abs(change)}{more}, {moved}"


def design_label(code: str) -> str:
    """A design code as words in a sentence ("a randomised controlled trial")."""
    return "a study of unreported design" if code == "unknown" else f"a {code.replace('-', ' ')}"


def join_words(items: list[str]) -> str:
    """Words joined as a reader would: a, b and c."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


class _Blank(dict):
    """Template values; a placeholder with nothing to say stays empty rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""
