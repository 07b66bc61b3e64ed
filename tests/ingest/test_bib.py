"""Bibliographic files in: each format's fixture read, matched against the bundled corpus, and drafted."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import ijson
import pytest
from helpers import FIXTURES, ROOT
from hypothesis import given
from hypothesis import strategies as st

from kgraph.errors import CorpusError
from kgraph.ingest.bib import read, sniff
from kgraph.ingest.bib.bibliography import drafted
from kgraph.ingest.bib.bibtex import _stray
from kgraph.ingest.bib.csljson import _items
from kgraph.ingest.bib.design import rules
from kgraph.ingest.bib.drafts import Draft, summary
from kgraph.ingest.corpus import read_corpus
from kgraph.ingest.cues import load_cues
from kgraph.ingest.drafts import Drafts

BIB = FIXTURES / "bib"


def drafts_of(path: Path, corpus_dir: Path) -> list[tuple[Draft, Drafts | None]]:
    return list(drafted(path, sniff(path.read_bytes()[:4096], path.name), read_corpus(corpus_dir), load_cues(None)))


def ingested(name: str, corpus_dir: Path) -> list[tuple[Draft, Drafts | None]]:
    return drafts_of(BIB / name, corpus_dir)


def by_key(result: list[tuple[Draft, Drafts | None]]) -> dict[str, dict]:
    return {d.item.key: summary(d) for d, _ in result}


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("corpus.bib", "bibtex"), ("corpus.ris", "ris"), ("corpus.nbib", "medline"), ("corpus.xml", "pubmed-xml"), ("corpus.json", "csl-json")],
)
def test_formats_are_recognised_by_content(name: str, fmt: str) -> None:
    assert sniff((BIB / name).read_bytes()[:4096]) == fmt


def test_bibtex_invest_by_doi_buchbinder_by_author_year_journal_page(corpus_dir: Path) -> None:
    found = by_key(ingested("corpus.bib", corpus_dir))
    invest, buchbinder = found["kallmes2009randomized"], found["buchbinder2009"]
    assert (invest["study"], invest["match"], invest["conflicts"], invest["fills"]) == ("kallmes-2009-invest", "doi", [], {"issue": "6"})
    assert (buchbinder["study"], buchbinder["match"]) == ("buchbinder-2009", "author+year+journal+page")
    assert buchbinder["conflicts"] == ["volume: the corpus has 361, the reference 316"]


def test_bibtex_new_records(corpus_dir: Path) -> None:
    result = ingested("corpus.bib", corpus_dir)
    drafts = {d.id: d.record for d, _ in result if d.record}
    cement = drafts["example2021cement"]
    assert cement["authors"] == ["Jörg Müller", "Anna van der Berg", "Chris Example"]
    assert (cement["venue"], str(cement["year"]), cement["pages"], cement["doi"]) == ("Journal of Examples", "2021-05-14", "101–110", "10.5555/example.2021.101")
    assert (cement["design"], cement["status"]) == ("cohort-study", "draft")
    assert "design: rule mesh-cohort (ingest/bib/designs.yaml)" in cement["review"]
    page = drafts["examplepage2020"]
    assert (page["kind"], page["url"], page["issued"]) == ("web-page", "https://clinic.example.org/kyphoplasty", "2020-02")
    (abstract,) = [a for _, a in result if a]
    text, source = abstract.document.text, abstract.source
    assert text.startswith("OBJECTIVE: To describe cement leakage") and "\n\nRESULTS: Cement leaked in 18 of 120 procedures (15%)" in text
    assert source["reports_on"] == ["example2021cement"] and source["text_file"] == "example2021cement-abstract.txt"
    quotes = [record["quote"] for record, _ in abstract.statements]
    assert quotes and all(q in text[text.index("RESULTS:") :] for q in quotes)


def test_ris_invest_by_pmid_and_a_registered_trial(corpus_dir: Path) -> None:
    found = by_key(ingested("corpus.ris", corpus_dir))
    assert (found["invest"]["study"], found["invest"]["match"]) == ("kallmes-2009-invest", "pmid")
    trial = found["example2019trial"]
    assert (trial["registry"], trial["pages"], trial["year"], trial["design"]) == (["NCT09999999"], "e1234", 2019, "sham-controlled-trial")


def test_medline_structured_abstract_orcid_pmcid_and_review(corpus_dir: Path) -> None:
    (invest, _), (review, _) = ingested("corpus.nbib", corpus_dir)
    assert (invest.id, invest.match.evidence) == ("kallmes-2009-invest", "doi")
    assert [s.label for s in invest.item.abstract] == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    record = review.record
    assert (record["id"], record["design"], record["pmid"], record["pmcid"], record["registry"]) == (
        "sample-2018-invented-systematic", "systematic-review", "29999999", "PMC1234567", ["NCT09999998"]
    )  # fmt: skip
    assert record["authors"] == ["Bea Sample"] and str(record["year"]) == "2018-03"


def test_pubmed_xml_buchbinder_by_pmid_and_a_new_trial(corpus_dir: Path) -> None:
    (buchbinder, _), (trial, abstract) = ingested("corpus.xml", corpus_dir)
    assert (buchbinder.id, buchbinder.match.evidence, buchbinder.match.conflicts) == ("buchbinder-2009", "pmid", ())
    record = trial.record
    assert record["title"] == "Kyphoplasty or conservative care for invented fractures: a randomised controlled trial"
    assert (record["doi"], record["pmcid"], record["registry"], record["orcids"]) == ("10.5555/example.2024.77", "PMC7654321", ["NCT09999997"], ["0000-0002-1825-0097"])
    assert record["authors"] == ["Alex Example", "Invented Trial Group"]
    assert (record["design"], record["randomised"]) == ("randomised-controlled-trial", True)
    assert abstract is not None
    assert "RESULTS: At 1 month, back pain improved more after kyphoplasty (p=0.01)." in abstract.document.text
    quotes = [record["quote"] for record, _ in abstract.statements]
    assert "At 1 month, back pain improved more after kyphoplasty (p=0.01)." in quotes
    assert not any("randomly assigned" in q for q in quotes)


def test_csl_json_free_by_registry_cafe_by_doi(corpus_dir: Path) -> None:
    found = by_key(ingested("corpus.json", corpus_dir))
    assert (found["free"]["study"], found["free"]["match"]) == ("free-trial", "registry")
    assert (found["cafe"]["study"], found["cafe"]["match"]) == ("berenson-2011-cafe", "doi")
    assert found["cafe"]["conflicts"][0].startswith("title: the corpus has Balloon kyphoplasty")
    assert found["example-blog"]["kind"] == "blog-post"


def test_one_trial_listed_twice_is_one_study(tmp_path: Path) -> None:
    (tmp_path / "corpus.yaml").write_text('corpus:\n  id: empty\n  base: "https://example.org/kg/"\n', encoding="utf-8")
    path = tmp_path / "twice.bib"
    path.write_text(
        "@article{a, author={Example, A}, title={One}, journal={J Exampl}, year=2020, pages={10--12}}\n"
        "@article{b, author={Example, A. B.}, title={One}, journal={Journal of Examples}, year=2020, pages={10-2}}\n",
        encoding="utf-8",
    )
    (first, _), (second, _) = drafts_of(path, tmp_path)
    assert first.record is not None and (second.record, second.id, second.match.evidence) == (None, "a", "author+year+journal+page")


def test_a_trial_listed_twice_fills_and_conflicts_against_all_the_first_listing_gave(tmp_path: Path) -> None:
    """The first listing is kept for matching without its other authors; its ORCIDs (on its second author) still count."""
    (tmp_path / "corpus.yaml").write_text('corpus:\n  id: empty\n  base: "https://example.org/kg/"\n', encoding="utf-8")
    article = (
        "<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article><Journal><JournalIssue><PubDate><Year>{year}</Year></PubDate>"
        "</JournalIssue><ISOAbbreviation>J Exampl</ISOAbbreviation></Journal><ArticleTitle>One trial.</ArticleTitle>"
        "<AuthorList><Author><LastName>Example</LastName><Initials>A</Initials></Author><Author><LastName>Sample</LastName>"
        '<Identifier Source="ORCID">0000-0002-1825-0097</Identifier></Author></AuthorList></Article></MedlineCitation>'
        '<PubmedData><ArticleIdList><ArticleId IdType="doi">10.5555/twice</ArticleId>{pmc}</ArticleIdList></PubmedData></PubmedArticle>'
    )
    path = tmp_path / "twice.xml"
    path.write_text(
        "<?xml version='1.0'?><PubmedArticleSet>" + article.format(pmid=1, year=2020, pmc="")
        + article.format(pmid=1, year=2021, pmc='<ArticleId IdType="pmc">PMC1</ArticleId>') + "</PubmedArticleSet>", encoding="utf-8"
    )  # fmt: skip
    (first, _), (second, _) = drafts_of(path, tmp_path)
    assert first.record is not None and first.record["orcids"] == ["0000-0002-1825-0097"]
    assert (second.id, second.match.evidence, second.fills) == (first.id, "doi", {"pmcid": "PMC1"})
    assert second.match.conflicts == ("year: the corpus has 2020, the reference 2021",)


BAD = [
    ("syntax.bib", "syntax.bib:3: broken: BibTeX syntax error: Unexpected block start"),
    ("bad-doi.bib", "bad-doi.bib:1: notadoi: 'NEJMoa0900563' is not a DOI"),
    ("no-er.ris", "no-er.ris:6: unfinished: RIS record has no ER line before the end of the file"),
    ("not-pubmed.xml", "not-pubmed.xml:1: -: XML but not PubMed XML: the root element must be <PubmedArticleSet>"),
    ("no-type.json", "no-type.json: item 2 (typeless): not a CSL-JSON item: 'type' is a required property"),
    ("bad-pmid.nbib", "bad-pmid.nbib:1: PMID 1965712a: '1965712a' is not a PMID"),
    ("run-on.bib", "run-on.bib:6: runon: BibTeX syntax error: field 'author' has 'year = 2021' after its value; separate fields with a comma"),
    ("not-utf8.ris", "not-utf8.ris:8: -: not UTF-8 text; save the export as UTF-8"),
    ("no-records.json", "no-records.json: -: no CSL-JSON record in the file; check that it is the export you meant"),
    ("no-declaration.xml", "no-declaration.xml:1: -: XML but not PubMed XML"),
]


@pytest.mark.parametrize(("name", "line"), BAD)
def test_bad_input_is_one_line_naming_file_and_record(corpus_dir: Path, name: str, line: str) -> None:
    with pytest.raises(CorpusError) as caught:
        ingested(f"bad/{name}", corpus_dir)
    assert len(caught.value.problems) == 1
    assert str(caught.value.problems[0]).startswith(str(BIB / "bad" / line.split(":", 1)[0]) + ":" + line.split(":", 1)[1])


def test_a_utf16_export_with_its_byte_order_mark_is_read(corpus_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "endnote.ris"
    path.write_bytes("TY  - JOUR\nID  - cafe\nTI  - Kyphoplasty in a café\nAU  - Example, A\nPY  - 2021\nER  - \n".encode("utf-16"))
    assert sniff(path.read_bytes()[:4096]) == "ris"
    ((draft, _),) = drafts_of(path, corpus_dir)
    assert draft.record is not None and draft.record["title"] == "Kyphoplasty in a café"


PART = st.one_of(
    st.from_regex(r"[0-9a-z]{1,8}", fullmatch=True),
    st.from_regex(r'\{[^{}]{0,10}(\{[^{}]{0,5}\})?[^{}]{0,10}\}', fullmatch=True),
    st.from_regex(r'"[^"{}]{0,10}(\{[^{}]{0,5}\})?[^"{}]{0,10}"', fullmatch=True),
)
SPACE = st.sampled_from(["", " ", "\n  "])


@given(st.lists(PART, min_size=1, max_size=4), SPACE, st.from_regex(r"[a-z]{1,6} ?= ?[0-9]{4}", fullmatch=True))
def test_a_bibtex_value_is_whole_until_text_runs_on_after_it(parts: list[str], space: str, stray: str) -> None:
    value = " # ".join(parts)
    assert _stray(value) is None
    assert _stray(value + space + " " + stray) == len(value + space + " ")


def test_csl_json_with_a_byte_order_mark_is_read_and_broken_json_is_one_line(corpus_dir: Path, tmp_path: Path) -> None:
    marked = tmp_path / "zotero.json"
    marked.write_bytes(b'\xef\xbb\xbf[{"id": "x", "type": "book", "title": "Kyphoplasty explained"}]')
    ((draft, _),) = drafts_of(marked, corpus_dir)
    assert draft.item.ref.title == "Kyphoplasty explained"
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": "x", "type": "book", "title": "T"}, {"id": tru}]', encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        drafts_of(broken, corpus_dir)
    assert [str(p) for p in caught.value.problems] == [f"{broken}: item 2: not valid JSON: lexical error: invalid string in json text."]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=12,
)


@given(st.lists(JSON, max_size=4) | st.dictionaries(st.text(max_size=3), JSON, max_size=3))
def test_csl_items_are_built_from_the_events_as_json_reads_them(value: list | dict) -> None:
    events = ijson.basic_parse(io.BytesIO(json.dumps(value).encode()), use_float=True)
    assert list(_items(events, isinstance(value, list))) == (value if isinstance(value, list) else [value])


def test_csl_json_nested_too_deep_is_one_problem_in_bounded_memory(corpus_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('[{"id": "ok", "type": "book", "title": "T"}, {"id": ' + "[" * 1_000_000, encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        drafts_of(path, corpus_dir)
    assert [str(p) for p in caught.value.problems] == [f"{path}: item 2: nested deeper than 32 arrays and objects; no CSL item is"]


def test_every_design_rule_names_a_design_code() -> None:
    row = next(line for line in (ROOT / "ontology" / "CODES.md").read_text(encoding="utf-8").splitlines() if line.startswith("| study `design`"))
    assert {rule["design"] for rule in rules()} <= set(re.findall(r"`([a-z-]+)`", row.split("|")[3]))


def test_readers_stream(tmp_path: Path) -> None:
    """A reader yields its first record before it has read the file's last one."""
    path = tmp_path / "many.ris"
    path.write_text("".join(f"TY  - JOUR\nID  - r{i}\nTI  - Title {i}\nER  - \n\n" for i in range(1200)) + "TY  - JOUR\nTI  - unfinished\n", encoding="utf-8")
    problems: list = []
    first = next(iter(read(path, "ris", problems)))
    assert first.key == "r0" and problems == []


def test_cli_dry_run_prints_json_and_writes_nothing(texts_corpus: Path) -> None:
    import json

    from helpers import run_cli

    target = texts_corpus
    before = sorted(p.relative_to(target) for p in target.rglob("*"))
    result = run_cli("ingest", BIB / "corpus.xml", "--corpus", target, "--dry-run", "--format", "json")
    assert result.exit_code == 0 and sorted(p.relative_to(target) for p in target.rglob("*")) == before
    printed = json.loads(result.stdout)
    assert [s["study"] for s in printed["studies"]] == ["buchbinder-2009", None]
    assert printed["sources"][0]["source"]["id"] == "example-2024-kyphoplasty-or-abstract"


def test_cli_bad_file_exits_1_with_one_line_and_writes_nothing(texts_corpus: Path) -> None:
    from helpers import run_kgraph

    target = texts_corpus
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    done = run_kgraph("ingest", BIB / "bad" / "no-type.json", "--corpus", target)
    lines = done.stderr.decode().splitlines()
    assert done.returncode == 1 and lines[0].endswith("no-type.json: item 2 (typeless): not a CSL-JSON item: 'type' is a required property")
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before


def test_cli_ingest_fills_and_reports_and_the_corpus_still_validates(texts_corpus: Path) -> None:
    from helpers import run_cli

    target = texts_corpus
    result = run_cli("ingest", BIB / "corpus.bib", "--corpus", target)
    assert result.exit_code == 0
    assert "matches study buchbinder-2009 by author+year+journal+page, but volume: the corpus has 361, the reference 316" in result.stderr
    studies = (target / "studies.yaml").read_text(encoding="utf-8")
    assert studies.count("issue: '6'") == 1 and "volume: \"361\"" in studies
    assert run_cli("validate", target).exit_code == 0
