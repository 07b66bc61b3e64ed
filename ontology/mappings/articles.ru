# A published study apart from its publication. The records give a study's
# bibliographic fields on the study; here a study with a venue, DOI or PMID
# gets the article that reports it, <study>#article, a
# schema:MedicalScholarlyArticle that carries the title, authors, date,
# identifiers (bibo:doi, bibo:pmid and the DOI as an https://doi.org/ IRI in
# schema:sameAs), volume, issue, pages and web address, and is schema:about the
# study (the study schema:subjectOf it). Volume, issue and pages are schema.org's
# (schema:volumeNumber, schema:issueNumber, schema:pagination): BIBO's bibo:issue
# has the domain bibo:Issue, so a reasoner would make the work a journal issue.
# The journal is a schema:Periodical the article is schema:isPartOf. A source
# that cites the study cites the article (derived/citations.ru, which joins two
# files). The shapes check the moved fields on the article (kgsh:Article).
PREFIX bibo: <http://purl.org/ontology/bibo/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX schema: <https://schema.org/>
INSERT {
  GRAPH ?g {
    ?article a schema:MedicalScholarlyArticle ;
             schema:about ?study .
    ?study schema:subjectOf ?article .
  }
}
WHERE {
  GRAPH ?g {
    ?study a kg:Study .
    FILTER EXISTS { ?study kg:venue|bibo:doi|bibo:pmid ?published }
  }
  BIND(IRI(CONCAT(STR(?study), "#article")) AS ?article)
} ;

DELETE { GRAPH ?g { ?study ?studyProperty ?value . } }
INSERT { GRAPH ?g { ?article ?articleProperty ?value . } }
WHERE {
  VALUES (?studyProperty ?articleProperty) {
    (dcterms:title dcterms:title)
    (dcterms:creator dcterms:creator)
    (dcterms:issued dcterms:issued)
    (bibo:doi bibo:doi)
    (bibo:pmid bibo:pmid)
    (bibo:volume schema:volumeNumber)
    (bibo:issue schema:issueNumber)
    (bibo:pages schema:pagination)
    (schema:url schema:url)
  }
  GRAPH ?g {
    ?study schema:subjectOf ?article ;
           ?studyProperty ?value .
  }
} ;

INSERT { GRAPH ?g { ?article schema:sameAs ?doiIri . } }
WHERE {
  GRAPH ?g { ?article bibo:doi ?doi ; schema:about ?study . }
  BIND(IRI(CONCAT("https://doi.org/", ?doi)) AS ?doiIri)
} ;

INSERT {
  GRAPH ?g {
    ?article schema:isPartOf ?periodical .
    ?periodical a schema:Periodical ;
                schema:name ?venue .
  }
}
WHERE {
  GRAPH ?g { ?study schema:subjectOf ?article ; kg:venue ?venue . }
  BIND(REPLACE(STR(?g), "graph/(source/[^/]*|[^/]*)$", "") AS ?base)
  BIND(IRI(CONCAT(?base, "periodical/", ENCODE_FOR_URI(REPLACE(LCASE(?venue), "[^\\p{L}\\p{N}]+", "-")))) AS ?periodical)
}
