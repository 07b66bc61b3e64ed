"""Readers' comments on a saved page become sources of their own, and state what they say."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from helpers import FIXTURES, run_cli
from selectolax.lexbor import LexborHTMLParser

from kgraph.ingest.comments import page_comments
from kgraph.ingest.run import read_document

BLOG = FIXTURES / "ingest" / "blog-comments.html"


def _dry_run(path: Path) -> dict:
    result = run_cli("ingest", path, "--dry-run", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_each_comment_is_a_source_part_of_the_post_with_its_author() -> None:
    data = _dry_run(BLOG)
    post = data["source"]
    assert post["kind"] == "blog-post" and post["authors"] == ["Nell Hargreaves"]
    comments = post["comments"]
    assert [(c["authors"], c["date"], c["part_of"]) for c in comments] == [
        (["Gwen Talbot"], "2018-05-15", post["id"]),
        (["Nell Hargreaves"], "2018-05-16", post["id"]),
        (["Rashid P."], "2018-05-18", post["id"]),
        (["bonebroth_bex"], "2018-05-21", post["id"]),
    ]
    assert len({c["id"] for c in comments}) == 4


def test_a_comments_statements_are_attributed_to_the_comment_not_the_post() -> None:
    data = _dry_run(BLOG)
    by_author = {c["authors"][0]: c for c in data["source"]["comments"]}
    stated = {s["quote"]: s["source"] for s in data["statements"]}
    assert stated["The back pain came back after about six months, though."] == by_author["Rashid P."]["id"]
    assert stated["New vertebral fractures occurred at about the same rate in both groups."] == data["source"]["id"]
    for statement in data["statements"]:
        comment = next((c for c in data["source"]["comments"] if c["offset"] <= statement["offset"] < c["end"]), None)
        assert statement["source"] == (comment["id"] if comment else data["source"]["id"])
    assert all(s["offset"] < data["source"]["comments"][0]["offset"] for s in data["statements"] if s["cites"])


def test_comment_records_in_the_yaml_say_what_to_check(corpus_copy: Path) -> None:
    result = run_cli("ingest", BLOG, "--corpus", corpus_copy, "--id", "blog")
    assert result.exit_code == 0, result.stderr
    sources = yaml.safe_load((corpus_copy / "sources" / "blog.yaml").read_text(encoding="utf-8"))["sources"]
    reply = next(s for s in sources if s["kind"] == "comment" and s["authors"] == ["Nell Hargreaves"])
    assert reply["label"] == "Reader comment by Nell Hargreaves (reply to Gwen Talbot)"
    assert reply["part_of"] == "blog" and reply["text_file"] == "blog.txt" and reply["status"] == "draft" and reply["review"]
    text = (corpus_copy / "texts" / "blog.txt").read_text(encoding="utf-8")
    assert "Gwen Talbot\nMay 15, 2018 at 7:02 pm\nI had vertebroplasty on two vertebrae in 2016." in text
    checked = run_cli("validate", corpus_copy)
    assert checked.exit_code == 0, checked.stderr


def test_schema_org_microdata_comments() -> None:
    page = LexborHTMLParser(
        '<div itemscope itemtype="https://schema.org/Comment"><span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<span itemprop="name">Ida</span></span><meta itemprop="dateCreated" content="2021-06-01">'
        '<div itemprop="text"><p>Kyphoplasty helped me.</p></div>'
        '<div itemscope itemtype="https://schema.org/Comment"><span itemprop="author">Ole</span><p itemprop="text">Not me.</p></div></div>'
    )
    assert [(c.author, c.date, c.paragraphs, c.reply_to) for c in page_comments(page)] == [
        ("Ida", "2021-06-01", ("Kyphoplasty helped me.",), None),
        ("Ole", None, ("Not me.",), 0),
    ]


def test_comments_without_authors_stay_in_the_posts_text(tmp_path: Path) -> None:
    page = tmp_path / "post.html"
    page.write_text(
        BLOG.read_text(encoding="utf-8").replace('<b class="fn">Gwen Talbot</b>', "").replace('class="comment-author vcard"', 'class="vcard"'),
        encoding="utf-8",
    )
    document = read_document(page)
    assert document.comments == []
    assert "The back pain came back after about six months, though." in document.text
