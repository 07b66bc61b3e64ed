"""The site's HTML: the corpus's index, a page per claim, study, source and term, and a plain page for every other IRI.

A claim's page shows what ``kgraph evidence`` says, from the same report data (:func:`kgraph.infer.report.claim_report`),
with each quote in the words around it in the source's saved text. Every page is a Jinja2 template with autoescaping on,
so every value from the graph reaches the browser as text; pages link to each other by the paths of their IRIs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader
from rdflib import URIRef

from kgraph.infer.report import claim_report
from kgraph.rdf import prefixes
from kgraph.rdf.sparql import Queries
from kgraph.serve.linked import Resolver

QUERIES = Queries("kgraph.serve", "queries")
AROUND = 280
"""Characters of the saved text shown on each side of a quote."""
FORMATS = (("Turtle", ".ttl"), ("N-Triples", ".nt"), ("JSON-LD", ".jsonld"), ("RDF/XML", ".rdf"), ("TriG", ".trig"), ("N-Quads", ".nq"))
KINDS = ("claim", "study", "source", "term")
LABEL = prefixes.PREFIXES["rdfs"] + "label"


def _iri(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode) else ""


@cache
def environment() -> Environment:
    """The templates, autoescaped, with JSON in a fixed order."""
    env = Environment(loader=PackageLoader("kgraph.serve", "templates"), autoescape=True, keep_trailing_newline=True)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    return env


@dataclass(frozen=True)
class Shown:
    """A term as a page shows it: its text, and the path of its page when it has one."""

    text: str
    href: str | None = None
    literal: bool = False


def in_context(text: str, quote: str, around: int = AROUND) -> tuple[str, str, str] | None:
    """The words before a quote, the quote, and the words after, cut at spaces; None when the text does not hold it.

    >>> in_context("one two three four five", "three", 5)
    ('…two ', 'three', ' four…')
    """
    at = text.find(quote) if quote else -1
    if at < 0:
        return None
    start, end = max(0, at - around), min(len(text), at + len(quote) + around)
    if start > 0:
        space = text.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", at + len(quote), end + 1)
        end = space if space >= 0 else end
    return ("…" if start > 0 else "") + text[start:at], quote, text[at + len(quote) : end] + ("…" if end < len(text) else "")


def saved_texts(store: ox.Store, texts: Path | None) -> dict[str, str]:
    """Each source's saved text, read only from inside the corpus's texts folder (a file name that leads out is ignored)."""
    if texts is None:
        return {}
    folder = texts.resolve()
    out = {}
    for row in QUERIES.records(store, "text-files"):
        path = (folder / str(row["file"])).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            continue
        try:
            out[str(row["source"])] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    return out


SECTION_TITLES = {
    "supporting": "Supporting",
    "contradicting": "Contradicting",
    "mixed": "Mixed",
    "inconclusive": "Inconclusive",
    "other_time_points": "At other time points (shown, not counted)",
}


def evidence_sections(report: dict[str, Any]) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """Every list of findings in a claim's report, in the report's order, with a title: whatever lists the report holds.

    >>> evidence_sections({"certainty": "low", "supporting": [{"finding": "f"}], "mixed": [], "set_aside": [{"finding": "g"}]})
    [('supporting', 'Supporting', [{'finding': 'f'}]), ('set_aside', 'Set aside', [{'finding': 'g'}])]
    """
    return [
        (key, SECTION_TITLES.get(key, key.replace("_", " ").capitalize()), rows)
        for key, rows in report.items()
        if isinstance(rows, list) and rows and isinstance(rows[0], dict) and "finding" in rows[0]
    ]


class Pages:
    """Renders the pages of one site; the site gives the current graph, its problems and the path of an IRI."""

    def __init__(self, site: Any) -> None:
        self.site = site

    def render(self, template: str, served: Any, **context: Any) -> str:
        resolver: Resolver = self.site.resolver(served)
        ev = served.inference.evidence

        def label(iri: str) -> str:
            if served.kinds.get(iri) in KINDS:
                return ev.label(URIRef(iri))
            return iri[len(served.base) :] if iri.startswith(served.base) else prefixes.shorten(iri)

        def show(term: Any) -> Shown:
            if isinstance(term, ox.NamedNode):
                return Shown(label(term.value), resolver.path(term.value))
            if isinstance(term, ox.Literal):
                return Shown(term.value, literal=True)
            return Shown(str(term))

        def record(kind: str, rid: str | None) -> Shown:
            """A record of the report by its id; a ``work`` is a study or a source."""
            if not rid:
                return Shown("")
            kinds = ("study", "source") if kind == "work" else (kind,)
            iri = next((served.ids[(k, rid)] for k in kinds if (k, rid) in served.ids), None)
            return Shown(label(iri), resolver.path(iri)) if iri else Shown(rid)

        def node(iri: Any) -> Shown:
            return Shown(label(str(iri)), resolver.path(str(iri)))

        def quoted(source: Any, quote: str | None) -> tuple[str, str, str] | None:
            """A quote in its source's saved text; the source by its IRI or (in the report's rows) its id."""
            source = str(source or "")
            text = served.texts.get(source) or served.texts.get(served.ids.get(("source", source), ""))
            return in_context(text, quote) if text and quote else None

        return (
            environment()
            .get_template(template)
            .render(
                corpus=served.corpus,
                problems=self.site.current.problems,
                href=lambda iri: resolver.path(str(iri)),
                label=label,
                show=show,
                record=record,
                node=node,
                quoted=quoted,
                short=prefixes.shorten,
                **context,
            )
        )

    def index(self, served: Any, words: str) -> str:
        ev, inf = served.inference.evidence, served.inference
        wanted = words.lower().split()
        rows = []
        for iri, claim in ev.claims.items():
            if wanted and not all(w in f"{claim.label} {claim.text} {claim.id}".lower() for w in wanted):
                continue
            items = [i for i in inf.items.get(iri, []) if i.counted]
            rows.append(
                {
                    "iri": str(iri),
                    "label": claim.label,
                    "id": claim.id,
                    "certainty": inf.assessments[iri].level,
                    "contested": inf.consensus[iri].contested,
                    "supporting": sum(1 for i in items if i.stance == "supports"),
                    "contradicting": sum(1 for i in items if i.stance == "contradicts"),
                    "mixed": sum(1 for i in items if i.stance == "mixed"),
                    "sources": len(ev.statements_by_claim.get(iri, [])),
                }
            )
        return self.render("index.html.j2", served, claims=rows, words=words, counts=served.counts, total=len(ev.claims))

    def resource(self, served: Any, iri: str, quads: list[ox.Quad]) -> str:
        """The page of any IRI: the record's own view for a claim, study, source or term, then every statement about it."""
        kind = served.kinds.get(iri)
        own = [q for q in quads if _iri(q.subject) == iri or _iri(q.subject).startswith(iri + "#")]
        naming = [q for q in quads if q not in own and q.object == ox.NamedNode(iri)]
        context: dict[str, Any] = {"iri": iri, "kind": kind, "own": own, "naming": naming, "formats": FORMATS}
        ev, ref = served.inference.evidence, URIRef(iri)
        if kind == "claim":
            context["report"] = report = claim_report(served.inference, ref)
            context["sections"] = evidence_sections(report)
        elif kind == "study":
            context["study"] = ev.studies[ref]
            context["findings"] = sorted(ev.findings_by_study.get(ref, []), key=lambda f: (str(f.claim), f.id))
        elif kind == "source":
            context["source"] = ev.sources[ref]
            context["statements"] = sorted(ev.statements_by_source.get(ref, []), key=lambda s: s.id)
            context["reported"] = sorted(ev.findings_by_reporter.get(ref, []), key=lambda f: f.id)
        elif kind == "term":
            context["term"] = ev.terms[ref]
            context["claims"] = [c for c in ev.claims.values() if ref in (c.intervention, c.comparator, c.outcome, c.population)]
            context["studies"] = [s for s in ev.studies.values() if ref in (s.intervention, s.comparator, s.population)]
        title = next((q.object.value for q in own if _iri(q.subject) == iri and q.predicate.value == LABEL and isinstance(q.object, ox.Literal)), None)
        return self.render("resource.html.j2", served, title=title or iri, **context)

    async def not_found(self, request: Any, served: Any) -> Any:
        from starlette.responses import HTMLResponse

        return HTMLResponse(self.render("notfound.html.j2", served, path=request.scope["path"]), status_code=404, headers={"Vary": "Accept"})
