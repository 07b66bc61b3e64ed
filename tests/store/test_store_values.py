"""The VALUES splice that binds parameters for a server: it lands in the outermost WHERE group,
whatever braces hide in comments, strings and IRIs, and it binds exactly the values given."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.query.named import named_queries, read_query
from kgraph.rdf.sparqltext import SpliceError, outermost_group, substitute, with_values
from kgraph.store.oxigraph import check_syntax

EX = "https://example.org/"


@pytest.mark.parametrize(
    ("query", "opening"),
    [
        ("SELECT ?x WHERE { ?x ?p ?o }", "WHERE {"),
        ("PREFIX ex: <https://example.org/#> SELECT * { ?x ex:p '}' }", "* {"),
        ("# WHERE { in a comment\nASK { ?x ?p ?o }", "ASK {"),
        ('SELECT ("WHERE {" AS ?s) (EXISTS { ?a ?b ?c } AS ?e) WHERE { ?x ?p ?o }', "?e) WHERE {"),
        ("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }", "WHERE {"),
        ("SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } } }", "?x WHERE {"),
        ("SELECT ?x WHERE { ?x ?p '''a\n{ '''} ", "WHERE {"),
    ],
)
def test_the_outermost_group_is_found(query, opening):
    assert outermost_group(query) == query.index(opening) + len(opening)


def test_a_query_without_a_group_is_refused():
    with pytest.raises(SpliceError):
        with_values("DESCRIBE <https://example.org/a>", {"x": ox.NamedNode(EX)})


def test_blank_nodes_are_refused():
    with pytest.raises(SpliceError):
        with_values("SELECT * { ?x ?p ?o }", {"x": ox.BlankNode()})


def test_every_named_query_parses_with_its_parameters_spliced():
    for name, path in named_queries().items():
        query = read_query(path, name)
        bindings = {p.name: ox.Literal(p.example) for p in query.header.parameters}
        check_syntax(with_values(query.text, bindings))


def test_substitute_fills_graph_slots_with_terms():
    text = substitute("MOVE SILENT $staging TO $target # $not", {"staging": ox.NamedNode("urn:s"), "target": ox.NamedNode(EX + "g")})
    assert text == f"MOVE SILENT <urn:s> TO <{EX}g> # $not"
    with pytest.raises(SpliceError):
        substitute("DROP GRAPH $graph", {})


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), st.sampled_from(["en", None]))
def test_any_literal_is_bound_as_itself(value, language):
    """A value with quotes, braces, hashes or newlines changes nothing but the value bound."""
    store = ox.Store()
    made = ox.Literal(value, language=language) if language else ox.Literal(value)
    graph = ox.NamedNode(EX + "g")
    store.add(ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), made, graph))
    store.add(ox.Quad(ox.NamedNode(EX + "b"), ox.NamedNode(EX + "p"), ox.Literal(value + "x"), graph))
    text = with_values("SELECT ?s WHERE { ?s <https://example.org/p> ?v } # }", {"v": made})
    rows = list(store.query(text, use_default_graph_as_union=True))
    assert [row[0].value for row in rows] == [EX + "a"]
