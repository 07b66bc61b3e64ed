"""One claim's evidence as plain data: what ``kgraph evidence`` shows, in every format.

The report is a dict of strings, numbers, booleans and lists, in a fixed
order, so that the JSON output is deterministic and the text and Markdown
renderings are views of the same facts.
"""

from __future__ import annotations

from collections import Counter

from rdflib import URIRef

from kgraph.errors import KgraphError
from kgraph.infer import Inference
from kgraph.infer.certainty import set_aside_summary
from kgraph.infer.evidence import local_id
from kgraph.infer.network import chains
from kgraph.infer.relate import Item
from kgraph.infer.summaries import is_summary

STANCE_LISTS = {"supports": "supporting", "contradicts": "contradicting", "mixed": "mixed", "inconclusive": "inconclusive"}
DIRECTNESS_ORDER = {"direct": 0, "indirect": 1}


class ClaimLookupError(KgraphError, LookupError):
    """No claim, or several, match what the user typed; carries the candidates."""

    def __init__(self, message: str, candidates: list[tuple[str, str]]) -> None:
        super().__init__(message)
        self.candidates = candidates


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def find_claim(inference: Inference, text: str) -> URIRef:
    """The claim whose id is ``text``, else whose label is ``text`` (case and spacing aside), else the one whose label and text hold every word of it.

    An exact name wins over words: the words of "kyphoplasty reduces back
    pain at 1 month" also occur in the claim about 12 months. Several
    claims holding the words are raised as candidates, those whose label
    holds them all first, then by id.
    """
    ev = inference.evidence
    by_id = {claim.id: iri for iri, claim in ev.claims.items()}
    if text.strip() in by_id:
        return by_id[text.strip()]
    named = sorted((claim.id, claim.label) for claim in ev.claims.values() if _folded(claim.label) == _folded(text))
    words = text.casefold().split()
    ranked = sorted(
        (not all(word in claim.label.casefold() for word in words), claim.id, claim.label)
        for claim in ev.claims.values()
        if words and all(word in f"{claim.label} {claim.text}".casefold() for word in words)
    )
    found = named or [(cid, label) for _, cid, label in ranked]
    if len(found) == 1:
        return by_id[found[0][0]]
    if not found:
        raise ClaimLookupError(f"no claim has the id or label {text!r}, or all its words in its label or text; find one with `kgraph query find-claims -p words=WORD`", [])
    raise ClaimLookupError(f"{len(found)} claims match {text!r}; give one of these ids", found)


def claim_report(inference: Inference, claim: URIRef) -> dict:
    """Everything ``kgraph evidence`` says about one claim."""
    ev, rules = inference.evidence, inference.rules
    c = ev.claims[claim]
    assessment = inference.assessments[claim]
    consensus = inference.consensus[claim]
    items = sorted(
        inference.items.get(claim, []),
        key=lambda i: (DIRECTNESS_ORDER[i.directness], -rules.rank(i.level), ev.label(i.finding.study), i.finding.id),
    )
    base = {i.finding.iri for i in assessment.base}
    leading = {i.finding.iri for i in assessment.leading}
    report: dict = {
        "claim": {
            "id": c.id,
            "iri": str(c.iri),
            "label": c.label,
            "text": c.text,
            "type": c.claim_type,
            "intervention": _term(ev, c.intervention),
            "comparator": _term(ev, c.comparator),
            "outcome": _term(ev, c.outcome),
            "population": _term(ev, c.population),
            "direction": c.direction,
            "time_frame": c.time_frame,
            "summarises": [local_id(s) for s in c.summarises],
            "evidence_shows": c.evidence_shows,
        },
        "certainty": assessment.level,
        "starting_level": assessment.start,
        "reasons": assessment.reasons,
        "downgrades": [
            {"rule": s.rule.id, "domain": s.rule.domain, "change": s.rule.change, "from": s.before, "to": s.after, "reason": s.reason}
            for s in assessment.steps
        ],
        "consensus": consensus.verdict,
        "consensus_reason": consensus.reason,
        "contested": consensus.contested,
        "summarised": [
            {
                "claim": local_id(other),
                "label": ev.claims[other].label,
                "certainty": inference.assessments[other].level,
                "consensus": inference.consensus[other].verdict,
            }
            for other in c.summarises
            if other in ev.claims and not is_summary(ev.claims[other])
        ],
        "arithmetic": arithmetic(inference, claim),
    }
    for stance, key in STANCE_LISTS.items():
        report[key] = [_row(inference, i, _counts_as(i, base, leading)) for i in items if i.counted and i.stance == stance]
    report["set_aside"] = [_row(inference, i, "set aside") for i in items if not i.counted]
    report["appearances"] = _appearances(inference, claim)
    report["conflicts"] = [
        {
            "kind": conflict.kind,
            "apparent": conflict.apparent,
            "findings": [conflict.first.id, conflict.second.id],
            "reason": conflict.reason(ev),
        }
        for conflict in inference.conflicts
        if claim in conflict.claims
    ]
    report["evidence_lines"] = [
        {
            "studies": [local_id(s) for s in line.studies],
            "sources": [local_id(s) for s in line.sources],
            "paths": [f"{ev.label(s)}: {line.paths[s]}" for s in line.sources],
        }
        for line in inference.lines.get(claim, [])
        if line.studies
    ]
    report["citations"] = [
        {"statement": check.statement.id, "work": local_id(check.work), "fidelity": check.fidelity, "reason": check.reason}
        for check in inference.citations
        if check.statement.claim == claim
    ]
    return report


def arithmetic(inference: Inference, claim: URIRef) -> dict:
    """The counts a reviewer checks the rating against: findings counted, in the base, leading, and set aside by reason."""
    ev = inference.evidence
    items = inference.items.get(claim, [])
    assessment = inference.assessments[claim]
    counted = [i for i in items if i.counted]
    aside = Counter(i.set_aside for i in items if i.set_aside is not None)
    studies = {i.finding.study for i in counted}
    base_studies = sorted({ev.label(i.finding.study) for i in assessment.base})
    leading = sorted({ev.label(i.finding.study) for i in assessment.leading})
    words = [f"{len(counted)} finding{'s' if len(counted) != 1 else ''} from {len(studies)} stud{'ies' if len(studies) != 1 else 'y'} counted"]
    if counted:
        words.append(f"the rating rests on {len(assessment.base)} (the most direct), led by {', '.join(leading)}")
    if aside:
        words.append(set_aside_summary(items))
    return {
        "counted": len(counted),
        "studies": len(studies),
        "base": len(assessment.base),
        "base_studies": base_studies,
        "leading_studies": leading,
        "set_aside": dict(sorted(aside.items())),
        "summary": "; ".join(words),
    }


def _counts_as(item: Item, base: set[URIRef], leading: set[URIRef]) -> str:
    """What a counted finding does in the rating: leads it, is in its base, or is outweighed by more direct evidence."""
    if item.finding.iri in leading:
        return "leading"
    return "base" if item.finding.iri in base else "less direct"


def _term(ev, iri: URIRef | None) -> str | None:
    return ev.label(iri) if iri is not None else None


def _fact(value: bool | None) -> str:
    return "not reported" if value is None else "yes" if value else "no"


def _row(inference: Inference, item: Item, counts_as: str) -> dict:
    ev = inference.evidence
    finding = item.finding
    study = ev.studies[finding.study]
    return {
        "finding": finding.id,
        "study": study.id,
        "study_label": study.label,
        "design": study.design,
        "participants": study.participants,
        "randomised": _fact(study.randomised),
        "blinded": _fact(study.blinded),
        "sham_controlled": _fact(study.sham_controlled),
        "funder": study.funder or "not reported",
        "funder_has_stake": _fact(study.funder_has_stake),
        "time_point": finding.time_point,
        "months": finding.months,
        "stance": item.stance,
        "stance_on_own_claim": finding.stance,
        "bears_as": item.transfer,
        "effect": finding.effect,
        "p": finding.p_value or None,
        "significance": finding.significance,
        "evidence": item.directness,
        "counts_as": counts_as,
        "set_aside": item.set_aside,
        "starting_level": item.level,
        "differences": [d.text for d in item.differences],
        "reason": item.reason(ev),
        "reported_by": local_id(finding.reported_by) if finding.reported_by else None,
        "quote": finding.quote,
    }


def _appearances(inference: Inference, claim: URIRef) -> list[dict]:
    ev = inference.evidence
    out = []
    for statement in sorted(ev.statements_by_claim.get(claim, []), key=lambda s: (str(s.source), s.id)):
        paths = chains(ev, inference.citation_graph, statement)
        source = ev.sources.get(statement.source)
        out.append(
            {
                "statement": statement.id,
                "source": local_id(statement.source),
                "source_label": ev.label(statement.source),
                "source_kind": source.kind if source else None,
                "author_role": source.author_role if source else None,
                "interests": list(source.interests) if source else [],
                "mode": statement.mode,
                "unreviewed": statement.draft,
                "quote": statement.quote,
                "marker": statement.marker or None,
                "cites": [local_id(w) for w in statement.cites],
                "chains": [" -> ".join(ev.label(node) for node in path) for path in paths],
            }
        )
    return out
