"""Ingest tests' fixtures: writable copies of the bundled corpus, its texts folder resolving from anywhere or inside it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kgraph.corpus.records import load_corpus


@pytest.fixture
def corpus_copy(tmp_path: Path, corpus_dir: Path) -> Path:
    target = tmp_path / "kc"
    shutil.copytree(corpus_dir, target)
    (target / "corpus.yaml").write_text((corpus_dir / "corpus.yaml").read_text().replace('"../../../shared/seeds"', f'"{(corpus_dir / "../../../shared/seeds").resolve()}"'))
    return target


@pytest.fixture
def texts_corpus(tmp_path: Path, corpus_dir: Path) -> Path:
    """The bundled corpus with its texts in its own texts/ folder, where a bibliographic ingest saves abstracts."""
    target = tmp_path / "corpus"
    shutil.copytree(corpus_dir, target)
    shutil.copytree(load_corpus(corpus_dir).texts, target / "texts", ignore=shutil.ignore_patterns("README.md"))
    settings = target / "corpus.yaml"
    settings.write_text(re.sub(r"texts: .*", "texts: texts", settings.read_text(encoding="utf-8")), encoding="utf-8")
    return target
