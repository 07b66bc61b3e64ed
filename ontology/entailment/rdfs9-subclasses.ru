# RDFS entailment rule 9: an instance of a class is an instance of every
# superclass of it, in the same graph. Runs after rule 7 (no property here is
# a subproperty of rdf:type), on the triples of one data file with the
# ontology as the default graph.
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
INSERT { GRAPH ?g { ?s a ?super } }
WHERE {
  ?class rdfs:subClassOf+ ?super .
  FILTER(isIRI(?super) && ?super != ?class)
  GRAPH ?g { ?s a ?class }
}
