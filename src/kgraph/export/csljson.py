"""A corpus's bibliography as CSL-JSON, the input of citeproc processors, Zotero and pandoc.

Only variables of the CSL input data specification are written; ORCID iDs,
which it has no variable for, go under ``custom`` as it recommends.
"""

from __future__ import annotations

import json
from typing import Any

from kgraph.export.bibliography import Work, initials_dotted
from kgraph.ingest.bib.kinds import type_for


def _date(text: str) -> dict[str, Any]:
    return {"date-parts": [[int(part) for part in text.split("-")]]}


def _item(work: Work) -> dict[str, Any]:
    ref = work.ref
    names = [{"family": a.family, "given": g} if (g := initials_dotted(a)) else {"family": a.family} for a in ref.authors]
    item = {
        "id": work.id,
        "type": type_for("csl-json", work.source_kind),
        "genre": work.source_kind,
        "author": names or None,
        "title": ref.title,
        "title-short": work.label,
        "container-title": ref.journal,
        "issued": _date(work.date) if work.date else None,
        "volume": ref.volume,
        "issue": ref.issue,
        "page": ref.pages,
        "publisher": ref.publisher,
        "DOI": ref.doi,
        "PMID": ref.pmid,
        "PMCID": ref.pmcid,
        "URL": ref.url,
        "note": work.note,
        "custom": {"orcids": list(work.orcids)} if work.orcids else None,
    }
    return {k: v for k, v in item.items() if v}


def write(works: list[Work]) -> bytes:
    """The works as one CSL-JSON array, keys in a fixed order so that the same corpus gives the same bytes."""
    return (json.dumps([_item(w) for w in works], ensure_ascii=False, indent=2) + "\n").encode("utf-8")
