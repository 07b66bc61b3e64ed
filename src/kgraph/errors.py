"""What goes wrong, said so that a user can act on it: every error a user can cause is a :class:`KgraphError`.

A corpus's problems are reported as ``file:line: record-id: message``
(:class:`CorpusError`); every other error is one line. The command line
catches :class:`KgraphError` in one place; anything else is a bug.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_BREAKS = re.compile(r"\s*[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+\s*")
"""Line breaks as str.splitlines counts them, with the spaces around them."""


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
        """``file:line: record: message`` on one line, whatever line breaks a library's message or a record's key brought.

        >>> str(problem("refs.bib", 5, "key\\n  author =", "Expected comma\\nafter the key"))
        'refs.bib:5: key author =: Expected comma after the key'
        """
        o = self.origin
        where = f"{o.file}:{o.line}" if o.line > 0 else o.file
        return _BREAKS.sub(" ", f"{where}: {o.record or '-'}: {self.message}")


class KgraphError(Exception):
    """An error the user can mend: bad input, an unknown name, a store that is down; its message is one line that says what to do."""


class CorpusError(KgraphError):
    """Raised when a corpus cannot be built; carries every problem found, not just the first.

    Problems are sorted by file and line, after the ones in ``first``, kept in
    their order: a file that cannot be read is said before what it hides.
    """

    def __init__(self, problems: Iterable[Problem], first: Iterable[Problem] = ()) -> None:
        first = list(dict.fromkeys(first))
        self.problems = first + sorted(set(problems) - set(first))
        super().__init__("\n".join(str(p) for p in self.problems))


def problem(path: Path | str, line: int, record: str, message: str) -> Problem:
    """A problem located at a file and line, as the readers of records make them."""
    return Problem(Origin(str(path), line, record), message)


def shown(value: Any, limit: int = 60) -> str:
    """A value as a message quotes it: on one line, and cut short, so that a long value does not make a long message.

    >>> shown("a\\nb"), shown("x" * 100)[-5:]
    ("'a\\\\nb'", 'xx...')
    """
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}..."
