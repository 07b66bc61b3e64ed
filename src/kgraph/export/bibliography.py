"""The works of a corpus a reference manager can hold: its studies and its sources that have a title.

Each is written in a format by one module beside this one (bibtex, ris,
csljson), all from the same :class:`Work`, so that the three say the same
thing and read back (``kgraph ingest``) into the same records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kgraph.corpus.records import Reader, load_corpus
from kgraph.ingest.match import reference_of
from kgraph.ingest.reference import Author, Reference


@dataclass(frozen=True)
class Work:
    """One study or source as a bibliography entry: its id, its source kind (None for a study), short label, reference."""

    id: str
    source_kind: str | None
    label: str | None
    ref: Reference
    orcids: tuple[str, ...] = ()

    @property
    def date(self) -> str | None:
        return self.ref.issued or (str(self.ref.year) if self.ref.year else None)

    @property
    def note(self) -> str | None:
        """Trial registry ids as reference managers show them: in the note."""
        return f"Trial registration: {', '.join(self.ref.registry)}" if self.ref.registry else None


def works(corpus_dir: Path) -> Iterator[Work]:
    """The corpus's studies and titled sources in the order of its files and records; a corpus with problems raises."""
    reader = Reader(load_corpus(corpus_dir))
    found = []
    for records in reader.files():
        for record in records:
            kind = record.kind.name
            if kind not in ("study", "source") or not record.data.get("title"):
                continue
            orcids = tuple(str(o) for o in record.values("orcids"))
            source_kind = str(record.data.get("kind")) if kind == "source" else None
            found.append(Work(record.id, source_kind, record.data.get("label"), reference_of(record.data), orcids))
    reader.finish()
    yield from found


def initials_dotted(author: Author) -> str | None:
    """Given names as reference managers expect them: ``D. F.`` for initials written ``DF``, full names as they are."""
    if not author.given:
        return None
    if str(author) == f"{author.family} {author.initials}":
        return " ".join(f"{c}." for c in author.initials)
    return author.given


Writer = Callable[[list[Work]], bytes]


def writers() -> dict[str, Writer]:
    """The bibliographic formats of ``kgraph export -f``, by name."""
    from kgraph.export import bibtex, csljson, ris

    return {"bibtex": bibtex.write, "ris": ris.write, "csl-json": csljson.write}
