"""Write an :class:`~kgraph.infer.Inference` as triples in the named graph ``<base>graph/derived``.

Every derived node gets an IRI made from record ids under ``<base>derived/``,
a ``kg:reason`` in words and ``prov:wasDerivedFrom`` the findings or
statements it rests on, so that each conclusion can be traced and explained
and the same data always gives the same triples.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import PROV, RDF

from kgraph.corpus.ontology import load_ontology
from kgraph.infer import Inference
from kgraph.infer.evidence import local_id
from kgraph.infer.relate import Item
from kgraph.rdf import nquads
from kgraph.rdf.namespaces import KG
from kgraph.rdf.nquads import Vocabulary, literal

K, R, P = Vocabulary(KG), Vocabulary(RDF), Vocabulary(PROV)
"""The terms the derived layer writes, in N-Triples syntax."""


class _Sink:
    """The derived graph of a store, taking triples of N-Triples text or rdflib IRIs."""

    def __init__(self, writer: nquads.Writer, graph: ox.NamedNode) -> None:
        self.batch = nquads.Batch(writer)
        self.name = str(graph)

    def add(self, triple: tuple[str, str, str]) -> None:
        s, p, o = triple
        self.batch.add(nquads.node(s), p, nquads.node(o), self.name)


class _Writer:
    def __init__(self, inference: Inference, graph: _Sink) -> None:
        self.inf = inference
        self.graph = graph
        self.ev = inference.evidence
        ontology = load_ontology()
        self.stances = {code: nquads.iri(term) for code, term in ontology.members(KG.Stance).items()}
        self.levels = {code: nquads.iri(term) for code, term in ontology.members(KG.CertaintyLevel).items()}

    def iri(self, *parts: str) -> str:
        return nquads.iri(self.ev.base + "derived/" + "/".join(parts))

    def node(self, iri: str, cls: str, reasons: list[str], grounds) -> str:
        g = self.graph
        g.add((iri, R.type, cls))
        for reason in reasons:
            g.add((iri, K.reason, literal(reason)))
        for ground in grounds:
            g.add((iri, P.wasDerivedFrom, ground))
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
            self.graph.add((study, K.claimsCarried, literal(len(claims))))

    def claim(self, claim: URIRef) -> None:
        g, cid = self.graph, local_id(claim)
        assessment = self.inf.assessments[claim]
        consensus = self.inf.consensus[claim]
        node = self.node(self.iri("claim", cid, "certainty"), K.CertaintyAssessment, assessment.reasons, assessment.grounds)
        g.add((claim, K.certainty, node))
        g.add((node, K.claim, claim))
        g.add((node, K.startingLevel, self.levels[assessment.start]))
        g.add((node, K.certaintyLevel, self.levels[assessment.level]))
        for step in assessment.steps:
            down = self.node(self.iri("claim", cid, "certainty", step.rule.id), K.Downgrade, [step.reason], step.grounds)
            g.add((node, K.downgrade, down))
            g.add((down, K.rule, literal(step.rule.id)))
            g.add((down, K.ratingDomain, literal(step.rule.domain)))
            g.add((down, K.levelChange, literal(step.rule.change)))
        lines = [line for line in self.inf.lines.get(claim, []) if line.studies]
        score, pro, con = self.inf.contest.get(claim, (0, 0, 0))
        reasons = [
            consensus.reason,
            f"contest score {score}: {pro} studies count for it, {con} against it",
            f"{len(lines)} independent line{'s' if len(lines) != 1 else ''} of evidence behind the sources that state it",
        ]
        view = self.node(self.iri("claim", cid, "consensus"), K.Consensus, reasons, consensus.grounds)
        g.add((claim, K.consensus, view))
        g.add((claim, K.contested, literal(consensus.contested)))
        g.add((view, K.claim, claim))
        g.add((view, K.verdict, literal(consensus.verdict)))
        g.add((view, K.contestScore, literal(score)))
        g.add((view, K.independentLines, literal(len(lines))))
        for item in self.inf.items.get(claim, []):
            self.item(cid, item)
        for line in lines:
            self.line(cid, line)

    def item(self, cid: str, item: Item) -> None:
        g, finding = self.graph, item.finding
        reason = item.reason(self.ev)
        node = self.node(self.iri("claim", cid, "evidence", finding.id), K.EvidenceItem, [reason], [finding.iri])
        g.add((node, K.claim, item.claim))
        g.add((node, K.finding, finding.iri))
        g.add((node, K.evidenceStance, self.stances[item.stance]))
        g.add((node, K.indirect, literal(item.indirect)))
        g.add((node, K.counted, literal(item.counted)))
        for difference in item.differences:
            g.add((node, K.differsIn, literal(difference.part)))
        if item.own and item.indirect:
            g.add((finding.iri, K.indirect, literal(True)))
            g.add((finding.iri, K.reason, literal(reason)))

    def line(self, cid: str, line) -> None:
        g, ev = self.graph, self.ev
        names = [ev.label(s) for s in line.sources]
        studies = ", ".join(ev.label(s) for s in line.studies)
        if len(names) > 1:
            summary = f"{len(names)} sources state this claim and their support all traces back to {studies}: they count as one line of evidence"
        else:
            summary = f"{names[0]} states this claim on the evidence of {studies}"
        paths = [f"{ev.label(s)}: {line.paths[s]}" for s in line.sources]
        node = self.node(self.iri("claim", cid, "line", "+".join(local_id(s) for s in line.studies)), K.EvidenceLine, [summary, *paths], line.statements)
        g.add((node, K.claim, line.claim))
        g.add((node, K.sourceCount, literal(len(line.sources))))
        for study in line.studies:
            g.add((node, K.tracesTo, study))
        for source in line.sources:
            g.add((node, K.member, source))

    def conflict(self, conflict) -> None:
        g = self.graph
        a, b = conflict.first, conflict.second
        cls = K.ApparentConflict if conflict.apparent else K.Conflict
        node = self.node(self.conflict_iri(conflict), cls, [conflict.reason(self.ev)], [a.iri, b.iri])
        g.add((node, K.conflictKind, literal(conflict.kind)))
        for finding in (a, b):
            g.add((node, K.finding, finding.iri))
        for claim in conflict.claims:
            g.add((node, K.claim, claim))
        for part in conflict.parts:
            g.add((node, K.differsIn, literal(part)))
        if not conflict.apparent:
            g.add((a.iri, K.disagreesWith, b.iri))
            g.add((b.iri, K.disagreesWith, a.iri))

    def conflict_iri(self, conflict) -> str:
        return self.iri("conflict", conflict.first.id, conflict.second.id)

    def relation(self, kind: str, rel) -> None:
        g, ev = self.graph, self.ev
        x, y = rel.parties
        claims = sorted(rel.claims, key=str)
        topics = "; ".join(f"\u201c{ev.claims[c].label}\u201d" for c in claims)
        if rel.kind == "agreement":
            cls, link = K.Agreement, K.agreesWith
            reasons = [f"{ev.label(x)} and {ev.label(y)} take the same side on {topics}", *sorted(rel.details)]
        else:
            cls, link = K.Disagreement, K.disagreesWith
            apparent = sum(c.apparent for c in rel.conflicts)
            summary = f"{ev.label(x)} and {ev.label(y)} take opposite sides on {topics}"
            if rel.conflicts:
                summary += f" ({len(rel.conflicts) - apparent} real and {apparent} apparent conflicts between their findings)"
            reasons = [summary, *sorted(rel.details)]
        node = self.node(self.iri(f"{kind}-{rel.kind}", local_id(x), local_id(y)), cls, reasons, sorted(rel.grounds, key=str))
        for party in (x, y):
            g.add((node, K.party, party))
        for claim in claims:
            g.add((node, K.claim, claim))
        for conflict in rel.conflicts:
            g.add((node, K.conflict, self.conflict_iri(conflict)))
        if rel.conflicts:
            g.add((node, K.apparent, literal(rel.apparent)))
        if not rel.apparent:
            g.add((x, link, y))
            g.add((y, link, x))

    def citation(self, check) -> None:
        g = self.graph
        work_path = str(check.work)[len(self.ev.base):]
        node = self.node(self.iri("citation", check.statement.id, work_path), K.CitationCheck, [check.reason], [check.statement.iri, *check.grounds])
        g.add((node, K.statement, check.statement.iri))
        g.add((node, K.citedWork, check.work))
        g.add((node, K.fidelity, literal(check.fidelity)))

    @cached_property
    def agreements_by_source(self) -> dict[URIRef, list]:
        """Each source's agreements with other sources: a cluster looks up its members' instead of scanning them all."""
        out: dict[URIRef, list] = defaultdict(list)
        for rel in self.inf.source_relations:
            if rel.kind == "agreement":
                out[rel.parties[0]].append(rel)
        return out

    def cluster(self, members: list[URIRef]) -> None:
        g, ev = self.graph, self.ev
        inside = [rel for m in members for rel in self.agreements_by_source.get(m, []) if set(rel.parties) <= set(members)]
        agreements = [self.iri("source-agreement", local_id(rel.parties[0]), local_id(rel.parties[1])) for rel in inside]
        claims = sorted({ev.claims[c].label for rel in inside for c in rel.claims})
        reason = (
            f"{'; '.join(ev.label(m) for m in members)} agree with each other more than with other sources "
            f"(a community of the agreement graph), on: {'; '.join(claims)}"
        )
        node = self.node(self.iri("source-cluster", local_id(members[0])), K.SourceCluster, [reason], agreements)
        for member in members:
            g.add((node, K.member, member))


def write_derived(inference: Inference, store: ox.Store, graph: ox.NamedNode) -> None:
    """Add the derived triples to the named graph ``graph`` of ``store``."""
    with nquads.Writer(store) as writer:
        sink = _Sink(writer, graph)
        _Writer(inference, sink).write()
        sink.batch.flush()
