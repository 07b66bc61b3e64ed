# Citations link works: a source that cites a study (cito:cites,
# cito:citesAsEvidence) cites the work that reports it. A published study has
# its article (articles.ru); a study the records give no publication for gets
# <study>#article all the same, a schema:CreativeWork about it, so that the
# citation still links two works.
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX schema: <https://schema.org/>
INSERT {
  GRAPH ?c {
    ?article a schema:CreativeWork ;
             schema:about ?study .
    ?study schema:subjectOf ?article .
  }
}
WHERE {
  GRAPH ?g { ?source cito:cites|cito:citesAsEvidence ?study . }
  GRAPH ?c {
    ?study a kg:Study .
    FILTER NOT EXISTS { ?study schema:subjectOf ?published }
  }
  BIND(IRI(CONCAT(STR(?study), "#article")) AS ?article)
} ;

DELETE { GRAPH ?g { ?source ?citation ?study . } }
INSERT { GRAPH ?g { ?source ?citation ?article . } }
WHERE {
  VALUES ?citation { cito:cites cito:citesAsEvidence }
  GRAPH ?g { ?source ?citation ?study . }
  GRAPH ?c { ?study a kg:Study ; schema:subjectOf ?article . }
}
