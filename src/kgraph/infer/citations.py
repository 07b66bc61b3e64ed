"""What sources do with evidence: citation fidelity, independence, and agreement between sources.

Citation fidelity asks whether a work cited for a claim bears it out.
Independence asks whether several sources stating a claim are several lines
of evidence or one study echoed. Agreement between sources compares what
they say (asserting, denying) and the evidence they cite or report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from rdflib import URIRef

from kgraph.infer.conflicts import Relation
from kgraph.infer.evidence import Evidence, Statement
from kgraph.infer.relate import Item
from kgraph.infer.rules import Rules


@dataclass(frozen=True)
class CitationCheck:
    """Whether one cited work bears out the statement that cites it."""

    statement: Statement
    work: URIRef
    fidelity: str
    reason: str
    grounds: tuple[URIRef, ...]


@dataclass(frozen=True, order=True)
class Ground:
    """Why a source stands where it does on a claim: a statement it makes or a finding it reports or cites."""

    text: str
    node: URIRef


@dataclass
class Line:
    """Sources stating a claim whose support traces back to the same studies: one line of evidence."""

    claim: URIRef
    studies: tuple[URIRef, ...]
    sources: list[URIRef] = field(default_factory=list)
    statements: list[URIRef] = field(default_factory=list)
    paths: dict[URIRef, str] = field(default_factory=dict)


def check_citations(evidence: Evidence, rules: Rules, items: dict[URIRef, list[Item]]) -> list[CitationCheck]:
    """One check per statement and work it cites as evidence."""
    checks = []
    for statement in evidence.statements.values():
        for work in statement.cites:
            checks.append(_check(evidence, rules, items.get(statement.claim, []), statement, work))
    return checks


def _check(evidence: Evidence, rules: Rules, items: list[Item], statement: Statement, work: URIRef) -> CitationCheck:
    ev = evidence
    name, claim = ev.label(work), f"\u201c{ev.claims[statement.claim].label}\u201d"
    bears_out = rules.bears_out.get(statement.mode, frozenset())
    against = rules.goes_against.get(statement.mode, frozenset())
    if work in ev.sources:
        said = [s for s in ev.statements_by_claim.get(statement.claim, []) if s.source == work]
        if said:
            return _source_check(rules, statement, work, said, f"{name} {', '.join(sorted({s.mode for s in said}))} {claim}")
        studies = set(ev.sources[work].reports_on) | {f.study for f in ev.findings_by_reporter.get(work, [])}
        recorded = work in ev.statements_by_source or bool(studies)
    else:
        studies, recorded = {work}, work in ev.findings_by_study
    found = [i for i in items if i.finding.study in studies and i.set_aside != "unreviewed"]
    direct = [i for i in found if i.counted and i.directness == "direct"]
    grounds = tuple(i.finding.iri for i in found)
    stances = {i.stance for i in direct}
    if direct and stances & against:
        return CitationCheck(statement, work, "goes-against", f"{name}'s findings go against {claim} ({_stances(ev, direct)})", grounds)
    if direct and stances & bears_out:
        return CitationCheck(statement, work, "faithful", f"{name}'s findings bear out {claim} ({_stances(ev, direct)})", grounds)
    if found:
        why = "; ".join(sorted({d.text for i in found for d in i.differences} | {i.aside for i in found if i.set_aside})) or _stances(ev, found)
        return CitationCheck(statement, work, "partial", f"{name} bears on {claim} only partly: {why}", grounds)
    if recorded:
        return CitationCheck(statement, work, "does-not-address", f"none of the recorded findings of {name} address {claim}", grounds)
    return CitationCheck(statement, work, "unchecked", f"nothing {name} says or found is recorded, so whether it bears out {claim} cannot be checked", grounds)


def _source_check(rules: Rules, statement: Statement, work: URIRef, said: list[Statement], what: str) -> CitationCheck:
    """Check a cited source that states the claim itself: does it take the citing statement's side."""
    sides = {_side(rules, s.mode) for s in said}
    mine = _side(rules, statement.mode)
    grounds = tuple(s.iri for s in said)
    if mine is not None and mine in sides:
        return CitationCheck(statement, work, "faithful", what, grounds)
    if mine is not None and sides - {mine, None}:
        return CitationCheck(statement, work, "goes-against", f"{what}: the other way", grounds)
    return CitationCheck(statement, work, "partial", f"{what}, without taking a side", grounds)


def _side(rules: Rules, mode: str) -> str | None:
    return "for" if mode in rules.for_modes else "against" if mode in rules.against_modes else None


def _stances(ev: Evidence, items: list[Item]) -> str:
    return "; ".join(f"{ev.label(i.finding.study)} {i.stance} at {i.finding.time_point or 'an unreported time'}" for i in items)


def evidence_lines(evidence: Evidence, rules: Rules, reach) -> dict[URIRef, list[Line]]:
    """Per claim, the sources that state it grouped by the studies their support traces back to.

    ``reach(statement)`` gives the studies a statement's citations lead to,
    each with the chain of works that leads there (see :mod:`kgraph.infer.network`).
    """
    ev = evidence
    reproducers: dict[URIRef, list[URIRef]] = defaultdict(list)
    for source in ev.sources.values():
        for original in source.reproduces:
            reproducers[original].append(source.iri)
    out: dict[URIRef, list[Line]] = {}
    for claim, statements in ev.statements_by_claim.items():
        basis: dict[URIRef, dict[URIRef, str]] = defaultdict(dict)
        said: dict[URIRef, list[URIRef]] = defaultdict(list)
        for statement in statements:
            if statement.mode not in rules.for_modes:
                continue
            said[statement.source].append(statement.iri)
            basis[statement.source].update(reach(statement))
        for finding in ev.findings_by_claim.get(claim, []):
            if finding.reported_by in said:
                basis[finding.reported_by].setdefault(finding.study, f"reports {ev.label(finding.study)}")
        for sayer in list(said):
            for copier in _copies(reproducers, sayer):
                if copier not in said:
                    said[copier] = said[sayer]
                    basis[copier] = {s: f"reproduces {ev.label(sayer)}, which {how}" for s, how in basis[sayer].items()}
        groups: dict[tuple[URIRef, ...], Line] = {}
        for sayer in sorted(said, key=str):
            studies = tuple(sorted(basis[sayer], key=str))
            key = studies or (sayer,)
            line = groups.setdefault(key, Line(claim, studies))
            line.sources.append(sayer)
            line.statements.extend(s for s in said[sayer] if s not in line.statements)
            line.paths[sayer] = "; ".join(basis[sayer][s] for s in studies) or "cites no evidence"
        out[claim] = [groups[k] for k in sorted(groups, key=lambda k: [str(x) for x in k])]
    return out


def _copies(reproducers: dict[URIRef, list[URIRef]], source: URIRef) -> list[URIRef]:
    """Every source that reproduces ``source``, directly or through another copy."""
    seen, todo = [], list(reproducers.get(source, []))
    while todo:
        copier = todo.pop(0)
        if copier not in seen:
            seen.append(copier)
            todo.extend(reproducers.get(copier, []))
    return seen


def positions(evidence: Evidence, rules: Rules, items: dict[URIRef, list[Item]]) -> dict[tuple[URIRef, URIRef], dict[str, list[Ground]]]:
    """For each (source, claim): the grounds (statements, findings) on which the source is for it and against it."""
    ev = evidence
    out: dict[tuple[URIRef, URIRef], dict[str, list[Ground]]] = defaultdict(lambda: {"for": [], "against": []})
    for statement in ev.statements.values():
        side = _side(rules, statement.mode)
        if side:
            out[(statement.source, statement.claim)][side].append(Ground(f"{statement.mode} it (\u201c{statement.quote}\u201d)", statement.iri))
    citing: dict[URIRef, set[URIRef]] = defaultdict(set)
    for statement in ev.statements.values():
        for work in statement.cites:
            citing[work].add(statement.source)
    for source in ev.sources.values():
        for work in (*source.cites, *source.reports_on):
            citing[work].add(source.iri)
    wanted = {"direct"} if rules.source_evidence_directness == "direct" else {"direct", "indirect"}
    for claim, claim_items in items.items():
        for item in claim_items:
            if not item.counted or item.stance not in ("supports", "contradicts"):
                continue
            side = "for" if item.stance == "supports" else "against"
            finding = item.finding
            if finding.reported_by is not None and (item.directness in wanted or item.own):
                out[(finding.reported_by, claim)][side].append(Ground(f"reports {ev.label(finding.study)}, which {item.stance} it", finding.iri))
            if item.directness not in wanted:
                continue
            for citer in sorted(citing.get(finding.study, ()), key=str):
                if citer != finding.reported_by:
                    out[(citer, claim)][side].append(Ground(f"cites {ev.label(finding.study)}, which {item.stance} it", finding.iri))
    return {
        key: {side: sorted(set(grounds)) for side, grounds in sides.items()}
        for key, sides in sorted(out.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1])))
    }


def source_relations(evidence: Evidence, stands: dict[tuple[URIRef, URIRef], dict[str, list[Ground]]]) -> list[Relation]:
    """Sources agree when they take the same side of a claim, disagree when they take opposite sides."""
    by_claim: dict[URIRef, dict[str, dict[URIRef, list[Ground]]]] = defaultdict(lambda: {"for": {}, "against": {}})
    for (source, claim), sides in stands.items():
        for side, grounds in sides.items():
            if grounds:
                by_claim[claim][side][source] = grounds
    relations: dict[tuple[str, tuple[URIRef, URIRef]], Relation] = {}
    ev = evidence

    def add(kind: str, claim: URIRef, x: tuple[URIRef, list[Ground]], y: tuple[URIRef, list[Ground]]) -> None:
        (a, ga), (b, gb) = sorted((x, y), key=lambda p: str(p[0]))
        rel = relations.setdefault((kind, (a, b)), Relation(kind, (a, b)))
        rel.claims.add(claim)
        rel.grounds.update(g.node for g in (*ga, *gb))
        rel.details.append(f"on \u201c{ev.claims[claim].label}\u201d, {ev.label(a)} {ga[0].text}; {ev.label(b)} {gb[0].text}")

    for claim in sorted(by_claim, key=str):
        on_claim = by_claim[claim]
        for side in ("for", "against"):
            for x, y in combinations(sorted(on_claim[side].items(), key=lambda p: str(p[0])), 2):
                add("agreement", claim, x, y)
        for x in sorted(on_claim["for"].items(), key=lambda p: str(p[0])):
            for y in sorted(on_claim["against"].items(), key=lambda p: str(p[0])):
                if x[0] != y[0]:
                    add("disagreement", claim, x, y)
    return [relations[k] for k in sorted(relations, key=lambda k: (k[0], str(k[1][0]), str(k[1][1])))]
