"""What goes wrong, said so that a user can act on it: every error a user can cause is a :class:`KgraphError`.

A corpus's problems are reported as ``file:line: record-id: message``
(:class:`CorpusError`); every other error is one line. The command line
catches :class:`KgraphError` in one place; anything else is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Origin:
    """Where a record or one of its fields was written, so errors can point there."""

    file: str
    line: int
    record: str

    def at(self, line: int) -> Origin:
        return Origin(self.file, line, self.record)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located for the curator."""

    origin: Origin
    message: str

    def __str__(self) -> str:
        o = self.origin
        where = f"{o.file}:{o.line}" if o.line > 0 else o.file
        return f"{where}: {o.record or '-'}: {self.message}"


class KgraphError(Exception):
    """An error the user can mend: bad input, an unknown name, a store that is down; its message is one line that says what to do."""


class CorpusError(KgraphError):
    """Raised when a corpus cannot be built; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def problem(path: Path | str, line: int, record: str, message: str) -> Problem:
    """A problem located at a file and line, as the readers of records make them."""
    return Problem(Origin(str(path), line, record), message)
