-- Run by scripts/virtuoso-server.sh as dba: let the anonymous SPARQL user update
-- graphs over /sparql and /sparql-graph-crud, as a test server should.
GRANT SPARQL_UPDATE TO "SPARQL";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);
