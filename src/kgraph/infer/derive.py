"""Write an :class:`~kgraph.infer.Inference` as triples in the named graph ``<base>graph/derived``.

Every derived node gets an IRI made from record ids under ``<base>derived/``,
a ``kg:reason`` in words and ``prov:wasDerivedFrom`` the findings or
statements it rests on, so that each conclusion can be traced and explained
and the same data always gives the same triples.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from kgraph.infer import Inference
from kgraph.infer.evidence import local_id
from kgraph.infer.relate import Item
from kgraph.namespaces import KG
from kgraph.ontology import load_ontology
from kgraph.oxterms import OxTerm, from_rdflib, literal

BATCH = 50_000
"""Derived quads held before they go into the store."""


class _Sink:
    """The derived graph of a store, taking rdflib triples in batches."""

    def __init__(self, store: ox.Store, graph: ox.NamedNode) -> None:
        self.store = store
        self.name = graph
        self.quads: list[ox.Quad] = []

    def add(self, triple: tuple[Node | OxTerm, Node, Node | OxTerm]) -> None:
        s, p, o = (term if isinstance(term, OxTerm) else from_rdflib(term) for term in triple)
        self.quads.append(ox.Quad(s, p, o, self.name))
        if len(self.quads) >= BATCH:
            self.flush()

    def flush(self) -> None:
        self.store.bulk_extend(self.quads)
        self.quads = []


class _Writer:
    def __init__(self, inference: Inference, graph: _Sink) -> None:
        self.inf = inference
        self.graph = graph
        self.ev = inference.evidence
        ontology = load_ontology()
        self.stances = ontology.members(KG.Stance)
        self.levels = ontology.members(KG.CertaintyLevel)

    def iri(self, *parts: str) -> URIRef:
        return URIRef(self.ev.base + "derived/" + "/".join(parts))

    def node(self, iri: URIRef, cls: URIRef, reasons: list[str], grounds) -> URIRef:
        g = self.graph
        g.add((iri, RDF.type, cls))
        for reason in reasons:
            g.add((iri, KG.reason, literal(reason)))
        for ground in grounds:
            g.add((iri, PROV.wasDerivedFrom, ground))
        return iri

    def write(self) -> None:
        for claim in self.ev.claims:
            self.claim(claim)
        for conflict in self.inf.conflicts:
            self.conflict(conflict)
        for relation in self.inf.study_relations:
            self.relation("study", relation)
        for relation in self.inf.source_relations:
            self.relation("source", relation)
        for check in self.inf.citations:
            self.citation(check)
        for members in self.inf.clusters:
            self.cluster(members)
        for study, claims in self.inf.carried.items():
            self.graph.add((study, KG.claimsCarried, literal(len(claims))))

    def claim(self, claim: URIRef) -> None:
        g, cid = self.graph, local_id(claim)
        assessment = self.inf.assessments[claim]
        consensus = self.inf.consensus[claim]
        node = self.node(self.iri("claim", cid, "certainty"), KG.CertaintyAssessment, assessment.reasons, assessment.grounds)
        g.add((claim, KG.certainty, node))
        g.add((node, KG.claim, claim))
        g.add((node, KG.startingLevel, self.levels[assessment.start]))
        g.add((node, KG.certaintyLevel, self.levels[assessment.level]))
        for step in assessment.steps:
            down = self.node(self.iri("claim", cid, "certainty", step.rule.id), KG.Downgrade, [step.reason], step.grounds)
            g.add((node, KG.downgrade, down))
            g.add((down, KG.rule, literal(step.rule.id)))
            g.add((down, KG.ratingDomain, literal(step.rule.domain)))
            g.add((down, KG.levelChange, literal(step.rule.change)))
        lines = [line for line in self.inf.lines.get(claim, []) if line.studies]
        score, pro, con = self.inf.contest.get(claim, (0, 0, 0))
        reasons = [
            consensus.reason,
            f"contest score {score}: {pro} studies count for it, {con} against it",
            f"{len(lines)} independent line{'s' if len(lines) != 1 else ''} of evidence behind the sources that state it",
        ]
        view = self.node(self.iri("claim", cid, "consensus"), KG.Consensus, reasons, consensus.grounds)
        g.add((claim, KG.consensus, view))
        g.add((claim, KG.contested, literal(consensus.contested)))
        g.add((view, KG.claim, claim))
        g.add((view, KG.verdict, literal(consensus.verdict)))
        g.add((view, KG.contestScore, literal(score)))
        g.add((view, KG.independentLines, literal(len(lines))))
        for item in self.inf.items.get(claim, []):
            self.item(cid, item)
        for line in lines:
            self.line(cid, line)

    def item(self, cid: str, item: Item) -> None:
        g, finding = self.graph, item.finding
        reason = item.reason(self.ev)
        node = self.node(self.iri("claim", cid, "evidence", finding.id), KG.EvidenceItem, [reason], [finding.iri])
        g.add((node, KG.claim, item.claim))
        g.add((node, KG.finding, finding.iri))
        g.add((node, KG.evidenceStance, self.stances[item.stance]))
        g.add((node, KG.indirect, literal(item.indirect)))
        g.add((node, KG.counted, literal(item.counted)))
        for difference in item.differences:
            g.add((node, KG.differsIn, literal(difference.part)))
        if item.own and item.indirect:
            g.add((finding.iri, KG.indirect, literal(True)))
            g.add((finding.iri, KG.reason, literal(reason)))

    def line(self, cid: str, line) -> None:
        g, ev = self.graph, self.ev
        names = [ev.label(s) for s in line.sources]
        studies = ", ".join(ev.label(s) for s in line.studies)
        if len(names) > 1:
            summary = f"{len(names)} sources state this claim and their support all traces back to {studies}: they count as one line of evidence"
        else:
            summary = f"{names[0]} states this claim on the evidence of {studies}"
        paths = [f"{ev.label(s)}: {line.paths[s]}" for s in line.sources]
        node = self.node(self.iri("claim", cid, "line", "+".join(local_id(s) for s in line.studies)), KG.EvidenceLine, [summary, *paths], line.statements)
        g.add((node, KG.claim, line.claim))
        g.add((node, KG.sourceCount, literal(len(line.sources))))
        for study in line.studies:
            g.add((node, KG.tracesTo, study))
        for source in line.sources:
            g.add((node, KG.member, source))

    def conflict(self, conflict) -> None:
        g = self.graph
        a, b = conflict.first, conflict.second
        cls = KG.ApparentConflict if conflict.apparent else KG.Conflict
        node = self.node(self.conflict_iri(conflict), cls, [conflict.reason(self.ev)], [a.iri, b.iri])
        g.add((node, KG.conflictKind, literal(conflict.kind)))
        for finding in (a, b):
            g.add((node, KG.finding, finding.iri))
        for claim in conflict.claims:
            g.add((node, KG.claim, claim))
        for part in conflict.parts:
            g.add((node, KG.differsIn, literal(part)))
        if not conflict.apparent:
            g.add((a.iri, KG.disagreesWith, b.iri))
            g.add((b.iri, KG.disagreesWith, a.iri))

    def conflict_iri(self, conflict) -> URIRef:
        return self.iri("conflict", conflict.first.id, conflict.second.id)

    def relation(self, kind: str, rel) -> None:
        g, ev = self.graph, self.ev
        x, y = rel.parties
        claims = sorted(rel.claims, key=str)
        topics = "; ".join(f"\u201c{ev.claims[c].label}\u201d" for c in claims)
        if rel.kind == "agreement":
            cls, link = KG.Agreement, KG.agreesWith
            reasons = [f"{ev.label(x)} and {ev.label(y)} take the same side on {topics}", *sorted(rel.details)]
        else:
            cls, link = KG.Disagreement, KG.disagreesWith
            apparent = sum(c.apparent for c in rel.conflicts)
            summary = f"{ev.label(x)} and {ev.label(y)} take opposite sides on {topics}"
            if rel.conflicts:
                summary += f" ({len(rel.conflicts) - apparent} real and {apparent} apparent conflicts between their findings)"
            reasons = [summary, *sorted(rel.details)]
        node = self.node(self.iri(f"{kind}-{rel.kind}", local_id(x), local_id(y)), cls, reasons, sorted(rel.grounds, key=str))
        for party in (x, y):
            g.add((node, KG.party, party))
        for claim in claims:
            g.add((node, KG.claim, claim))
        for conflict in rel.conflicts:
            g.add((node, KG.conflict, self.conflict_iri(conflict)))
        if rel.conflicts:
            g.add((node, KG.apparent, literal(rel.apparent)))
        if not rel.apparent:
            g.add((x, link, y))
            g.add((y, link, x))

    def citation(self, check) -> None:
        g = self.graph
        work_path = str(check.work)[len(self.ev.base):]
        node = self.node(self.iri("citation", check.statement.id, work_path), KG.CitationCheck, [check.reason], [check.statement.iri, *check.grounds])
        g.add((node, KG.statement, check.statement.iri))
        g.add((node, KG.citedWork, check.work))
        g.add((node, KG.fidelity, literal(check.fidelity)))

    def cluster(self, members: list[URIRef]) -> None:
        g, ev = self.graph, self.ev
        inside = [rel for rel in self.inf.source_relations if rel.kind == "agreement" and set(rel.parties) <= set(members)]
        agreements = [self.iri("source-agreement", local_id(rel.parties[0]), local_id(rel.parties[1])) for rel in inside]
        claims = sorted({ev.claims[c].label for rel in inside for c in rel.claims})
        reason = (
            f"{'; '.join(ev.label(m) for m in members)} agree with each other more than with other sources "
            f"(a community of the agreement graph), on: {'; '.join(claims)}"
        )
        node = self.node(self.iri("source-cluster", local_id(members[0])), KG.SourceCluster, [reason], agreements)
        for member in members:
            g.add((node, KG.member, member))


def write_derived(inference: Inference, store: ox.Store, graph: ox.NamedNode) -> None:
    """Add the derived triples to the named graph ``graph`` of ``store``."""
    sink = _Sink(store, graph)
    _Writer(inference, sink).write()
    sink.flush()
