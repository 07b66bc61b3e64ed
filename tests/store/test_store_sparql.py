"""A SPARQL server that is down, slow, failing, answering garbage or refusing credentials:
one clear line on stderr, exit status 1, and never a credential in any output."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from helpers import run_kgraph

from kgraph.store import StoreError, open_store
from kgraph.store.sparql import parse_spec

SECRET = "s3cret-Pa55-word"


@contextmanager
def fake_server(answers: list[tuple[int, str, bytes, float]]) -> Iterator[tuple[str, list[str]]]:
    """A server on 127.0.0.1 giving these (status, content type, body, delay) answers in turn, the last one for ever after."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            seen.append(self.headers.get("Authorization") or "")
            status, kind, body, delay = answers[min(len(seen) - 1, len(answers) - 1)]
            time.sleep(delay)
            self.send_response(status)
            if status == 401:
                self.send_header("WWW-Authenticate", 'Basic realm="sparql"')
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", seen
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def one_line_failure(done, *needles: str) -> str:
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert SECRET not in err + done.stdout.decode()
    for needle in needles:
        assert needle in err
    return err


ENV = {"KGRAPH_SPARQL_USER": "reader", "KGRAPH_SPARQL_PASSWORD": SECRET, "KGRAPH_SPARQL_TIMEOUT": "1"}


def test_a_server_that_is_down():
    port = closed_port()
    done = run_kgraph("query", "contested-claims", "--store", f"sparql:http://127.0.0.1:{port}/sparql", env=ENV)
    one_line_failure(done, "cannot reach", "connection refused", "3 tries")


def test_a_slow_server_times_out():
    with fake_server([(200, "application/sparql-results+json", b"{}", 3.0)]) as (url, _):
        started = time.monotonic()
        done = run_kgraph("query", "contested-claims", "--store", f"sparql:{url}", env=ENV)
        one_line_failure(done, "did not answer", "KGRAPH_SPARQL_TIMEOUT")
        assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    ("answer", "needles"),
    [
        ((500, "text/plain", b"Virtuoso 37000 Error SP030: boom", 0), ("HTTP 500", "SP030")),
        ((200, "text/html", b"<html>a login page</html>", 0), ("text/html",)),
        ((200, "application/sparql-results+json", b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "nonsense"}}', 0), ("could not read",)),
        ((401, "text/plain", b"", 0), ("HTTP 401", "KGRAPH_SPARQL_USER")),
    ],
    ids=["error", "html", "broken-json", "refused-credentials"],
)
def test_a_server_that_answers_badly(answer, needles):
    with fake_server([answer]) as (url, seen):
        done = run_kgraph("query", "contested-claims", "--store", f"sparql:{url}", env=ENV)
        one_line_failure(done, *needles)
    if answer[0] == 401:
        assert any(header.startswith("Basic ") for header in seen), "the credentials were never offered"


def test_credentials_in_the_url_are_refused_unprinted():
    done = run_kgraph("query", "contested-claims", "--store", f"sparql:http://reader:{SECRET}@127.0.0.1:1/sparql")
    one_line_failure(done, "KGRAPH_SPARQL_PASSWORD")


def test_unavailable_is_retried_a_bounded_number_of_times():
    ok = b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "1"}}]}}'
    with fake_server([(503, "text/plain", b"busy", 0), (503, "text/plain", b"busy", 0), (200, "application/sparql-results+json", ok, 0)]) as (url, seen):
        store = open_store(f"sparql:{url}")
        rows = list(store.query("SELECT ?x WHERE { ?s ?p ?x }"))
        assert [r[0].value for r in rows] == ["1"] and len(seen) == 3
    with fake_server([(503, "text/plain", b"busy", 0)]) as (url, seen):
        with pytest.raises(StoreError, match="HTTP 503"):
            open_store(f"sparql:{url}").query("SELECT ?x WHERE { ?s ?p ?x }")
        assert len(seen) == 3


def test_the_spec_takes_update_and_graph_store_urls():
    endpoints = parse_spec("http://h:1/query,update=http://h:1/update,store=http://h:1/store", environ={})
    assert (endpoints.query, endpoints.update, endpoints.graph_store) == ("http://h:1/query", "http://h:1/update", "http://h:1/store")
    from_env = parse_spec("http://h:1/query", environ={"KGRAPH_SPARQL_STORE_URL": "http://h:1/gsp"})
    assert from_env.graph_store == "http://h:1/gsp" and from_env.update is None


def test_loading_without_a_graph_store_url_says_what_to_add(tmp_path):
    path = tmp_path / "x.nq"
    path.write_text("<https://e.org/a> <https://e.org/p> <https://e.org/o> <https://e.org/graph/g> .\n")
    with pytest.raises(StoreError, match="store=URL"):
        open_store("sparql:http://127.0.0.1:1/sparql").load_file(path)
