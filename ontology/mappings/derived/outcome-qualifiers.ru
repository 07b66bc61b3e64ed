# The outcome a finding measures (its own, or else its claim's) is a SEPIO
# qualifier of the finding (has_qualifier, SEPIO_0000144), a skos:Concept of the
# outcome scheme; with the time point (finding-time.ru) it lets a client follow
# an outcome over time.
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX obo: <http://purl.obolibrary.org/obo/>
INSERT { GRAPH ?g { ?finding obo:SEPIO_0000144 ?outcome . } }
WHERE {
  GRAPH ?g { ?finding a kg:Finding ; kg:claim ?claim . OPTIONAL { ?finding kg:outcome ?own } }
  OPTIONAL { GRAPH ?c { ?claim kg:outcome ?claimOutcome } }
  BIND(COALESCE(?own, ?claimOutcome) AS ?outcome)
  FILTER(BOUND(?outcome))
}
