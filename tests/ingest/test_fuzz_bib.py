"""Careless and hostile edits of bibliographic files: the ingest drafts each or names its problems, never a traceback.

Hypothesis mutates the fixtures of every format (lines dropped, duplicated,
swapped or cut; a value of the wrong type; stray bytes, invalid UTF-8, tabs and
control characters; very long strings, with the edits of tests/mutations.py),
and each mutated file is ingested as ``kgraph ingest --dry-run`` ingests it
(read, matched against the bundled corpus, drafted, its YAML staged). Every
case must end in drafts whose every staged YAML file loads back, or in a
:class:`~kgraph.errors.KgraphError` whose every problem is one line naming the file:
never another exception.

The profile is chosen by ``KGRAPH_FUZZ``: ``ci`` (the default, 150 cases,
well within a minute) or ``long`` (3,000 cases):

    KGRAPH_FUZZ=long .venv/bin/pytest -q tests/ingest/test_fuzz_bib.py
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, copy_corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import VALUES as EDITS
from mutations import mutation

from kgraph import resources
from kgraph.errors import CorpusError, KgraphError
from kgraph.ingest.bib import sniff
from kgraph.ingest.bib.bibliography import ingest_bibliography

settings.register_profile("bib-fuzz-ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("bib-fuzz-long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROFILE = f"bib-fuzz-{os.environ.get('KGRAPH_FUZZ', 'ci')}"

BIB = FIXTURES / "bib"
FILES = {path.name: path.read_bytes() for path in sorted(BIB.glob("*.*")) if path.suffix != ".md"}
FIELDS = (b"doi", b"pmid", b"year", b"title", b"author", b"pages", b"DO  ", b"PY  ", b"AU  ", b"SP  ", b"TY  ", b"ER  ", b"PMID", b"DP  ",
          b"FAU ", b"<PMID", b"<Year", b"<ELocationID", b"<LastName", b'"DOI"', b'"issued"', b'"author"', b'"type"', b'"id"')  # fmt: skip
"""Where a field's value reaches an identifier check, a date, a name or a record's start: a retyped value lands on one of these lines as often as anywhere."""


VALUES = [
    *EDITS, b"{", b"}", b"{{{", b'"', b"#", b"@string{x = y}", b"@comment{", b"@preamble{", b"x # y", b"{\\'e}", b"--", b"and",
    b"others", b"TY  - JOUR", b"ER  - ", b"      continued", b"PMID- 1", b"<!ENTITY x 'y'>", b"&x;", b"&amp;", b"&#0;", b"<![CDATA[x]]>",
    b"<i>", b"</Article>", b'{"id": null}', b"[[2009]]", b'{"date-parts": [["x"]]}', b"null", b"1e999", b"-0", b"10.", b"10.1000/",
    b"doi:10.1056/NEJMoa0900563", b"PMC", b"NCT", b"0000-0000-0000-000X",
]  # fmt: skip
"""Values a bibliographic format reads specially: BibTeX's braces, macros and concatenation, RIS and MEDLINE tags, XML entities and
markup, CSL's date parts, identifiers nearly right."""


def is_field(line: bytes) -> bool:
    return line.lstrip(b" \t@{").startswith(FIELDS)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_corpus(resources.default_corpus(), tmp_path_factory.mktemp("bib-fuzz") / "corpus")


@settings.get_profile(PROFILE)
@given(data=st.data())
def test_an_edited_bibliography_is_drafted_or_its_problems_named(corpus: Path, data: st.DataObject) -> None:
    name, content, what = data.draw(mutation(FILES, is_field, VALUES))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(content)
        fmt = sniff(content[:4096], name)
        assert fmt is not None, what
        try:
            with ingest_bibliography(path, fmt, corpus, dry_run=True) as staged:
                for target, staged_file in staged.files():
                    if target.suffix == ".yaml":
                        assert isinstance(yaml.safe_load(staged_file.read_text(encoding="utf-8")), dict), what
        except CorpusError as error:
            assert error.problems, what
            assert all(str(problem).startswith(f"{path}") and "\n" not in str(problem) for problem in error.problems), f"{what}: {error}"
        except KgraphError as error:
            assert str(error).startswith(str(path)) and "\n" not in str(error), f"{what}: {error}"
