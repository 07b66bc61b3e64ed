"""How much of the curated corpus `kgraph ingest` recovers from the four seed documents on its own.

For each curated source file of data/kyphoplasty/sources, ingest drafts the seed text (as a user would
save it) against the curated corpus, writing nothing, and two things are counted:

- quotes: a curated statement's quote is recovered when a drafted statement's quote overlaps it in the text;
- citation links: a curated "statement cites X" is recovered when a drafted statement overlapping the
  curated quote resolves a citation to the same corpus record X.

Run: .venv/bin/python bench/ingest_seeds.py   (prints the Markdown table of bench/README.md)
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from kgraph import resources
from kgraph.ingest.run import ingest

ROOT = Path(__file__).resolve().parents[1]


def spans(text: str, quote: str) -> tuple[int, int] | None:
    at = text.find(quote)
    if at < 0:
        at = text.find(" ".join(quote.split()))
    return (at, at + len(quote)) if at >= 0 else None


def measure(corpus: Path) -> list[tuple[str, int, int, int, int, int]]:
    texts = (corpus / yaml.safe_load((corpus / "corpus.yaml").read_text())["corpus"]["texts"]).resolve()
    rows = []
    for path in sorted((corpus / "sources").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text_file = next(s["text_file"] for s in data["sources"] if s.get("text_file"))
        outcome = ingest(texts / text_file, corpus, source_id=f"bench-{path.stem}")
        text = outcome.drafts.document.text
        drafted = [(d.offset, d.offset + len(d.quote), set(outcome.drafts.as_json("")["statements"][i]["references"]))
                   for i, (_, d) in enumerate(outcome.drafts.statements)]
        quotes = found = links = linked = 0
        for statement in data.get("statements", []):
            span = spans(text, statement["quote"])
            quotes += 1
            hits = [d for d in drafted if span and d[0] < span[1] and span[0] < d[1]]
            found += bool(hits)
            for cited in statement.get("cites", []):
                links += 1
                linked += any(cited in d[2] for d in hits)
        rows.append((path.stem, quotes, found, links, linked, len(drafted)))
    return rows


def main() -> None:
    rows = measure(Path(sys.argv[1]) if len(sys.argv) > 1 else resources.default_corpus())
    print("| seed | curated quotes | overlapped by a draft | curated citation links | recovered | statements drafted |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, quotes, found, links, linked, drafted in rows:
        print(f"| {name} | {quotes} | {found} | {links} | {linked} | {drafted} |")
    q, f, lk, ld, dr = (sum(r[i] for r in rows) for i in range(1, 6))
    print(f"| **all four** | {q} | {f} ({f / q:.0%}) | {lk} | {ld} ({ld / lk:.0%}) | {dr} |")


if __name__ == "__main__":
    main()
