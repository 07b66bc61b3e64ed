"""``kgraph evidence CLAIM``: one claim, where it appears, its evidence, its certainty and why."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import click

from kgraph.cli.common import corpus_dir, progress, reports_errors
from kgraph.cli.options import output_file_option, rules_option

EVIDENCE_COLUMNS = (
    ("study", "study_label"),
    ("design", "design"),
    ("participants", "participants"),
    ("randomised", "randomised"),
    ("blinded", "blinded"),
    ("sham", "sham_controlled"),
    ("funder", "funder"),
    ("time point", "time_point"),
    ("stance", "stance"),
    ("effect", "effect"),
    ("p", "p"),
    ("evidence", "evidence"),
    ("counts as", "counts"),
)
# The terminal table is narrower: short headers and values, the study id for its label.
TERMINAL_COLUMNS = (
    ("study", "study", False),
    ("design", "design", False),
    ("n", "participants", True),
    ("rand.", "randomised", True),
    ("blind", "blinded", True),
    ("sham", "sham_controlled", True),
    ("funder", "funder", False),
    ("time", "months", True),
    ("stance", "stance", True),
    ("effect", "effect", False),
    ("p", "p", True),
    ("evidence", "evidence", True),
    ("counts", "counts", True),
)
SHORT = {"yes": "y", "no": "n", "not reported": "?"}
SECTIONS = (
    ("supporting", "Supporting"),
    ("contradicting", "Contradicting"),
    ("mixed", "Mixed"),
    ("inconclusive", "Inconclusive"),
    ("set_aside", "Set aside (shown, not counted)"),
)


@click.command()
@click.argument("claim", nargs=-1, required=True, metavar="CLAIM... [DATA_DIR]")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text for the terminal, json for programs, markdown for reports.",
)
@rules_option
@output_file_option
@reports_errors
def evidence(claim: tuple[str, ...], fmt: str, rules: Path | None, output: Path | None) -> None:
    """Explain one claim: where it appears, its evidence, its certainty and why.

    CLAIM is a claim's id, its label (case aside), or words from its label or
    text, quoted or not; the words must all occur. An exact id or label wins
    over words. If several claims match, they are listed and the exit status
    is 1. A last argument that is a folder is the corpus (DATA_DIR, default
    the bundled one). The evidence table shows every finding that bears on
    the claim, directly or indirectly, with its study's design and size,
    randomisation, blinding, sham control, funder, time point, stance,
    effect and p-value, and what it counts as: leading (the strongest
    evidence, which sets the starting level), base (counted in the rating),
    less direct (counted, but outweighed by more direct evidence), or why it
    is set aside (unreviewed, control-arm, not-comparative,
    other-time-point, duplicate). Then the counts, the GRADE-style
    certainty with each downgrade, and every conflict, told apart into real
    and apparent ones. A claim about the evidence itself is checked against
    the claims it summarises: borne out or not.

    \b
    Examples:
      kgraph evidence bkp-short-term-back-pain
      kgraph evidence "kyphoplasty reduces back pain at 1 month"
      kgraph evidence vertebral height
      kgraph evidence low-risk data/my-topic
      kgraph evidence bkp-low-risk --format json
      kgraph evidence bkp-relieves-back-pain -f markdown -o pain.md
      kgraph evidence bkp-restores-vertebral-height --rules my-rules.yaml
      kgraph evidence sham-studies-show-no-benefit
    """
    from kgraph import pipeline
    from kgraph.infer.report import ClaimLookupError, claim_report, find_claim
    from kgraph.rdf.serialize import write_atomically

    words, data_dir = claim_and_corpus(claim)
    with progress() as say:
        _, summary = pipeline.build(corpus_dir(data_dir), say, rules=rules)
    inference = summary.inference
    assert inference is not None, "a build infers"
    try:
        chosen = find_claim(inference, words)
    except ClaimLookupError as exc:
        click.echo(f"kgraph: {exc}", err=True)
        for cid, label in exc.candidates:
            click.echo(f"  {cid}: {label}", err=True)
        raise SystemExit(1) from None
    report = claim_report(inference, chosen)
    if fmt == "json":
        text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    elif fmt == "markdown":
        text = markdown(report)
    else:
        text = rich_text(report, width=120 if output else shutil.get_terminal_size().columns, color=output is None)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomically({output: text.encode("utf-8")})


def _field(row: dict, name: str):
    """A row's value for a column; ``counts`` is what the finding counts as, or why it is set aside."""
    return (row["set_aside"] or row["counts_as"]) if name == "counts" else row[name]


def claim_and_corpus(arguments: tuple[str, ...]) -> tuple[str, Path | None]:
    """The claim's words, and the corpus folder when the last of several arguments is one.

    >>> claim_and_corpus(("vertebral", "height"))
    ('vertebral height', None)
    >>> claim_and_corpus(("low-risk", "."))
    ('low-risk', PosixPath('.'))
    """
    if len(arguments) > 1 and Path(arguments[-1]).is_dir():
        return " ".join(arguments[:-1]), Path(arguments[-1])
    return " ".join(arguments), None


def _cell(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _short(name: str, value) -> str:
    if name == "months":
        return "?" if value is None else f"{value:g} mo"
    if name == "design":
        return value.replace("-", " ")
    return SHORT.get(value, _cell(value)) if isinstance(value, str) else _cell(value)


def _about(place: dict) -> str:
    """What kind of source speaks, and with what interest: a clinic selling the procedure is not a trial report."""
    parts = [place["source_kind"] or "source"]
    if place["author_role"]:
        parts.append(f"by a {place['author_role']}")
    if place["interests"]:
        parts.append(f"interests: {', '.join(place['interests'])}")
    return "; ".join(parts)


def _heading(report: dict) -> list[str]:
    c = report["claim"]
    parts = [f"{name}: {c[name]}" for name in ("intervention", "comparator", "outcome", "population", "direction", "time_frame") if c[name]]
    if c["summarises"]:
        parts.append(f"summarises: {', '.join(c['summarises'])}; evidence shows: {c['evidence_shows'] or 'not said'}")
    return [c["text"], "; ".join(parts)]


def _unreviewed(place: dict) -> str:
    """The mark of a statement a program drafted and no curator has reviewed: shown, never taken for a curator's reading."""
    return "[unreviewed draft] " if place.get("unreviewed") else ""


def rich_text(report: dict, width: int, color: bool) -> str:
    """The report for a terminal: panels, tables that fit its width, reasons as bullets."""
    from rich.console import Console
    from rich.measure import Measurement
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, width=max(width, 60), force_terminal=color, no_color=not color, highlight=False, emoji=False)
    c = report["claim"]
    console.print(Panel(Text("\n".join(_heading(report))), title=Text(f"{c['label']} ({c['id']})", style="bold")))
    console.print(Text("Where it appears", style="bold"))
    for place in report["appearances"]:
        cites = f" citing {', '.join(place['cites'])}" + (f" {place['marker']}" if place["marker"] else "") if place["cites"] else ""
        console.print(Text(f"- {_unreviewed(place)}{place['source_label']} ({_about(place)}) {place['mode']} it{cites}: \u201c{place['quote']}\u201d"))
        for chain in place["chains"]:
            console.print(Text(f"    chain: {chain}", style="dim"))
    if not report["appearances"]:
        console.print(Text("- no source states it"))
    for key, title in SECTIONS:
        rows = report[key]
        if not rows:
            continue
        table = Table(title=f"{title} ({len(rows)})", title_justify="left", expand=False)
        for header, _, short in TERMINAL_COLUMNS:
            table.add_column(header, overflow="fold", no_wrap=short)
        for row in rows:
            table.add_row(*(Text(_short(name, _field(row, name))) for _, name, _ in TERMINAL_COLUMNS))
        if Measurement.get(console, console.options.update_width(10_000), table).maximum <= console.width:
            console.print(table)
        else:
            _stacked(console, f"{title} ({len(rows)})", rows, Text)
        for row in rows:
            if row["evidence"] != "direct" or row["set_aside"]:
                console.print(Text(f"  {row['study']}: {row['reason']}", style="dim"))
    console.print(Text(f"Counted: {report['arithmetic']['summary']}", style="bold"))
    console.print(Text(f"Certainty: {report['certainty']}", style="bold"))
    for reason in report["reasons"]:
        console.print(Text(f"- {reason}"))
    contested = "contested" if report["contested"] else "not contested"
    console.print(Text(f"Consensus: {report['consensus']} ({contested})", style="bold"))
    console.print(Text(f"- {report['consensus_reason']}"))
    _conflicts(console, report, Text)
    for line in report["evidence_lines"]:
        console.print(Text(f"Evidence line: {len(line['sources'])} source(s) tracing to {', '.join(line['studies'])}", style="bold"))
        for path in line["paths"]:
            console.print(Text(f"- {path}"))
    for check in report["citations"]:
        console.print(Text(f"Citation {check['statement']} -> {check['work']}: {check['fidelity']}. {check['reason']}"))
    return buffer.getvalue()


def _stacked(console, title: str, rows: list[dict], Text) -> None:
    """The evidence of a table too wide for the terminal, two lines a finding, rather than columns squeezed to letters."""
    console.print(Text(title, style="bold"))
    for row in rows:
        facts = [_short("design", row["design"]), f"n={_cell(row['participants'])}"]
        facts += [f"{header} {_short(name, row[name])}" for header, name in (("randomised", "randomised"), ("blinded", "blinded"), ("sham", "sham_controlled"))]
        facts.append(f"funder {_cell(row['funder'])}")
        console.print(Text(f"- {row['study']} ({'; '.join(facts)})"))
        found = [_short("months", row["months"]), row["stance"], _cell(row["effect"]), f"p {_cell(row['p'])}", f"{row['evidence']} evidence", _field(row, "counts")]
        console.print(Text(f"    {': '.join(found[:2])}; {'; '.join(found[2:])}"))


def _conflicts(console, report: dict, Text) -> None:
    for apparent, title in ((True, "Apparent conflicts, explained"), (False, "Real conflicts")):
        chosen = [c for c in report["conflicts"] if c["apparent"] == apparent]
        if chosen:
            console.print(Text(f"{title} ({len(chosen)})", style="bold"))
            for conflict in chosen:
                console.print(Text(f"- [{conflict['kind']}] {conflict['reason']}"))


def _md(value) -> str:
    return _cell(value).replace("|", "\\|").replace("\n", " ")


def markdown(report: dict) -> str:
    """The report as Markdown: headings, pipe tables, bullet lists."""
    c = report["claim"]
    out = [f"# {c['label']} (`{c['id']}`)", "", *(f"{line}  " for line in _heading(report)), "", "## Where it appears", ""]
    for place in report["appearances"]:
        cites = f" (cites {', '.join(place['cites'])})" if place["cites"] else ""
        out.append(f"- {_unreviewed(place)}**{_md(place['source_label'])}** ({_md(_about(place))}) {place['mode']} it{cites}: \u201c{_md(place['quote'])}\u201d")
        out.extend(f"  - chain: {_md(chain)}" for chain in place["chains"])
    for key, title in SECTIONS:
        rows = report[key]
        if not rows:
            continue
        out += ["", f"## {title}", "", "| " + " | ".join(h for h, _ in EVIDENCE_COLUMNS) + " |", "|" + "---|" * len(EVIDENCE_COLUMNS)]
        out += ["| " + " | ".join(_md(_field(row, name)) for _, name in EVIDENCE_COLUMNS) + " |" for row in rows]
        out += [""] + [f"- {_md(row['study_label'])}: {_md(row['reason'])}" for row in rows if row["evidence"] != "direct" or row["set_aside"]]
    out += ["", "## Counted", "", _md(report["arithmetic"]["summary"])]
    out += ["", f"## Certainty: {report['certainty']}", ""] + [f"- {_md(r)}" for r in report["reasons"]]
    contested = "contested" if report["contested"] else "not contested"
    out += ["", f"## Consensus: {report['consensus']} ({contested})", "", f"- {_md(report['consensus_reason'])}"]
    for apparent, title in ((True, "Apparent conflicts, explained"), (False, "Real conflicts")):
        chosen = [x for x in report["conflicts"] if x["apparent"] == apparent]
        if chosen:
            out += ["", f"## {title}", ""] + [f"- **{x['kind']}**: {_md(x['reason'])}" for x in chosen]
    if report["evidence_lines"]:
        out += ["", "## Independence", ""]
        for line in report["evidence_lines"]:
            out.append(f"- {len(line['sources'])} source(s) tracing to {', '.join(line['studies'])}: " + "; ".join(_md(p) for p in line["paths"]))
    if report["citations"]:
        out += ["", "## Citations", ""] + [f"- `{x['statement']}` cites `{x['work']}`: **{x['fidelity']}**. {_md(x['reason'])}" for x in report["citations"]]
    return "\n".join(out) + "\n"
