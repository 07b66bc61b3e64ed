"""The evidence rules table (``ontology/evidence-rules.yaml``), read and checked once.

The derived layer is only as trustworthy as its rules, and a reviewer must be
able to read and change them; so they live in a commented YAML table and this
module only parses it, refusing a table it cannot apply with the file and line
of the mistake.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kgraph import resources
from kgraph.corpus import yamlfile
from kgraph.corpus.ontology import load_ontology
from kgraph.errors import CorpusError, Problem, problem
from kgraph.rdf.namespaces import KG

RULES_FILE = "evidence-rules.yaml"
PARTS = ("intervention", "comparator", "population", "outcome")
RELATIONS = ("same", "narrower", "broader", "related", "unrelated", "unknown", "unstated")
TIME_RELATIONS = ("inside", "outside", "unknown", "unstated")
DIRECTNESS = ("direct", "indirect", "none")
TIME_DIRECTNESS = ("direct", "indirect", "other-time")
APPARENT_KINDS = ("time-point", "intervention", "comparator", "population")
TRI_STATE = {True: "true", False: "false", "unknown": "unknown"}
BOOLEAN_FACTS = ("randomised", "blinded", "sham_controlled", "prospective", "funder_has_stake")
FLAGS = ("subjective_outcome", "harm_outcome", "indirect", "favours_intervention")
WHEN_KEYS = frozenset({"design", "funding", "significance", "reported_only_in", *FLAGS, *BOOLEAN_FACTS})
BODY_KEYS = frozenset({"total_participants_below", "participants_unknown", "inconsistent", "independent_studies_at_least", "studies_at_most"})
PLACEHOLDERS = frozenset({"outcome", "studies", "funders", "participants", "threshold", "differences", "stances", "sources", "significance", "set_aside"})
VERDICTS = ("supported", "contradicted", "contested", "qualified", "conflicting", "mixed", "inconclusive", "no evidence")
"""The consensus verdicts of a claim graded as an effect (a summary's are borne out, not borne out, partly borne out, unchecked)."""


@dataclass(frozen=True)
class Rule:
    """One downgrade or upgrade of the certainty table."""

    id: str
    domain: str
    change: int
    findings: str
    applies: str
    when: dict[str, tuple[str, ...]]
    body: dict[str, Any]
    reason: str


@dataclass(frozen=True)
class Summary:
    """How a claim about the evidence that says the evidence takes one stance is checked."""

    map: str
    verdicts: frozenset[str]
    certainty_at_most: str | None


@dataclass(frozen=True)
class Rules:
    """The parsed table; see the comments in ``evidence-rules.yaml`` for what each part means."""

    path: Path
    levels: tuple[str, ...]
    time_frames: dict[str, tuple[float | None, float | None]]
    time_bands: tuple[str, ...]
    directness: dict[str, dict[str, str]]
    transfer_maps: dict[str, dict[str, str]]
    transfer_meaning: dict[str, str]
    transfer_pairs: dict[str, dict[str, str]]
    disagree: frozenset[frozenset[str]]
    apparent_order: tuple[str, ...]
    uncontrolled_designs: frozenset[str]
    contested_min_level: str
    contested_for: frozenset[str]
    contested_against: frozenset[str]
    starting_level: dict[str, str]
    subjective_outcomes: frozenset[str]
    harm_outcomes: frozenset[str]
    favours_intervention: dict[str, frozenset[str]]
    inconsistent: frozenset[frozenset[str]]
    no_evidence_level: str
    no_evidence_reason: str
    rules: tuple[Rule, ...]
    summaries: dict[str, Summary]
    bears_out: dict[str, frozenset[str]]
    goes_against: dict[str, frozenset[str]]
    for_modes: frozenset[str]
    against_modes: frozenset[str]
    source_evidence_directness: str

    def rank(self, level: str) -> int:
        return self.levels.index(level)

    def clamp(self, index: int) -> str:
        return self.levels[max(0, min(len(self.levels) - 1, index))]


def default_rules_path() -> Path:
    """The bundled rules table, ``ontology/evidence-rules.yaml``."""
    return resources.ontology_dir() / RULES_FILE


def load_rules(path: Path | None = None) -> Rules:
    """Parse and check a rules table (the bundled one by default)."""
    path = Path(path) if path is not None else default_rules_path()
    if not path.is_file():
        raise CorpusError([problem(path, 0, "rules", "no such rules file; give a copy of ontology/evidence-rules.yaml")])
    stat = path.stat()
    return _load(path.resolve(), stat.st_mtime_ns, stat.st_size)


@cache
def _load(path: Path, mtime_ns: int, size: int) -> Rules:
    """Parsed once per version of the file (``mtime_ns`` and ``size`` key the cache)."""
    return _Parser(path, yamlfile.load_file(path)).parse()


def _codes(cls) -> frozenset[str]:
    return frozenset(load_ontology().members(cls))


class _Parser:
    """Reads the table section by section, collecting every mistake before failing."""

    def __init__(self, path: Path, doc: Any) -> None:
        self.path = path
        self.doc = doc if isinstance(doc, yamlfile.Mapping) else yamlfile.Mapping()
        self.problems: list[Problem] = []
        self.stances = _codes(KG.Stance)
        self.modes = _codes(KG.StatementMode)
        self.designs = _codes(KG.StudyDesign) | {"unknown"}
        self.directions = _codes(KG.EffectDirection) | {"none"}

    def fail(self, where: Any, key: str, message: str) -> None:
        line = where.key_lines.get(key, where.line) if isinstance(where, yamlfile.Mapping) else 0
        self.problems.append(problem(self.path, line, key, message))

    def section(self, parent: Any, key: str) -> yamlfile.Mapping:
        value = parent.get(key) if isinstance(parent, dict) else None
        if not isinstance(value, yamlfile.Mapping):
            self.fail(parent, key, f"`{key}` must be a mapping")
            return yamlfile.Mapping()
        return value

    def codes(self, parent: Any, key: str, allowed: frozenset[str] | tuple[str, ...], value: Any = None) -> tuple[str, ...]:
        value = parent.get(key) if value is None else value
        items = value if isinstance(value, list) else [value]
        out = []
        for item in items:
            text = TRI_STATE.get(item, str(item)) if isinstance(item, bool) else str(item)
            if text not in allowed:
                self.fail(parent, key, f"{text!r} is not one of {', '.join(sorted(allowed))}")
            out.append(text)
        return tuple(out)

    def code(self, parent: Any, key: str, allowed) -> str:
        found = self.codes(parent, key, allowed)
        return found[0] if found else ""

    def pairs(self, parent: Any, key: str) -> frozenset[frozenset[str]]:
        out = set()
        for pair in parent.get(key) or []:
            if not isinstance(pair, list) or len(pair) != 2:
                self.fail(parent, key, "each entry must be a pair of stances, like [supports, contradicts]")
                continue
            out.add(frozenset(self.codes(parent, key, self.stances, pair)))
        return frozenset(out)

    def parse(self) -> Rules:
        doc = self.doc
        levels = tuple(str(x) for x in doc.get("levels") or [])
        ontology = load_ontology()
        known = ontology.members(KG.CertaintyLevel)
        ranked = tuple(sorted(known, key=lambda code: int(str(ontology.graph.value(known[code], KG.rank)))))
        if levels != ranked:
            self.fail(doc, "levels", f"levels must be the certainty codes lowest first: [{', '.join(ranked)}]")
        frames = self.time_frames()
        bands = self.codes(doc, "time_bands", tuple(frames))
        directness = self.directness()
        maps, pairs, meaning = self.transfer()
        set_aside = self.section(doc, "set_aside")
        conflicts = self.section(doc, "conflicts")
        contested = self.section(doc, "contested")
        certainty = self.section(doc, "certainty")
        no_evidence = self.section(certainty, "no_evidence")
        fidelity = self.section(doc, "citation_fidelity")
        sources = self.section(doc, "sources")
        rules = Rules(
            path=self.path,
            levels=levels,
            time_frames=frames,
            time_bands=bands,
            directness=directness,
            transfer_maps=maps,
            transfer_meaning=meaning,
            transfer_pairs=pairs,
            disagree=self.pairs(conflicts, "disagree"),
            apparent_order=self.codes(conflicts, "apparent_when_different", APPARENT_KINDS),
            uncontrolled_designs=frozenset(self.codes(set_aside, "uncontrolled_designs", self.designs)),
            contested_min_level=self.code(contested, "min_level", levels),
            contested_for=frozenset(self.codes(contested, "for", self.stances)),
            contested_against=frozenset(self.codes(contested, "against", self.stances)),
            starting_level=self.starting_level(certainty, levels),
            subjective_outcomes=frozenset(str(x) for x in certainty.get("subjective_outcomes") or []),
            harm_outcomes=frozenset(str(x) for x in certainty.get("harm_outcomes") or []),
            favours_intervention=self.favours(certainty),
            inconsistent=self.pairs(certainty, "inconsistent_stances"),
            no_evidence_level=self.code(no_evidence, "level", levels),
            no_evidence_reason=self.template(no_evidence, "reason"),
            rules=self.rules(certainty),
            summaries=self.summaries(maps, levels),
            bears_out=self.by_mode(fidelity, "bears_out"),
            goes_against=self.by_mode(fidelity, "goes_against"),
            for_modes=frozenset(self.codes(sources, "for_modes", self.modes)),
            against_modes=frozenset(self.codes(sources, "against_modes", self.modes)),
            source_evidence_directness=self.code(sources, "evidence_directness", ("direct", "any")),
        )
        if self.problems:
            raise CorpusError(self.problems)
        return rules

    def time_frames(self) -> dict[str, tuple[float | None, float | None]]:
        section = self.section(self.doc, "time_frames")
        frames = {}
        for code in _codes(KG.TimeFrame):
            bounds = section.get(code)
            if not isinstance(bounds, dict):
                self.fail(section, code, f"time frame {code!r} needs bounds, like {{from: 0, to: 3}} (or {{}} for any time)")
                continue
            frames[code] = (_number(bounds.get("from")), _number(bounds.get("to")))
        return frames

    def directness(self) -> dict[str, dict[str, str]]:
        section = self.section(self.doc, "directness")
        out = {}
        for part in (*PARTS, "time"):
            table = self.section(section, part)
            keys, values = (TIME_RELATIONS, TIME_DIRECTNESS) if part == "time" else (RELATIONS, DIRECTNESS)
            missing = [k for k in keys if k not in table]
            if missing:
                self.fail(section, part, f"`{part}` must say what each of {', '.join(keys)} means; missing {', '.join(missing)}")
            out[part] = {k: self.code(table, k, values) for k in keys if k in table}
        return out

    def transfer(self) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]], dict[str, str]]:
        section = self.section(self.doc, "stance_transfer")
        maps, meaning = {}, {}
        for name, table in self.section(section, "maps").items():
            keys = {*self.stances, *(f"{s}-{g}" for s in self.stances for g in _codes(KG.Significance))}
            for key, value in table.items() if isinstance(table, dict) else ():
                if key == "meaning":
                    meaning[str(name)] = " ".join(str(value).split())
                    continue
                self.codes(table, key, frozenset(keys), key)
                self.codes(table, key, self.stances, value)
            if str(name) not in meaning:
                self.fail(table, name, f"map {name!r} needs a `meaning`: a few words saying why a stance carries over so")
            maps[str(name)] = {str(k): str(v) for k, v in table.items() if k != "meaning"}
        pairs = {}
        table = self.section(section, "pairs")
        for direction, row in table.items():
            self.codes(table, direction, self.directions, direction)
            for evidence, name in (row or {}).items():
                self.codes(row, evidence, self.directions, evidence)
                self.codes(row, evidence, tuple(maps), name)
            pairs[str(direction)] = {str(k): str(v) for k, v in (row or {}).items()}
        return maps, pairs, meaning

    def starting_level(self, certainty: Any, levels: tuple[str, ...]) -> dict[str, str]:
        table = self.section(certainty, "starting_level")
        missing = sorted(self.designs - set(table))
        if missing:
            self.fail(certainty, "starting_level", f"no starting level for {', '.join(missing)}")
        return {str(design): self.code(table, design, levels) for design in table if str(design) in self.designs}

    def favours(self, certainty: Any) -> dict[str, frozenset[str]]:
        table = self.section(certainty, "favours_intervention")
        missing = sorted(self.directions - set(table))
        if missing:
            self.fail(certainty, "favours_intervention", f"say which stances favour the intervention for every direction; missing {', '.join(missing)}")
        return {str(direction): frozenset(self.codes(table, direction, self.stances, table[direction] or [])) for direction in table}

    def summaries(self, maps: dict[str, dict[str, str]], levels: tuple[str, ...]) -> dict[str, Summary]:
        section = self.section(self.doc, "summaries")
        self.codes(section, "summaries", self.stances, list(section))
        out = {}
        for stance in section:
            row = self.section(section, stance)
            at_most = self.code(row, "certainty_at_most", levels) if "certainty_at_most" in row else None
            out[str(stance)] = Summary(self.code(row, "map", tuple(maps)), frozenset(self.codes(row, "verdicts", VERDICTS)), at_most)
        return out

    def by_mode(self, parent: Any, key: str) -> dict[str, frozenset[str]]:
        table = self.section(parent, key)
        self.codes(table, key, self.modes, list(table))
        return {str(mode): frozenset(self.codes(table, mode, self.stances)) for mode in table}

    def template(self, parent: Any, key: str) -> str:
        text = str(parent.get(key) or "")
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        unknown = names - PLACEHOLDERS
        if not text or unknown:
            self.fail(parent, key, f"a reason must be text using only {', '.join(sorted(PLACEHOLDERS))} in braces")
        return " ".join(text.split())

    def rules(self, certainty: Any) -> tuple[Rule, ...]:
        out = []
        for item in certainty.get("rules") or []:
            if not isinstance(item, yamlfile.Mapping):
                self.fail(certainty, "rules", "each rule must be a mapping with an id")
                continue
            when = item.get("when") or {}
            body = item.get("body") or {}
            for key in set(when) - WHEN_KEYS:
                self.fail(when, key, f"unknown condition {key!r}; use one of {', '.join(sorted(WHEN_KEYS))}")
            for key in set(body) - BODY_KEYS:
                self.fail(body, key, f"unknown condition {key!r}; use one of {', '.join(sorted(BODY_KEYS))}")
            change = item.get("change")
            if not isinstance(change, int) or isinstance(change, bool):
                self.fail(item, "change", "change must be a whole number of levels, like -1 or 1")
            out.append(
                Rule(
                    id=str(item.get("id")),
                    domain=str(item.get("domain", "")),
                    change=change if isinstance(change, int) else 0,
                    findings=self.code(item, "findings", ("leading", "base")),
                    applies=self.code(item, "applies", ("all", "any", "most")) if "applies" in item else "all",
                    when={key: self.when_values(when, key) for key in when if key in WHEN_KEYS},
                    body=dict(body),
                    reason=self.template(item, "reason"),
                )
            )
        return tuple(out)

    def when_values(self, when: Any, key: str) -> tuple[str, ...]:
        if key == "design":
            return self.codes(when, key, self.designs)
        if key == "funding":
            return self.codes(when, key, _codes(KG.FundingKind) | {"unknown"})
        if key == "significance":
            return self.codes(when, key, _codes(KG.Significance))
        if key == "reported_only_in":
            return self.codes(when, key, frozenset(load_ontology().subclasses(KG.Source)))
        return self.codes(when, key, ("true", "false", "unknown") if key in BOOLEAN_FACTS else ("true", "false"))


def _number(value: Any) -> float | None:
    return None if value is None else float(value)
