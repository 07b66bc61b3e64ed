"""What ingest needs to know of the corpus it drafts into, read in one pass over its records.

The catalogue of studies and works (to match references), the terms (the
vocabulary), the claims (to find the one a sentence states), and every id in
use (so that a drafted id never collides). Ingest writes its texts into the
corpus's own ``texts/`` folder; ``kgraph validate`` looks there first, then
in the folder ``corpus.yaml`` names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kgraph.corpus.records import Corpus, Reader, load_corpus
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


def read_corpus(corpus_dir: Path, replacing: Path | None = None) -> CorpusView:
    """The view of the corpus in ``corpus_dir``, without the file ``replacing`` (an earlier ingest being replaced).

    A folder that is not a corpus, or one with problems, raises :class:`kgraph.errors.CorpusError`.
    """
    corpus = load_corpus(corpus_dir)
    if replacing is not None:
        corpus.files = [f for f in corpus.files if f.resolve() != replacing.resolve()]
    reader = Reader(corpus)
    catalogue = Catalogue()
    terms: list[Term] = []
    claims: list[Claim] = []
    ids: dict[str, set[str]] = {}
    for records in reader.files():
        for record in records:
            for item in record.walk():
                ids.setdefault(item.kind.name, set()).add(item.id)
            data = record.data
            if record.kind.name in ("study", "source"):
                catalogue.add(record.id, reference_of(data), record.kind.name, record.origin)
            elif record.kind.name == "term":
                labels = (str(data.get("label", "")), *(str(a) for a in record.values("alt_labels")))
                terms.append(Term(record.id, str(data.get("scheme")), tuple(x for x in labels if x), tuple(str(b) for b in record.values("broader"))))
            elif record.kind.name == "claim":
                claims.append(Claim(record.id, str(data.get("claim_type")), *(_opt(data.get(k)) for k in (
                    "intervention", "comparator", "outcome", "population", "direction", "time_frame"))))
    reader.finish()
    return CorpusView(corpus, catalogue, Vocabulary(terms), claims, ids)


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
