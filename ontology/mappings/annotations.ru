# Every quote is a Web Annotation: its target is the oa:SpecificResource that
# selects the exact words in the source (written by the builder), its body what
# the words say. A statement's body is its claim, motivated by the statement's
# mode: <base>motivation/<code>, an oa:Motivation narrower (skos:broader) than
# the oa: motivation the ontology gives the mode (kg:Asserts, ...) and
# skos:exactMatch to it, described once in the corpus's catalogue graph so that
# a client without kgraph's ontology can follow skos:broader (a term of the
# corpus, not kg:Asserts itself, so that two corpora in one store do not
# describe the same node twice). A finding's body is the finding, motivated by
# oa:describing.
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
INSERT {
  GRAPH ?g {
    ?annotation a oa:Annotation ;
                oa:hasTarget ?target ;
                oa:hasBody ?claim ;
                oa:motivatedBy ?motivation .
  }
  GRAPH ?catalogue {
    ?motivation a oa:Motivation ;
                skos:prefLabel ?label ;
                skos:broader ?broader ;
                skos:exactMatch ?mode .
  }
}
WHERE {
  GRAPH ?g {
    ?statement kg:quote ?target ;
               kg:claim ?claim ;
               kg:mode ?mode .
  }
  ?mode rdfs:label ?label ;
        skos:broader ?broader ;
        kg:code ?code .
  BIND(IRI(CONCAT(STR(?statement), "#annotation")) AS ?annotation)
  BIND(REPLACE(STR(?g), "graph/(source/[^/]*|[^/]*)$", "") AS ?base)
  BIND(IRI(CONCAT(?base, "graph/catalogue")) AS ?catalogue)
  BIND(IRI(CONCAT(?base, "motivation/", ?code)) AS ?motivation)
} ;

INSERT {
  GRAPH ?g {
    ?annotation a oa:Annotation ;
                oa:hasTarget ?target ;
                oa:hasBody ?finding ;
                oa:motivatedBy oa:describing .
  }
}
WHERE {
  GRAPH ?g {
    ?finding a kg:Finding ;
             kg:quote ?target .
  }
  BIND(IRI(CONCAT(STR(?finding), "#annotation")) AS ?annotation)
}
