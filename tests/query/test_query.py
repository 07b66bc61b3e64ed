"""Query files and parameters, the store seam, result formats, the build cache, and ``kgraph query(ies)``."""

from __future__ import annotations

import io
import json
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import FIXTURES, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import XSD, Literal, Variable
from rdflib.query import Result

from kgraph import pipeline
from kgraph.query import cache
from kgraph.query.named import (
    Parameter,
    QueryError,
    QueryFile,
    bind,
    check_names,
    named_queries,
    parse_assignments,
    parse_header,
    resolve,
    term,
)
from kgraph.query.results import FormatError, render, shorten, table
from kgraph.store import QuerySyntaxError, StoreError, open_store

FIXTURE = FIXTURES / "queries"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
BASE = "https://example.org/q/"
HOSTILE = 'x" } ; DROP ALL ; SELECT * { "'
ECHO = "# Question: What was I given?\n# Parameters:\n#   - value (string; example: hello)\n# Returns: the value\nSELECT ?value WHERE {}\n"


def echo_query(tmp_path: Path, text: str = ECHO) -> Path:
    path = tmp_path / "echo.rq"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cached(tmp_path_factory):
    """A cache folder shared by the CLI tests of this module, so the fixture corpus is built once."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KGRAPH_CACHE", str(folder))
        patch.setenv("COLUMNS", "100")
        yield folder


# ---------------------------------------------------------------- headers


def test_header_fields_continue_on_indented_lines() -> None:
    header = parse_header(
        "# Question: Which claims\n#   are contested?\n# Parameters:\n#   - claim (claim id; example: a-b) the claim,\n"
        "#     any claim\n#   - n (integer; example: 3)\n# Returns: rows\n#   of claims\nSELECT * {}\n"
    )
    assert header.question == "Which claims are contested?"
    assert header.returns == "rows of claims"
    assert [(p.name, p.type, p.example, p.description) for p in header.parameters] == [
        ("claim", "claim id", "a-b", "the claim, any claim"),
        ("n", "integer", "3", ""),
    ]
    assert header.parameters[0].kind == "claim"


def test_parameters_none_and_a_query_without_header() -> None:
    assert parse_header("# Parameters: none\nASK {}").parameters == ()
    bare = parse_header("SELECT * WHERE { ?s ?p ?o }")
    assert bare.fields == frozenset() and bare.parameters == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# Parameters:\n#   - claim (claim id)\nASK {}", "q.rq:2: a parameter line reads"),
        ("# Parameters:\n#   - n (number; example: 3)\nASK {}", "unknown parameter type 'number'"),
        ("# Parameters:\n#   - n (integer; example: 3)\n#   - n (integer; example: 4)\nASK {}", "declared twice"),
        ("# Question: a\n# Question: b\nASK {}", "q.rq:2: `# Question:` given twice"),
    ],
)
def test_a_broken_header_is_an_error_naming_the_line(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_header(text, "q.rq")


def test_named_queries_are_found_by_name_and_files_by_path(tmp_path: Path) -> None:
    assert resolve("contested-claims").path == named_queries()["contested-claims"]
    assert resolve(str(echo_query(tmp_path))).name == "echo"
    with pytest.raises(QueryError, match="did you mean contested-claims"):
        resolve("contestd-claims")


# ---------------------------------------------------------------- parameters


def _param(type_: str) -> Parameter:
    return Parameter("p", type_, "x")


@pytest.mark.parametrize(
    ("type_", "value", "expected"),
    [
        ("claim id", "bkp-low-risk", ox.NamedNode(BASE + "claim/bkp-low-risk")),
        ("term id", "back-pain", ox.NamedNode(BASE + "term/back-pain")),
        ("claim id", "https://other.example/claim/x", ox.NamedNode("https://other.example/claim/x")),
        ("iri", "kg:Supports", ox.NamedNode("https://w3id.org/kgraph/ns#Supports")),
        ("iri", "https://example.org/a#b", ox.NamedNode("https://example.org/a#b")),
        ("string", HOSTILE, ox.Literal(HOSTILE)),
        ("integer", "-12", ox.Literal("-12", datatype=ox.NamedNode(XSD_NS + "integer"))),
        ("integer", "+007", ox.Literal("7", datatype=ox.NamedNode(XSD_NS + "integer"))),
        ("decimal", "0.75", ox.Literal("0.75", datatype=ox.NamedNode(XSD_NS + "decimal"))),
        ("decimal", "2e3", ox.Literal("2000.0", datatype=ox.NamedNode(XSD_NS + "decimal"))),
        ("boolean", "TRUE", ox.Literal("true", datatype=ox.NamedNode(XSD_NS + "boolean"))),
    ],
)
def test_values_become_terms_of_their_type(type_: str, value: str, expected) -> None:
    assert term(_param(type_), value, BASE) == expected


@pytest.mark.parametrize(
    ("type_", "value"),
    [
        ("claim id", HOSTILE),
        ("claim id", "Not An Id"),
        ("iri", "no scheme"),
        ("iri", 'https://example.org/"><script>'),
        ("integer", "1.5"),
        ("decimal", "NaN"),
        ("decimal", "abc"),
        ("boolean", "yes"),
        ("widget id", "a"),
    ],
)
def test_a_value_of_the_wrong_type_is_an_error(type_: str, value: str) -> None:
    with pytest.raises(QueryError, match="parameter p"):
        term(_param(type_), value, BASE)


def test_unknown_and_missing_parameters_are_errors(tmp_path: Path) -> None:
    query = resolve(str(echo_query(tmp_path)))
    with pytest.raises(QueryError, match="unknown parameter 'other' for echo; it takes value: a string"):
        check_names(query, {"value": "a", "other": "b"})
    with pytest.raises(QueryError, match="missing parameter value for echo: add --param value=VALUE"):
        check_names(query, {})
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_assignments(["novalue"])
    with pytest.raises(QueryError, match="given twice"):
        parse_assignments(["a=1", "a=2"])
    assert parse_assignments(["words=a=b"]) == {"words": "a=b"}


@settings(max_examples=200, deadline=None)
@given(value=st.text())
def test_any_string_is_bound_as_exactly_that_value(value: str) -> None:
    """Quotes, braces, newlines and SPARQL keywords in a value never reach the query text."""
    store = open_store("memory")
    query = QueryFile("echo", Path("echo.rq"), ECHO, parse_header(ECHO))
    result = store.query(store.prepare(ECHO), bind(query, {"value": value}, BASE))
    assert [row["value"] for row in result] == [ox.Literal(value)]


# ---------------------------------------------------------------- the store seam


def test_open_store_knows_memory_and_names_the_known_stores() -> None:
    assert open_store("memory") is not None
    with pytest.raises(StoreError, match="unknown store 'nowhere'; known: memory"):
        open_store("nowhere")


def test_the_memory_store_queries_every_named_graph_at_once() -> None:
    built = ox.Store()
    built.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("1"), ox.NamedNode("urn:g:1")))
    built.add(ox.Quad(ox.NamedNode("urn:b"), ox.NamedNode("urn:p"), ox.Literal("2"), ox.NamedNode("urn:g:2")))
    store = open_store("memory")
    store.replace_graphs(built)
    result = store.query("SELECT ?s WHERE { ?s <urn:p> ?o } ORDER BY ?s")
    assert [r["s"].value for r in result] == ["urn:a", "urn:b"]


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("PREFIX kg: <https://w3id.org/kgraph/ns#>\nSELECT * WHERE {\n  ?s kg:stance ?o\n", 4, 1, "expected"),
        ("# a comment with foo: in it\nSELECT * WHERE {\n  ?s foo:bar ?o }", 3, 6, "unknown prefix foo:"),
        ("PREFIX : <urn:x>\n# ASK\n  DROP ALL", 3, 3, "kgraph asks queries: SELECT, ASK, CONSTRUCT or DESCRIBE"),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT many", 1, 35, "expected"),
    ],
)
def test_a_syntax_error_is_located(text: str, line: int, column: int, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=message) as caught:
        open_store("memory").prepare(text)
    assert (caught.value.line, caught.value.column) == (line, column)


def test_loading_replaces_the_corpora_of_the_file_and_keeps_the_others(tmp_path: Path) -> None:
    first = tmp_path / "a.nq"
    first.write_text("<urn:a> <urn:p> \"1\" <https://example.org/a/graph/catalogue> .\n", encoding="utf-8")
    other = tmp_path / "b.nq"
    other.write_text("<urn:b> <urn:p> \"2\" <https://example.org/b/graph/catalogue> .\n", encoding="utf-8")
    store = open_store("memory")
    store.load_nquads(first)
    store.load_nquads(other)
    first.write_text("<urn:c> <urn:p> \"3\" <https://example.org/a/graph/source/x> .\n", encoding="utf-8")
    assert store.load_file(first) == 2
    assert sorted(r["s"].value for r in store.query("SELECT ?s { ?s ?p ?o }")) == ["urn:b", "urn:c"]


def test_a_broken_file_leaves_the_memory_store_as_it_was(tmp_path: Path) -> None:
    good = tmp_path / "g.nq"
    good.write_text("<urn:a> <urn:p> \"1\" <https://example.org/a/graph/catalogue> .\n", encoding="utf-8")
    store = open_store("memory")
    store.load_nquads(good)
    bad = tmp_path / "bad.nq"
    bad.write_text("<urn:a> <urn:p> \"1 .\n", encoding="utf-8")
    with pytest.raises(StoreError, match="bad.nq: not loaded"):
        store.load_nquads(bad)
    default = tmp_path / "default.nq"
    default.write_text("<urn:a> <urn:p> \"1\" .\n", encoding="utf-8")
    with pytest.raises(StoreError, match="outside any named graph"):
        store.load_nquads(default)
    assert bool(store.query("ASK { <urn:a> <urn:p> \"1\" }"))


# ---------------------------------------------------------------- result formats


@pytest.fixture(scope="module")
def mini_store(tmp_path_factory):
    built = pipeline.assemble(FIXTURES / "mini")
    store = open_store("memory")
    store.replace_graphs(built.store)
    return store, built.corpus.base


SELECT = (
    "PREFIX kg: <https://w3id.org/kgraph/ns#>\n"
    "SELECT ?finding ?stance ?months ?none WHERE { ?finding kg:stance ?stance ; kg:timePointMonths ?months }"
)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_w3c_result_formats_parse_back_with_rdflib(mini_store, fmt: str) -> None:
    store, base = mini_store
    result = store.query(SELECT)
    parsed = Result.parse(io.BytesIO(render(result, fmt).data), format=fmt)
    assert [str(v) for v in parsed.vars] == ["finding", "stance", "months", "none"]
    rows = [{str(k): v for k, v in r.items()} for r in parsed.bindings]
    expected = [(base + "finding/trial-a-pain-1m", "https://w3id.org/kgraph/ns#Supports", Decimal("1"))]
    assert [(str(r["finding"]), str(r["stance"]), Decimal(str(r["months"]))) for r in rows] == expected
    assert all(r.get("none") in (None, Literal("")) for r in rows)
    if fmt != "csv":  # CSV keeps lexical forms only; the others keep the datatype (Oxigraph writes decimals canonical: 1.0 as 1)
        assert rows[0]["months"].datatype == XSD.decimal


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_ask_results_use_the_w3c_boolean_forms(mini_store, fmt: str) -> None:
    store, _ = mini_store
    for text, answer in (("ASK { ?s a <https://w3id.org/kgraph/ns#Claim> }", True), ("ASK { ?s a <urn:nothing> }", False)):
        parsed = Result.parse(io.BytesIO(render(store.query(text), fmt).data), format=fmt)
        assert parsed.askAnswer is answer
    assert render(store.query("ASK {}"), "table").data == b"true\n"
    with pytest.raises(FormatError, match="SELECT results only"):
        render(store.query("ASK {}"), "csv")


def test_construct_and_describe_give_rdf(mini_store) -> None:
    store, base = mini_store
    construct = store.query("PREFIX schema: <https://schema.org/>\nCONSTRUCT { ?c a schema:Claim } WHERE { ?c a schema:Claim }")
    turtle = render(construct, "turtle").data
    assert b"schema:Claim" in turtle
    from rdflib import Graph

    claims = Graph().parse(data=turtle, format="turtle")
    assert len(claims) == 1
    again = "PREFIX schema: <https://schema.org/>\nCONSTRUCT { ?c a schema:Claim } WHERE { ?c a schema:Claim }"
    assert render(store.query(again), "turtle").data == turtle, "the same answer gives the same bytes"
    assert len(Graph().parse(data=render(store.query(again), "json").data, format="json-ld")) == 1
    assert len(Graph().parse(data=render(store.query(again), "xml").data, format="xml")) == 1
    describe = store.query(f"DESCRIBE <{base}claim/pain-short-term>")
    assert len(Graph().parse(data=render(describe, "table").data, format="turtle")) > 5
    with pytest.raises(FormatError, match="is RDF"):
        render(store.query(again), "csv")
    with pytest.raises(FormatError, match="turtle is for CONSTRUCT and DESCRIBE"):
        render(store.query(SELECT), "turtle")


def test_tsv_escapes_what_would_break_a_row(mini_store) -> None:
    store, _ = mini_store
    text = 'a\tb\nc "d" \\e'
    result = store.query("SELECT ?x WHERE {}", {"x": ox.Literal(text)})
    data = render(result, "tsv").data
    assert data.count(b"\n") == 2
    assert Result.parse(io.BytesIO(data), format="tsv").bindings[0][Variable("x")] == Literal(text)


@settings(max_examples=30, deadline=None)
@given(width=st.integers(min_value=30, max_value=200))
def test_tables_fit_the_width(width: int) -> None:
    lines = table(*_evidence_rows(), BASE, width).splitlines()
    assert lines and all(len(line) <= width for line in lines)


def _evidence_rows() -> tuple[list[str], list[tuple]]:
    store = open_store("memory")
    answer = store.query(
        "SELECT ?claim ?label ?note WHERE {}",
        {"claim": ox.NamedNode(BASE + "claim/kp-pain-short"), "label": ox.Literal("[bold]not markup[/bold]"), "note": ox.Literal("a " * 40)},
    )
    return [v.value for v in answer.variables], [tuple(row) for row in answer]


def test_tables_shorten_iris_and_show_text_as_it_is() -> None:
    text = table(*_evidence_rows(), BASE, 200)
    assert "claim/kp-pain-short" in text and BASE not in text
    assert "[bold]not markup[/bold]" in text
    assert shorten(ox.NamedNode("https://w3id.org/kgraph/ns#Supports")) == "kg:Supports"
    assert shorten(ox.NamedNode("http://example.net/x/y")) == "http://example.net/x/y"
    assert shorten(ox.BlankNode("b1")) == "_:b1" and shorten(None) == ""


# ---------------------------------------------------------------- the cache


def test_cache_folder_follows_the_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KGRAPH_CACHE", str(tmp_path / "k"))
    assert cache.cache_dir() == tmp_path / "k"
    monkeypatch.delenv("KGRAPH_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert cache.cache_dir() == tmp_path / "x" / "kgraph"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "h"))
    assert cache.cache_dir() == tmp_path / "h" / ".cache" / "kgraph"


LABELS = "SELECT ?l WHERE { ?c a <https://w3id.org/kgraph/ns#Claim> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }"


def test_a_data_change_rebuilds_and_an_unchanged_corpus_does_not(monkeypatch, tmp_path: Path, mini_copy: Path) -> None:
    monkeypatch.setenv("KGRAPH_CACHE", str(tmp_path / "cache"))
    builds = []
    real_build = pipeline.build

    def counting_build(*args, **kwargs):
        builds.append(args[0])
        return real_build(*args, **kwargs)

    monkeypatch.setattr(pipeline, "build", counting_build)
    first = cache.current(mini_copy)
    assert first.rebuilt and len(builds) == 1
    second = cache.current(mini_copy)
    assert not second.rebuilt and second.path == first.path and len(builds) == 1
    assert second.base == "https://example.org/mini/"

    claims = mini_copy / "claims.yaml"
    changed = claims.read_text(encoding="utf-8").replace("relieves pain at one month", "relieves pain after a month")
    claims.write_text(changed, encoding="utf-8")
    third = cache.current(mini_copy)
    assert third.rebuilt and third.path != first.path and len(builds) == 2
    assert not first.path.exists(), "the stale cache file is removed"
    store = open_store("memory")
    store.load_nquads(third.path)
    labels = [r[0].value for r in store.query(LABELS)]
    assert labels == ["kyphoplasty relieves pain after a month"]


def test_an_ontology_change_changes_the_fingerprint(monkeypatch, tmp_path: Path, mini_dir: Path) -> None:
    from kgraph import resources

    before = cache.fingerprint(mini_dir)
    copy = tmp_path / "ontology"
    shutil.copytree(resources.ontology_dir(), copy)
    (copy / "CODES.md").write_text("changed", encoding="utf-8")
    monkeypatch.setattr(resources, "ontology_dir", lambda: copy)
    assert cache.fingerprint(mini_dir) != before


def test_an_invalid_corpus_is_reported_and_not_cached(cached: Path, mini_copy: Path) -> None:
    studies = mini_copy / "studies.yaml"
    studies.write_text(studies.read_text(encoding="utf-8").replace("participants: 100", "participants: about a hundred"), encoding="utf-8")
    result = run_cli("query", "contested-claims", mini_copy)
    assert result.exit_code == 1
    assert "studies.yaml" in result.stderr and "participants" in result.stderr
    folder = cache.cache_file(mini_copy, "").name.split("-")[0]
    assert not list((cached / "graphs").glob(f"{folder}-*"))


# ---------------------------------------------------------------- the command line


def test_queries_lists_every_named_query_with_its_question(cached: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    result = run_cli("queries")
    assert result.exit_code == 0
    for name, path in named_queries().items():
        assert name in result.stdout
        assert " ".join(resolve(str(path)).header.question.split()[:3]) in result.stdout
    assert "claim: a claim id, e.g. bkp-relieves-back-pain" in result.stdout


def test_queries_name_shows_the_whole_file(cached: Path) -> None:
    result = run_cli("queries", "contested-claims")
    assert result.exit_code == 0
    assert "# Question: Which claims are contested" in result.stdout
    assert "SELECT ?claim" in result.stdout


def test_query_runs_a_named_query_on_a_corpus(cached: Path) -> None:
    result = run_cli("query", "find-claims", FIXTURE, "--param", "words=pain", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "claim,label,text"
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == [
        BASE + "claim/kp-pain-long", BASE + "claim/kp-pain-short", BASE + "claim/vp-pain-sham",
    ]


def test_query_table_fits_the_terminal(cached: Path) -> None:
    result = run_cli("query", "evidence-for-claim", FIXTURE, "-p", "claim=kp-pain-short")
    assert result.exit_code == 0, result.stderr
    assert all(len(line) <= 100 for line in result.stdout.splitlines())
    assert "study/trial-a" in result.stdout and " rows" in result.stderr


def test_hostile_values_are_bound_as_values_through_the_cli(cached: Path, tmp_path: Path) -> None:
    found = run_cli("query", "find-claims", FIXTURE, "-p", f"words={HOSTILE}", "-f", "json")
    assert found.exit_code == 0, found.stderr
    rows = json.loads(found.stdout)["results"]["bindings"]
    assert [r["claim"]["value"] for r in rows] == [BASE + "claim/odd-words"]
    echoed = run_cli("query", echo_query(tmp_path), FIXTURE, "-p", f"value={HOSTILE}", "-f", "json")
    assert json.loads(echoed.stdout)["results"]["bindings"] == [{"value": {"type": "literal", "value": HOSTILE}}]
    after = run_cli("query", "find-claims", FIXTURE, "-p", "words=", "-f", "csv")
    assert len(after.stdout.splitlines()) == 1 + 7, "the graph still holds every claim"
    bad_id = run_cli("query", "evidence-for-claim", FIXTURE, "-p", f"claim={HOSTILE}")
    assert bad_id.exit_code == 1 and "is not a claim id" in bad_id.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["contested-claims", "-p", "claim=x"], "unknown parameter 'claim' for contested-claims; it takes no parameters"),
        (["evidence-for-claim"], "missing parameter claim for evidence-for-claim"),
        (["contestd-claims"], "no named query 'contestd-claims'"),
        (["contested-claims", "--store", "nowhere"], "unknown store 'nowhere'"),
        (["contested-claims", "-f", "turtle"], "turtle is for CONSTRUCT and DESCRIBE"),
    ],
)
def test_query_errors_are_one_line_and_exit_1(cached: Path, args: list[str], message: str) -> None:
    result = run_cli("query", *args[:1], FIXTURE, *args[1:])
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_syntax_error_names_file_line_and_column(cached: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.rq"
    path.write_text("# Question: broken?\nSELECT ?s WHERE {\n  ?s ?p ?o\n} GROUP ?s\n", encoding="utf-8")
    result = run_cli("query", path, FIXTURE)
    assert result.exit_code == 1
    assert f"{path}:4:11: syntax error: unexpected end of the query; expected BY" in result.stderr


def test_query_writes_a_file_atomically(cached: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "harms.json"
    result = run_cli("query", "harms", FIXTURE, "-f", "json", "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))["results"]["bindings"]) == 3
    assert [p.name for p in target.parent.iterdir()] == ["harms.json"]


def test_construct_through_the_cli_gives_turtle(cached: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.rq"
    construct = "PREFIX cito: <http://purl.org/spar/cito/>\nCONSTRUCT { ?s cito:supports ?c } WHERE { ?s cito:supports ?c }\n"
    path.write_text(construct, encoding="utf-8")
    result = run_cli("query", path, FIXTURE)
    assert result.exit_code == 0
    from rdflib import Graph

    assert len(Graph().parse(data=result.stdout, format="turtle")) == 3


def test_query_uses_the_bundled_corpus_by_default(cached: Path) -> None:
    result = run_cli("query", "find-claims", "-p", "words=cement", "-f", "tsv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "?claim\t?label\t?text"
    assert len(result.stdout.splitlines()) == 3
    assert os.environ["KGRAPH_CACHE"] == str(cached)


def test_an_id_of_no_record_is_an_error_not_an_empty_answer() -> None:
    missing = run_cli("query", "evidence-for-claim", "-p", "claim=no-such-claim", "-f", "csv")
    assert missing.exit_code == 1
    assert "no claim 'no-such-claim' in the graph" in missing.stderr
    wrong_kind = run_cli("query", "evidence-for-claim", "-p", "claim=free-trial", "-f", "csv")
    assert wrong_kind.exit_code == 1, "a study id is not a claim id"
    found = run_cli("query", "evidence-for-claim", "-p", "claim=bkp-low-risk", "-f", "csv")
    assert found.exit_code == 0 and len(found.stdout.splitlines()) > 1


def test_a_question_of_a_cached_graph_imports_neither_rdflib_nor_yaml(cached: Path) -> None:
    """What keeps `kgraph query` quick (bench/query_startup.py measures it): with the graph cached,
    Oxigraph answers, and neither rdflib nor a YAML parser is loaded."""
    import subprocess
    import sys

    check = (
        "import sys\n"
        "from kgraph.cli import main\n"
        "try:\n"
        "    main(['query', 'contested-claims', sys.argv[1], '-f', 'csv'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('rdflib', 'yaml', 'pyshacl'))\n"
        "print('loaded:', loaded, file=sys.stderr)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    first = run_cli("query", "contested-claims", FIXTURE, "-f", "csv")
    assert first.exit_code == 0, first.stderr
    done = subprocess.run([sys.executable, "-c", check, str(FIXTURE)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("claim,label,supporting,contradicting,verdict")
