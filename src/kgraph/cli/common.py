"""What every command does the same way: the default corpus, progress, and error reporting."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from kgraph import resources
from kgraph.errors import CorpusError, KgraphError

if TYPE_CHECKING:
    from rich.console import Console

    err_console: Console


@cache
def _err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def __getattr__(name: str) -> Any:
    """``err_console``, the rich console on stderr, made on first use: importing rich costs a quick command 50 ms."""
    if name == "err_console":
        return _err_console()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def fail(message: str) -> NoReturn:
    """One line on stderr, as every kgraph error is written, and exit status 1."""
    click.echo(f"kgraph: {message}", err=True)
    raise SystemExit(1)


def corpus_dir(data_dir: Path | None) -> Path:
    """The folder a command works on: the one given, else the bundled corpus."""
    return data_dir if data_dir is not None else resources.default_corpus()


@contextmanager
def progress(enabled: bool = True) -> Iterator[Callable[[str], None]]:
    """A spinner on stderr naming the current stage; silent when stderr is not a terminal."""
    if not enabled or not sys.stderr.isatty() or not _err_console().is_terminal:
        yield lambda _: None
        return
    with _err_console().status("starting") as status:
        yield lambda stage: status.update(f"{stage}...")


def reports_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """The one place a :class:`KgraphError` becomes what the user reads: one line per corpus problem, else one line; exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CorpusError as exc:
            for item in exc.problems:
                click.echo(str(item), err=True)
            count = len(exc.problems)
            click.echo(f"kgraph: {count} problem{'s' if count != 1 else ''}; nothing written. Fix the lines above and run again.", err=True)
            raise SystemExit(1) from None
        except KgraphError as exc:
            fail(str(exc))

    return wrapper
