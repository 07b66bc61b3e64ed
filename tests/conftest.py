"""Shared fixtures: the bundled corpus, the mini fixture and writable copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES

from kgraph import resources


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return resources.default_corpus()


@pytest.fixture(scope="session")
def mini_dir() -> Path:
    return FIXTURES / "mini"


@pytest.fixture
def mini_copy(tmp_path: Path, mini_dir: Path) -> Path:
    """A writable copy of the mini corpus, for tests that break it."""
    target = tmp_path / "mini"
    shutil.copytree(mini_dir, target)
    return target
