# Creators and publishers are agents, not strings (DCMI: the value of
# dcterms:creator and dcterms:publisher is an agent). A name becomes the IRI
# <base>agent/<name in lower case, words joined by ->, a schema:Person for an
# author and a schema:Organization for a publisher or a study's funder, named
# by schema:name; the same name is the same agent across the corpus. A study's
# funder (unless it had no funding) is its schema:sponsor, a schema:Corporation when the funding is
# industry's. kg:funder keeps the name for kgraph's own queries. An agent is
# described (type and name) once, in the corpus's catalogue graph, whichever
# graph names it: a store's union of graphs then holds each description once.
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX schema: <https://schema.org/>
DELETE { GRAPH ?g { ?work ?role ?name . } }
INSERT {
  GRAPH ?g { ?work ?role ?agent . }
  GRAPH ?catalogue {
    ?agent a ?class ;
           schema:name ?name .
  }
}
WHERE {
  VALUES (?role ?class) {
    (dcterms:creator schema:Person)
    (dcterms:publisher schema:Organization)
  }
  GRAPH ?g { ?work ?role ?name . }
  FILTER(isLiteral(?name))
  BIND(REPLACE(STR(?g), "graph/(source/[^/]*|[^/]*)$", "") AS ?base)
  BIND(IRI(CONCAT(?base, "agent/", ENCODE_FOR_URI(REPLACE(LCASE(?name), "[^\\p{L}\\p{N}]+", "-")))) AS ?agent)
  BIND(IRI(CONCAT(?base, "graph/catalogue")) AS ?catalogue)
} ;

INSERT {
  GRAPH ?g { ?study schema:sponsor ?agent . }
  GRAPH ?catalogue {
    ?agent a schema:Organization ;
           schema:name ?name .
  }
}
WHERE {
  GRAPH ?g {
    ?study kg:funder ?name .
    FILTER NOT EXISTS { ?study kg:funding kg:NoFunding }
  }
  BIND(REPLACE(STR(?g), "graph/(source/[^/]*|[^/]*)$", "") AS ?base)
  BIND(IRI(CONCAT(?base, "agent/", ENCODE_FOR_URI(REPLACE(LCASE(?name), "[^\\p{L}\\p{N}]+", "-")))) AS ?agent)
  BIND(IRI(CONCAT(?base, "graph/catalogue")) AS ?catalogue)
} ;

INSERT { GRAPH ?catalogue { ?agent a schema:Corporation . } }
WHERE {
  GRAPH ?g { ?study kg:funding ?funding ; schema:sponsor ?agent . }
  FILTER(?funding = kg:Industry)
  BIND(IRI(REPLACE(STR(?g), "graph/(source/[^/]*|[^/]*)$", "graph/catalogue")) AS ?catalogue)
}
