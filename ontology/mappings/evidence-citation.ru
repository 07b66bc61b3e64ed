# A statement that cites a work for its claim makes its source cite that work
# as evidence (cito:citesAsEvidence); cito:cites follows from the ontology
# (cito:citesAsEvidence is a sub-property of it) by the RDFS rules.
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX cito: <http://purl.org/spar/cito/>
INSERT { GRAPH ?g { ?source cito:citesAsEvidence ?work . } }
WHERE {
  GRAPH ?g {
    ?statement kg:statedIn ?source ;
               kg:citesAsEvidence ?work .
  }
}
