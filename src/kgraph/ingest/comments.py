"""Readers' comments on a saved page: who wrote each, when, what it says, and which comment it answers.

A reader's comment is a source of its own (kind ``comment``, part of the
page), so ingest needs each comment's author and words apart from the post's.
Pages mark comments up in two common ways, both read here with selectolax:
the blog engines' classes (WordPress and its themes: ``li.comment`` with
``.comment-author .fn``, ``time[datetime]`` and ``.comment-content``) and
schema.org microdata (``itemtype=".../Comment"`` with ``itemprop`` author,
dateCreated and text). A reply is the comment nested in another. When a
comment lacks an author or words the page is not read this way at all, and
its comments stay in the post's text as trafilatura gives them.

>>> from selectolax.lexbor import LexborHTMLParser
>>> page = LexborHTMLParser('''<ol><li class="comment"><span class="fn">Ann</span><time datetime="2020-01-02">2 Jan</time>
... <div class="comment-content"><p>It helped.<br>A lot.</p></div>
... <ol><li class="comment"><span class="fn">Bo</span><div class="comment-content">Not me.</div></li></ol></li></ol>''')
>>> [(c.author, c.date, c.printed_date, c.paragraphs, c.reply_to) for c in page_comments(page)]
[('Ann', '2020-01-02', '2 Jan', ('It helped.', 'A lot.'), None), ('Bo', None, None, ('Not me.',), 0)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kgraph.ingest.document import Comment, normalise_text

COMMENT = 'li.comment, article.comment, [itemtype*="schema.org/Comment"]'
# Where a comment's parts are, the most specific first: the first selector that finds one in the comment wins.
AUTHOR = ("[itemprop=author] [itemprop=name]", "[itemprop=author]", ".comment-author .fn", ".fn", ".comment-author cite", ".comment-author")
DATE = ("[itemprop=dateCreated]", "[itemprop=datePublished]", "time[datetime]")
CONTENT = ("[itemprop=text]", ".comment-content", ".comment-text")
_BLOCKS = {"p", "div", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "section", "article", "figure"}


@dataclass(frozen=True)
class PageComment:
    """One comment as the page prints it: author, date (machine-readable and as shown), paragraphs, and the comment it answers."""

    author: str
    date: str | None
    printed_date: str | None
    paragraphs: tuple[str, ...]
    reply_to: int | None


def page_comments(tree: Any) -> list[PageComment]:
    """The readers' comments of a parsed page in the order printed; none unless every comment has an author and words."""
    nodes = tree.css(COMMENT)
    index = {node.mem_id: n for n, node in enumerate(nodes)}
    found = []
    for node in nodes:
        author = _own(node, AUTHOR, index)
        content = _own(node, CONTENT, index)
        words = tuple(p for p in (" ".join(line.split()) for line in _text(content).split("\n")) if p) if content is not None else ()
        name = " ".join(author.text(deep=True).split()) if author is not None else ""
        if not name or not words:
            return []
        date = _own(node, DATE, index)
        found.append(PageComment(
            name,
            (date.attributes.get("datetime") or date.attributes.get("content") or date.text(deep=True)).strip() if date is not None else None,
            " ".join(date.text(deep=True).split()) or None if date is not None else None,
            words,
            _enclosing(node, index),
        ))
    return found


def with_comments(main: str, comments: list[PageComment]) -> tuple[str, list[Comment]]:
    """The page's text: its main text, then each comment as printed (author, date, paragraphs), a blank line apart.

    >>> text, spans = with_comments("Post.", [PageComment("Ann", "2020-01-02", "2 Jan", ("It helped.",), None)])
    >>> text, [text[c.start : c.end] for c in spans]
    ('Post.\\n\\nAnn\\n2 Jan\\nIt helped.', ['Ann\\n2 Jan\\nIt helped.'])
    """
    blocks, spans, offset = [main], [], len(main)
    for comment in comments:
        block = normalise_text("\n".join([comment.author, *([comment.printed_date] if comment.printed_date else []), *comment.paragraphs]))
        spans.append(Comment(offset + 2, offset + 2 + len(block), comment.author, comment.date, comment.reply_to))
        blocks.append(block)
        offset += 2 + len(block)
    return "\n\n".join(blocks), spans


def _own(node: Any, selectors: tuple[str, ...], index: dict[int, int]) -> Any:
    """The first element under ``node`` that a selector finds, trying them in order, of this comment (not of a reply in it)."""
    mine = index[node.mem_id]
    for selector in selectors:
        found = next((found for found in node.css(selector) if _enclosing(found, index, inclusive=True) == mine), None)
        if found is not None:
            return found
    return None


def _enclosing(node: Any, index: dict[int, int], inclusive: bool = False) -> int | None:
    """The position of the comment holding ``node`` (``node`` itself counts when ``inclusive``)."""
    current = node if inclusive else node.parent
    while current is not None:
        if current.mem_id in index:
            return index[current.mem_id]
        current = current.parent
    return None


def _text(node: Any) -> str:
    """An element's words with each block element and ``<br>`` on a line of its own."""
    parts: list[str] = []
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            parts.append(child.text_content or "")
        elif child.tag == "br":
            parts.append("\n")
        elif child.tag in _BLOCKS:
            parts.append(f"\n{_text(child)}\n")
        elif child.tag not in ("script", "style", "template"):
            parts.append(_text(child))
    return "".join(parts)
