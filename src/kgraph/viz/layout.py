"""Node positions by role, computed here so that the page draws at once and the same data draws the same way.

Each part of the network (:func:`kgraph.viz.select.parts`) is three bands
side by side: sources on the left, claims in the middle, studies on the
right, so that a statement runs from the left to the middle and a finding
from the right to the middle. Claims are grouped by outcome under a caption
(outcomes with one claim share "other outcomes"), and within a group the
contested claims come first, then the most certain. A source or study sits
at the height of the claims it speaks of (the mean of their heights, slots
taken in that order), so that most lines run across rather than up and down.
Every node of a part owns a cell as wide as the part's widest label and as
tall as its largest shape and most lines (captions are cut to fit theirs),
so no label can overlap another at any zoom. A part's
band height is chosen so that the part has the shape of the page's drawing
area; parts are tiled left to right, then top to bottom, the first at the top left.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import networkx as nx

from kgraph.viz.labels import wrap

Position = tuple[float, float]

ASPECT = 1.05  # width / height of the drawing area of a 1600 x 1000 window, between the page's two panels
OTHER_OUTCOMES = "other outcomes"
NO_OUTCOME = "outcome not given"
BAND_TITLES = {"source": "Sources", "claim": "Claims, by outcome", "study": "Studies"}


@dataclass(frozen=True)
class Room:
    """How the page draws text, in canvas pixels.

    A label line's height, the space kept between two cells, the narrowest
    cell, and the size of the captions' (bold) letters.
    """

    line: float
    gap: float
    narrowest: float
    caption_size: float


@dataclass(frozen=True)
class Footprint:
    """What one node needs: its label's width and number of lines, and its shape's radius."""

    width: float
    lines: int
    radius: float


@dataclass(frozen=True)
class Cell:
    """The room each node of a part takes.

    Nodes are ``width`` apart in a row and ``height`` apart in a column, their
    shapes at most ``radius``; ``caption`` is the height of a caption's line.
    """

    width: float
    height: float
    radius: float
    caption: float


@dataclass(frozen=True)
class Caption:
    """A line of text drawn on the canvas: a band's title or an outcome's name over its claims, centred on (x, y)."""

    text: str
    x: float
    y: float
    part: int
    band: bool


@dataclass(frozen=True)
class Layout:
    """Where each node goes, which part it belongs to (0 is drawn first), and the captions of every part."""

    positions: dict[Hashable, Position]
    part: dict[Hashable, int]
    captions: list[Caption]


def layout(network: nx.MultiDiGraph, parts: list[list[str]], footprints: dict[str, Footprint], room: Room) -> Layout:
    """Positions in canvas pixels (rounded to 0.1) of every node of ``parts``, which part each is in, and the captions."""
    undirected = network.to_undirected(as_view=True)
    placed = [_part(network, undirected, nodes, number, _cell([footprints[n] for n in nodes], room), room) for number, nodes in enumerate(parts)]
    offsets = _tile([size for *_, size in placed], gap=4 * room.narrowest)
    positions: dict[Hashable, Position] = {}
    part: dict[Hashable, int] = {}
    captions: list[Caption] = []
    for number, ((where, texts, _), (dx, dy)) in enumerate(zip(placed, offsets, strict=True)):
        for node, (x, y) in where.items():
            positions[node] = (round(x + dx, 1), round(y + dy, 1))
            part[node] = number
        captions += [Caption(c.text, round(c.x + dx, 1), round(c.y + dy, 1), c.part, c.band) for c in texts]
    return Layout(positions, part, captions)


def _cell(footprints: list[Footprint], room: Room) -> Cell:
    """A cell for the widest label, the most lines and the largest shape of a part, with room between cells."""
    radius = max((f.radius for f in footprints), default=0.0)
    lines = max((f.lines for f in footprints), default=1)
    width = max([room.narrowest, *(f.width for f in footprints)]) + 2 * room.gap
    return Cell(width=width, height=2 * radius + lines * room.line + room.gap, radius=radius, caption=room.line + room.gap)


def outcome_groups(network: nx.MultiDiGraph, claims: Iterable[str]) -> list[tuple[str, list[str]]]:
    """Claims by outcome, largest group first; outcomes of one claim gathered (if more than one), claims with none last.

    Within a group: contested claims first, then by certainty, then by how much evidence they have.
    """
    data = network.nodes
    by: dict[str, list[str]] = {}
    for claim in claims:
        by.setdefault(data[claim].get("outcome_label") or NO_OUTCOME, []).append(claim)
    singles = [name for name, members in by.items() if name != NO_OUTCOME and len(members) == 1]
    gathered = set(singles) if len(singles) > 1 else set()
    named = {name: members for name, members in by.items() if name != NO_OUTCOME and name not in gathered}
    others = sorted(by[name][0] for name in gathered)
    groups = sorted(named.items(), key=lambda item: (-len(item[1]), item[0]))
    groups += [(name, by[name]) for name in (NO_OUTCOME,) if name in by]
    if others:
        groups.insert(len(named), (OTHER_OUTCOMES, others))

    def order(claim: str) -> tuple:
        node = data[claim]
        return (not node.get("contested"), -(node.get("rank") or 0), -node.get("findings", 0), node["label"], claim)

    return [(name, sorted(members, key=order)) for name, members in groups]


def _part(
    network: nx.MultiDiGraph, undirected: nx.MultiGraph, nodes: list[str], number: int, cell: Cell, room: Room
) -> tuple[dict[Hashable, Position], list[Caption], Position]:
    """One part's positions and captions, its first cell centred on (0, 0), and its width and height."""
    kinds = {kind: [n for n in nodes if network.nodes[n]["kind"] == kind] for kind in BAND_TITLES}
    groups = outcome_groups(network, kinds["claim"])
    rows = _rows(len(kinds["source"]), groups, len(kinds["study"]), cell)
    claim_columns = _claim_columns(groups, rows, cell)
    columns = {"source": math.ceil(len(kinds["source"]) / rows), "claim": len(claim_columns), "study": math.ceil(len(kinds["study"]) / rows)}
    left, x = {}, 0.0
    for kind in BAND_TITLES:
        left[kind] = x
        if columns[kind]:
            x += (columns[kind] + 0.5) * cell.width
    top = cell.caption  # below the band titles
    captions = [
        Caption(_fit(title, columns[kind] * cell.width, room), left[kind] + (columns[kind] - 1) * cell.width / 2, top / 2, number, True)
        for kind, title in BAND_TITLES.items()
        if columns[kind]
    ]
    positions: dict[Hashable, Position] = {}
    for i, column in enumerate(claim_columns):
        cx = left["claim"] + i * cell.width
        for is_caption, item, y in column:
            if is_caption:
                captions.append(Caption(_fit(item, cell.width, room), cx, top + y, number, False))
            else:
                positions[item] = (cx, top + y)
    wanted = _heights(undirected, kinds["source"] + kinds["study"], {n: positions[n][1] for n in kinds["claim"]})
    for kind in ("source", "study"):
        slots = _slots(kinds[kind], wanted, rows, columns[kind], cell, top)
        for node, (row, col) in slots.items():
            positions[node] = (left[kind] + col * cell.width, top + cell.radius + row * cell.height)
    return positions, captions, (max(x - cell.width / 2, cell.width), top + cell.caption + rows * cell.height)


def _fit(text: str, width: float, room: Room) -> str:
    """A caption cut to one line of a cell ``width`` wide."""
    return wrap(text, width=width - room.gap, lines=1, size=room.caption_size, bold=True)[0]


def _claim_columns(groups: list[tuple[str, list[str]]], rows: int, cell: Cell) -> list[list[tuple[bool, str, float]]]:
    """Claims and outcome captions in columns of at most ``rows`` claims and one caption's height more.

    Each entry is (is a caption, the claim or the caption's text, y of its
    centre). A group that fits in a column is not split between two; a
    longer one goes on in the next column under its caption again. A single
    column stands in the middle of the band, level with the sources and studies.
    """
    band = rows * cell.height + cell.caption
    columns: list[list[tuple[bool, str, float]]] = [[]]
    used = 0.0
    for name, claims in groups:
        whole = cell.caption + len(claims) * cell.height
        if columns[-1] and used + whole > band and whole <= band:
            columns.append([])
            used = 0.0
        for i, claim in enumerate(claims):
            need = cell.height + (cell.caption if i == 0 else 0.0)
            if columns[-1] and used + need > band:
                columns.append([])
                used = 0.0
            if i == 0 or not columns[-1]:
                columns[-1].append((True, name, used + cell.caption / 2))
                used += cell.caption
            columns[-1].append((False, claim, used + cell.radius))
            used += cell.height
    if len(columns) == 1:
        down = (band - used) / 2
        columns[0] = [(is_caption, item, y + down) for is_caption, item, y in columns[0]]
    return [c for c in columns if c]


def _rows(sources: int, groups: list[tuple[str, list[str]]], studies: int, cell: Cell) -> int:
    """The band height in rows that makes the part's shape closest to :data:`ASPECT`."""
    most = max(sources, studies, sum(len(c) for _, c in groups), 1)

    def shape(rows: int) -> float:
        columns = math.ceil(sources / rows) + len(_claim_columns(groups, rows, cell)) + math.ceil(studies / rows)
        return columns * cell.width / (rows * cell.height + 2 * cell.caption)

    low, high = 1, most
    while low < high:
        middle = (low + high) // 2
        if shape(middle) > ASPECT:
            low = middle + 1
        else:
            high = middle
    candidates = [r for r in (low - 1, low) if r >= 1]
    return min(candidates, key=lambda r: (abs(math.log(shape(r) / ASPECT)), r))


def _heights(graph: nx.MultiGraph, nodes: list[str], claims: dict[str, float]) -> dict[str, float]:
    """The height each source and study would like, found outwards from the claims.

    It is the mean of its claims' heights, or else of its neighbours' (a work
    only cited goes beside the sources that cite it).
    """
    known = dict(claims)
    wanted: dict[str, float] = {}
    pending = sorted(nodes)
    while pending:
        found = {}
        for node in pending:
            near = [known[m] for m in graph[node] if m in known]
            if near:
                found[node] = sum(near) / len(near)
        if not found:
            break
        wanted.update(found)
        known.update(found)
        pending = [n for n in pending if n not in found]
    return wanted


def _slots(nodes: list[str], wanted: dict[str, float], rows: int, columns: int, cell: Cell, top: float) -> dict[str, tuple[int, int]]:
    """(row, column) of each node of a band, filled row by row in the order of the heights they want.

    Each takes the free slot nearest its height that leaves room for the
    rest; nodes with nothing to go by come last.
    """
    order = sorted(nodes, key=lambda n: (n not in wanted, wanted.get(n, 0.0), n))
    total = rows * columns
    slots = {}
    previous = -1
    for i, node in enumerate(order):
        row = (wanted[node] - top - cell.radius) / cell.height if node in wanted else float(rows)
        slot = min(max(round(row * columns + (columns - 1) / 2), previous + 1), total - (len(order) - i))
        slots[node] = divmod(slot, columns)
        previous = slot
    return slots


def _tile(sizes: list[Position], gap: float) -> list[Position]:
    """Top-left corners for boxes of ``sizes``, in rows of about the square root of their number."""
    per_row = max(1, math.ceil(math.sqrt(len(sizes))))
    corners = []
    y = 0.0
    for start in range(0, len(sizes), per_row):
        row = sizes[start : start + per_row]
        x = 0.0
        for width, _ in row:
            corners.append((x, y))
            x += width + gap
        y += max(h for _, h in row) + gap
    return corners
