"""A bibliographic ingest streams its records into staged files: what it writes, prints and refuses stays as it was.

The expected files (fixtures/bib/expected/) are what the ingest wrote for each
fixture when it drafted the whole file in memory before writing; the streamed
ingest must give the same bytes, print the same dry runs, and leave nothing
behind when it refuses.
"""

from __future__ import annotations

import difflib
import json
import tempfile
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, run_cli

from kgraph.ingest.bib import read
from kgraph.ingest.bib.bibliography import ingest_bibliography
from kgraph.ingest.sniff import IngestError
from kgraph.ingest.writer import dump_yaml

BIB = FIXTURES / "bib"
EXPECTED = BIB / "expected"
NAMES = ["corpus.bib", "corpus.ris", "corpus.nbib", "corpus.xml", "corpus.json"]


def snapshot(corpus: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(corpus.rglob("*")) if p.is_file()}


def staging_left(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.glob(".ingest-*")]


@pytest.mark.parametrize("name", NAMES)
def test_streamed_ingest_writes_prints_and_reports_what_it_did_in_memory(name: str, texts_corpus: Path) -> None:
    expected = EXPECTED / name
    before = snapshot(texts_corpus)
    as_json = run_cli("ingest", BIB / name, "--corpus", texts_corpus, "--dry-run", "--format", "json")
    as_yaml = run_cli("ingest", BIB / name, "--corpus", texts_corpus, "--dry-run")
    assert as_json.exit_code == as_yaml.exit_code == 0 and snapshot(texts_corpus) == before
    assert as_json.stdout.replace(str(texts_corpus), "CORPUS") == (expected / "dry-run.json").read_text(encoding="utf-8")

    result = run_cli("ingest", BIB / name, "--corpus", texts_corpus)
    assert result.exit_code == 0
    conflicts = expected / "conflicts"
    assert result.stderr.replace(f"{BIB}/", "") == (conflicts.read_text(encoding="utf-8") if conflicts.exists() else "")
    written = [Path(line) for line in result.stdout.splitlines()]
    assert [str(p.relative_to(texts_corpus)) for p in written] == (expected / "written").read_text(encoding="utf-8").splitlines()
    after = snapshot(texts_corpus)
    assert set(after) == set(before) | set(written) and not staging_left(texts_corpus)
    assert {p: b for p, b in after.items() if p not in written} == {p: b for p, b in before.items() if p not in written}
    for path in written:
        relative = str(path.relative_to(texts_corpus))
        if path in before:
            lines = [b.decode("utf-8").splitlines(keepends=True) for b in (before[path], after[path])]
            diff = "".join(difflib.unified_diff(*lines, relative, relative, n=0))
            assert diff == (expected / "changed" / f"{relative}.diff").read_text(encoding="utf-8")
        else:
            assert after[path] == (expected / "new" / relative).read_bytes()
    assert as_yaml.stdout == "".join(dump_yaml({"file": str(p)}) + after[p].decode("utf-8") + "\n" for p in written)


@pytest.mark.parametrize("name", NAMES)
def test_the_json_dry_run_is_the_bytes_json_dumps_gives_the_whole(name: str, texts_corpus: Path) -> None:
    printed = run_cli("ingest", BIB / name, "--corpus", texts_corpus, "--dry-run", "--format", "json").stdout
    assert printed == json.dumps(json.loads(printed), ensure_ascii=False, indent=2) + "\n"


def bad_at_the_end(tmp_path: Path) -> Path:
    """The PubMed fixture (a new trial with an abstract) followed by a record whose PMID is not a number."""
    text = (BIB / "corpus.xml").read_text(encoding="utf-8")
    bad = "<PubmedArticle><MedlineCitation><PMID>12x</PMID><Article><ArticleTitle>Bad.</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n"
    path = tmp_path / "late.xml"
    path.write_text(text.replace("</PubmedArticleSet>", bad + "</PubmedArticleSet>"), encoding="utf-8")
    return path


@pytest.mark.parametrize("flags", [(), ("--dry-run",), ("--dry-run", "--format", "json")])
def test_a_bad_record_after_good_ones_writes_nothing_and_leaves_no_staging(
    flags: tuple[str, ...], texts_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system_tmp = tmp_path / "tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    before = snapshot(texts_corpus)
    result = run_cli("ingest", bad_at_the_end(tmp_path), "--corpus", texts_corpus, *flags)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"{tmp_path / 'late.xml'}:84: PMID 12x: '12x' is not a PMID (a PubMed id is a number, e.g. 19657122)\n")
    assert snapshot(texts_corpus) == before and not staging_left(texts_corpus, system_tmp)


def test_a_file_gone_before_it_is_read_is_named_as_unreadable(texts_corpus: Path, tmp_path: Path) -> None:
    gone = tmp_path / "gone.xml"
    with pytest.raises(IngestError, match=f"^{gone}: cannot read it \\(No such file or directory\\); nothing written$"):
        ingest_bibliography(gone, "pubmed-xml", texts_corpus)
    assert not staging_left(texts_corpus)


def test_a_file_there_already_stops_the_ingest_until_forced(texts_corpus: Path) -> None:
    taken = texts_corpus / "texts" / "example-2024-kyphoplasty-or-abstract.txt"
    taken.write_text("an earlier text\n", encoding="utf-8")
    before = snapshot(texts_corpus)
    refused = run_cli("ingest", BIB / "corpus.xml", "--corpus", texts_corpus)
    assert refused.exit_code == 1 and f"{taken} exists already" in refused.stderr and "--force" in refused.stderr
    assert snapshot(texts_corpus) == before and not staging_left(texts_corpus)
    forced = run_cli("ingest", BIB / "corpus.xml", "--corpus", texts_corpus, "--force")
    assert forced.exit_code == 0 and str(taken) in forced.stdout.splitlines()
    assert taken.read_text(encoding="utf-8").startswith("OBJECTIVE: To test kyphoplasty") and not staging_left(texts_corpus)


def test_pubmed_fields_are_read_where_the_dtd_puts_them() -> None:
    """Comments' PMIDs, the reference list's ids and title, investigators, other abstracts and history dates are not the article's."""
    problems: list = []
    full, bare = read(BIB / "full-record.xml", "pubmed-xml", problems)
    ref = full.ref
    assert problems == [] and (full.key, ref.pmid, ref.pmcid, ref.doi) == ("38888888", "38888888", "PMC5555555", "10.5555/example.2023.201")
    assert ref.title == "Cement volume and new fractures after kyphoplasty: a cohort study of 103 invented patients"
    assert (ref.journal, ref.volume, ref.issue, ref.pages, ref.issued, ref.year) == ("J Exampl", "12", "3", "201-209", "2023", 2023)
    assert [(a.family, a.given, a.orcid) for a in ref.authors] == [("Example", "Alex B", "0000-0002-1825-0097"), ("Sample", "B", None)]
    assert [(s.label, s.text) for s in full.abstract] == [
        ("BACKGROUND", "Cement volume may matter."), ("RESULTS", "New fractures occurred in 12 of 1000 invented patients (1.2%).")
    ]  # fmt: skip
    assert full.mesh == ("Kyphoplasty", "Cohort Studies") and ref.publication_types == ("Journal Article", "Observational Study")
    assert (bare.ref.journal, bare.ref.doi, bare.ref.issued, [str(a) for a in bare.ref.authors]) == (
        None, "10.5555/example.2024.1", "2024", ["Invented Study Group"]
    )  # fmt: skip


def test_a_long_bibliographic_ingest_reports_its_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    from kgraph.ingest.bib import bibliography
    from kgraph.resources import default_corpus

    monkeypatch.setattr(bibliography, "REPORT_EVERY", 2)
    told: list[str] = []
    source = BIB / "corpus.xml"
    records = sum(1 for _ in read(source, "pubmed-xml", []))
    with bibliography.ingest_bibliography(source, "pubmed-xml", default_corpus(), dry_run=True, progress=told.append):
        pass
    assert told[0].startswith("reading the corpus in ")
    assert told[1:] == [f"drafted {n:,} records of corpus.xml" for n in range(2, records + 1, 2)] + [
        f"drafted {records:,} records of corpus.xml; staging the files"]


ALPHA = "@article{alpha2020,\n  author = {Alpha, Ann and Beta, Bob},\n  title = {Cement augmentation of invented fractures},\n  journal = {J Invented Spine},\n  year = {2020},\n  volume = {12},\n  pages = {101--109}\n}\n"
GAMMA = "@article{gamma2021,\n  author = {Gamma, Gil},\n  title = {Bracing after invented fractures},\n  journal = {J Invented Spine},\n  year = {2021},\n  volume = {13},\n  pages = {55--60}%s\n}\n"
DELTA = "@article{delta2022,\n  author = {Delta, Dora},\n  title = {Sham procedures for invented fractures},\n  journal = {J Invented Spine},\n  year = {2022},\n  volume = {14},\n  pages = {1--9}\n}\n"


def test_ingesting_a_grown_file_again_loses_no_record(tmp_path: Path, texts_corpus: Path) -> None:
    """A second ingest of a file with a new record, and a DOI for a record the first wrote, would fill the bibliography file
    and write it anew at once: it is refused; with --force the file is drafted again, whole."""
    bib = tmp_path / "mine.bib"
    bib.write_text(ALPHA + GAMMA % "", encoding="utf-8")
    assert run_cli("ingest", bib, "--corpus", texts_corpus).exit_code == 0
    written = texts_corpus / "bibliography" / "mine-bib.yaml"
    first = snapshot(texts_corpus)
    bib.write_text(ALPHA + GAMMA % ",\n  doi = {10.5555/gamma.2021}" + DELTA, encoding="utf-8")
    refused = run_cli("ingest", bib, "--corpus", texts_corpus)
    assert refused.exit_code == 1 and "exists already" in refused.stderr and "--force" in refused.stderr
    assert snapshot(texts_corpus) == first
    assert run_cli("ingest", bib, "--corpus", texts_corpus, "--force").exit_code == 0
    studies = yaml.safe_load(written.read_text(encoding="utf-8"))["studies"]
    assert [s["id"] for s in studies] == ["alpha2020", "gamma2021", "delta2022"]
    assert studies[1]["doi"] == "10.5555/gamma.2021"
    assert run_cli("validate", texts_corpus).exit_code == 0


def test_forcing_the_same_ingest_again_gives_the_same_files(texts_corpus: Path) -> None:
    """--force drafts the file anew without its earlier ingest in view: the same ids (no ``-abstract-2``), the same bytes."""
    source = BIB / "corpus.xml"
    assert run_cli("ingest", source, "--corpus", texts_corpus).exit_code == 0
    first = snapshot(texts_corpus)
    again = run_cli("ingest", source, "--corpus", texts_corpus, "--force")
    assert again.exit_code == 0, again.stderr
    assert snapshot(texts_corpus) == first


ABSTRACT_ARTICLE = """<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">{pmid}</PMID>
<Article PubModel="Print"><Journal><JournalIssue CitedMedium="Internet"><Volume>{n}</Volume><PubDate><Year>2020</Year></PubDate></JournalIssue>
<Title>Journal of invented examples</Title><ISOAbbreviation>J Invent Exampl</ISOAbbreviation></Journal>
<ArticleTitle>Invented trial {n} of kyphoplasty.</ArticleTitle><Pagination><MedlinePgn>{n}1-{n}9</MedlinePgn></Pagination>
<Abstract><AbstractText Label="RESULTS" NlmCategory="RESULTS">In this trial, balloon kyphoplasty reduced mortality at 12 months compared
with conservative care (p=0.01).</AbstractText></Abstract>
<AuthorList CompleteYN="Y"><Author ValidYN="Y"><LastName>Example{n}</LastName><ForeName>Alex</ForeName></Author></AuthorList>
<PublicationTypeList><PublicationType UI="D016449">Randomized Controlled Trial</PublicationType></PublicationTypeList></Article>
</MedlineCitation></PubmedArticle>
"""


def test_abstracts_that_state_one_new_claim_draft_it_once(tmp_path: Path, texts_corpus: Path) -> None:
    """Each abstract sees the claims drafted for those before it, as several documents ingested together do."""
    source = tmp_path / "three.xml"
    articles = "".join(ABSTRACT_ARTICLE.format(n=n, pmid=91_000_000 + n) for n in (1, 2, 3))
    source.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n{articles}</PubmedArticleSet>\n', encoding="utf-8")
    assert run_cli("ingest", source, "--corpus", texts_corpus).exit_code == 0
    documents = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((texts_corpus / "sources").glob("example*-abstract.yaml"))]
    drafted = [claim["id"] for doc in documents for claim in doc.get("claims", ())]
    stated = {statement["claim"] for doc in documents for statement in doc["statements"]}
    assert len(documents) == 3 and len(drafted) == 1 and stated == set(drafted)
    assert run_cli("validate", texts_corpus).exit_code == 0
