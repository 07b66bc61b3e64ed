"""The libraries ingest reads documents with, each measured against a candidate on the labelled fixtures.

- **PDF text**: pypdf (used) against pdfminer.six, on the Vancouver letter printed to PDF (the PDF fixture):
  the words in order against the letter's own text (difflib ratio), the letter's paragraphs and reference
  entries that come out as one line each after ingest's line joining, the fixture scores when ingest reads
  the PDF through each library, and the CPU time of each alone on the 30-page PDF of bench/ingest_speed.py.
- **HTML main text**: trafilatura (used) against selectolax alone (the page's ``article`` or ``main`` less its
  scripts, menus, banners, asides, forms and footers), on the three HTML fixtures: the labelled sentences
  the text keeps (recall), the labelled site furniture it lets through (answers.yaml ``boilerplate``), and
  the CPU time of each on the large page of bench/ingest_speed.py.
- **Sentences**: sentencex (used) against pysbd, syntok and a regular expression (a stop, then a space and a
  capital), each put in ingest's place: the fixture scores, the seeds' curated quotes a draft overlaps, and
  the CPU time to split the 30-page PDF's text.

Needs the bench extra: .venv/bin/pip install -e '.[test,bench]'

Run: .venv/bin/python bench/ingest_libraries.py   (prints the Markdown tables of bench/README.md)
"""

from __future__ import annotations

import difflib
import io
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ingest_fixtures
import ingest_seeds
import ingest_speed
import yaml

from kgraph import resources
from kgraph.ingest import pdf as pdf_reader
from kgraph.ingest import sentences as splitter
from kgraph.ingest.document import Document, normalise_text
from kgraph.ingest.text import text_metadata

FIXTURES = ingest_fixtures.FIXTURES
HTML_FIXTURES = ("clinic-page.html", "blog-comments.html", "column-author-year.html")


def cpu(func: Callable[[], object], repeat: int = 3) -> float:
    """The fastest CPU time of ``repeat`` calls."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        func()
        best = min(best, time.process_time() - started)
    return best


@contextmanager
def replaced(module: Any, name: str, value: Any) -> Iterator[None]:
    """``module.name`` set to ``value`` for the duration, as if ingest used it."""
    kept = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, kept)


# ---------------------------------------------------------------- PDF

def pypdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def pdfminer_pages(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data)).split("\f")


def pdfminer_document(data: bytes, name: str) -> Document:
    """Ingest's PDF reader with pdfminer.six in pypdf's place: the same line joining and normalisation."""
    text = normalise_text("\n\n".join(pdf_reader.unwrap(page) for page in pdfminer_pages(data)))
    return Document(text, text_metadata(text), "pdf")


def pdf_rows(corpus: Path, tmp: Path) -> list[str]:
    letter = (FIXTURES / "letter-vancouver.txt").read_text(encoding="utf-8")
    printed = tmp / "letter.pdf"
    ingest_fixtures.write_pdf(letter, printed)
    big = tmp / "review.pdf"
    pages = ingest_speed.write_pdf(corpus, big)
    answers = yaml.safe_load((FIXTURES / "answers.yaml").read_text(encoding="utf-8"))
    source_lines = [line for line in normalise_text(letter.replace("–", "-")).split("\n") if line.strip()]
    rows = []
    for library, pages_of, reader in (("pypdf", pypdf_pages, pdf_reader.read_pdf), ("pdfminer.six", pdfminer_pages, pdfminer_document)):
        raw = "\n".join(pages_of(printed.read_bytes()))
        joined = normalise_text("\n\n".join(pdf_reader.unwrap(page) for page in pages_of(printed.read_bytes())))
        words = difflib.SequenceMatcher(None, " ".join(letter.replace("–", "-").split()).split(), raw.split(), autojunk=False).ratio()
        kept = sum(line in joined.split("\n") for line in source_lines)
        with replaced(pdf_reader, "read_pdf", reader):
            c = ingest_fixtures.score(printed, answers["letter-vancouver.txt"], corpus)
        alone = cpu(lambda pages_of=pages_of: pages_of(big.read_bytes()))
        rows.append(f"| {library} | {words:.3f} | {kept}/{len(source_lines)} | {c['fields_ok']}/{c['fields']} | {c['markers_ok']}/{c['markers']} | "
                    f"{c['found']}/{c['wanted']} | {alone:.2f} s ({pages} pages) |")
    return rows


# ---------------------------------------------------------------- HTML

_FURNITURE = "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button"
_FURNITURE_NAMES = re.compile(r"cookie|consent|banner|share|related|newsletter|sidebar|widget|menu|respond|masthead", re.IGNORECASE)


def selectolax_text(html: str) -> str:
    """The page's main text by selectolax alone: ``article`` (else ``main``, else ``body``) less its furniture."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    for node in tree.css(_FURNITURE):
        node.decompose()
    for node in tree.css("[id], [class]"):
        if _FURNITURE_NAMES.search(f"{node.attributes.get('id') or ''} {node.attributes.get('class') or ''}"):
            node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body
    return normalise_text(root.text(separator="\n") if root is not None else "")


def trafilatura_text(html: str) -> str:
    import trafilatura

    return normalise_text(trafilatura.extract(html, include_comments=True, include_tables=True, include_links=False, favor_recall=True,
                                              deduplicate=False, output_format="txt") or "")


def html_rows(corpus: Path) -> list[str]:
    answers = yaml.safe_load((FIXTURES / "answers.yaml").read_text(encoding="utf-8"))
    page = ingest_speed.html_page(corpus, 150)
    rows = []
    for library, extract in (("trafilatura", trafilatura_text), ("selectolax alone", selectolax_text)):
        kept = wanted = furniture = labelled = 0
        for name in HTML_FIXTURES:
            text = " ".join(extract((FIXTURES / name).read_text(encoding="utf-8")).split())
            answer = answers[name]
            sentences = [*answer["statements"], *(s for c in answer.get("comments", []) for s in c["statements"])]
            wanted += len(sentences)
            kept += sum(s in text for s in sentences)
            labelled += len(answer["boilerplate"])
            furniture += sum(b in text for b in answer["boilerplate"])
        rows.append(f"| {library} | {kept}/{wanted} | {furniture}/{labelled} | {cpu(lambda extract=extract: extract(page)):.3f} s |")
    return rows


# ---------------------------------------------------------------- sentences

def pysbd_split() -> Callable[[str], list[str]]:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return lambda line: list(segmenter.segment(line))


def syntok_split() -> Callable[[str], list[str]]:
    import syntok.segmenter

    return lambda line: ["".join(t.spacing + t.value for t in s) for p in syntok.segmenter.analyze(line) for s in p]


_STOP = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def regex_split() -> Callable[[str], list[str]]:
    return _STOP.split


def sentence_rows(corpus: Path, tmp: Path) -> list[str]:
    big = tmp / "review.pdf"
    ingest_speed.write_pdf(corpus, big)
    text = pdf_reader.read_pdf(big.read_bytes(), str(big)).text
    rows = []
    for library, split in (("sentencex", splitter.split_line), ("pysbd", pysbd_split()), ("syntok", syntok_split()), ("regular expression", regex_split())):
        with replaced(splitter, "split_line", split):
            results = ingest_fixtures.measure(corpus)
            t = {k: sum(r[k] for r in results.values()) for k in next(iter(results.values()))}
            seeds = ingest_seeds.measure(corpus)
            quotes, found, links, linked = (sum(r[i] for r in seeds) for i in range(1, 5))
            took = cpu(lambda: splitter.sentences(text), repeat=1)
            count = len(splitter.sentences(text))
        rows.append(f"| {library} | {t['found']}/{t['wanted']} | {t['relevant']}/{t['drafted']} | {t['markers_ok']}/{t['markers']} | "
                    f"{found}/{quotes} | {linked}/{links} | {took:.2f} s ({count} sentences) |")
    return rows


def main() -> None:
    corpus = resources.default_corpus()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        print("| PDF library | words in order (difflib ratio) | paragraphs and entries as one line | reference fields | markers | statements found | "
              "CPU alone, 30-page PDF |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        print("\n".join(pdf_rows(corpus, tmp)))
        print()
        print("| HTML main text | labelled sentences kept | labelled furniture let through | CPU, large page |")
        print("|---|---:|---:|---:|")
        print("\n".join(html_rows(corpus)))
        print()
        print("| sentence splitter | fixture statements found | drafted that are labelled | markers resolved | seed quotes overlapped | "
              "seed citation links | CPU, 30-page PDF's text |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        print("\n".join(sentence_rows(corpus, tmp)))


if __name__ == "__main__":
    main()
