"""How long `kgraph ingest` takes on a 30-page PDF and a large HTML page, against the libraries it reads them with.

Both documents are generated here from the labelled fixtures' paragraphs (a letter and a trial abstract
with numbered citation markers, and the bundled corpus's seed texts where the corpus finds them), repeated
with their markers renumbered to cite a reference list of 60 Vancouver entries made from the fixtures' own:

- **PDF**: printed with fpdf2 (10 pt, one column) until the body reaches page 28, then the reference list:
  30 pages. Baseline: pypdf alone, ``PdfReader`` and ``extract_text()`` of every page.
- **HTML**: a page shaped like an encyclopaedia article or a long blog post (about 0.8 MB): a head of meta
  tags, JSON-LD, styles and a large script, a menu of 600 links (repeated in a sidebar and the footer), the
  article (``--paragraphs`` paragraphs with linked words and linked markers, and the reference list) and
  readers' comments in WordPress markup. Baseline: trafilatura alone, ``extract()`` with ingest's options.

Ingest is ``kgraph.ingest.run.ingest`` (read, draft against the bundled corpus, nothing written), the
whole of what ``kgraph ingest --dry-run`` does but printing. Each is timed ``--repeat`` times in CPU seconds,
baseline and ingest in turn, after one warm-up; the fastest of each is reported, and the ratio of the two.
Target: 3x. A third document, the page with ``--heavy`` paragraphs (a book's worth of text in one page),
shows how the ratio grows with the text: the drafting costs per sentence, the extraction per byte of markup.

    .venv/bin/python bench/ingest_speed.py
    .venv/bin/python bench/ingest_speed.py --repeat 3 --paragraphs 300 --heavy 0 --profile /tmp/ingest
"""

from __future__ import annotations

import argparse
import cProfile
import html
import io
import itertools
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from kgraph import resources
from kgraph.ingest.corpus import read_corpus
from kgraph.ingest.references import has_reference_shape
from kgraph.ingest.run import ingest

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "ingest"
TARGET = 3.0
REFERENCES = 60
_MARKER = re.compile(r"\[\d+(?:\s*[-–,]\s*\d+)*\]|\(\d+(?:\s*[-–,]\s*\d+)*\)")
_SPACED_MARKER = re.compile(r"\s*" + _MARKER.pattern)
_LATIN1 = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "\u2009": " "})


def paragraphs(corpus: Path) -> list[str]:
    """Body paragraphs with citation markers: the fixtures' letter and abstract, and the seed texts the corpus reads."""
    found = []
    for name in ("letter-vancouver.txt", "trial-abstract.txt"):
        body = (FIXTURES / name).read_text(encoding="utf-8").split("\nReferences\n")[0]
        found.extend(p for p in body.split("\n\n") if len(p) > 150)
    texts = corpus / yaml.safe_load((corpus / "corpus.yaml").read_text(encoding="utf-8"))["corpus"]["texts"]
    for path in sorted(texts.glob("*.txt")) if texts.is_dir() else []:
        lines = (line.strip() for line in path.read_text(encoding="utf-8").split("\n"))
        found.extend(line for line in lines if len(line) > 150 and _MARKER.search(line) and not has_reference_shape(line))
    return found


def references(count: int) -> list[str]:
    """``count`` Vancouver entries: the letter's five, with year, volume and pages changed for each copy."""
    printed = (FIXTURES / "letter-vancouver.txt").read_text(encoding="utf-8").split("\nReferences\n")[1].strip().split("\n")
    bodies = [re.sub(r"^\d+\.\s*", "", line) for line in printed]
    entries = []
    for n, body in zip(range(count), itertools.cycle(bodies)):
        shifted = re.sub(r"(\d{4});(\d+)(\(\d+\))?:(\d+)-(\d+)", lambda m, n=n: f"{1990 + n % 30};{int(m.group(2)) + n}:{100 + 13 * n}-{109 + 13 * n}", body)
        entries.append(f"{n + 1}. {shifted}")
    return entries


def body(corpus: Path, count: int) -> list[str]:
    """``count`` paragraphs, the bank repeated, each marker renumbered to cite the next entries of the list."""
    numbers = itertools.cycle(range(1, REFERENCES + 1))
    bank = paragraphs(corpus)
    return [_MARKER.sub(lambda m: f"[{next(numbers)}]", p) for p in itertools.islice(itertools.cycle(bank), count)]


def write_pdf(corpus: Path, path: Path, pages: int = 30) -> int:
    """A PDF of about ``pages`` pages: the body until page ``pages - 2`` starts, then the references. Returns the page count."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Vertebral augmentation for osteoporotic fractures: a review")
    pdf.set_author("Ann Lee; Ben Okafor")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for paragraph in body(corpus, 10_000):
        if pdf.page_no() >= pages - 2:
            break
        pdf.multi_cell(0, 5, paragraph.translate(_LATIN1), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.set_font("Helvetica", style="B", size=11)
    pdf.cell(0, 8, "References", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    for entry in references(REFERENCES):
        pdf.multi_cell(0, 4.5, entry.translate(_LATIN1), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return pdf.page_no()


def html_page(corpus: Path, count: int) -> str:
    """A large page shaped like an encyclopaedia article or a long blog post: a head of metadata, styles and scripts,
    navigation, the article with linked words and linked markers, its references, readers' comments, a sidebar and a footer."""
    esc = html.escape
    nav = "".join(f'<li class="menu-item"><a href="/topics/{n}" title="Topic {n}">Topic {n}</a></li>' for n in range(600))
    style = "".join(f".c{n} {{ margin: {n % 7}px; color: #{n % 4096:03x}; }}\n" for n in range(3000))
    script = "var data = [" + ",".join(f'{{"id": {n}, "name": "item {n}", "tags": ["a", "b"]}}' for n in range(8000)) + "];"

    def linked(paragraph: str) -> str:
        words = esc(_MARKER.sub(lambda m: "\0" + m.group(0)[1:-1] + "\0", paragraph)).split(" ")
        words = [f'<a href="/wiki/{w.strip(",.;:")}" class="mw-link">{w}</a>' if n % 9 == 4 and w.isalpha() else w for n, w in enumerate(words)]
        return re.sub("\0([^\0]*)\0", lambda m: f'<sup class="reference"><a href="#cite-{m.group(1)}">[{m.group(1)}]</a></sup>', " ".join(words))

    article = "".join(f"<p>{linked(p)}</p>" + (f'<h2><span class="mw-headline">Section {n // 12 + 1}</span></h2>' if n % 12 == 11 else "")
                      for n, p in enumerate(body(corpus, count)))
    refs = "".join(f'<li id="cite-{n + 1}"><span class="reference-text">{esc(r.split(". ", 1)[1])}</span> '
                   f'<a class="external" href="https://example.org/ref/{n}">Full text</a></li>' for n, r in enumerate(references(REFERENCES)))
    comments = "".join(
        f'<li class="comment" id="comment-{n}"><article class="comment-body"><footer class="comment-meta"><div class="comment-author vcard">'
        f'<img class="avatar" src="/avatars/{n}.png" alt=""><b class="fn">Reader {n}</b> <span class="says">says:</span></div>'
        f'<div class="comment-metadata"><a href="#comment-{n}"><time datetime="2024-03-{n % 28 + 1:02d}">March {n % 28 + 1}, 2024</time></a></div>'
        f'</footer><div class="comment-content"><p>{esc(_SPACED_MARKER.sub("", p))}</p></div><div class="reply"><a class="comment-reply-link" '
        f'href="?replytocom={n}#respond">Reply</a></div></article></li>'
        for n, p in enumerate(body(corpus, count // 10))
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Vertebral augmentation: a long read | Spine Notes</title>'
        '<meta name="author" content="Ann Lee"><meta property="og:site_name" content="Spine Notes">'
        '<meta property="article:published_time" content="2024-03-01T09:00:00Z">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "BlogPosting", "headline": "Vertebral augmentation: a long read",'
        ' "author": {"@type": "Person", "name": "Ann Lee"}, "datePublished": "2024-03-01"}</script>'
        f"<style>{style}</style><script>{script}</script></head><body>"
        f'<div id="cookie-banner">We use cookies. Accept all cookies</div><header><nav class="main-menu"><ul>{nav}</ul></nav></header>'
        f'<main><article class="post"><h1>Vertebral augmentation: a long read</h1><p class="byline">By Ann Lee</p>{article}'
        f'<h2>References</h2><ol class="references">{refs}</ol></article><section id="comments" class="comments-area">'
        f'<h2>{count // 10} comments</h2><ol class="comment-list">{comments}</ol></section></main>'
        f'<aside class="sidebar"><ul>{nav}</ul></aside><footer><ul>{nav}</ul><p>Copyright 2024 Spine Notes.</p></footer></body></html>'
    )


def pypdf_alone(path: Path) -> Callable[[], object]:
    from pypdf import PdfReader

    def run() -> object:
        return [page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages]

    return run


def trafilatura_alone(path: Path) -> Callable[[], object]:
    import trafilatura

    def run() -> object:
        return trafilatura.extract(path.read_text(encoding="utf-8"), include_comments=True, include_tables=True, include_links=False,
                                   favor_recall=True, deduplicate=False, output_format="txt")

    return run


def fastest(func: Callable[[], object]) -> float:
    """CPU seconds of one call (the machine is shared: CPU time is what load does not inflate)."""
    started = time.process_time()
    func()
    return time.process_time() - started


def compare(baseline: Callable[[], object], path: Path, corpus: Path, repeat: int, profile: Path | None) -> tuple[float, float, int]:
    """The fastest of ``repeat`` runs of the baseline and of ingest, in turn, after one warm-up of each; and the drafts."""

    def drafted() -> object:
        return ingest(path, corpus, source_id="bench-speed")

    outcome = drafted()
    baseline()
    base = took = float("inf")
    for _ in range(repeat):
        base = min(base, fastest(baseline))
        took = min(took, fastest(drafted))
    if profile is not None:
        cProfile.runctx("drafted()", globals(), {"drafted": drafted}, str(profile.with_suffix(f".{path.stem}.prof")))
    return base, took, len(outcome.drafts.statements)  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--paragraphs", type=int, default=150, help="paragraphs of the large page's article (default 150)")
    parser.add_argument("--heavy", type=int, default=800, help="paragraphs of the text-heavy page (default 800; 0 leaves it out)")
    parser.add_argument("--profile", type=Path, default=None, help="write a cProfile of one ingest of each document to PATH.<name>.prof")
    args = parser.parse_args()
    corpus = resources.default_corpus()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "review.pdf"
        pages = write_pdf(corpus, pdf)
        rows.append((f"{pages}-page PDF", pdf, "pypdf", pypdf_alone(pdf)))
        for label, count in (("large HTML page", args.paragraphs), ("text-heavy HTML page", args.heavy)):
            if count:
                page = Path(tmp) / f"page-{count}.html"
                page.write_text(html_page(corpus, count), encoding="utf-8")
                rows.append((label, page, "trafilatura", trafilatura_alone(page)))
        reading = min(fastest(lambda: read_corpus(corpus)) for _ in range(args.repeat))
        print("| document | size | text | library | library alone (CPU s) | kgraph ingest (CPU s) | ratio | target 3x | statements drafted |")
        print("|---|---:|---:|---|---:|---:|---:|---|---:|")
        for label, path, library, baseline in rows:
            base, took, drafted = compare(baseline, path, corpus, args.repeat, args.profile)
            chars = len(ingest(path, corpus, source_id="bench-speed").drafts.document.text)
            print(f"| {label} | {path.stat().st_size / 1e6:.2f} MB | {chars / 1e3:.0f} k chars | {library} | {base:.3f} | {took:.3f} | "
                  f"{took / base:.2f}x | {'met' if took / base <= TARGET else 'missed'} | {drafted} |")
        print(f"\nOf each ingest, reading the bundled corpus (the same for any document) took {reading:.3f} CPU s.")


if __name__ == "__main__":
    main()
