# The derived layer's judgements of a claim as schema.org claim reviews, the
# vocabulary fact-checkers publish verdicts in: the consensus is a
# schema:ClaimReview of the claim whose schema:reviewRating names the verdict
# (schema:alternateName "supported", "contested", ...), and the certainty
# assessment one whose rating is the GRADE level (schema:ratingValue 1 to 4,
# very low to high, schema:alternateName its name). Both keep kg:reason.
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
INSERT {
  GRAPH ?d {
    ?consensus a schema:ClaimReview ;
               schema:itemReviewed ?claim ;
               schema:reviewRating ?rating .
    ?rating a schema:Rating ;
            schema:alternateName ?verdict .
  }
}
WHERE {
  GRAPH ?d { ?consensus a kg:Consensus ; kg:claim ?claim ; kg:verdict ?verdict . }
  BIND(IRI(CONCAT(STR(?consensus), "#rating")) AS ?rating)
} ;

INSERT {
  GRAPH ?d {
    ?assessment a schema:ClaimReview ;
                schema:itemReviewed ?claim ;
                schema:reviewRating ?rating .
    ?rating a schema:Rating ;
            schema:ratingValue ?rank ;
            schema:worstRating 1 ;
            schema:bestRating 4 ;
            schema:alternateName ?name .
  }
}
WHERE {
  VALUES (?level ?rank ?name) {
    (kg:VeryLowCertainty 1 "very low")
    (kg:LowCertainty 2 "low")
    (kg:ModerateCertainty 3 "moderate")
    (kg:HighCertainty 4 "high")
  }
  GRAPH ?d { ?assessment a kg:CertaintyAssessment ; kg:claim ?claim ; kg:certaintyLevel ?level . }
  BIND(IRI(CONCAT(STR(?assessment), "#rating")) AS ?rating)
}
