"""The pipeline, one stage after another: records -> graph -> align -> validate -> infer.

Each stage is a plain function of the previous one's output; the CLI only
wires them, so a test or a notebook can run any prefix of the pipeline. The
graph lives in a pyoxigraph store from the first quad on: in memory by
default, or a store on disk that a caller passes in (``kgraph load`` builds
straight into the store it is loading).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kgraph.corpus.align import Aligner
from kgraph.corpus.graph import Built, build_graph
from kgraph.corpus.ontology import load_ontology
from kgraph.corpus.records import load_corpus
from kgraph.errors import CorpusError
from kgraph.progress import Progress
from kgraph.rdf.namespaces import KG
from kgraph.rdf.sparql import Queries
from kgraph.validate import Report, validate

if TYPE_CHECKING:
    from kgraph.infer import Inference

COUNTS = Queries("kgraph", "counts")
COUNTED = {"sources": KG.Source, "claims": KG.Claim, "studies": KG.Study, "statements": KG.Statement, "findings": KG.Finding}


@dataclass
class Summary:
    """What a build tells the user: records per kind, quads, seconds, notes, and the inference for the commands that show it."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    inference: Inference | None = None


def assemble(data_dir: Path, progress: Progress | None = None, store: ox.Store | None = None) -> Built:
    """Records to the aligned, asserted graph, without validating it."""
    say = progress or (lambda _: None)
    ontology = load_ontology()
    say("building the graph")
    corpus = load_corpus(data_dir)
    return build_graph(corpus, ontology, store, Aligner(ontology), say)


def check(built: Built, progress: Progress | None = None) -> Report:
    """The validate stage: SHACL shapes and exact quotes, every problem located in the YAML."""
    (progress or (lambda _: None))("validating against the SHACL shapes")
    return validate(built, load_ontology())


def derive(built: Built, rules: Path | None = None, progress: Progress | None = None) -> Inference:
    """The infer stage: agreement, conflict and certainty from the rules table, into ``<base>graph/derived``."""
    from kgraph.infer import infer
    from kgraph.infer.derive import write_derived
    from kgraph.infer.rules import load_rules

    (progress or (lambda _: None))("inferring agreement, conflict and certainty")
    inference = infer(built.store, built.corpus.base, load_rules(rules))
    write_derived(inference, built.store, built.graph("derived"))
    return inference


@contextmanager
def fewer_collections(first_generation: int = 50_000) -> Iterator[None]:
    """Run Python's cycle collector less often while a graph is built.

    A build allocates millions of small objects that live to its end; at the
    default threshold (700 allocations) the collector keeps walking them,
    which cost about 15% of a build of 10^5 triples. Cycles are still
    collected, only in bigger batches.
    """
    old = gc.get_threshold()
    gc.set_threshold(first_generation, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def build(data_dir: Path, progress: Progress | None = None, rules: Path | None = None, store: ox.Store | None = None) -> tuple[Built, Summary]:
    """The whole pipeline; raises :class:`CorpusError` when the corpus (or the rules file) is not valid."""
    with fewer_collections():
        return _build(data_dir, progress, rules, store)


def _build(data_dir: Path, progress: Progress | None, rules: Path | None, store: ox.Store | None) -> tuple[Built, Summary]:
    started = time.perf_counter()
    built = assemble(data_dir, progress, store)
    report = check(built, progress)
    if not report.ok:
        raise CorpusError(report.problems)
    summary = Summary(notes=report.notes)
    inferring = time.perf_counter()
    summary.inference = derive(built, rules, progress)
    ((derived,),) = COUNTS.rows(built.store, "graph-size", {"graph": built.graph("derived")})
    summary.notes.append(f"derived layer: {derived:,} triples in {time.perf_counter() - inferring:.2f} s, rules from {summary.inference.rules.path}")
    records = dict(COUNTS.rows(built.store, "records-per-class"))
    summary.counts = {name: records.get(cls, 0) for name, cls in COUNTED.items()}
    summary.counts["quads"] = len(built.store)
    summary.seconds = time.perf_counter() - started
    return built, summary
