"""Problems found in a corpus, reported as ``file:line: record-id: message``."""

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


class CorpusError(Exception):
    """Raised when a corpus cannot be built; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def problem(path: Path | str, line: int, record: str, message: str) -> Problem:
    return Problem(Origin(str(path), line, record), message)
