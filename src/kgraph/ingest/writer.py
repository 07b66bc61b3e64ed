"""Writing drafts into a corpus: YAML as a curator writes it, atomically, never over a file without ``--force``.

Every file is first written beside its target under a temporary name; only
when all are written are they renamed into place, so an error leaves nothing
half-written. The YAML is block style with 2-space indents, keys in the
order drafted, so the same drafts give the same bytes.

>>> print(dump_yaml({"statements": [{"id": "s1", "quote": "It works: 90%", "review": ["mode: cue report 'had'"]}]}), end="")
statements:
  - id: s1
    quote: 'It works: 90%'
    review:
      - 'mode: cue report ''had'''
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from kgraph.ingest.sniff import IngestError


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as the corpus's files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: ARG002 - PyYAML's signature
        super().increase_indent(flow, False)


def dump_yaml(doc: dict[str, Any], header: str = "") -> str:
    """``doc`` as block YAML, keys in insertion order, Unicode kept, long lines unbroken."""
    body = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100000, default_flow_style=False, indent=2)
    return header + body


def write_files(files: dict[Path, str], force: bool) -> list[Path]:
    """Write every file or none: refuse an existing one unless ``force``, then write all to temporaries and rename them in."""
    if not force:
        existing = [path for path in files if path.exists()]
        if existing:
            raise IngestError(f"{existing[0]} exists already (an earlier ingest of this document?); pass --force to replace it, or --id to ingest under another id")
    staged: list[tuple[Path, str]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(content)
            staged.append((path, temporary))
    except OSError as exc:
        for _, temporary in staged:
            os.unlink(temporary)
        raise IngestError(f"{exc.filename}: cannot write ({exc.strerror}); nothing written") from None
    for path, temporary in staged:
        os.replace(temporary, path)
    return list(files)
