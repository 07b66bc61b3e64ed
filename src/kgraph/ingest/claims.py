"""Which existing claim a drafted statement most likely states, or the parts of a new draft claim.

A claim is the same when its intervention is the statement's (or broader or
narrower), its outcome is the statement's, and its direction and time frame
do not disagree; the closer the other parts (comparator, population), the
better. The time frames' bounds are those of ``ontology/evidence-rules.yaml``,
so ingest and the derived layer read "short-term" alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from kgraph import resources
from kgraph.ingest.corpus import Claim
from kgraph.ingest.terms import Vocabulary


@dataclass(frozen=True)
class Parts:
    """The structured parts a statement was read to have."""

    claim_type: str
    intervention: str | None
    comparator: str | None
    outcome: str | None
    population: str | None
    direction: str | None
    months: float | None


@cache
def time_frames() -> dict[str, tuple[float | None, float | None]]:
    """The time frames of ``ontology/evidence-rules.yaml`` as (from, to) months."""
    data = yaml.safe_load((resources.ontology_dir() / "evidence-rules.yaml").read_text(encoding="utf-8"))
    return {code: (bounds.get("from"), bounds.get("to")) for code, bounds in data["time_frames"].items()}


def frame_of(months: float | None) -> str | None:
    """The narrowest time frame that holds ``months`` (``immediate`` before ``short-term``)."""
    if months is None:
        return None
    fitting = [(code, lo, hi) for code, (lo, hi) in time_frames().items() if lo is not None and months >= lo and (hi is None or months < hi)]
    fitting.sort(key=lambda f: (f[2] if f[2] is not None else float("inf")) - f[1])
    return fitting[0][0] if fitting else None


def _within(frame: str | None, months: float | None) -> bool | None:
    if frame is None or months is None:
        return None
    lo, hi = time_frames().get(frame, (None, None))
    return (lo is None or months >= lo) and (hi is None or months < hi)


def best_claim(parts: Parts, claims: list[Claim], vocabulary: Vocabulary) -> tuple[Claim | None, str]:
    """The claim the parts most likely state, with the parts it matched on; None when none shares intervention and outcome (or type)."""
    best: tuple[int, Claim, list[str]] | None = None
    for claim in claims:
        if not parts.intervention or not claim.intervention or not vocabulary.related(parts.intervention, claim.intervention):
            continue
        if parts.outcome != claim.outcome or (parts.outcome is None and parts.claim_type != claim.claim_type):
            continue
        if parts.direction and claim.direction and parts.direction != claim.direction:
            continue
        within = _within(claim.time_frame, parts.months)
        if within is False and claim.time_frame != "any":
            continue
        matched = ["intervention" if claim.intervention == parts.intervention else "related intervention", "outcome" if parts.outcome else "type"]
        score = 4 if claim.intervention == parts.intervention else 2
        for name in ("comparator", "population", "direction"):
            mine, theirs = getattr(parts, name), getattr(claim, name)
            if mine and theirs and (mine == theirs or (name == "population" and vocabulary.related(mine, theirs))):
                score += 2 if mine == theirs else 1
                matched.append(name)
        if within:
            score += 2 if claim.time_frame != "any" else 0
            matched.append("time frame")
        if claim.claim_type == parts.claim_type:
            score += 1
        if best is None or score > best[0]:
            best = (score, claim, matched)
    if best is None:
        return None, "no claim with this intervention and outcome"
    return best[1], "+".join(best[2])
