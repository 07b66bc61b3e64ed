"""The cue table (``ontology/ingest-cues.yaml``) compiled into matchers.

The words that make a sentence a draft statement, and that decide its mode
and direction, are data a curator edits; this module only turns each cue
into a pattern and says which cue of a group a sentence contains.

>>> cue_pattern("randomi?ed studies").fullmatch("randomised  studies") is not None
True
>>> Group("hedge", ("may", "possibl*")).first("It is possibly useful.")
'possibl*'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from kgraph import resources


def cue_pattern(cue: str) -> re.Pattern[str]:
    """A cue as a pattern: ``*`` any ending, ``?`` one letter, a space any run of spaces or hyphens; whole words only."""
    body = re.escape(cue.strip()).replace(r"\*", r"[\w’']*").replace(r"\?", r"\w").replace(r"\ ", r"[\s\-]+")
    return re.compile(rf"(?<![\w’']){body}(?![\w’'])", re.IGNORECASE)


@dataclass(frozen=True)
class Group:
    """A named list of cues, tried in the order written."""

    name: str
    cues: tuple[str, ...]

    @property
    def patterns(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return _compiled(self.cues)

    def first(self, text: str) -> str | None:
        """The first cue of the group (in the table's order) that ``text`` contains."""
        return next((cue for cue, pattern in self.patterns if pattern.search(text)), None)


@cache
def _compiled(cues: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((cue, cue_pattern(cue)) for cue in cues)


@dataclass(frozen=True)
class Cues:
    """The whole table: roles with the claim type they give, modality cues, direction cues, section headings, boilerplate."""

    roles: tuple[tuple[Group, str], ...]
    negation: Group
    hedge: Group
    report: Group
    anaphora: Group
    significance: Group
    directions: tuple[Group, ...]
    reference_headings: tuple[str, ...]
    boilerplate: Group
    path: Path


def default_cues() -> Path:
    return resources.ontology_dir() / "ingest-cues.yaml"


@cache
def load_cues(path: Path | None = None) -> Cues:
    """The cue table at ``path`` (default: the bundled ``ontology/ingest-cues.yaml``)."""
    path = path or default_cues()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def group(name: str, values: list[str]) -> Group:
        return Group(name, tuple(str(v) for v in values))

    return Cues(
        roles=tuple((group(name, spec["cues"]), str(spec["claim_type"])) for name, spec in data["roles"].items()),
        negation=group("negation", data["negation"]),
        hedge=group("hedge", data["hedge"]),
        report=group("report", data["report"]),
        anaphora=group("anaphora", data["anaphora"]),
        significance=group("significance", data["significance"]),
        directions=tuple(group(name, values) for name, values in data["direction"].items()),
        reference_headings=tuple(str(h) for h in data["reference_headings"]),
        boilerplate=group("boilerplate", data["boilerplate"]),
        path=path,
    )
