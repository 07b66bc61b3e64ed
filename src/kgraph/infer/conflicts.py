"""Disagreement between findings, told apart into real conflicts and apparent ones; agreement between studies.

Two findings that bear on the same claim with stances the rules call
disagreeing conflict. The conflict is only apparent when they differ in
something that explains it (the rules' ``apparent_when_different``, in
order): different time bands (1 month against 12 months), or studies of a
different intervention, comparator or population. What one study reports
and the other does not is a difference too: a patient's report that names
no comparator cannot be shown to contradict a trial against usual care.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from rdflib import URIRef

from kgraph.infer.evidence import Evidence, Finding
from kgraph.infer.relate import VERBS, Item, band, evidence_base
from kgraph.infer.rules import Rules


@dataclass
class Conflict:
    """Two findings that disagree on one or more claims, and whether the disagreement is only apparent."""

    first: Finding
    second: Finding
    kind: str
    parts: list[str]
    differences: list[str]
    unknown: list[str] = field(default_factory=list)
    claims: list[URIRef] = field(default_factory=list)
    stances: tuple[str, str] = ("", "")

    @property
    def apparent(self) -> bool:
        return self.kind != "direct"

    def reason(self, evidence: Evidence) -> str:
        a, b = (f"{evidence.label(f.study)} ({f.time_point or 'time not reported'}) {VERBS[s]} it" for f, s in zip((self.first, self.second), self.stances))
        outcomes = sorted({evidence.label(evidence.outcome_of(f)) for f in (self.first, self.second)})
        said = f"On {' and '.join(outcomes)}: {a}, but {b}"
        if self.apparent:
            return f"{said}. An apparent conflict, not a real one: they differ in {'; '.join(self.differences)}"
        unknown = f" (not comparable: {'; '.join(self.unknown)})" if self.unknown else ""
        return f"{said}. A real conflict: no difference in time point, intervention, comparator or population explains it{unknown}"


@dataclass
class Relation:
    """Agreement or disagreement between two studies (or two sources), with what it rests on."""

    kind: str
    parties: tuple[URIRef, URIRef]
    claims: set[URIRef] = field(default_factory=set)
    grounds: set[URIRef] = field(default_factory=set)
    conflicts: list[Conflict] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    @property
    def apparent(self) -> bool:
        """A disagreement all of whose conflicts are apparent."""
        return bool(self.conflicts) and all(c.apparent for c in self.conflicts)


def find_conflicts(evidence: Evidence, rules: Rules, items: dict[URIRef, list[Item]]) -> list[Conflict]:
    """Every pair of findings that disagree on a claim, classified once per pair.

    One of the two must be in the claim's evidence base (its most direct
    counted findings), and two findings of one study conflict only at different
    time points (at one time, a harm beside a similar rate of adverse events
    qualifies, it does not contradict). Findings set aside take no part, except
    those at another time point: their disagreement is shown, explained as a
    difference in time.
    """
    found: dict[tuple[URIRef, URIRef], Conflict] = {}
    for claim, claim_items in items.items():
        base = {i.finding.iri for i in evidence_base(claim_items)}
        weighed = [i for i in claim_items if i.set_aside in (None, "other-time-point")]
        for a, b in combinations(weighed, 2):
            if not base & {a.finding.iri, b.finding.iri} or frozenset((a.stance, b.stance)) not in rules.disagree:
                continue
            first, second = sorted((a, b), key=lambda i: str(i.finding.iri))
            key = (first.finding.iri, second.finding.iri)
            if key not in found:
                conflict = classify(evidence, rules, first.finding, second.finding)
                if first.finding.study == second.finding.study and not conflict.apparent:
                    continue
                found[key] = conflict
                found[key].stances = (first.stance, second.stance)
            found[key].claims.append(claim)
    return [found[k] for k in sorted(found, key=lambda k: (str(k[0]), str(k[1])))]


def classify(evidence: Evidence, rules: Rules, first: Finding, second: Finding) -> Conflict:
    """Name every difference that could explain a disagreement; the first in the rules' order is its kind."""
    differences: dict[str, str] = {}
    unknown: list[str] = []
    bands = band(rules, first.months), band(rules, second.months)
    if None not in bands and bands[0] != bands[1]:
        differences["time-point"] = f"time point: {first.time_point} ({bands[0]}) against {second.time_point} ({bands[1]})"
    unknown += [f"time point of {evidence.label(f.study)} not reported" for f, b in zip((first, second), bands) if b is None]
    s1, s2 = evidence.studies[first.study], evidence.studies[second.study]
    for part in ("intervention", "comparator", "population"):
        t1, t2 = getattr(s1, part), getattr(s2, part)
        if t1 != t2:
            differences[part] = f"{part}: {evidence.label(t1)} against {evidence.label(t2)}"
        elif t1 is None:
            differences[part] = f"{part}: reported by neither, so not shown to be the same"
    ordered = [k for k in rules.apparent_order if k in differences]
    kind = ordered[0] if ordered else "direct"
    return Conflict(first, second, kind, ordered, [differences[k] for k in ordered], sorted(set(unknown)))


def study_relations(evidence: Evidence, rules: Rules, items: dict[URIRef, list[Item]], conflicts: list[Conflict]) -> list[Relation]:
    """Studies agree when their findings take the same side of a claim; they disagree when their findings conflict."""
    relations: dict[tuple[str, tuple[URIRef, URIRef]], Relation] = {}

    def relation(kind: str, x: URIRef, y: URIRef) -> Relation:
        first, second = sorted((x, y), key=str)
        return relations.setdefault((kind, (first, second)), Relation(kind, (first, second)))

    for claim, claim_items in items.items():
        by_side: dict[str, dict[URIRef, Item]] = defaultdict(dict)
        for item in claim_items:
            if item.counted and item.stance in ("supports", "contradicts"):
                by_side[item.stance].setdefault(item.finding.study, item)
        for side, studies in by_side.items():
            for (x, ix), (y, iy) in combinations(sorted(studies.items(), key=lambda kv: str(kv[0])), 2):
                rel = relation("agreement", x, y)
                rel.claims.add(claim)
                rel.grounds.update((ix.finding.iri, iy.finding.iri))
    for conflict in conflicts:
        x, y = conflict.first.study, conflict.second.study
        if x == y:
            continue
        rel = relation("disagreement", x, y)
        rel.claims.update(conflict.claims)
        rel.grounds.update((conflict.first.iri, conflict.second.iri))
        rel.conflicts.append(conflict)
    return [relations[k] for k in sorted(relations, key=lambda k: (k[0], str(k[1][0]), str(k[1][1])))]
