"""Ingest against the labelled fixture documents of tests/fixtures/ingest (answers.yaml): one per style.

Counts, over all fixtures: reference fields read exactly (family names, year, journal, volume, pages),
markers resolved to the labelled entries, readers' comments read as sources of their own (author, date,
part of the page, the comment a reply answers), and statements drafted (recall and precision against the
sentences a curator would draft, each stated by the right source: the page, or the comment it is in).
The PDF fixture is the Vancouver letter printed to PDF with fpdf2.

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


def score(path: Path, answer: dict, corpus: Path) -> dict[str, int]:
    """Counts of one fixture's drafts (the --dry-run JSON) against its labelled answer."""
    data = ingest(path, corpus, source_id="fixture").drafts.as_json("")
    refs = {r["marker"]: r for r in data["references"]}
    counts = dict.fromkeys(("fields", "fields_ok", "markers", "markers_ok", "comments", "comments_ok", "wanted", "found", "drafted", "relevant"), 0)
    for expected in answer["references"]:
        got = refs.get(expected["marker"], {})
        for name_ in FIELDS:
            value = [a.rsplit(" ", 1)[0] if " " in a and a.split(" ")[-1].isupper() else a for a in got.get("authors", [])][:len(expected["authors"])] \
                if name_ == "authors" else got.get(name_)
            counts["fields"] += 1
            counts["fields_ok"] += value == expected[name_]
    for marker, cited in answer["markers"].items():
        statement = next((s for s in data["statements"] if marker in s["cites"]), None)
        wanted = [next((r["record"] for r in data["references"] if _cites(r, c)), None) for c in cited]
        counts["markers"] += 1
        counts["markers_ok"] += statement is not None and None not in wanted and statement["references"] == wanted
    # Who states each labelled sentence: the page, or the reader's comment it is in.
    comments = data["source"]["comments"]
    labelled = [(sentence, data["source"]["id"]) for sentence in answer["statements"]]
    for n, expected in enumerate(answer.get("comments", [])):
        got = comments[n] if n < len(comments) else {}
        replies = next((c["id"] for c, e in zip(comments, answer["comments"]) if e["author"] == expected.get("reply_to")), None)
        counts["comments"] += 1
        counts["comments_ok"] += got.get("authors") == [expected["author"]] and got.get("date") == str(expected["date"]) and \
            got.get("part_of") == data["source"]["id"] and (expected.get("reply_to") is None or replies is not None)
        labelled.extend((sentence, got.get("id")) for sentence in expected["statements"])
    counts["comments"] += max(len(comments) - len(answer.get("comments", [])), 0)
    for sentence, source in labelled:
        counts["wanted"] += 1
        counts["found"] += any(sentence in s["quote"] and s["source"] == source for s in data["statements"])
    for s in data["statements"]:
        counts["drafted"] += 1
        counts["relevant"] += any(sentence in s["quote"] and s["source"] == source for sentence, source in labelled)
    return counts


def _cites(reference: dict, cited: int | str) -> bool:
    """Whether a reference is the one labelled: by its list number (``3``), or by first author and year (``Kallmes 2009``)."""
    if isinstance(cited, int):
        return reference["marker"] == f"[{cited}]"
    surname, year = cited.rsplit(" ", 1)
    return bool(reference["authors"]) and reference["authors"][0].startswith(surname) and reference["year"] == int(year)


def measure(corpus: Path) -> dict[str, dict[str, int]]:
    answers = yaml.safe_load((FIXTURES / "answers.yaml").read_text(encoding="utf-8"))
    results = {name: score(FIXTURES / name, answer, corpus) for name, answer in answers.items()}
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "letter-vancouver.pdf"
        write_pdf((FIXTURES / "letter-vancouver.txt").read_text(encoding="utf-8"), pdf)
        results["letter-vancouver.pdf"] = score(pdf, answers["letter-vancouver.txt"], corpus)
    return results


def main() -> None:
    results = measure(resources.default_corpus())
    print("| fixture | reference fields exact | markers resolved | readers' comments | statement recall | statement precision |")
    print("|---|---:|---:|---:|---:|---:|")
    total = dict.fromkeys(next(iter(results.values())), 0)
    for name, c in results.items():
        for k in total:
            total[k] += c[k]
        print(f"| {name} | {c['fields_ok']}/{c['fields']} | {c['markers_ok']}/{c['markers']} | {c['comments_ok']}/{c['comments']} | "
              f"{c['found']}/{c['wanted']} | {c['relevant']}/{c['drafted']} |")
    t = total
    print(f"| **all** | {t['fields_ok'] / t['fields']:.0%} | {t['markers_ok'] / t['markers']:.0%} | {t['comments_ok']}/{t['comments']} | "
          f"{t['found'] / t['wanted']:.0%} | {t['relevant'] / t['drafted']:.0%} |")


if __name__ == "__main__":
    main()
