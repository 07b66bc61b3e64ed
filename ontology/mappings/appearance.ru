# A claim appears in every source that asserts it (schema:appearance); a source
# that denies, questions or only reports a claim is not an appearance of it
# (schema.org: "Indicates an occurrence of a Claim in some CreativeWork", which a
# fact-checker reads as the work making the claim). Every statement, whatever
# its mode, is an oa:Annotation (annotations.ru).
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX schema: <https://schema.org/>
INSERT { GRAPH ?g { ?claim schema:appearance ?source . } }
WHERE {
  GRAPH ?g {
    ?statement kg:claim ?claim ;
               kg:statedIn ?source ;
               kg:mode ?mode .
  }
  FILTER(?mode = kg:Asserts)
}
