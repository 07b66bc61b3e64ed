"""Several documents in one `kgraph ingest A B C`: drafted in turn, written all together or not at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, run_cli

DOCS = FIXTURES / "ingest"
THREE = (DOCS / "blog-comments.html", DOCS / "column-author-year.html", DOCS / "letter-vancouver.txt")


def _files(corpus: Path) -> dict[str, bytes]:
    return {str(p.relative_to(corpus)): p.read_bytes() for p in sorted(corpus.rglob("*")) if p.is_file()}


def test_three_documents_are_written_and_validate(corpus_copy: Path) -> None:
    result = run_cli("ingest", *THREE, "--corpus", corpus_copy)
    assert result.exit_code == 0, result.stderr
    written = result.stdout.split()
    assert len(written) == 6 and all(Path(p).is_file() for p in written)
    assert not list(corpus_copy.rglob("*.tmp"))
    checked = run_cli("validate", corpus_copy)
    assert checked.exit_code == 0, checked.stderr


def test_a_work_drafted_for_one_document_is_cited_by_the_next(corpus_copy: Path) -> None:
    assert run_cli("ingest", *THREE[:2], "--corpus", corpus_copy).exit_code == 0
    drafted = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((corpus_copy / "sources").glob("*.yaml")) if not p.name[0].isdigit()]
    studies = [s["id"] for doc in drafted for s in doc.get("studies", [])]
    assert len(studies) == len(set(studies))
    blog, column = (next(d for d in drafted if d["sources"][0]["title"].startswith(t)) for t in ("Cement", "Twenty"))
    clark = next(s["id"] for s in blog["studies"] if s["label"].startswith("Clark"))
    assert clark in column["sources"][0]["cites"] and not any(s["label"].startswith("Clark") for s in column.get("studies", []))


def test_same_as_one_at_a_time(tmp_path: Path, corpus_copy: Path) -> None:
    assert run_cli("ingest", *THREE, "--corpus", corpus_copy).exit_code == 0
    together = _files(corpus_copy)
    for sources in ("sources", "texts"):
        for path in (corpus_copy / sources).glob("*"):
            if not path.name[0].isdigit():
                path.unlink()
    for document in THREE:
        assert run_cli("ingest", document, "--corpus", corpus_copy).exit_code == 0
    assert _files(corpus_copy) == together


@pytest.mark.parametrize("bad", ["empty", "taken", "same-id"])
def test_one_bad_file_writes_nothing(tmp_path: Path, corpus_copy: Path, bad: str) -> None:
    files = [*THREE]
    if bad == "empty":
        (tmp_path / "empty.txt").write_bytes(b"")
        files.insert(1, tmp_path / "empty.txt")
    elif bad == "taken":
        taken = corpus_copy / "texts" / "vertebroplasty-after-the-sham-trials-a.txt"
        taken.parent.mkdir()
        taken.write_text("an earlier ingest\n", encoding="utf-8")
    else:
        files.append(DOCS / "letter-vancouver.txt")
    before = _files(corpus_copy)
    result = run_cli("ingest", *files, "--corpus", corpus_copy)
    assert result.exit_code == 1 and result.stderr.startswith("kgraph: ") and len(result.stderr.strip().splitlines()) == 1
    assert _files(corpus_copy) == before


def test_dry_run_json_of_several_files_is_one_array() -> None:
    result = run_cli("ingest", *THREE[1:], "--dry-run", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["source"]["id"] for d in data] == ["twenty-years-of-spine-cement-and", "vertebroplasty-after-the-sham-trials-a"]
