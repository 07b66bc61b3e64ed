# A finding's time point in standard terms: a SEPIO qualifier (has_qualifier,
# SEPIO_0000144: "the context in which a particular assertion or proposition
# applies") that is an OWL-Time duration in months after treatment, labelled
# with the source's own words.
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX obo: <http://purl.obolibrary.org/obo/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX time: <http://www.w3.org/2006/time#>
INSERT {
  GRAPH ?g {
    ?finding obo:SEPIO_0000144 ?time .
    ?time a time:Duration ;
          time:numericDuration ?months ;
          time:unitType time:unitMonth ;
          rdfs:label ?words .
  }
}
WHERE {
  GRAPH ?g {
    ?finding a kg:Finding ;
             kg:timePointMonths ?months .
    OPTIONAL { ?finding kg:timePoint ?words }
  }
  FILTER(isLiteral(?months))
  BIND(IRI(CONCAT(STR(?finding), "#time-point")) AS ?time)
}
