"""Plain text and Markdown: the text as saved, Markdown's markup taken off, and what the first lines say.

>>> doc = read_text("# Kyphoplasty works\\n\\nBy Ann Lee\\n\\nIt *helps* [a lot](https://x.org).\\n", "post.md")
>>> doc.text
'Kyphoplasty works\\n\\nBy Ann Lee\\n\\nIt helps a lot.'
>>> doc.meta.title, doc.meta.authors
('Kyphoplasty works', ['Ann Lee'])
"""

from __future__ import annotations

import re

from kgraph.ingest.document import Document, Metadata, normalise_text

_MARKDOWN_SIGNS = re.compile(r"^(?:#{1,6} \S|```|\* \S.*\n\* )|\[[^\]\n]+\]\((?:https?://|/|#)[^)\s]*\)|\*\*\S[^*\n]*\*\*", re.MULTILINE)
_BYLINE = re.compile(r"^(?:by|written by|author[s]?:)\s+(.{2,80})$", re.IGNORECASE)
_DOI = re.compile(r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;)\]])", re.IGNORECASE)
_CITED_LINE = re.compile(r"\bAccessed\b|\[Internet\]|Available from", re.IGNORECASE)
_DATE_WORDS = ("published", "posted", "updated", "issued")
_DATE_LINE = re.compile(
    rf"\b(?:{'|'.join(_DATE_WORDS)})\b[^\n]{{0,60}}?\b((?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{1,2},\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+\d{4})",
    re.IGNORECASE,
)


def is_markdown(text: str, name: str) -> bool:
    """A ``.md`` file, or text that uses Markdown headings, links or emphasis."""
    return name.lower().endswith((".md", ".markdown")) or len(_MARKDOWN_SIGNS.findall(text[:20000])) >= 2


def read_text(text: str, name: str) -> Document:
    """A plain-text or Markdown document, normalised, with its title, byline, date and DOI where the text gives them."""
    markdown = is_markdown(text, name)
    body = normalise_text(markdown_to_text(text) if markdown else text)
    return Document(body, text_metadata(body), "markdown" if markdown else "text")


def markdown_to_text(source: str) -> str:
    """The words of a Markdown document, one block a paragraph; list items keep their bullet or number."""
    from markdown_it import MarkdownIt

    blocks: list[str] = []
    prefixes: list[str] = []
    for token in MarkdownIt("commonmark").parse(source):
        if token.type == "list_item_open":
            prefixes.append(f"{token.info}{token.markup} " if token.info else "- ")
        elif token.type == "inline":
            text = _inline(token.children or [])
            blocks.append((prefixes.pop() if prefixes else "") + text)
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(blocks)


def _inline(children: list) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def text_metadata(text: str) -> Metadata:
    """Title (the first short line), byline, publication date and DOI, as a text's first lines give them."""
    meta = Metadata()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and len(lines[0]) <= 200 and not lines[0].endswith((".", ":")):
        meta.title = lines[0]
        meta.rules["title"] = "first line"
    for line in lines[1:12]:
        match = _BYLINE.match(line)
        if match:
            meta.authors = [a.strip() for a in re.split(r",\s*|\s+and\s+", match.group(1)) if a.strip()]
            meta.rules["authors"] = "byline"
            break
    folded = text.lower()
    dated = any(word in folded for word in _DATE_WORDS)  # a substring test first: the pattern's pass over a long text costs more
    date = next((m for m in _DATE_LINE.finditer(text) if not _CITED_LINE.search(text[text.rfind("\n", 0, m.start()) + 1 : m.end() + 200])), None) if dated else None
    if date:
        meta.date = date.group(1)
        meta.rules["date"] = "published line"
    doi = _DOI.search(text[:5000])
    if doi:
        meta.doi = doi.group(1)
        meta.rules["doi"] = "doi in the first page"
    return meta
