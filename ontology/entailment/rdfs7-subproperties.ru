# RDFS entailment rule 7: a statement with a property also holds with every
# superproperty of it, in the same graph. Runs after the mappings, on the
# triples of one data file with the ontology as the default graph.
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
INSERT { GRAPH ?g { ?s ?super ?o } }
WHERE {
  ?property rdfs:subPropertyOf+ ?super .
  FILTER(isIRI(?super) && ?super != ?property)
  GRAPH ?g { ?s ?property ?o }
}
