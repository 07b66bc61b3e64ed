# A finding in SEPIO terms (kgraph.ttl makes it a SEPIO study finding): it is
# about the claim it was recorded on (IAO is_about, IAO_0000136, as SEPIO uses
# it), and its time point is a SEPIO qualifier (has_qualifier, SEPIO_0000144:
# "the context in which a particular assertion or proposition applies"): an
# OWL-Time duration in months after treatment where the months are known,
# labelled with the source's own words.
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX obo: <http://purl.obolibrary.org/obo/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX time: <http://www.w3.org/2006/time#>
INSERT { GRAPH ?g { ?finding obo:IAO_0000136 ?claim . } }
WHERE { GRAPH ?g { ?finding a kg:Finding ; kg:claim ?claim . } } ;

INSERT {
  GRAPH ?g {
    ?finding obo:SEPIO_0000144 ?time .
    ?time a time:Duration ;
          time:numericDuration ?number ;
          time:unitType ?unit ;
          rdfs:label ?words .
  }
}
WHERE {
  GRAPH ?g {
    ?finding a kg:Finding .
    OPTIONAL { ?finding kg:timePointMonths ?number . FILTER(isLiteral(?number)) }
    OPTIONAL { ?finding kg:timePoint ?words }
  }
  FILTER(BOUND(?number) || BOUND(?words))
  BIND(IF(BOUND(?number), time:unitMonth, ?unset) AS ?unit)
  BIND(IRI(CONCAT(STR(?finding), "#time-point")) AS ?time)
}
