"""Synthetic corpora shaped like the bundled one, at any size, as record folders a curator could have written.

A corpus is made of *units*, each a small slice of a topic as the kyphoplasty
corpus has it: four claims with their PICO parts (a short-term and a long-term
effect, a harm, a practice claim), three studies (a randomised trial with two
arms, a sham-controlled trial, a patient's report), four sources (a journal
article that reports the trial and cites the previous unit's article, a
patient's blog post that cites it, a reader's comment on the post, a clinic's
page with an interest), five statements with exact quotes and citation
markers, and five findings (supporting, contradicting, inconclusive and mixed,
at 1 and 12 months). Every ten units form a topic with controlled terms of its
own (interventions under a common broader term, comparators, outcomes,
populations), as a review group's many topics would: claims relate within a
topic, so the derived layer grows with the corpus, not with its square. Units are
grouped 100 to a file, with one text file per group holding every quoted
sentence, so a 10^7-triple corpus is a few thousand files. Everything is
derived from the unit number: the same size gives the same bytes.

    .venv/bin/python bench/generate.py --triples 100000 -o /tmp/kg-1e5
    .venv/bin/kgraph validate /tmp/kg-1e5

Tests import :func:`generate` to make small corpora.
"""

from __future__ import annotations

import argparse
import datetime
import shutil
from pathlib import Path

import yaml

TRIPLES_PER_UNIT = 1080
"""Triples of the built graph (asserted and derived) per unit, measured on 100 units."""

UNITS_PER_FILE = 100
BASE = "https://w3id.org/kgraph/synthetic/"
UNITS_PER_TOPIC = 10
INTERVENTIONS = ("balloon-kyphoplasty", "vertebroplasty")
COMPARATORS = ("supportive-care", "conservative-care")
OUTCOMES = ("back-pain", "quality-of-life", "physical-function", "mobility")
POPULATIONS = ("osteoporotic-vcf", "myeloma-vcf")
SCHEMES = {"intervention": (*INTERVENTIONS, *COMPARATORS, "sham-procedure", "augmentation"), "outcome": (*OUTCOMES, "new-fractures"), "population": POPULATIONS}
EXAMPLES = {"claim": "u0-short-term", "study": "u0-trial", "source": "u0-article", "statement": "u0-article-claim", "finding": "u0-trial-1-month"}
"""A parameter value of each record kind that exists in every generated corpus."""


def units_for(triples: int) -> int:
    return max(1, round(triples / TRIPLES_PER_UNIT))


def example_value(name: str, kind: str | None, type_: str) -> str:
    """A value for a named query's parameter that finds something in a generated corpus."""
    if kind == "term":
        return "t0-back-pain" if name == "outcome" else "t0-balloon-kyphoplasty"
    if kind is not None:
        return EXAMPLES[kind]
    return "back pain" if type_ == "string" else "1"


def unit(k: int) -> tuple[dict[str, list[dict]], list[str]]:
    """The records of unit ``k`` and the sentences its quotes are taken from."""
    u = f"u{k}"
    t = f"t{k // UNITS_PER_TOPIC}-"
    intervention = t + INTERVENTIONS[k % 2]
    comparator = t + COMPARATORS[k % 2]
    outcome = t + OUTCOMES[k % 4]
    population = t + POPULATIONS[(k // 4) % 2]
    sham, fractures = t + "sham-procedure", t + "new-fractures"
    said = {
        "article": f"In trial {u}, {intervention} reduced {outcome} at one month compared with {comparator} (p<0.001).",
        "article-12": f"At twelve months the difference in trial {u} was no longer clear.",
        "sham": f"The sham-controlled trial {u} found no benefit over a sham procedure at one month.",
        "harm": f"New fractures in trial {u} were as frequent in both groups, with cement leakage in a few patients.",
        "blog": f"My doctor says {intervention} worked wonders for pain in study {u} [1].",
        "comment": f"I had it done ({u}) and my pain was gone the next day, but will it last?",
        "clinic": f"Our clinic ({u}) offers {intervention}, a safe procedure that gets patients back on their feet.",
        "clinic-harm": f"Complications such as new fractures are rare at our clinic ({u}).",
    }
    claims = [
        _claim(f"{u}-short-term", f"{intervention} improves {outcome} at 1 month ({u})", "effect", intervention, comparator, outcome, population, "improves", "short-term"),
        _claim(f"{u}-long-term", f"{intervention} improves {outcome} at 12 months ({u})", "effect", intervention, comparator, outcome, population, "improves", "long-term"),
        _claim(f"{u}-new-fractures", f"{intervention} raises the risk of new fractures ({u})", "safety", intervention, comparator, fractures, population, "increases-risk", "any"),
        {"id": f"{u}-safe", "label": f"{intervention} is a safe procedure ({u})", "text": f"The procedure is safe for most patients (unit {u}).", "claim_type": "practice"},
    ]
    size = 100 + 7 * (k % 50)
    studies = [
        _study(f"{u}-trial", "randomised-controlled-trial", size, intervention, comparator, population, funding="industry", blinded=False, sham=False, arms=True),
        _study(f"{u}-sham", "sham-controlled-trial", 60 + k % 40, intervention, sham, population, funding="public", blinded=True, sham=True, arms=True),
        {
            **_study(f"{u}-report", "patient-report", 1, intervention, "unknown", population, funding="unknown", blinded="unknown", sham=False, arms=False),
            "title": f"[Reader's experience of {intervention}, {u}]",
        },
    ]
    text_file = f"g{k // UNITS_PER_FILE:05d}.txt"
    previous = [f"u{k - 1}-article"] if k else []
    sources = [
        {
            "id": f"{u}-article",
            "kind": "journal-article",
            "label": f"Trial report {u}",
            "title": f"{intervention} versus {comparator} for {population} ({u})",
            "authors": [f"Author {k % 97}", f"Author {(k + 13) % 97}"],
            "author_role": "researcher",
            "publisher": "Journal of Synthetic Spine",
            "issued": datetime.date(2000 + k % 25, 1 + k % 9, 10 + k % 10),
            "doi": f"10.5555/synthetic.{k}",
            "reports_on": [f"{u}-trial", f"{u}-sham"],
            "cites": [f"{u}-trial", f"{u}-sham", *previous],
            "text_file": text_file,
        },
        {"id": f"{u}-blog", "kind": "blog-post", "label": f"Patient blog {u}", "title": f"My fracture and {intervention} ({u})", "author_role": "patient", "cites": [f"{u}-article"], "text_file": text_file},
        {"id": f"{u}-comment", "kind": "comment", "label": f"Reader comment on blog {u}", "title": f"[Reader comment on blog {u}]", "author_role": "patient", "part_of": f"{u}-blog"},
        {"id": f"{u}-clinic", "kind": "web-page", "label": f"Clinic page {u}", "title": f"{intervention} at our clinic ({u})", "author_role": "clinic", "interests": ["provides-procedure"], "text_file": text_file},
    ]
    statements = [
        {"id": f"{u}-article-claim", "source": f"{u}-article", "claim": f"{u}-short-term", "mode": "asserts", "quote": said["article"], "cites": [f"{u}-trial"], "marker": "[1]"},
        {"id": f"{u}-blog-claim", "source": f"{u}-blog", "claim": f"{u}-short-term", "mode": "reports", "quote": said["blog"], "cites": [f"{u}-article"], "marker": "[1]"},
        {"id": f"{u}-comment-doubt", "source": f"{u}-comment", "claim": f"{u}-long-term", "mode": "questions", "quote": said["comment"]},
        {"id": f"{u}-clinic-safe", "source": f"{u}-clinic", "claim": f"{u}-safe", "mode": "asserts", "quote": said["clinic"]},
        {"id": f"{u}-clinic-harm", "source": f"{u}-clinic", "claim": f"{u}-new-fractures", "mode": "denies", "quote": said["clinic-harm"]},
    ]
    findings = [
        _finding(f"{u}-trial-1-month", f"{u}-trial", f"{u}-short-term", "supports", outcome, "1 month", 1, "significant", f"{u}-article", said["article"], p_value="<0.001"),
        _finding(f"{u}-sham-1-month", f"{u}-sham", f"{u}-short-term", "contradicts", outcome, "1 month", 1, "not-significant", f"{u}-article", said["sham"]),
        _finding(f"{u}-trial-12-months", f"{u}-trial", f"{u}-long-term", "inconclusive", outcome, "12 months", 12, "not-reported", f"{u}-article", said["article-12"]),
        _finding(f"{u}-report-pain", f"{u}-report", f"{u}-short-term", "supports", outcome, "the next day", 0, "not-tested", f"{u}-comment", said["comment"]),
        _finding(f"{u}-trial-harms", f"{u}-trial", f"{u}-new-fractures", "mixed", fractures, "12 months", 12, "not-reported", f"{u}-article", said["harm"]),
    ]
    records = {"claims": claims, "studies": studies, "sources": sources, "statements": statements, "findings": findings}
    return records, list(said.values())


def _claim(cid: str, label: str, claim_type: str, intervention: str, comparator: str, outcome: str, population: str, direction: str, time_frame: str) -> dict:
    return {
        "id": cid,
        "label": label,
        "text": f"In this population, {label}.",
        "claim_type": claim_type,
        "intervention": intervention,
        "comparator": comparator,
        "outcome": outcome,
        "population": population,
        "direction": direction,
        "time_frame": time_frame,
    }


def _study(sid: str, design: str, participants: int, intervention: str, comparator: str, population: str, *, funding: str, blinded, sham: bool, arms: bool) -> dict:
    study = {
        "id": sid,
        "label": f"Study {sid}",
        "title": f"A {design.replace('-', ' ')} of {intervention} ({sid})",
        "authors": [f"Investigator {len(sid) % 11}"],
        "venue": "Synthetic Spine J",
        "year": 2000 + participants % 25,
        "design": design,
        "randomised": design != "patient-report",
        "blinded": blinded,
        "sham_controlled": sham,
        "prospective": design != "patient-report",
        "participants": participants,
        "follow_up_months": 12 if design != "patient-report" else "unknown",
        "population": population,
        "intervention": intervention,
        "comparator": comparator,
        "funder": {"industry": "Spine Devices Inc", "public": "National Research Fund"}.get(funding, "unknown"),
        "funding": funding,
        "funder_has_stake": funding == "industry" if funding != "unknown" else "unknown",
    }
    if arms:
        half = participants // 2
        study["arms"] = [
            {"id": f"{sid}-treated", "label": intervention, "intervention": intervention, "participants": participants - half},
            {"id": f"{sid}-control", "label": comparator, "intervention": comparator, "participants": half},
        ]
    return study


def _finding(fid, study, claim, stance, outcome, time_point, months, significance, reported_by, quote, p_value=None) -> dict:
    finding = {
        "id": fid,
        "study": study,
        "claim": claim,
        "stance": stance,
        "outcome": outcome,
        "time_point": time_point,
        "time_point_months": months,
        "significance": significance,
        "reported_by": reported_by,
        "quote": quote,
    }
    if p_value:
        finding["p_value"] = p_value
    return finding


def topic_terms(topic: int) -> list[dict]:
    """The controlled terms of one topic: its interventions share a broader term, as in terms.yaml."""
    t = f"t{topic}-"
    terms = []
    for scheme, names in SCHEMES.items():
        for name in names:
            term = {"id": t + name, "label": f"{name.replace('-', ' ')} (topic {topic})", "scheme": scheme}
            if name in INTERVENTIONS:
                term["broader"] = [t + "augmentation"]
            terms.append(term)
    return terms


def generate(out: Path, units: int) -> Path:
    """Write a corpus of ``units`` units to ``out`` (replacing it) and return ``out``."""
    if out.exists():
        shutil.rmtree(out)
    (out / "sources").mkdir(parents=True)
    (out / "texts").mkdir()
    corpus = {
        "corpus": {
            "id": "synthetic",
            "title": f"Synthetic corpus of {units} units",
            "description": "Generated by bench/generate.py for scale tests; shaped like the kyphoplasty corpus.",
            "base": BASE,
            "texts": "texts",
        }
    }
    _dump(out / "corpus.yaml", corpus)
    topics = range((units + UNITS_PER_TOPIC - 1) // UNITS_PER_TOPIC)
    _dump(out / "terms.yaml", {"terms": [term for topic in topics for term in topic_terms(topic)]})
    for first in range(0, units, UNITS_PER_FILE):
        group: dict[str, list[dict]] = {}
        sentences: list[str] = []
        for k in range(first, min(first + UNITS_PER_FILE, units)):
            records, said = unit(k)
            for key, items in records.items():
                group.setdefault(key, []).extend(items)
            sentences += said
        name = f"g{first // UNITS_PER_FILE:05d}"
        _dump(out / "sources" / f"{name}.yaml", group)
        (out / "texts" / f"{name}.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
    return out


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, required=True, help="about how many triples the built graph should have")
    parser.add_argument("-o", "--out", type=Path, required=True, help="folder to write (replaced)")
    args = parser.parse_args()
    units = units_for(args.triples)
    generate(args.out, units)
    print(f"{args.out}: {units} units, about {units * TRIPLES_PER_UNIT:,} triples")


if __name__ == "__main__":
    main()
