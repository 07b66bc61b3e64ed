"""Ingest against the labelled fixture documents of tests/fixtures/ingest (answers.yaml): one per style.

Counts, over all fixtures: reference fields read exactly (family names, year, journal, volume, pages),
markers resolved to the labelled entries, and statements drafted (recall and precision against the
sentences a curator would draft). The PDF fixture is the Vancouver letter printed to PDF with fpdf2.

Run: .venv/bin/python bench/ingest_fixtures.py   (prints the Markdown table of bench/README.md)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from kgraph import resources
from kgraph.ingest.run import ingest

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "ingest"
FIELDS = ("authors", "year", "journal", "volume", "pages")


def write_pdf(text: str, path: Path) -> None:
    """The text printed as a PDF with a text layer (fpdf2's core font, so Latin-1 characters only)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for paragraph in text.split("\n"):
        pdf.multi_cell(0, 5, paragraph.replace("–", "-"), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def score(name: str, path: Path, answer: dict, corpus: Path) -> dict[str, int]:
    data = ingest(path, corpus, source_id="fixture").drafts.as_json("")
    refs = {r["marker"]: r for r in data["references"]}
    counts = dict.fromkeys(("fields", "fields_ok", "markers", "markers_ok", "wanted", "found", "drafted", "relevant"), 0)
    for expected in answer["references"]:
        got = refs.get(expected["marker"], {})
        for name_ in FIELDS:
            value = [a.rsplit(" ", 1)[0] if " " in a and a.split(" ")[-1].isupper() else a for a in got.get("authors", [])][:len(expected["authors"])] \
                if name_ == "authors" else got.get(name_)
            counts["fields"] += 1
            counts["fields_ok"] += value == expected[name_]
    for marker, cited in answer["markers"].items():
        statement = next((s for s in data["statements"] if marker in s["cites"]), None)
        wanted = [next((r["record"] for r in data["references"] if r["marker"] == f"[{c}]" or
                        (isinstance(c, str) and r["authors"] and r["authors"][0].startswith(c))), None) for c in cited]
        counts["markers"] += 1
        counts["markers_ok"] += statement is not None and None not in wanted and statement["references"] == wanted
    for sentence in answer["statements"]:
        counts["wanted"] += 1
        counts["found"] += any(sentence in s["quote"] for s in data["statements"])
    for s in data["statements"]:
        counts["drafted"] += 1
        counts["relevant"] += any(sentence in s["quote"] for sentence in answer["statements"])
    return counts


def measure(corpus: Path) -> dict[str, dict[str, int]]:
    answers = yaml.safe_load((FIXTURES / "answers.yaml").read_text(encoding="utf-8"))
    results = {name: score(name, FIXTURES / name, answer, corpus) for name, answer in answers.items()}
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "letter-vancouver.pdf"
        write_pdf((FIXTURES / "letter-vancouver.txt").read_text(encoding="utf-8"), pdf)
        results["letter-vancouver.pdf"] = score("pdf", pdf, answers["letter-vancouver.txt"], corpus)
    return results


def main() -> None:
    results = measure(resources.default_corpus())
    print("| fixture | reference fields exact | markers resolved | statement recall | statement precision |")
    print("|---|---:|---:|---:|---:|")
    total = dict.fromkeys(next(iter(results.values())), 0)
    for name, c in results.items():
        for k in total:
            total[k] += c[k]
        print(f"| {name} | {c['fields_ok']}/{c['fields']} | {c['markers_ok']}/{c['markers']} | {c['found']}/{c['wanted']} | {c['relevant']}/{c['drafted']} |")
    t = total
    print(f"| **all** | {t['fields_ok'] / t['fields']:.0%} | {t['markers_ok'] / t['markers']:.0%} | {t['found'] / t['wanted']:.0%} | {t['relevant'] / t['drafted']:.0%} |")


if __name__ == "__main__":
    main()
