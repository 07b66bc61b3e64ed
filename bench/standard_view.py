"""What the standard view costs a build: the whole-store updates and the per-file alignment, as shares of the build.

The baseline is the build itself, measured in the same run: the standard-vocabulary updates that need the whole
store (``ontology/mappings/derived/``, graph provenance) and the per-file alignment (every mapping of
``ontology/mappings/`` and the RDFS rules) are timed inside it, build after build.

    .venv/bin/python bench/generate.py --triples 100000 -o /tmp/kg-1e5
    .venv/bin/python bench/standard_view.py /tmp/kg-1e5 --builds 4
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import kgraph.corpus.align as align
import kgraph.standard as standard
from kgraph import pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a corpus folder (bench/generate.py makes one)")
    parser.add_argument("--builds", type=int, default=4)
    args = parser.parse_args()
    spent: dict[str, float] = {}
    view, call = standard.write_standard_view, align.Aligner.__call__

    def timed_view(built: Any, rules: Path) -> None:
        started = time.perf_counter()
        view(built, rules)
        spent["view"] += time.perf_counter() - started

    def timed_call(self: Any, quads: bytes) -> bytes:
        started = time.perf_counter()
        out = call(self, quads)
        spent["alignment"] += time.perf_counter() - started
        return out

    standard.write_standard_view = timed_view  # type: ignore[assignment]
    align.Aligner.__call__ = timed_call  # type: ignore[method-assign]
    for _ in range(args.builds):
        spent.update(view=0.0, alignment=0.0)
        started = time.perf_counter()
        built, _ = pipeline.build(args.data)
        total = time.perf_counter() - started
        print(
            f"build {total:.2f} s, {len(built.store):,} quads; whole-store standard view {spent['view']:.2f} s "
            f"({spent['view'] / total:.0%}); per-file alignment {spent['alignment']:.2f} s ({spent['alignment'] / total:.0%})"
        )


if __name__ == "__main__":
    main()
