# The concept schemes that terms are in (kg:InterventionScheme, ...) are
# exported with the terms, with their labels and definitions from the ontology;
# a term with no broader term in its file is a top concept of its scheme.
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
INSERT {
  GRAPH ?g {
    ?scheme a skos:ConceptScheme ;
            skos:prefLabel ?label ;
            skos:definition ?definition .
  }
}
WHERE {
  { SELECT DISTINCT ?g ?scheme WHERE { GRAPH ?g { ?term skos:inScheme ?scheme } } }
  ?scheme skos:prefLabel ?label ;
          skos:definition ?definition .
} ;

INSERT { GRAPH ?g { ?term skos:topConceptOf ?scheme . ?scheme skos:hasTopConcept ?term . } }
WHERE {
  GRAPH ?g {
    ?term skos:inScheme ?scheme .
    FILTER NOT EXISTS { ?term skos:broader ?broader }
  }
}
