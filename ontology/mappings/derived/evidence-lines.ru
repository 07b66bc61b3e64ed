# The derived layer's evidence, in SEPIO (ontology/EVIDENCE.md says why SEPIO):
# every evidence item the derived layer counts towards a claim (kg:counted true)
# is a SEPIO evidence line (SEPIO_0000002) of that claim, through
# has_supporting_evidence_line (SEPIO_0000007), has_disputing_evidence_line
# (SEPIO_0000008), has_inconclusive_evidence_line (SEPIO_0000009) or, for a mixed
# finding, has_evidence_line (SEPIO_0000006) alone (every line also through
# SEPIO_0000006, their super-property, for clients without a reasoner); its evidence_direction
# (SEPIO_0000183) is supporting, disputing or inconclusive (SEPIO_0000403-405;
# SEPIO has no direction for mixed evidence). The line has the finding as its
# evidence item (SEPIO_0000084), the study as its supporting activity
# (SEPIO_0000085) and the reporting source as its supporting reference
# (SEPIO_0000124); the node keeps kgraph's kg:indirect, kg:differsIn and
# kg:reason. The finding's time point and outcome are its SEPIO qualifiers
# (finding-time.ru, outcome-qualifiers.ru).
#
# For clients that read only CiTO, the study supports (cito:supports), disputes
# (cito:disputes), qualifies (cito:qualifies, mixed) or discusses
# (cito:discusses, inconclusive) the claim, for exactly these counted items.
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX obo: <http://purl.obolibrary.org/obo/>
INSERT {
  GRAPH ?d {
    ?item a obo:SEPIO_0000002 ;
          obo:SEPIO_0000084 ?finding ;
          obo:SEPIO_0000085 ?study ;
          obo:SEPIO_0000124 ?source .
    ?claim ?line ?item ;
           obo:SEPIO_0000006 ?item .
    ?study ?cito ?claim .
  }
}
WHERE {
  VALUES (?stance ?line ?cito) {
    (kg:Supports obo:SEPIO_0000007 cito:supports)
    (kg:Contradicts obo:SEPIO_0000008 cito:disputes)
    (kg:Inconclusive obo:SEPIO_0000009 cito:discusses)
    (kg:Mixed obo:SEPIO_0000006 cito:qualifies)
  }
  GRAPH ?d {
    ?item a kg:EvidenceItem ;
          kg:claim ?claim ;
          kg:finding ?finding ;
          kg:evidenceStance ?stance ;
          kg:counted ?counted .
  }
  FILTER(?counted = true)
  GRAPH ?f { ?finding kg:study ?study ; kg:reportedBy ?source . }
} ;

INSERT { GRAPH ?d { ?item obo:SEPIO_0000183 ?direction . } }
WHERE {
  VALUES (?line ?direction) {
    (obo:SEPIO_0000007 obo:SEPIO_0000403)
    (obo:SEPIO_0000008 obo:SEPIO_0000404)
    (obo:SEPIO_0000009 obo:SEPIO_0000405)
  }
  GRAPH ?d { ?claim ?line ?item . ?item a obo:SEPIO_0000002 . }
}
