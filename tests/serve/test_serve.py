"""``kgraph serve`` started as a user starts it, asked by real clients: SPARQLWrapper, rdflib, ``kgraph query --store sparql:``.

One server on the bundled corpus answers most tests; the refusals that need their own settings (a short time limit, a store
that goes down, a corpus being edited, a hostile corpus) start their own. Every server listens on 127.0.0.1 only.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.parse
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import FIXTURES, ROOT, need_program, run_kgraph
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS
from serve_support import fetch, raw_request, start_server

from kgraph.query import ask, cache
from kgraph.query.named import bind, named_queries, read_query
from kgraph.serve import exposure_warning
from kgraph.store import open_store

BASE = "https://w3id.org/kgraph/kyphoplasty/"
CLAIM = BASE + "claim/bkp-low-risk"
CLAIM_PATH = "/kgraph/kyphoplasty/claim/bkp-low-risk"
SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . FILTER(STR(?c) < STR(?f)) }"


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KGRAPH_CACHE", str(folder))
        yield folder


@pytest.fixture(scope="module")
def server(corpus_dir, cache_dir, tmp_path_factory):
    running = start_server(corpus_dir, tmp_path_factory.mktemp("serve") / "server.log", "--timeout", "2")
    yield running
    running.stop()
    assert "Traceback" not in running.output()


def sparql(server, query: str, accept: str = "application/sparql-results+json", **params: str):
    return fetch(f"{server.url}/sparql?" + urllib.parse.urlencode({"query": query, **params}), headers={"Accept": accept})


def comparable(answer):
    if isinstance(answer, ox.QueryBoolean):
        return bool(answer)
    if isinstance(answer, ox.QuerySolutions):
        return Counter(tuple(str(value) for value in row) for row in answer)
    return Counter(str(triple) for triple in answer)


def test_sparqlwrapper_asks_the_endpoint(server) -> None:
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery(f"SELECT ?label WHERE {{ <{CLAIM}> <{RDFS.label}> ?label }}")
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert [row["label"]["value"] for row in rows] == ["kyphoplasty is low-risk"]
    client.setQuery(f"CONSTRUCT {{ <{CLAIM}> ?p ?o }} WHERE {{ <{CLAIM}> ?p ?o }}")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")
    assert (URIRef(CLAIM), RDFS.label, Literal("kyphoplasty is low-risk")) in graph


def test_rdflib_sparqlstore_asks_the_endpoint(server) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = Graph(store=SPARQLStore(f"{server.url}/sparql"))
    rows = list(store.query(f"SELECT ?text WHERE {{ <{CLAIM}> <https://schema.org/text> ?text }}"))
    assert [str(row[0]) for row in rows] == ["Kyphoplasty is a low-risk treatment for spinal fractures."]
    assert bool(store.query(f"ASK {{ <{CLAIM}> ?p ?o }}").askAnswer)


def test_kgraph_query_through_the_server_prints_what_memory_prints(server, corpus_dir) -> None:
    args = ("query", "claims-about-treatment", "-p", "treatment=balloon-kyphoplasty", "-f", "csv")
    served = run_kgraph(*args, "--store", f"sparql:{server.url}/sparql")
    in_memory = run_kgraph(*args)
    assert served.returncode == 0, served.stderr.decode()
    assert sorted(served.stdout.splitlines()) == sorted(in_memory.stdout.splitlines())
    assert len(served.stdout.splitlines()) > 3


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_answers_as_the_memory_store(server, corpus_dir, cache_dir, name) -> None:
    query = read_query(named_queries()[name], name)
    values = {p.name: p.example for p in query.header.parameters}
    with ask(name, values, corpus_dir) as asked:
        expected = comparable(asked.answer)
    remote = open_store(f"sparql:{server.url}/sparql")
    got = comparable(remote.query(remote.prepare(query.text), bind(query, values, BASE)))
    assert got == expected
    assert expected or name in ("uncited-claims", "contested-claims", "standard/contested-claims"), f"{name} finds nothing: the comparison would prove little"


def test_a_claims_url_read_by_rdflib_gives_its_triples(server, cache_dir, corpus_dir) -> None:
    graph = Graph().parse(server.url + CLAIM_PATH)
    store = ox.Store()
    store.bulk_load(path=str(cache.current(corpus_dir).path), format=ox.RdfFormat.N_QUADS)
    own = {(URIRef(q.subject.value), URIRef(q.predicate.value), q.object.value) for q in store.quads_for_pattern(ox.NamedNode(CLAIM), None, None)}
    assert own and {(s, p, str(o)) for s, p, o in graph if s == URIRef(CLAIM)} == own
    assert (URIRef(CLAIM), RDFS.label, Literal("kyphoplasty is low-risk")) in graph
    quotes = {str(o) for o in graph.objects(None, URIRef("http://www.w3.org/ns/oa#exact"))}
    assert "Spinal fracture stabilization offers reliable and low-risk treatment" in quotes
    assert any(p == URIRef(BASE.replace("kyphoplasty/", "ns#") + "claim") or str(p).endswith("#claim") for _, p, o in graph if o == URIRef(CLAIM))


@pytest.mark.parametrize(
    ("accept", "kind", "parse_as"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_a_resource_in_each_rdf_syntax_by_accept_and_by_suffix(server, accept, kind, parse_as) -> None:
    by_accept = fetch(server.url + CLAIM_PATH, headers={"Accept": accept})
    assert by_accept.status == 200
    assert by_accept.headers["content-type"].startswith(kind)
    assert "Accept" in by_accept.headers["vary"]
    graph = Graph().parse(data=by_accept.body, format=parse_as, publicID=CLAIM)
    assert (URIRef(CLAIM), RDFS.label, Literal("kyphoplasty is low-risk")) in graph
    suffix = {"turtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld", "xml": ".rdf"}[parse_as]
    by_suffix = fetch(server.url + CLAIM_PATH + suffix)
    assert by_suffix.status == 200 and by_suffix.body == by_accept.body


def test_trig_and_nquads_keep_the_graph_of_each_statement(server) -> None:
    for accept, parse_as in (("application/trig", "trig"), ("application/n-quads", "nquads")):
        answer = fetch(server.url + CLAIM_PATH, headers={"Accept": accept})
        dataset = Dataset()
        dataset.parse(data=answer.body, format=parse_as)
        graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
        assert {BASE + "graph/catalogue", BASE + "graph/derived", BASE + "graph/source/clinic-kyphoplasty-page"} <= graphs


def test_a_browser_gets_the_page_and_an_unknown_path_gets_404(server) -> None:
    page = fetch(server.url + CLAIM_PATH, headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert page.status == 200 and page.headers["content-type"].startswith("text/html")
    assert "kyphoplasty is low-risk" in page.text and "certainty" in page.text
    assert "<mark>Spinal fracture stabilization offers reliable and low-risk treatment</mark>" in page.text
    assert fetch(server.url + "/kgraph/kyphoplasty/claim/no-such-claim").status == 404
    assert fetch(server.url + CLAIM_PATH, headers={"Accept": "image/png"}).status == 406


def test_a_claim_page_shows_every_finding_of_its_report(server, cache_dir, corpus_dir) -> None:
    from kgraph import pipeline
    from kgraph.infer.report import claim_report
    from kgraph.serve.pages import evidence_sections

    built, summary = pipeline.build(corpus_dir)
    for claim in ("bkp-relieves-back-pain", "bkp-low-risk"):
        report = claim_report(summary.inference, URIRef(BASE + "claim/" + claim))
        page = fetch(f"{server.url}/kgraph/kyphoplasty/claim/{claim}").text
        sections = evidence_sections(report)
        assert sections
        for key, title, rows in sections:
            assert f'<section class="evidence" id="{key}">' in page and f"{title} ({len(rows)})" in page
            for row in rows:
                assert f'href="/kgraph/kyphoplasty/study/{row["study"]}"' in page
        assert f"Certainty: {report['certainty']}" in page
        for step in report["downgrades"]:
            assert step["reason"].replace("&", "&amp;").replace('"', "&#34;").replace("'", "&#39;").replace("<", "&lt;") in page


def test_every_page_has_a_policy_that_allows_nothing_from_elsewhere(server) -> None:
    for path in ("/", CLAIM_PATH, "/query", "/graph", "/sparql", "/kgraph/kyphoplasty/study/free-trial", "/nothing"):
        policy = fetch(server.url + path).headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy
        assert "http" not in policy and "*" not in policy


def test_service_description_without_a_query(server) -> None:
    answer = fetch(f"{server.url}/sparql", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=answer.body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (URIRef(f"{server.url}/sparql"), URIRef(sd + "endpoint"), URIRef(f"{server.url}/sparql")) in graph
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in graph


def test_results_by_content_negotiation_and_by_format(server) -> None:
    query = f"SELECT ?label WHERE {{ <{CLAIM}> <{RDFS.label}> ?label }}"
    expected = {
        "application/sparql-results+json": b'"kyphoplasty is low-risk"',
        "application/sparql-results+xml": b"<literal>kyphoplasty is low-risk</literal>",
        "text/csv": b"label\r\nkyphoplasty is low-risk",
        "text/tab-separated-values": b'?label\n"kyphoplasty is low-risk"',
    }
    for accept, holds in expected.items():
        answer = sparql(server, query, accept)
        assert answer.headers["content-type"].startswith(accept) and holds in answer.body, accept
    assert sparql(server, query, "*/*", format="csv").headers["content-type"].startswith("text/csv")
    assert sparql(server, f"ASK {{ <{CLAIM}> ?p ?o }}", "text/csv").status == 406
    posted = fetch(f"{server.url}/sparql", data=query.encode(), headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert posted.status == 200 and b"kyphoplasty is low-risk" in posted.body


def test_cors_lets_a_page_elsewhere_query(server) -> None:
    preflight = fetch(
        f"{server.url}/sparql",
        method="OPTIONS",
        headers={"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"},
    )
    assert preflight.status == 200 and preflight.headers["access-control-allow-origin"] in ("*", "https://yasgui.example")
    answer = fetch(f"{server.url}/sparql?query=ASK%7B%7D", headers={"Origin": "https://yasgui.example"})
    assert answer.headers["access-control-allow-origin"] == "*"


def test_updates_are_refused(server) -> None:
    update = f"INSERT DATA {{ <{CLAIM}> <{RDFS.label}> \"changed\" }}"
    attempts = [
        fetch(f"{server.url}/sparql", data=urllib.parse.urlencode({"update": update}).encode(), headers={"Content-Type": "application/x-www-form-urlencoded"}),
        fetch(f"{server.url}/sparql", data=update.encode(), headers={"Content-Type": "application/sparql-update"}),
        sparql(server, update),
        sparql(server, f"DROP GRAPH <{BASE}graph/catalogue>"),
    ]
    for answer in attempts:
        assert answer.status == 403 and "read-only" in answer.text
    assert b"kyphoplasty is low-risk" in sparql(server, f"SELECT ?l {{ <{CLAIM}> <{RDFS.label}> ?l }}").body


def test_service_is_refused_without_allow_service(server) -> None:
    answer = sparql(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert answer.status == 403 and "--allow-service" in answer.text
    literal = sparql(server, 'SELECT ("SERVICE" AS ?word) WHERE {}')
    assert literal.status == 200


def test_a_syntax_error_is_400_with_its_place(server) -> None:
    answer = sparql(server, "SELECT ?x WHERE {\n ?x ?p }")
    assert answer.status == 400 and answer.text.startswith("line 2")


def test_a_query_over_the_time_limit_stops_with_503_and_the_server_goes_on(server) -> None:
    before = server.children()
    started = time.monotonic()
    answer = sparql(server, SLOW)
    assert answer.status == 503
    assert "time limit of 2 s" in answer.text
    assert time.monotonic() - started < 10
    assert sparql(server, "ASK {}").status == 200
    deadline = time.monotonic() + 30
    while before <= server.children() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not before <= server.children(), "the process running the query (39 s of work) should have ended"
    while len(server.children()) < len(before) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(server.children()) == len(before)
    for _ in range(4):
        assert sparql(server, "ASK {}").status == 200


def test_a_body_over_the_limit_is_refused(server) -> None:
    big = (("#" + "x" * 1000 + "\n") * 1200 + "ASK {}").encode()
    answer = raw_request(server.url, "/sparql", "POST", big, {"Content-Type": "application/sparql-query"})
    assert answer.status == 413 and b"limit" in answer.body
    form = raw_request(server.url, "/query", "POST", b"text=" + b"x" * 2_000_000, {"Content-Type": "application/x-www-form-urlencoded"})
    assert form.status == 413
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in [b"#" + b"x" * 65535] * 20) + b"0\r\n\r\n"
    streamed = raw_request(server.url, "/sparql", "POST", chunked, {"Content-Type": "application/sparql-query", "Transfer-Encoding": "chunked"})
    assert streamed.status == 413


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2fpyproject.toml",
        "/kgraph/kyphoplasty/../../../etc/passwd",
        "/kgraph/kyphoplasty/%2e%2e/%2e%2e/etc/passwd.ttl",
        "/../../etc/passwd",
    ],
)
def test_path_traversal_is_refused(server, path) -> None:
    answer = raw_request(server.url, path)
    assert answer.status in (400, 404)
    assert b"root:" not in answer.body and b"[project]" not in answer.body and b"Traceback" not in answer.body


def test_no_traceback_reaches_a_client(server) -> None:
    odd = [
        fetch(f"{server.url}/sparql", data=b"\xff\xfe", headers={"Content-Type": "application/sparql-query"}),
        fetch(f"{server.url}/sparql", data=b"query=SELECT", headers={"Content-Type": "text/plain"}),
        fetch(f"{server.url}/query", data=b"text=%ff%fe&p.claim=%00", headers={"Content-Type": "application/x-www-form-urlencoded"}),
        fetch(f"{server.url}/graph/neighbours?node=%00"),
        fetch(f"{server.url}/kgraph/kyphoplasty/claim/%00%ff"),
        fetch(f"{server.url}/sparql?query=SELECT%20*%20%7B%7D&query=ASK%7B%7D"),
    ]
    for answer in odd:
        assert 400 <= answer.status < 500, answer.text
        assert "Traceback" not in answer.text and 'File "' not in answer.text


def test_the_query_page_runs_a_named_query_with_its_parameter(server) -> None:
    form = urllib.parse.urlencode({"name": "evidence-for-claim", "text": read_query(named_queries()["evidence-for-claim"]).text, "p.claim": "bkp-low-risk"})
    page = fetch(f"{server.url}/query", data=form.encode(), headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert page.status == 200 and 'id="results"' in page.text
    assert 'href="/kgraph/kyphoplasty/study/free-trial"' in page.text
    download = fetch(f"{server.url}/query", data=(form + "&format=csv").encode(), headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert download.headers["content-type"].startswith("text/csv") and "attachment" in download.headers["content-disposition"]
    assert download.body.count(b"\n") > 2


def test_the_explorer_grows_from_a_neighbourhood(server) -> None:
    answer = json.loads(fetch(f"{server.url}/graph/neighbours?node=" + urllib.parse.quote(CLAIM)).body)
    ids = {node["id"] for node in answer["nodes"]}
    assert CLAIM in ids and BASE + "study/free-trial" in ids
    assert all(CLAIM in (edge["from"], edge["to"]) for edge in answer["edges"])
    assert fetch(f"{server.url}/graph/neighbours?node=https://example.org/nothing").status == 404


def test_a_store_that_fails_answers_502_and_the_server_goes_on(cache_dir, corpus_dir, tmp_path) -> None:
    """Pages of a sparql: store come from the server; when it goes down, queries get 502, the site stays up, and the credentials never show."""
    if not (Path(sys.executable).parent / "oxigraph").exists():
        need_program("oxigraph")
    script = ROOT / "scripts" / "oxigraph-server.sh"
    done = subprocess.run([str(script), "start"], capture_output=True, text=True, timeout=120, check=True)
    info = dict(line.split("=", 1) for line in done.stdout.split())
    secret = "pa55-never-shown-9f2c"
    try:
        loaded = run_kgraph("load", corpus_dir, "--store", f"sparql:{info['url']}/query,update={info['url']}/update,store={info['url']}/store")
        assert loaded.returncode == 0, loaded.stderr.decode()
        env = {"KGRAPH_SPARQL_USER": "reader", "KGRAPH_SPARQL_PASSWORD": secret, "KGRAPH_SPARQL_TIMEOUT": "5"}
        running = start_server(corpus_dir, tmp_path / "server.log", "--store", f"sparql:{info['url']}/query", env=env)
        try:
            page = fetch(running.url + CLAIM_PATH)
            assert page.status == 200 and "kyphoplasty is low-risk" in page.text
            subprocess.run([str(script), "stop", info["pid"], info["dir"]], check=True, timeout=60)
            down = sparql(running, "ASK { ?s ?p ?o }")
            assert down.status == 502 and "SPARQL server" in down.text
            assert fetch(running.url + "/kgraph/kyphoplasty/study/free-trial.ttl").status == 502
            index = fetch(running.url + "/")
            assert index.status == 200 and running.process.poll() is None
            for answer in (page, down, index):
                assert secret not in answer.text
        finally:
            running.stop()
        assert secret not in running.output() and "Traceback" not in running.output()
    finally:
        subprocess.run([str(script), "stop", info["pid"], info["dir"]], check=False, timeout=60)


def test_an_oxigraph_store_is_served_read_only_by_every_worker(cache_dir, corpus_dir, tmp_path) -> None:
    loaded = run_kgraph("load", corpus_dir, "--store", f"oxigraph:{tmp_path / 'kg.db'}")
    assert loaded.returncode == 0, loaded.stderr.decode()
    running = start_server(corpus_dir, tmp_path / "server.log", "--store", f"oxigraph:{tmp_path / 'kg.db'}")
    try:
        assert "kyphoplasty is low-risk" in fetch(running.url + CLAIM_PATH).text
        for _ in range(4):
            assert b"kyphoplasty is low-risk" in sparql(running, f"SELECT ?l {{ <{CLAIM}> <{RDFS.label}> ?l }}").body
        update = fetch(f"{running.url}/sparql", data=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})
        assert update.status == 403
    finally:
        running.stop()


def test_binding_every_address_is_said() -> None:
    assert "every address" in exposure_warning("0.0.0.0")
    assert exposure_warning("::") is not None
    assert exposure_warning("127.0.0.1") is None and exposure_warning("localhost") is None


def test_hostile_text_is_escaped_in_every_page(cache_dir, tmp_path) -> None:
    running = start_server(FIXTURES / "hostile", tmp_path / "server.log")
    try:
        pages = [fetch(running.url + path).text for path in ("/", "/hostile/claim/pain-short-term", "/query?name=find-claims")]
        for page in pages:
            assert "<img src=x" not in page and "<svg onload" not in page and "<script>alert" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in pages[1]
        assert "Hostile text &lt;script&gt;alert(3)&lt;/script&gt;" in pages[0]
    finally:
        running.stop()


def test_an_edit_shows_at_the_next_request_and_a_broken_one_keeps_the_last_good_graph(cache_dir, mini_copy, tmp_path) -> None:
    running = start_server(mini_copy, tmp_path / "server.log")
    try:
        index = fetch(running.url + "/").text
        assert "kyphoplasty relieves pain at one month" in index
        claims = mini_copy / "claims.yaml"
        claims.write_text(claims.read_text().replace("kyphoplasty relieves pain at one month", "kyphoplasty eases pain at one month"))
        assert "kyphoplasty eases pain at one month" in fetch(running.url + "/").text
        claims.write_text(claims.read_text().replace("    claim_type: effect\n", "    claim_type: effect\n    colour: blue\n", 1))
        broken = fetch(running.url + "/").text
        assert 'id="problems"' in broken and "claims.yaml:" in broken and "colour" in broken
        assert "kyphoplasty eases pain at one month" in broken
        label = sparql(running, "SELECT ?l { ?c <http://www.w3.org/2000/01/rdf-schema#label> ?l } ")
        assert label.status == 200 and b"kyphoplasty eases pain at one month" in label.body
        claims.write_text(claims.read_text().replace("    colour: blue\n", ""))
        assert 'id="problems"' not in fetch(running.url + "/").text
    finally:
        running.stop()
