"""Staging what a bibliographic ingest writes: files appended to as records are drafted, moved into place together.

Each drafted record's YAML, and its abstract's text and source, are appended to
files in a staging folder as soon as the record is drafted, so that a file of
10^5 records needs no more memory than one of ten. The bibliography file is
staged as its record lists (the studies, then the works) and joined when the
last record is in: the same bytes ``dump_yaml`` gives for the whole document,
since each list item is written as the dumper writes it inside the list.
The files of matched corpus records, with the fields they lacked added at the
end of each record, are staged last. Only :meth:`Staged.commit` writes into
the corpus (:func:`kgraph.rdf.serialize.move_into_place`: renames under a lock
on each folder); leaving the :class:`Staged` removes the staging folder.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from kgraph.errors import Origin
from kgraph.ingest.bib.drafts import Draft, summary
from kgraph.ingest.drafts import Drafts
from kgraph.ingest.run import HEADER
from kgraph.ingest.sniff import IngestError
from kgraph.ingest.writer import dump_yaml
from kgraph.rdf.serialize import move_into_place

STAGED = ".staged"
"""The ending of every staged file (not ``.yaml``: a corpus reader never takes one for records)."""
LISTS = ("studies", "sources")
"""The record lists of the bibliography file, in the order it has them."""
_CHUNK = 1 << 16


@dataclass
class Staged:
    """What the bibliographic file ``path`` gives a corpus, staged in ``folder`` until :meth:`commit` moves it into place.

    ``target`` is the bibliography file its new studies and works go into;
    ``conflicts`` the lines for the curator; ``changed`` the corpus files whose
    matched records get fields added. Use it as a context manager: leaving it
    removes the staging folder, whatever was or was not moved.
    """

    path: Path
    target: Path
    corpus_dir: Path
    texts_dir: Path
    folder: Path
    conflicts: list[str] = field(default_factory=list)
    changed: set[Path] = field(default_factory=set)
    new_records: bool = False

    def __enter__(self) -> Staged:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Remove the staging folder."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def files(self) -> Iterator[tuple[Path, Path]]:
        """Every file the ingest writes or changes, with its staged content: the bibliography file, each abstract's text and source, the filled records."""
        if self.new_records:
            yield self.target, self.folder / f"new-records{STAGED}"
        manifest = self.folder / "manifest"
        if manifest.exists():
            with manifest.open(encoding="utf-8") as lines:
                for index, line in enumerate(lines, 1):
                    yield Path(line.rstrip("\n")), self.folder / f"{index}{STAGED}"

    def destinations(self) -> Iterator[Path]:
        """The path of every file written or changed, in the order of :meth:`files`."""
        return (path for path, _ in self.files())

    def commit(self, force: bool = False) -> None:
        """Move every staged file into place, all or none; a new file that exists already needs ``force``.

        The bibliography file of an earlier ingest of the same file counts as new when this one has new records
        for it, even if records in it are also filled: both would be moved to the one path, and the last would win.
        """
        existing = min((path for path in self.destinations() if path.exists() and (path not in self.changed or self._new_target(path))),
                       default=None)  # fmt: skip
        if existing is not None and not force:
            raise IngestError(f"{existing} exists already (an earlier ingest of {self.path.name}?); pass --force to draft the file "
                              "again and replace what that ingest wrote")
        seen: set[Path] = set()
        for path in self.destinations():
            if path in seen:
                raise IngestError(f"{path}: the ingest of {self.path.name} would write it twice (new records, and fields added to "
                                  "records in it); nothing written")
            seen.add(path)
        try:
            folders = {path.parent for path in self.destinations()}
            for folder in folders:
                folder.mkdir(parents=True, exist_ok=True)
            move_into_place(folders, ((staged, path) for path, staged in self.files()))
        except OSError as exc:
            raise IngestError(f"{exc.filename}: cannot write ({exc.strerror})") from None

    def _new_target(self, path: Path) -> bool:
        return self.new_records and path == self.target

    def yaml_chunks(self) -> Iterator[str]:
        """What ``--dry-run`` prints: each file under its path, the bibliography file first."""
        for path, staged in self.files():
            yield dump_yaml({"file": str(path)})
            yield from _chunks(staged)
            yield "\n"

    def json_chunks(self) -> Iterator[str]:
        """What ``--dry-run --format json`` prints: the studies and works, and each abstract as a document ingest prints it."""
        for index, key in enumerate(("studies", "sources")):
            yield ('{\n  "' if index == 0 else ',\n  "') + key + '": '
            part = self.folder / f"{key}.json{STAGED}"
            if not part.exists():
                yield "[]"
                continue
            yield "[\n"
            yield from _chunks(part)
            yield "\n  ]"
        yield "\n}\n"


class Stager:
    """Appends each drafted record to the staged files, and on leaving stages the matched records' files with their fills."""

    def __init__(self, staged: Staged, as_json: bool) -> None:
        self.staged = staged
        self.as_json = as_json
        self.parts: dict[str, IO[str]] = {}
        self.files = 0
        self.fills: dict[str, tuple[Origin, dict[str, Any]]] = {}

    def __enter__(self) -> Stager:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        try:
            if kind is None:
                self._finish()
        finally:
            for handle in self.parts.values():
                handle.close()

    def _part(self, name: str) -> tuple[IO[str], bool]:
        """The staged file ``name``, opened at its first use; and whether this is that first use."""
        handle = self.parts.get(name)
        if handle is not None:
            return handle, False
        handle = self.parts[name] = (self.staged.folder / name).open("w", encoding="utf-8", newline="\n")
        return handle, True

    def _file(self, path: Path, content: str) -> None:
        """Stage one whole file, listed in the manifest under the path it goes to."""
        self.files += 1
        (self.staged.folder / f"{self.files}{STAGED}").write_text(content, encoding="utf-8", newline="\n")
        self._part("manifest")[0].write(f"{path}\n")

    def add(self, draft: Draft, abstract: Drafts | None) -> None:
        """Stage one drafted record and its abstract's source: its conflict lines and fills kept, its files appended to."""
        staged = self.staged
        if draft.match is not None:
            for line in draft.match.conflicts:
                staged.conflicts.append(
                    f"{staged.path}:{draft.item.line}: {draft.item.key or draft.id}: matches {draft.kind} {draft.id} by {draft.match.evidence}, but {line}"
                )  # fmt: skip
            if draft.fills and draft.origin is not None:
                self.fills.setdefault(draft.id, (draft.origin, draft.fills))
                staged.changed.add(Path(draft.origin.file))
        if self.as_json:
            self._entry("studies", summary(draft))
            if abstract is not None:
                self._entry("sources", abstract.as_json(str(staged.texts_dir / abstract.text_file)))
            return
        if draft.record is not None:
            key = "studies" if draft.kind == "study" else "sources"
            self._part(f"{key}.yaml{STAGED}")[0].write(dump_yaml({key: [draft.record]})[len(key) + 2 :])
        if abstract is not None:
            self._file(staged.texts_dir / abstract.text_file, abstract.document.text + "\n")
            self._file(staged.corpus_dir / "sources" / f"{abstract.source_id}.yaml", dump_yaml(abstract.records(), HEADER))

    def _entry(self, key: str, entry: dict[str, Any]) -> None:
        """One item of the JSON list ``key``, indented as ``json.dumps(..., indent=2)`` indents it in the whole object."""
        handle, first = self._part(f"{key}.json{STAGED}")
        text = json.dumps(entry, ensure_ascii=False, indent=2, default=str)
        handle.write(("    " if first else ",\n    ") + text.replace("\n", "\n    "))

    def _finish(self) -> None:
        """The bibliography file from its staged lists (the one document ``dump_yaml`` would give), then the filled files."""
        lists = [key for key in LISTS if f"{key}.yaml{STAGED}" in self.parts]
        if lists:
            self.staged.new_records = True
            with (self.staged.folder / f"new-records{STAGED}").open("w", encoding="utf-8", newline="\n") as out:
                out.write(HEADER)
                for key in lists:
                    self.parts.pop(f"{key}.yaml{STAGED}").close()
                    out.write(f"{key}:\n")
                    for chunk in _chunks(self.staged.folder / f"{key}.yaml{STAGED}"):
                        out.write(chunk)
        for path, content in _filled(self.fills.values()).items():
            self._file(path, content)


def _chunks(path: Path) -> Iterator[str]:
    """A staged file's text, a block at a time."""
    with path.open(encoding="utf-8", newline="") as handle:
        while chunk := handle.read(_CHUNK):
            yield chunk


def _filled(fills: Iterable[tuple[Origin, dict[str, Any]]]) -> dict[Path, str]:
    """The files of matched records with the fields they lacked added at the end of each record."""
    edits: dict[Path, list[tuple[int, dict[str, Any]]]] = {}
    for origin, fill in fills:
        edits.setdefault(Path(origin.file), []).append((origin.line, fill))
    out = {}
    for path, changes in edits.items():
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for start, fill in sorted(changes, reverse=True):
            indent = " " * (len(lines[start - 1]) - len(lines[start - 1].lstrip(" -")))
            text = "".join(indent + line for line in dump_yaml(fill).splitlines(keepends=True))
            end = _record_end(lines, start)
            lines[end:end] = [text]
        out[path] = "".join(lines)
    return out


def _record_end(lines: list[str], start: int) -> int:
    """The index after the last line of the list item that starts on line ``start`` (1-based), trailing comments excluded."""
    dash = len(lines[start - 1]) - len(lines[start - 1].lstrip(" "))
    last = start
    for index in range(start, len(lines)):
        text = lines[index]
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(text) - len(text.lstrip(" ")) <= dash:
            break
        last = index + 1
    return last
