"""The record format, read from ``ontology/records.yaml``.

The table, not the code, says which YAML field becomes which RDF term, so a new
field is a new row there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import URIRef

from kgraph import resources
from kgraph.corpus import yamlfile
from kgraph.rdf.prefixes import expand

TYPES = {"string", "integer", "decimal", "boolean", "date", "iri", "ref", "enum", "class", "quote", "nested"}


@dataclass(frozen=True)
class FieldSpec:
    """One YAML field of a record kind and the RDF it becomes."""

    name: str
    type: str
    predicate: URIRef | None = None
    to: tuple[str, ...] = ()
    list: bool = False
    unknown: bool = False
    prefix: str = ""
    source_field: str = ""
    target_class: URIRef | None = None


@dataclass(frozen=True)
class KindSpec:
    """A record kind: where its records are listed, how their IRIs are made, what they hold."""

    name: str
    key: str
    path: str
    rdf_class: URIRef
    graph: str
    fields: dict[str, FieldSpec] = field(default_factory=dict)


@dataclass(frozen=True)
class RecordFormat:
    """The whole table: the fields a corpus.yaml takes and every record kind, as ``ontology/records.yaml`` says."""

    corpus_fields: frozenset[str]
    kinds: dict[str, KindSpec]

    def kind_for_key(self, key: str) -> KindSpec | None:
        return next((k for k in self.kinds.values() if k.key == key), None)

    @property
    def top_keys(self) -> list[str]:
        return sorted(k.key for k in self.kinds.values() if k.key)


@cache
def record_format(path: Path | None = None) -> RecordFormat:
    """Parse the record-format table; a broken table is a bug in the ontology folder, so fail loudly."""
    path = path or resources.ontology_dir() / "records.yaml"
    doc = yamlfile.load_file(path)
    kinds = {}
    for name, spec in doc["kinds"].items():
        fields = {}
        for fname, f in spec["fields"].items():
            if f["type"] not in TYPES:
                raise ValueError(f"{path}:{spec['fields'].key_lines[fname]}: unknown field type {f['type']!r}")
            to = f.get("to", ())
            fields[fname] = FieldSpec(
                name=fname,
                type=f["type"],
                predicate=URIRef(expand(f["predicate"])) if "predicate" in f else None,
                to=tuple(to) if isinstance(to, list) else (to,) if to else (),
                list=bool(f.get("list", False)),
                unknown=bool(f.get("unknown", False)),
                prefix=f.get("prefix", ""),
                source_field=f.get("source_field", ""),
                target_class=URIRef(expand(to)) if f["type"] in ("enum", "class") else None,
            )
        kinds[name] = KindSpec(
            name=name,
            key=spec.get("key", ""),
            path=spec["path"],
            rdf_class=URIRef(expand(spec["class"])),
            graph=spec.get("graph", ""),
            fields=fields,
        )
    return RecordFormat(corpus_fields=frozenset(doc["corpus"]["fields"]), kinds=kinds)
