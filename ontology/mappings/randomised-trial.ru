# A randomised study is also a schema:MedicalTrial.
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX schema: <https://schema.org/>
INSERT { GRAPH ?g { ?study a schema:MedicalTrial . } }
WHERE {
  GRAPH ?g { ?study kg:randomised ?randomised . }
  FILTER(?randomised = true)
}
