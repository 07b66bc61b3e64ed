"""What ingest needs to know of the corpus it drafts into, read in one pass over its records.

The catalogue of studies and works (to match references), the terms (the
vocabulary), the claims (to find the one a sentence states), and every id in
use (so that a drafted id never collides). Ingest writes its texts into the
corpus's own ``texts/`` folder; ``kgraph validate`` looks there first, then
in the folder ``corpus.yaml`` names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgraph.corpus.recordformat import record_format
from kgraph.corpus.records import Corpus, Reader, load_corpus
from kgraph.errors import Origin
from kgraph.ingest.match import Catalogue, reference_of
from kgraph.ingest.terms import Term, Vocabulary

TEXTS_FOLDER = "texts"
"""The folder inside a corpus where ingest saves each document's normalised text."""


@dataclass(frozen=True)
class Claim:
    """An existing claim's structured parts, which a drafted statement is compared with."""

    id: str
    claim_type: str
    intervention: str | None
    comparator: str | None
    outcome: str | None
    population: str | None
    direction: str | None
    time_frame: str | None


@dataclass
class CorpusView:
    """The parts of a corpus that drafting reads."""

    corpus: Corpus
    catalogue: Catalogue
    vocabulary: Vocabulary
    claims: list[Claim]
    ids: dict[str, set[str]] = field(default_factory=dict)

    @property
    def texts_dir(self) -> Path:
        return self.corpus.path / TEXTS_FOLDER

    def taken(self, kind: str, rid: str) -> bool:
        return rid in self.ids.get(kind, set())

    def add(self, kind: str, rid: str, data: Mapping[str, Any], origin: Origin | None = None) -> None:
        """Take in one record: its id, and what drafting reads of it (a study's or source's bibliographic data, a claim's parts)."""
        self.ids.setdefault(kind, set()).add(rid)
        if kind in ("study", "source"):
            self.catalogue.add(rid, reference_of(dict(data)), kind, origin)
        elif kind == "claim":
            self.claims.append(Claim(rid, str(data.get("claim_type")), *(_opt(data.get(k)) for k in (
                "intervention", "comparator", "outcome", "population", "direction", "time_frame"))))

    def add_drafts(self, records: Mapping[str, list[dict[str, Any]]]) -> None:
        """Take in the records drafted from a document, so that the next document drafted into this view sees them.

        It then matches the works and claims drafted before it and takes none of their ids, as it would if the
        documents had been ingested one after another.
        """
        fmt = record_format()
        for key, items in records.items():
            spec = fmt.kind_for_key(key)
            if spec is None:
                raise ValueError(f"no record list {key!r} in the record format")
            for data in items:
                self.add(spec.name, str(data["id"]), data)


def read_corpus(corpus_dir: Path, replacing: Iterable[Path] = ()) -> CorpusView:
    """The view of the corpus in ``corpus_dir``, without the files ``replacing`` (earlier ingests being replaced).

    A folder that is not a corpus, or one with problems, raises :class:`kgraph.errors.CorpusError`.
    """
    corpus = load_corpus(corpus_dir)
    skipped = {path.resolve() for path in replacing}
    corpus.files = [f for f in corpus.files if f.resolve() not in skipped]
    reader = Reader(corpus)
    view = CorpusView(corpus, Catalogue(), Vocabulary(()), [])
    terms: list[Term] = []
    for records in reader.files():
        for record in records:
            for item in record.walk():
                view.ids.setdefault(item.kind.name, set()).add(item.id)
            if record.kind.name == "term":
                labels = (str(record.data.get("label", "")), *(str(a) for a in record.values("alt_labels")))
                terms.append(Term(record.id, str(record.data.get("scheme")), tuple(x for x in labels if x), tuple(str(b) for b in record.values("broader"))))
            else:
                view.add(record.kind.name, record.id, record.data, record.origin)
    reader.finish()
    view.vocabulary = Vocabulary(terms)
    return view


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
