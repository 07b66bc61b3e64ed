"""A corpus's bibliography as RIS, written with rispy.

The PMID goes in ``AN`` with ``DB - PubMed`` (as reference managers export
it), the PMCID and trial registry ids in ``N1`` notes. Pages go whole into
``SP`` (``569–79``), which EndNote and Zotero read as the page range, so that
the range reads back with the dash it was written with.
"""

from __future__ import annotations

from typing import Any

import rispy

from kgraph.export.bibliography import Work, initials_dotted
from kgraph.ingest.bib.kinds import type_for


class _Writer(rispy.RisWriter):
    """rispy's writer without the numbered line it puts before each record, which RIS does not have."""

    def set_header(self, count: int) -> None:
        return None


def _record(work: Work) -> dict[str, Any]:
    ref = work.ref
    authors = [f"{a.family}, {g}" if (g := initials_dotted(a)) else a.family for a in ref.authors]
    notes = [n for n in (work.note, f"PMCID: {ref.pmcid}" if ref.pmcid else None) if n]
    record = {
        "type_of_reference": type_for("ris", work.source_kind),
        "id": work.id,
        "authors": authors or None,
        "title": ref.title,
        "short_title": work.label,
        "secondary_title": ref.journal,
        "year": str(ref.year) if ref.year else None,
        "date": work.date.replace("-", "/") if work.date and len(work.date) > 4 else None,
        "volume": ref.volume,
        "number": ref.issue,
        "start_page": ref.pages,
        "publisher": ref.publisher,
        "doi": ref.doi,
        "accession_number": ref.pmid,
        "name_of_database": "PubMed" if ref.pmid else None,
        "urls": [ref.url] if ref.url else None,
        "notes": notes or None,
        "type_of_work": work.source_kind,
    }
    return {k: v for k, v in record.items() if v}


def write(works: list[Work]) -> bytes:
    """The works as one .ris file."""
    return rispy.dumps([_record(w) for w in works], implementation=_Writer).encode("utf-8")
