"""kgraph export -f bibtex|ris|csl-json: read by the formats' own libraries, and read back by kgraph ingest into the same records."""

from __future__ import annotations

from pathlib import Path

import bibtexparser
import pytest
import rispy
from helpers import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgraph.corpus.records import Reader, load_corpus
from kgraph.export.bibliography import Work, works, writers
from kgraph.ingest.bib import read
from kgraph.ingest.bib.bibliography import ingest_bibliography
from kgraph.ingest.bib.csljson import validator
from kgraph.ingest.bib.drafts import bibliographic_fields
from kgraph.ingest.match import reference_of
from kgraph.ingest.reference import Author, Reference

SUFFIX = {"bibtex": "bib", "ris": "ris", "csl-json": "json"}
INGEST_FORMAT = {"bibtex": "bibtex", "ris": "ris", "csl-json": "csl-json"}


@pytest.fixture(scope="module")
def corpus_works(corpus_dir: Path) -> list[Work]:
    return list(works(corpus_dir))


def records(corpus_dir: Path) -> dict[str, dict]:
    """Every study and source of a corpus: its kind, label and bibliographic fields."""
    reader = Reader(load_corpus(corpus_dir))
    found = {}
    for batch in reader.files():
        for record in batch:
            if record.kind.name in ("study", "source") and record.data.get("title"):
                kind = record.data.get("kind") if record.kind.name == "source" else "study"
                orcids = tuple(str(o) for o in record.values("orcids"))
                fields = bibliographic_fields(reference_of(record.data), orcids, record.kind.name)
                found[record.id] = {"kind": kind, "label": record.data.get("label"), **{k: str(v) for k, v in fields.items()}}
    return found


def empty_corpus(path: Path) -> Path:
    path.mkdir()
    (path / "corpus.yaml").write_text('corpus:\n  id: empty\n  base: "https://example.org/kg/"\n  texts: texts\n', encoding="utf-8")
    return path


def test_the_corpus_has_works_of_every_kind(corpus_works: list[Work]) -> None:
    kinds = {w.source_kind for w in corpus_works}
    assert {None, "blog-post", "journal-summary", "book-chapter", "meeting-abstract", "web-page", "comment"} <= kinds
    assert any(w.ref.registry for w in corpus_works) and any(w.ref.pmid for w in corpus_works)


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json"])
def test_round_trip_gives_back_the_same_records(fmt: str, corpus_dir: Path, corpus_works: list[Work], tmp_path: Path) -> None:
    exported = tmp_path / f"corpus.{SUFFIX[fmt]}"
    exported.write_bytes(writers()[fmt](corpus_works))
    target = empty_corpus(tmp_path / "empty")
    with ingest_bibliography(exported, INGEST_FORMAT[fmt], target) as staged:
        staged.commit()
    assert records(target) == records(corpus_dir)


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json"])
def test_export_is_deterministic(fmt: str, corpus_works: list[Work]) -> None:
    assert writers()[fmt](corpus_works) == writers()[fmt](list(reversed(list(reversed(corpus_works)))))


def test_bibtex_parses_in_bibtexparser(corpus_works: list[Work]) -> None:
    library = bibtexparser.parse_string(writers()["bibtex"](corpus_works).decode("utf-8"))
    assert library.failed_blocks == [] and [e.key for e in library.entries] == [w.id for w in corpus_works]
    invest = library.entries_dict["kallmes-2009-invest"]
    assert invest["doi"] == "10.1056/nejmoa0900563" and invest["pmid"] == "19657122" and invest.entry_type == "article"


def test_ris_parses_in_rispy(corpus_works: list[Work]) -> None:
    entries = rispy.loads(writers()["ris"](corpus_works).decode("utf-8"))
    assert [e["id"] for e in entries] == [w.id for w in corpus_works]
    free = next(e for e in entries if e["id"] == "free-trial")
    assert free["type_of_reference"] == "JOUR" and free["notes"] == ["Trial registration: NCT00211211"]


def test_csl_json_passes_the_schema_with_specified_variables_only(corpus_works: list[Work]) -> None:
    import json

    items = json.loads(writers()["csl-json"](corpus_works))
    schema = validator().schema
    for item in items:
        assert list(validator().iter_errors(item)) == []
        assert set(item) <= set(schema["properties"]) - {"shortTitle", "journalAbbreviation"}
        for name in item.get("author", []):
            assert set(name) <= {"family", "given"}


def test_cli_export_bibliography(tmp_path: Path) -> None:
    out = tmp_path / "k.bib"
    result = run_cli("export", "-f", "bibtex", "-o", out)
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").count("@article{") >= 10


names = st.text(alphabet=st.characters(categories=["L"]), min_size=2, max_size=12).filter(lambda s: s == s.strip())
titles = st.text(alphabet=st.characters(categories=["L", "N", "Zs", "Pd", "Po"], exclude_characters="-"), min_size=1, max_size=60).map(
    lambda s: " ".join(s.split())
).filter(bool)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=titles, family=names, given_name=names, fmt=st.sampled_from(["bibtex", "ris", "csl-json"]))
def test_any_title_and_name_survive_export_and_ingest(tmp_path: Path, title: str, family: str, given_name: str, fmt: str) -> None:
    work = Work("x", None, None, Reference(authors=(Author(family, given_name),), year=2020, title=title, journal="J"))
    path = tmp_path / f"one.{SUFFIX[fmt]}"
    path.write_bytes(writers()[fmt]([work]))
    problems: list = []
    (item,) = read(path, INGEST_FORMAT[fmt], problems)
    author = item.ref.authors[0]
    assert problems == [] and item.ref.title == title and (author.family, str(author)) == (family, str(Author(family, given_name)))
