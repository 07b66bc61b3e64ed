"""CSL-JSON (what Zotero exports and DOI content negotiation returns), streamed with ijson and checked with jsonschema.

A file holds an array of items, or one item (a DOI's
``application/vnd.citationstyles.csl+json``). ijson reads the array one item
at a time, its nesting bounded (:data:`DEPTH`); each item is checked against
``csl-item.schema.json``, written after the CSL input data specification,
before any field is read, so that an item without a type is a problem naming
it rather than a study without a design.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import ijson
from jsonschema import Draft7Validator

from kgraph.errors import CorpusError, Problem, problem
from kgraph.ingest.bib import Item
from kgraph.ingest.bib.fields import Checker, first_text, iso_date, registry_in, sections
from kgraph.ingest.bib.kinds import source_kind
from kgraph.ingest.reference import Author, Reference


@cache
def validator() -> Draft7Validator:
    """The check every item passes before it is read."""
    return Draft7Validator(json.loads(Path(__file__).with_name("csl-item.schema.json").read_text(encoding="utf-8")))


def read(path: Path, problems: list[Problem]) -> Iterator[Item]:
    """The items of a CSL-JSON file; an item that breaks the schema is a problem naming its number and id."""
    with path.open("rb") as handle:
        start = handle.read(1024)
        head = start.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        handle.seek(3 if start.startswith(b"\xef\xbb\xbf") else 0)  # past a byte-order mark, which ijson refuses
        if head not in (b"[", b"{"):
            raise CorpusError([problem(path, 1, "", "not CSL-JSON: expected an array of items, or one item, in JSON")])
        number = 0
        try:
            for number, data in enumerate(_items(ijson.basic_parse(handle, use_float=True), head == b"["), start=1):
                item = _checked(path, number, data, problems)
                if item is not None:
                    yield item
        except ijson.JSONError as exc:
            reason = (str(exc).strip().splitlines() or ["it does not parse"])[0]  # yajl adds lines quoting the text and pointing into it
            raise CorpusError([problem(path, 0, f"item {number + 1}", f"not valid JSON: {reason}")]) from None
        except _TooDeep:
            raise CorpusError([problem(path, 0, f"item {number + 1}", f"nested deeper than {DEPTH} arrays and objects; no CSL item is")]) from None


DEPTH = 32
"""The deepest nesting read; a CSL item needs five (an item, its date, its date-parts, one date, one part)."""


class _TooDeep(Exception):
    """The JSON nests deeper than :data:`DEPTH`."""


def _items(events: Iterator[tuple[str, Any]], in_array: bool) -> Iterator[Any]:
    """The items of the top array (or the one top value), each built from ijson's events as ``ijson.items`` builds it.

    ``ijson.items`` names every event by its path from the top, which takes time and memory growing with the square
    of the nesting: a file of a million ``[`` took gigabytes. Here the nesting is only counted, and bounded.
    """
    depth, top = 0, 1 if in_array else 0
    builder = ijson.ObjectBuilder()
    for event, value in events:
        if event in _OPENS:
            depth += 1
            if depth > DEPTH:
                raise _TooDeep
        elif event in _CLOSES:
            depth -= 1
        if depth < top or (depth == top and event in _OPENS):
            continue  # the top array's own start and end
        builder.event(event, value)
        if depth == top:
            yield builder.value
            builder = ijson.ObjectBuilder()


_OPENS = frozenset(("start_map", "start_array"))
_CLOSES = frozenset(("end_map", "end_array"))


def _checked(path: Path, number: int, data: Any, problems: list[Problem]) -> Item | None:
    name = f"item {number}" + (f" ({data['id']})" if isinstance(data, dict) and "id" in data else "")
    error = next(iter(sorted(validator().iter_errors(data), key=lambda e: list(e.path))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path)
        problems.append(problem(path, 0, name, f"not a CSL-JSON item: {where + ': ' if where else ''}{error.message}"))
        return None
    return _item(path, name, data, problems)



def _author(name: dict[str, Any]) -> Author | None:
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p) or name.get("literal")
    if not family:
        return None
    orcid = name.get("ORCID")
    return Author(family, name.get("given") or None, orcid.rstrip("/").rsplit("/", 1)[-1] if orcid else None)


def _date(value: Any) -> str | None:
    if isinstance(value, str):
        return iso_date(*(value.split("-") + [None, None])[:3])
    if isinstance(value, dict):
        parts = (value.get("date-parts") or [[]])[0]
        if parts:
            return iso_date(*(list(parts) + [None, None])[:3])
        return _date(value.get("raw")) if value.get("raw") else None
    return None


def _item(path: Path, name: str, data: dict[str, Any], problems: list[Problem]) -> Item:
    check = Checker(path, 0, name, problems)
    custom = data.get("custom") or {}
    issued = _date(data.get("issued"))
    listed = custom.get("orcids")
    orcids: list[Any] = listed if isinstance(listed, list) else []
    ref = Reference(
        authors=tuple(a for a in (_author(n) for n in data.get("author") or []) if a),
        year=int(issued[:4]) if issued else None,
        title=first_text(data, "title"),
        journal=first_text(data, "container-title-short", "journalAbbreviation", "container-title"),
        volume=first_text(data, "volume"),
        issue=first_text(data, "issue"),
        pages=first_text(data, "page"),
        doi=check.doi(first_text(data, "DOI")),
        pmid=check.pmid(first_text(data, "PMID")),
        pmcid=check.pmcid(first_text(data, "PMCID")),
        registry=registry_in([*(str(r) for r in custom.get("registry") or []), first_text(data, "note")]),
        url=first_text(data, "URL"),
        kind=data["type"],
        issued=issued,
        publisher=first_text(data, "publisher"),
    )
    return Item(
        ref=ref,
        key=str(data["id"]),
        label=first_text(data, "title-short", "shortTitle"),
        abstract=sections(first_text(data, "abstract")),
        mesh=tuple(k.strip() for k in (first_text(data, "keyword") or "").split(",") if k.strip()),
        source_kind=source_kind("csl-json", data["type"], first_text(data, "genre")),
        orcids=tuple(str(o) for o in orcids),
    )
