"""Ingest tests' fixtures: a writable copy of the bundled corpus whose texts folder resolves from anywhere."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def corpus_copy(tmp_path: Path, corpus_dir: Path) -> Path:
    target = tmp_path / "kc"
    shutil.copytree(corpus_dir, target)
    (target / "corpus.yaml").write_text((corpus_dir / "corpus.yaml").read_text().replace('"../../../shared/seeds"', f'"{(corpus_dir / "../../../shared/seeds").resolve()}"'))
    return target
