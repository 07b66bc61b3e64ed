# A finding's stance becomes the CiTO relation from its study to the claim
# (supports -> cito:supports, contradicts -> cito:disputes, mixed -> cito:qualifies),
# as the ontology's kg:citoProperty on each stance says (the ontology is the
# default graph while the mappings run).
PREFIX kg: <https://w3id.org/kgraph/ns#>
INSERT { GRAPH ?g { ?study ?relation ?claim . } }
WHERE {
  GRAPH ?g {
    ?finding kg:study ?study ;
             kg:claim ?claim ;
             kg:stance ?stance .
  }
  ?stance kg:citoProperty ?relation .
}
