# Citations link works: a source that cites a published study (cito:cites,
# cito:citesAsEvidence) cites the article that reports it (articles.ru).
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX schema: <https://schema.org/>
DELETE { GRAPH ?g { ?source ?citation ?study . } }
INSERT { GRAPH ?g { ?source ?citation ?article . } }
WHERE {
  VALUES ?citation { cito:cites cito:citesAsEvidence }
  GRAPH ?g { ?source ?citation ?study . }
  GRAPH ?c { ?study schema:subjectOf ?article . }
}
