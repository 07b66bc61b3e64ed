# One graph of a load: the staged copy takes the place of the live one.
DROP SILENT GRAPH $target ;
MOVE SILENT $staging TO $target
