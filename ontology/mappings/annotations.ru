# Every quote is a Web Annotation: its target is the oa:SpecificResource that
# selects the exact words in the source (written by the builder), its body what
# the words say. A statement's body is its claim, motivated by the statement's
# mode (kg:Asserts, kg:Denies, ...), which the ontology declares an
# oa:Motivation narrower than an oa: one; the mode's description goes into the
# same graph so that a client without kgraph's ontology can follow skos:broader.
# A finding's body is the finding, motivated by oa:describing.
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
INSERT {
  GRAPH ?g {
    ?annotation a oa:Annotation ;
                oa:hasTarget ?target ;
                oa:hasBody ?claim ;
                oa:motivatedBy ?mode .
    ?mode a oa:Motivation ;
          skos:prefLabel ?label ;
          skos:broader ?broader .
  }
}
WHERE {
  GRAPH ?g {
    ?statement kg:quote ?target ;
               kg:claim ?claim ;
               kg:mode ?mode .
  }
  ?mode rdfs:label ?label ;
        skos:broader ?broader .
  BIND(IRI(CONCAT(STR(?statement), "#annotation")) AS ?annotation)
} ;

INSERT {
  GRAPH ?g {
    ?annotation a oa:Annotation ;
                oa:hasTarget ?target ;
                oa:hasBody ?finding ;
                oa:motivatedBy oa:describing .
    oa:describing a oa:Motivation .
  }
}
WHERE {
  GRAPH ?g {
    ?finding a kg:Finding ;
             kg:quote ?target .
  }
  BIND(IRI(CONCAT(STR(?finding), "#annotation")) AS ?annotation)
}
