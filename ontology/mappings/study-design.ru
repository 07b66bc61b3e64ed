# A study's design in schema.org terms, where schema.org has it: the ontology
# matches kgraph's designs to schema.org's (skos:exactMatch or, for a narrower
# design, skos:broadMatch). A trial design is the study's schema:trialDesign,
# an observational one its schema:studyDesign (and the study a
# schema:MedicalObservationalStudy). Reviews, editorials and patient reports
# have no schema.org design; their kg:design stays the only one. A randomised
# trial is a schema:RandomizedTrial, and an unblinded one also a schema:OpenTrial.
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
INSERT { GRAPH ?g { ?study schema:trialDesign ?design . } }
WHERE {
  GRAPH ?g { ?study kg:design ?kgDesign . }
  ?kgDesign skos:exactMatch|skos:broadMatch ?design .
  ?design a schema:MedicalTrialDesign .
} ;

INSERT { GRAPH ?g { ?study a schema:MedicalObservationalStudy ; schema:studyDesign ?design . } }
WHERE {
  GRAPH ?g { ?study kg:design ?kgDesign . }
  ?kgDesign skos:exactMatch|skos:broadMatch ?design .
  ?design a schema:MedicalObservationalStudyDesign .
} ;

INSERT { GRAPH ?g { ?study schema:trialDesign schema:RandomizedTrial . } }
WHERE {
  GRAPH ?g { ?study kg:randomised ?randomised . }
  FILTER(?randomised = true)
}
 ;

INSERT { GRAPH ?g { ?study schema:trialDesign schema:OpenTrial . } }
WHERE {
  GRAPH ?g { ?study kg:blinded ?blinded ; kg:randomised ?randomised . }
  FILTER(?blinded = false && ?randomised = true)
}
