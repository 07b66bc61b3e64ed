"""The validate stage: SHACL shapes over a built corpus's graph, quotes against the documents.

SHACL results name RDF nodes; curators think in files and lines. Every result
is mapped back to the record and the field that produced it. This is the one
module of :mod:`kgraph.shacl` that reads the corpus stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kgraph.corpus.graph import Built
from kgraph.corpus.ontology import Ontology
from kgraph.errors import Origin, Problem, shown
from kgraph.rdf.namespaces import KG
from kgraph.shacl.compile import Shapes


@dataclass
class Report:
    """What validation found: problems fail the build, notes only inform."""

    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@cache
def compiled_shapes(ontology: Ontology) -> Shapes:
    """The ontology's shapes compiled once per process, for validating stores."""
    return Shapes(ontology.shapes)


def shacl_problems(built: Built, ontology: Ontology) -> list[Problem]:
    """Run the shapes over every graph of the store; each violation becomes a located problem."""
    problems = []
    for violation in compiled_shapes(ontology).validate(built.store, ontology.graph):
        message = violation.message
        if violation.value is not None and violation.value.startswith('"'):
            message = f"{message} (got {shown(_lexical(violation.value))})"
        origin = built.origin_of(violation.focus, violation.path, violation.value) or Origin(str(built.corpus.path), 0, violation.focus)
        problems.append(Problem(origin, message))
    return sorted(set(problems))


def _lexical(literal: str) -> str:
    """The lexical form of a literal written in N-Triples."""
    (quad,) = ox.parse(f"<urn:x:s> <urn:x:p> {literal} .".encode(), format=ox.RdfFormat.N_TRIPLES)
    return quad.object.value


def quote_problems(built: Built) -> tuple[list[Problem], list[str]]:
    """Every quote must be the exact characters of its source's text file, so a program can find it again.

    A text file is looked for in the corpus's own ``texts/`` folder (where ``kgraph ingest`` saves texts), then in
    the folder ``corpus.yaml`` names in ``texts``.
    """
    folders = [d for d in (built.corpus.path / "texts", built.corpus.texts) if d is not None and d.is_dir()]
    if not folders:
        named = built.corpus.texts
        return [], [f"quotes not checked: texts folder {named} not found" if named else "quotes not checked: corpus.yaml names no `texts` folder"]
    texts: dict[str, str] = {}
    problems = []
    for quote in built.quotes:
        source = built.index.resolve(("source",), quote.source)
        if source is None or not source.text_file:
            continue
        name = source.text_file
        if name not in texts:
            texts[name], trouble = _text(folders, name)
            if trouble:
                problems.append(Problem(_text_file_line(built, source.iri), trouble))
        if texts[name] and quote.text not in texts[name]:
            problems.append(Problem(quote.origin, f"quote not found verbatim in {shown(name)}"))
    return problems, []


def _text(folders: list[Path], name: str) -> tuple[str, str | None]:
    """A source's text file from the first folder holding it, or what is wrong with it.

    The name is a file in a texts folder, not any file a corpus names: no
    absolute path, no ``..``, no NUL; and the file must be UTF-8 text.
    """
    where = " or ".join(str(d) for d in folders)
    if "\0" in name or Path(name).is_absolute() or ".." in Path(name).parts:
        return "", f"text file {shown(name)} must be a file in {where}"
    try:
        path = next((d / name for d in folders if (d / name).is_file()), None)
    except OSError as exc:  # a name the file system refuses outright (longer than it allows): is_file() lets it through
        return "", f"text file {shown(name)} cannot be looked for in {where}: {exc.strerror or exc}"
    if path is None:
        return "", f"text file {shown(name)} not found in {where}"
    try:
        return path.read_text(encoding="utf-8"), None
    except UnicodeDecodeError:
        return "", f"text file {shown(name)} in {path.parent} is not UTF-8 text"
    except OSError as exc:
        return "", f"text file {shown(name)} in {path.parent} cannot be read: {exc.strerror or exc}"


def _text_file_line(built: Built, source: str) -> Origin:
    return built.origin_of(source, str(KG.textFile)) or Origin(str(built.corpus.path), 0, source)


def validate(built: Built, ontology: Ontology) -> Report:
    """The validate stage: the shapes' results and the quotes' problems, located and sorted; the build stops on any."""
    quotes, notes = quote_problems(built)
    return Report(problems=sorted(set(shacl_problems(built, ontology) + quotes)), notes=notes)
