"""Fetch the W3C SHACL Core test suite into a cache folder, once, and print the folder that holds its manifest.

The suite ships in pySHACL's source distribution on PyPI (test/resources/sht_tests/core); it is not copied into
this repository. pip downloads the pinned source distribution, and only that subtree is unpacked, into a temporary
folder first that is then renamed, so an interrupted fetch leaves nothing half-written.

    .venv/bin/python scripts/fetch-shacl-tests.py            # into .cache/shacl-tests/ of the checkout
    .venv/bin/python scripts/fetch-shacl-tests.py CACHE_DIR

.ci/run calls it before the tests; tests/shacl/test_w3c.py calls it too, and skips (fails under CI=true) when it fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PYSHACL = "0.40.1"
"""The pySHACL release whose source distribution the suite is read from."""
SUBTREE = f"pyshacl-{PYSHACL}/test/resources/sht_tests/core/"
DEFAULT_CACHE = Path(__file__).resolve().parents[1] / ".cache" / "shacl-tests"


def fetch(cache: Path) -> Path:
    """The suite's folder (``core/``, its manifest.ttl at the top) under ``cache``, downloaded if it is not there yet."""
    target = cache / f"pyshacl-{PYSHACL}" / "core"
    if (target / "manifest.ttl").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        download = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:"]
        done = subprocess.run([*download, f"pyshacl=={PYSHACL}", "--dest", scratch], check=False, stdout=subprocess.DEVNULL)
        if done.returncode != 0:
            raise SystemExit(f"fetch-shacl-tests: pip could not download pyshacl=={PYSHACL}'s source distribution (exit {done.returncode})")
        (sdist,) = Path(scratch).glob("pyshacl-*.tar.gz")
        unpacked = Path(scratch) / "core"
        with tarfile.open(sdist) as archive:
            members = [m for m in archive.getmembers() if m.name.startswith(SUBTREE) and (m.isfile() or m.isdir())]
            for member in members:
                member.name = member.name.removeprefix(SUBTREE)
            archive.extractall(unpacked, members=members, filter="data")
        if not (unpacked / "manifest.ttl").is_file():
            raise SystemExit(f"fetch-shacl-tests: {sdist.name} has no {SUBTREE}manifest.ttl")
        os.replace(unpacked, target)
    return target


if __name__ == "__main__":
    print(fetch(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CACHE))
