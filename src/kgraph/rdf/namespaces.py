"""Every namespace kgraph writes, defined once.

The project's own terms live in :data:`KG`; the standard vocabularies of the
interoperability contract are the rest.

>>> str(KG.Claim)
'https://w3id.org/kgraph/ns#Claim'
>>> str(CITO.supports)
'http://purl.org/spar/cito/supports'
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import SDO, DefinedNamespace

from kgraph.rdf import prefixes


class KG(DefinedNamespace):
    """The project's own terms, as declared in ``ontology/kgraph.ttl``.

    Listing them lets a typo fail at once instead of writing a term nobody
    declared; ``tests/test_namespaces.py`` keeps this list equal to the ontology.

    >>> KG.Claimm
    Traceback (most recent call last):
    ...
    AttributeError: term 'Claimm' not in namespace 'https://w3id.org/kgraph/ns#'
    """

    _NS = Namespace(prefixes.PREFIXES["kg"])
    _fail = True

    # classes and individuals
    Agreement: URIRef
    AnyTime: URIRef
    ApparentConflict: URIRef
    ArmRole: URIRef
    Asserts: URIRef
    AuthorRole: URIRef
    BlogPost: URIRef
    BookChapter: URIRef
    Caregiver: URIRef
    CaseSeries: URIRef
    CertaintyAssessment: URIRef
    CertaintyLevel: URIRef
    CitationCheck: URIRef
    Claim: URIRef
    ClaimType: URIRef
    Clinic: URIRef
    CohortStudy: URIRef
    Comment: URIRef
    Conflict: URIRef
    Consensus: URIRef
    ConsumerInformation: URIRef
    Contradicts: URIRef
    ControlArm: URIRef
    Denies: URIRef
    DeviceManufacturer: URIRef
    Disagreement: URIRef
    Downgrade: URIRef
    Draft: URIRef
    Editorial: URIRef
    EffectClaim: URIRef
    EffectDirection: URIRef
    EvidenceClaim: URIRef
    EvidenceItem: URIRef
    EvidenceLine: URIRef
    Finding: URIRef
    FundingKind: URIRef
    HighCertainty: URIRef
    Immediate: URIRef
    Improves: URIRef
    Inconclusive: URIRef
    IncreasesRisk: URIRef
    IndicationClaim: URIRef
    Industry: URIRef
    IndustryFunded: URIRef
    InterestKind: URIRef
    InterventionArm: URIRef
    InterventionScheme: URIRef
    JournalArticle: URIRef
    JournalSummary: URIRef
    Journalist: URIRef
    Kgraph: URIRef
    LongTerm: URIRef
    LowCertainty: URIRef
    MechanismClaim: URIRef
    MediumTerm: URIRef
    MeetingAbstract: URIRef
    Mixed: URIRef
    MixedFunding: URIRef
    ModerateCertainty: URIRef
    NarrativeReview: URIRef
    NoDifference: URIRef
    NoFunding: URIRef
    NonRandomisedControlledStudy: URIRef
    NoneDeclared: URIRef
    NotSignificant: URIRef
    NotTested: URIRef
    OutcomeScheme: URIRef
    Patient: URIRef
    PatientReport: URIRef
    Physician: URIRef
    PopulationScheme: URIRef
    PracticeClaim: URIRef
    ProvidesProcedure: URIRef
    Public: URIRef
    Publisher: URIRef
    Questions: URIRef
    RandomisedControlledTrial: URIRef
    ReducesRisk: URIRef
    Reports: URIRef
    Researcher: URIRef
    ReviewStatus: URIRef
    SafetyClaim: URIRef
    ShamControlledTrial: URIRef
    ShortTerm: URIRef
    Significance: URIRef
    SignificanceNotReported: URIRef
    Significant: URIRef
    Source: URIRef
    SourceCluster: URIRef
    Stance: URIRef
    Statement: URIRef
    StatementMode: URIRef
    Study: URIRef
    StudyArm: URIRef
    StudyDesign: URIRef
    Supports: URIRef
    SystematicReview: URIRef
    TechnicalReport: URIRef
    TimeFrame: URIRef
    Trend: URIRef
    VeryLowCertainty: URIRef
    WebPage: URIRef
    Worsens: URIRef

    accessed: URIRef
    agreesWith: URIRef
    apparent: URIRef
    arm: URIRef
    authorOrcid: URIRef
    authorRole: URIRef
    blinded: URIRef
    certainty: URIRef
    certaintyLevel: URIRef
    citationMarker: URIRef
    citedWork: URIRef
    citesAsEvidence: URIRef
    claim: URIRef
    claimType: URIRef
    claimsCarried: URIRef
    code: URIRef
    comparator: URIRef
    conflict: URIRef
    conflictKind: URIRef
    consensus: URIRef
    contestScore: URIRef
    contested: URIRef
    counted: URIRef
    design: URIRef
    differsIn: URIRef
    direction: URIRef
    disagreesWith: URIRef
    downgrade: URIRef
    effect: URIRef
    evidenceShows: URIRef
    evidenceStance: URIRef
    factsFrom: URIRef
    fidelity: URIRef
    finding: URIRef
    followUpMonths: URIRef
    fromMonths: URIRef
    funder: URIRef
    funderHasStake: URIRef
    funding: URIRef
    independentLines: URIRef
    indirect: URIRef
    interest: URIRef
    intervention: URIRef
    levelChange: URIRef
    member: URIRef
    mode: URIRef
    notReported: URIRef
    outcome: URIRef
    pValue: URIRef
    participants: URIRef
    participantsAnalysed: URIRef
    party: URIRef
    pmcid: URIRef
    population: URIRef
    prospective: URIRef
    quote: URIRef
    randomised: URIRef
    rank: URIRef
    ratingDomain: URIRef
    reason: URIRef
    reportedBy: URIRef
    reportsOn: URIRef
    reproduces: URIRef
    reviewNote: URIRef
    reviewStatus: URIRef
    rule: URIRef
    setAside: URIRef
    shamControlled: URIRef
    significance: URIRef
    sourceCount: URIRef
    stance: URIRef
    startingLevel: URIRef
    statedIn: URIRef
    statement: URIRef
    study: URIRef
    summarises: URIRef
    textFile: URIRef
    timeFrame: URIRef
    timePoint: URIRef
    timePointMonths: URIRef
    toMonths: URIRef
    tracesTo: URIRef
    trialRegistryId: URIRef
    venue: URIRef
    verdict: URIRef
    withinArm: URIRef


KGSH = Namespace("https://w3id.org/kgraph/shapes#")
BIBO = Namespace(prefixes.PREFIXES["bibo"])
CITO = Namespace(prefixes.PREFIXES["cito"])
OA = Namespace(prefixes.PREFIXES["oa"])
SCHEMA = SDO
MESH = Namespace(prefixes.PREFIXES["mesh"])

PREFIXES: dict[str, Namespace] = {prefix: Namespace(iri) for prefix, iri in prefixes.PREFIXES.items()}
"""The prefix table of :mod:`kgraph.rdf.prefixes` as rdflib namespaces (SCHEMA is rdflib's SDO, the same IRI)."""


def bind_prefixes(graph: Graph, extra: dict[str, str] | None = None) -> None:
    """Bind the project's prefixes so every serialisation uses the same short names."""
    for prefix, ns in {**PREFIXES, **(extra or {})}.items():
        graph.bind(prefix, str(ns), override=True, replace=True)

