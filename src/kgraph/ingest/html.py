"""A saved web page: its main text without site furniture, and the metadata its head declares.

The main text comes from trafilatura (navigation, cookie banners, sharing
widgets and comment forms left out; readers' comments kept). The metadata
comes from the tags publishers write for indexers, in order of trust:
Highwire ``citation_*`` tags (journals), schema.org JSON-LD, Dublin Core,
Open Graph, then ``<title>``. Scripts are never run: JSON-LD is parsed as data.
"""

from __future__ import annotations

import json
from typing import Any

from kgraph.ingest.document import Document, Metadata, normalise_text
from kgraph.ingest.sniff import IngestError
from kgraph.ingest.text import text_metadata

_ARTICLE_TYPES = {"scholarlyarticle", "medicalscholarlyarticle", "article"}
_BLOG_TYPES = {"blogposting", "socialmediaposting", "discussionforumposting"}
_NEWS_TYPES = {"newsarticle", "reportage"}


def read_html(html: str, name: str) -> Document:
    """The page's main text, normalised, and its metadata."""
    import trafilatura

    extracted = trafilatura.extract(
        html, include_comments=True, include_tables=True, include_links=False, favor_recall=True, deduplicate=False, output_format="txt"
    )
    text = normalise_text(extracted or "")
    if not text:
        raise IngestError(f"{name}: the page has no main text (an empty page, or text drawn by scripts); save the page's text instead")
    return Document(text, page_metadata(html).merge(text_metadata(text)), "html")


def page_metadata(html: str) -> Metadata:
    """Highwire, JSON-LD, Dublin Core and Open Graph metadata of a page, the most specific first."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    tags: dict[str, list[str]] = {}
    for node in tree.css("meta"):
        key = (node.attributes.get("name") or node.attributes.get("property") or "").strip().lower()
        value = (node.attributes.get("content") or "").strip()
        if key and value:
            tags.setdefault(key, []).append(value)
    first = {key: values[0] for key, values in tags.items()}
    linked = _json_ld(tree)
    canonical = tree.css_first("link[rel=canonical]")
    title_node = tree.css_first("title")
    meta = Metadata()
    _take(meta, "title", [("citation_title", first), ("json-ld", linked.get("headline") or linked.get("name")),
                          ("dc.title", first), ("og:title", first), ("<title>", title_node.text(strip=True) if title_node else None)])
    _take(meta, "date", [("citation_publication_date", first), ("citation_date", first), ("json-ld", linked.get("datePublished")),
                         ("dc.date", first), ("article:published_time", first)])
    _take(meta, "doi", [("citation_doi", first), ("dc.identifier", first if first.get("dc.identifier", "").startswith(("10.", "doi")) else {}),
                        ("json-ld", _doi_of(linked))])
    _take(meta, "url", [("citation_abstract_html_url", first), ("og:url", first), ("json-ld", linked.get("url")),
                        ("canonical link", canonical.attributes.get("href") if canonical else None)])
    _take(meta, "journal", [("citation_journal_title", first), ("json-ld", _name(linked.get("isPartOf")))])
    _take(meta, "publisher", [("citation_publisher", first), ("json-ld", _name(linked.get("publisher"))), ("dc.publisher", first),
                              ("og:site_name", first)])
    for key in ("citation_author", "dc.creator", "article:author"):
        if tags.get(key):
            meta.authors = tags[key]
            meta.rules["authors"] = f"meta {key}"
            break
    else:
        authors = [a for a in (_name(x) for x in _as_list(linked.get("author"))) if a]
        if authors:
            meta.authors = authors
            meta.rules["authors"] = "json-ld author"
    meta.kind, meta.rules["kind"] = _kind(first, linked, tree)
    return meta


def _take(meta: Metadata, name: str, candidates: list[tuple[str, Any]]) -> None:
    for rule, value in candidates:
        if isinstance(value, dict):
            value = value.get(rule)
        if isinstance(value, str) and value.strip():
            setattr(meta, name, " ".join(value.split()))
            meta.rules[name] = rule if rule.startswith(("json-ld", "<", "canonical")) else f"meta {rule}"
            return


def _json_ld(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object describing the page (an Article, a WebPage...), read as data."""
    found: list[dict[str, Any]] = []
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text() or "")
        except ValueError:
            continue
        for item in _as_list(data):
            if isinstance(item, dict):
                found.extend(x for x in [item, *_as_list(item.get("@graph"))] if isinstance(x, dict) and "@type" in x)
    rank = {t: 0 for t in _ARTICLE_TYPES | _BLOG_TYPES | _NEWS_TYPES}
    found.sort(key=lambda x: rank.get(_type(x), 1))
    return found[0] if found else {}


def _type(item: dict[str, Any]) -> str:
    types = _as_list(item.get("@type"))
    return str(types[0]).lower() if types else ""


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) else None


def _doi_of(item: dict[str, Any]) -> str | None:
    for value in _as_list(item.get("identifier")) + _as_list(item.get("sameAs")):
        text = value.get("value") if isinstance(value, dict) else value
        if isinstance(text, str) and ("10." in text):
            return text[text.index("10.") :]
    return None


def _kind(first: dict[str, str], linked: dict[str, Any], tree: Any) -> tuple[str, str]:
    """The source kind a page's metadata points to, and the rule that said so."""
    kind = _type(linked)
    if "citation_journal_title" in first or kind in _ARTICLE_TYPES - {"article"}:
        return "journal-article", "meta citation_journal_title or json-ld ScholarlyArticle"
    if kind in _BLOG_TYPES:
        return "blog-post", f"json-ld {kind}"
    if tree.css_first("#comments, .comments, .comment-list, #respond") is not None:
        return "blog-post", "page has a comments section"
    return "web-page", "html page without article metadata"
