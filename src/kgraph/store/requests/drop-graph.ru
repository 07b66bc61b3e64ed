# A graph of the corpus that the new load no longer has, or a staged copy left by an interrupted load.
DROP SILENT GRAPH $graph
