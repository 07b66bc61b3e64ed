# A claim appears in every source that states it (schema:appearance).
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX schema: <https://schema.org/>
INSERT { GRAPH ?g { ?claim schema:appearance ?source . } }
WHERE {
  GRAPH ?g {
    ?statement kg:claim ?claim ;
               kg:statedIn ?source .
  }
}
