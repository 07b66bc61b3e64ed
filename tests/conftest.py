"""Shared fixtures: the bundled corpus, the mini fixture and writable copies of it, and Debian's chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import FIXTURES, need_program
from viz_support import CHROMIUM_ARGS

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


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium under playwright; skips locally when it is missing, fails on CI."""
    chromium = need_program("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
