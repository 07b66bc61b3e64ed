"""Validation: SHACL shapes over the graph, quotes against the documents.

SHACL results name RDF nodes; curators think in files and lines. Every result
is mapped back to the record and the field that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import SH

from kgraph.errors import Origin, Problem
from kgraph.graph import Built
from kgraph.ontology import Ontology
from kgraph.records import Corpus


@dataclass
class Report:
    """What validation found: problems fail the build, notes only inform."""

    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def union_graph(built: Built) -> Graph:
    """All named graphs as one graph: shapes must see references across graphs."""
    union = Graph()
    for triple in built.dataset.triples((None, None, None)):
        union.add(triple)
    return union


def shacl_problems(built: Built, ontology: Ontology) -> list[Problem]:
    """Run the shapes; each violation becomes a located problem.

    The ontology goes into the union graph (the shapes need its subclasses),
    which is validated in place: pySHACL would otherwise copy the whole graph
    again to mix the ontology in.
    """
    import pyshacl

    data = union_graph(built)
    for triple in ontology.graph:
        data.add(triple)
    _, results, _ = pyshacl.validate(data, shacl_graph=ontology.shapes, inference="none", advanced=True, inplace=True)
    problems = []
    for result in results.objects(None, SH.result):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = str(results.value(result, SH.resultMessage) or "violates a shape")
        if isinstance(value, Literal):
            message = f"{message} (got {str(value)!r})"
        origin = built.origin_of(focus, path) or Origin(str(built.corpus.path), 0, str(focus))
        problems.append(Problem(origin, message))
    return sorted(set(problems))


def quote_problems(corpus: Corpus) -> tuple[list[Problem], list[str]]:
    """Every quote must be the exact characters of its source's text file, so a program can find it again."""
    if corpus.texts is None:
        return [], ["quotes not checked: corpus.yaml names no `texts` folder"]
    if not corpus.texts.is_dir():
        return [], [f"quotes not checked: texts folder {corpus.texts} not found"]
    texts: dict[Path, str] = {}
    problems = []
    for record in corpus.all_records():
        for name, spec in record.kind.fields.items():
            if spec.type != "quote" or name not in record.data:
                continue
            source = corpus.resolve(("source",), str(record.data.get(spec.source_field)))
            text_file = source.data.get("text_file") if source else None
            if not text_file:
                continue
            path = corpus.texts / str(text_file)
            if path not in texts:
                try:
                    texts[path] = path.read_text(encoding="utf-8")
                except OSError:
                    problems.append(Problem(source.line_of("text_file"), f"text file {path} not found"))
                    texts[path] = ""
                    continue
            if texts[path] and str(record.data[name]) not in texts[path]:
                problems.append(Problem(record.line_of(name), f"quote not found verbatim in {text_file}"))
    return problems, []


def validate(built: Built, ontology: Ontology) -> Report:
    quotes, notes = quote_problems(built.corpus)
    return Report(problems=sorted(set(shacl_problems(built, ontology) + quotes)), notes=notes)
