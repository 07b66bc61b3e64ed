"""The validate stage: SHACL Core over the graph in a pyoxigraph store, each result traced back to its YAML record.

The engine compiles a shapes graph once (:class:`Shapes`) and validates a store with it, in a fraction of pySHACL's
time; the W3C SHACL Core test suite (``tests/shacl/test_w3c.py``) and comparisons with pySHACL are what its tests
hold it to. Its modules, one concern each:

- :mod:`~kgraph.shacl.compile` reads a shapes graph into compiled shapes, refusing what is not SHACL Core;
- :mod:`~kgraph.shacl.parameters` reads each constraint parameter, :mod:`~kgraph.shacl.components` is the table of
  constraint components (one row each, linking its section of the specification), :mod:`~kgraph.shacl.paths` the
  property paths, and :mod:`~kgraph.shacl.compiled` what compiling makes and validating reports;
- :mod:`~kgraph.shacl.evaluate` evaluates compiled shapes over a store;
- :mod:`~kgraph.shacl.literals` says which literals are well formed (XSD lexical spaces) and how literals compare;
- :mod:`~kgraph.shacl.report` runs the engine on a built corpus and maps each result to its file, line and record,
  beside the check of quotes against their documents.

What it may import: the engine (every module but ``report``) imports only the RDF plumbing (rdflib, pyoxigraph and
kgraph's term helpers), so it validates any store; ``report`` may also import the corpus stage that built the graph,
and nothing later in the pipeline (inference, queries, drawings, the CLI).
"""

from kgraph.shacl.compile import Shapes
from kgraph.shacl.compiled import Violation
from kgraph.shacl.literals import compare, well_formed
from kgraph.shacl.report import Report, compiled_shapes, quote_problems, shacl_problems, validate

__all__ = ["Report", "Shapes", "Violation", "compare", "compiled_shapes", "quote_problems", "shacl_problems", "validate", "well_formed"]
