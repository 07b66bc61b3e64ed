# A statement that cites a work for its claim makes its source cite that work
# as evidence (cito:citesAsEvidence), and so cite it at all (cito:cites).
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX cito: <http://purl.org/spar/cito/>
INSERT {
  GRAPH ?g {
    ?source cito:citesAsEvidence ?work ;
            cito:cites ?work .
  }
}
WHERE {
  GRAPH ?g {
    ?statement kg:statedIn ?source ;
               kg:citesAsEvidence ?work .
  }
}
