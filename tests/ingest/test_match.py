"""Matching references against the bundled corpus's own studies (INVEST, Buchbinder, CAFE, Gangi)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kgraph.ingest.match import Catalogue, journal_matches
from kgraph.ingest.reference import Author, BadIdentifier, Reference, fold, normalise_doi, normalise_pmid, normalise_registry


@pytest.fixture(scope="module")
def catalogue(corpus_dir: Path) -> Catalogue:
    return Catalogue.of(corpus_dir)


def test_invest_by_doi_whatever_its_spelling(catalogue: Catalogue) -> None:
    ref = Reference(doi=normalise_doi("https://doi.org/10.1056/NEJMOA0900563"))
    match = catalogue.match(ref)
    assert match is not None and (match.record, match.evidence, match.conflicts) == ("kallmes-2009-invest", "doi", ())


def test_buchbinder_by_pmid(catalogue: Catalogue) -> None:
    match = catalogue.match(Reference(pmid="19657121", title="A randomized trial of vertebroplasty for painful osteoporotic vertebral fractures"))
    assert match is not None and (match.record, match.evidence, match.conflicts) == ("buchbinder-2009", "pmid", ())


@pytest.mark.parametrize(
    ("printed", "record"),
    [
        # Vancouver, truncated author list, abbreviated journal, page range cut short
        (Reference((Author.parse("Kallmes D"),), 2009, journal="N Engl J Med", volume="361", pages="569-579"), "kallmes-2009-invest"),
        # APA with the journal spelled out, "The", British spelling of nothing, en dash
        (Reference((Author("Buchbinder", "R."),), 2009, journal="The New England Journal of Medicine", volume="361", pages="557–568"), "buchbinder-2009"),
        # the acronym before an abbreviated journal name is absent from the other printing
        (Reference((Author("Gangi", "A"),), 1994, journal="American Journal of Neuroradiology", pages="83"), "gangi-1994"),
    ],
)
def test_by_author_year_journal_page_without_identifiers(catalogue: Catalogue, printed: Reference, record: str) -> None:
    match = catalogue.match(printed)
    assert match is not None and (match.record, match.evidence) == (record, "author+year+journal+page")


def test_a_typo_in_the_volume_still_matches_and_is_reported(catalogue: Catalogue) -> None:
    ref = Reference((Author("Kallmes", "DF"),), 2009, journal="N Engl J Med", volume="316", pages="569–79")
    match = catalogue.match(ref)
    assert match is not None and match.record == "kallmes-2009-invest"
    assert match.conflicts == ("volume: the corpus has 361, the reference 316",)


def test_a_different_year_is_a_conflict_not_a_new_study(catalogue: Catalogue) -> None:
    match = catalogue.match(Reference((Author("Kallmes", "DF"),), 2010, doi="10.1056/nejmoa0900563"))
    assert match is not None and match.evidence == "doi"
    assert match.conflicts == ("year: the corpus has 2009, the reference 2010",)


def test_wrong_year_and_no_volume_is_no_match(catalogue: Catalogue) -> None:
    assert catalogue.match(Reference((Author("Kallmes", "DF"),), 2011, journal="N Engl J Med", pages="569")) is None


def test_same_page_other_journal_is_no_match(catalogue: Catalogue) -> None:
    assert catalogue.match(Reference((Author("Kallmes", "DF"),), 2009, journal="Lancet", pages="569")) is None


def test_sources_are_in_the_catalogue(catalogue: Catalogue) -> None:
    kinds = {work.record: work.kind for work in catalogue}
    assert kinds["kallmes-2009-invest"] == "study" and kinds["journal-watch-free-summary"] == "source"


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("N Engl J Med", "New England Journal of Medicine"),
        ("Eur Spine J", "European Spine Journal"),
        ("J Vasc Interv Radiol", "Journal of Vascular and Interventional Radiology"),
        ("Br J Haematol", "British Journal of Hematology"),
        ("Lancet Oncol", "The Lancet Oncology"),
    ],
)
def test_journal_abbreviations(short: str, full: str) -> None:
    assert journal_matches(short, full) and journal_matches(full, short)


@pytest.mark.parametrize(("a", "b"), [("Lancet", "Lancet Oncol"), ("Spine", "Spine J"), ("N Engl J Med", "JAMA")])
def test_different_journals(a: str, b: str) -> None:
    assert not journal_matches(a, b)


@pytest.mark.parametrize("bad", ["NEJMoa0900563", "10.1056", "https://example.org/10.1/x", ""])
def test_not_a_doi(bad: str) -> None:
    with pytest.raises(BadIdentifier, match="is not a DOI"):
        normalise_doi(bad)


@pytest.mark.parametrize(("bad", "normalise"), [("1965712a", normalise_pmid), ("PMID 1", normalise_pmid), ("NCT123", normalise_registry)])
def test_not_an_identifier(bad: str, normalise) -> None:
    with pytest.raises(BadIdentifier, match="is not a"):
        normalise(bad)


@given(st.from_regex(r"10\.[0-9]{4,6}/[A-Za-z0-9().;_-]{1,20}", fullmatch=True), st.sampled_from(["", "doi:", "https://doi.org/", "http://dx.doi.org/"]))
def test_doi_spellings_normalise_to_one(doi: str, prefix: str) -> None:
    assert normalise_doi(prefix + doi) == normalise_doi(doi.upper()) == doi.lower()


@pytest.mark.parametrize(
    ("printed", "family", "initials"),
    [("Kallmes DF", "Kallmes", "DF"), ("Kallmes, David F.", "Kallmes", "DF"), ("Robert Pflugmacher", "Pflugmacher", "R"), ("van der Berg AB", "van der Berg", "AB")],
)
def test_author_names(printed: str, family: str, initials: str) -> None:
    author = Author.parse(printed)
    assert author is not None and (author.family, author.initials) == (family, initials)


def test_et_al_is_no_author() -> None:
    assert Author.parse("et al.") is None and Author.parse(" et al ") is None


@given(st.text() | st.text(alphabet=st.characters(max_codepoint=127)))
def test_fold_keeps_the_letters_and_digits_of_the_decomposed_case_fold(text: str) -> None:
    """Its definition, character by character; the ASCII short cut and the regular expression must agree with it."""
    assert fold(text) == "".join(c for c in unicodedata.normalize("NFKD", text).casefold() if c.isalnum())
