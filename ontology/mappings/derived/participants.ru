# How many took part, and who, as schema.org says it of a study: its
# schema:population, a text such as "300 participants: acute vertebral
# compression fracture" (schema.org has no count of participants).
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
INSERT { GRAPH ?g { ?study schema:population ?text . } }
WHERE {
  GRAPH ?g { ?study a kg:Study ; kg:participants ?participants . }
  OPTIONAL {
    GRAPH ?g { ?study kg:population ?population . }
    GRAPH ?t { ?population skos:prefLabel ?label . }
  }
  BIND(CONCAT(STR(?participants), IF(?participants = 1, " participant", " participants"), IF(BOUND(?label), CONCAT(": ", ?label), "")) AS ?text)
}
