"""The command line: every command explains itself with examples."""

from __future__ import annotations

import pytest
from helpers import run_cli

from kgraph.cli import COMMANDS


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_with_examples(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"kgraph {command}" in result.stdout


def test_top_level_help_lists_every_command() -> None:
    result = run_cli("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.stdout


def test_unknown_command_fails() -> None:
    assert run_cli("frobnicate").exit_code == 2
