"""What every command does the same way: the default corpus, progress, and error reporting."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from kgraph import resources
from kgraph.errors import CorpusError

err_console = Console(stderr=True, highlight=False)


def corpus_dir(data_dir: Path | None) -> Path:
    return data_dir if data_dir is not None else resources.default_corpus()


@contextmanager
def progress(enabled: bool = True) -> Iterator[Callable[[str], None]]:
    """A spinner on stderr naming the current stage; silent when stderr is not a terminal."""
    if not enabled or not err_console.is_terminal:
        yield lambda _: None
        return
    with err_console.status("starting") as status:
        yield lambda stage: status.update(f"{stage}...")


def reports_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a :class:`CorpusError` into one line per problem, a store's error into one line, on stderr and exit status 1."""
    from kgraph.store import StoreError

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except StoreError as exc:
            click.echo(f"kgraph: {exc}", err=True)
            raise SystemExit(1) from None
        except CorpusError as exc:
            for item in exc.problems:
                click.echo(str(item), err=True)
            count = len(exc.problems)
            click.echo(f"kgraph: {count} problem{'s' if count != 1 else ''}; nothing written. Fix the lines above and run again.", err=True)
            raise SystemExit(1) from None

    return wrapper
