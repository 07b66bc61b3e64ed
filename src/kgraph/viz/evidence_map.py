"""The evidence map: a still picture of claims against time points (or outcomes), for readers who would rather look than click.

One row per claim with findings, one column per time point or outcome, one
dot per finding coloured by its stance and sized by the claim's certainty;
a hollow dot is indirect evidence. Drawn with matplotlib's Agg canvas (no
display needed) and written without a timestamp, so the same network gives
the same bytes.
"""

from __future__ import annotations

import io
from collections import defaultdict

import networkx as nx

from kgraph.viz.html import style, time_key
from kgraph.viz.network import EVIDENCE, certainty_levels, months_label

MAX_CLAIMS = 60
LABEL_LENGTH = 60
UNRATED_SIZE = 50


def _size(rank: int | None) -> float:
    return UNRATED_SIZE if rank is None else 30.0 + 45.0 * rank


def _columns(findings: list[dict], by: str) -> list[tuple[str, str]]:
    """(key, heading) of each column, in reading order."""
    if by == "outcome":
        return [(name, name) for name in sorted({f["outcome"] for f in findings})]
    months = sorted({f["months"] for f in findings}, key=lambda m: (m is None, m or 0.0))
    return [(time_key(m), months_label(m) or "not reported") for m in months]


def _outcome(network: nx.MultiDiGraph, finding: dict, claim: str | None = None) -> str:
    return finding.get("outcome") or (network.nodes[claim].get("outcome_label") if claim else None) or "outcome not given"


def render_png(network: nx.MultiDiGraph, *, title: str, by: str = "time") -> tuple[bytes, str | None]:
    """The map as PNG bytes, and a note when claims had to be left out to keep it legible."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    look = style()
    by_claim: dict[str, list[dict]] = defaultdict(list)
    for _, claim, data in network.edges(data=True):
        if data["kind"] in EVIDENCE:
            by_claim[claim].append({**data, "outcome": _outcome(network, data, claim)})
    claims = sorted(by_claim, key=lambda c: (-len(by_claim[c]), network.nodes[c]["label"], c))
    note = None
    if len(claims) > MAX_CLAIMS:
        note = f"the evidence map shows the {MAX_CLAIMS} claims with most findings; {len(claims) - MAX_CLAIMS:,} more are left out"
        claims = claims[:MAX_CLAIMS]
    columns = _columns([f for c in claims for f in by_claim[c]], by)
    column_of = {key: i for i, (key, _) in enumerate(columns)}

    figure = Figure(figsize=(4.5 + 1.0 * max(len(columns), 3), 1.8 + 0.32 * max(len(claims), 3)), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    for row, claim in enumerate(claims):
        cells: dict[int, list[dict]] = defaultdict(list)
        for finding in sorted(by_claim[claim], key=lambda f: (f["stance"], f["facts"])):
            cells[column_of[time_key(finding["months"]) if by == "time" else finding["outcome"]]].append(finding)
        rank = network.nodes[claim].get("rank")
        for column, findings in cells.items():
            for i, finding in enumerate(findings):
                x = column + (i - (len(findings) - 1) / 2) * min(0.18, 0.8 / len(findings))
                colour = look["stances"][finding["stance"]]["color"]
                axes.scatter(
                    [x],
                    [row],
                    s=_size(rank),
                    color="white" if finding["indirect"] else colour,
                    edgecolors=colour,
                    linewidths=2,
                    zorder=3,
                )
    labels = [network.nodes[c]["label"] for c in claims]
    axes.set_yticks(range(len(claims)), [t if len(t) <= LABEL_LENGTH else t[: LABEL_LENGTH - 1] + "…" for t in labels], fontsize=8)
    axes.set_xticks(range(len(columns)), [heading for _, heading in columns], rotation=30, ha="right", fontsize=8)
    axes.set_xlim(-0.6, len(columns) - 0.4)
    axes.set_ylim(len(claims) - 0.5, -0.5)
    axes.grid(True, color="#e5e5e5", zorder=0)
    axes.set_xlabel("time point of the finding" if by == "time" else "outcome measured")
    axes.set_title(title, fontsize=10, loc="left")

    handles = [Line2D([], [], marker="o", linestyle="", color=s["color"], label=s["label"]) for s in look["stances"].values()]
    handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor="#555555", label="indirect evidence"))
    ranks = sorted({network.nodes[c].get("rank") for c in claims}, key=lambda r: (r is None, r or 0))
    names = {level.rank: level.label for level in certainty_levels().values()}
    for rank in ranks:
        label = f"certainty: {names[rank]}" if rank is not None else "certainty not rated"
        handles.append(Line2D([], [], marker="o", linestyle="", color="#999999", markersize=_size(rank) ** 0.5, label=label))
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue(), note
