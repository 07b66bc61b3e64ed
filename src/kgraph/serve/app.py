"""The ASGI application: its routes, the middleware every answer goes through, and the workers' start and stop.

``/`` the corpus and its claims, ``/sparql`` the SPARQL 1.1 Protocol, ``/query`` the query page, ``/graph`` the explorer
and its JSON, ``/static/NAME`` the site's own files (a fixed list: a path never reaches the file system), and every other
path the Linked Data view of the IRI it stands for.
"""

from __future__ import annotations

import gc
import urllib.parse
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from importlib.resources import files
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from kgraph.serve import LOOPBACK, Settings, explorer, linked, querypage, security, sparql
from kgraph.serve.current import Current
from kgraph.serve.pages import Pages
from kgraph.serve.workers import Pool


def _vis(name: str) -> Path:
    from kgraph.viz.html import pyvis_lib

    return pyvis_lib() / name


STATIC = {
    "site.css": (lambda: Path(str(files("kgraph.serve") / "static" / "site.css")), "text/css; charset=utf-8"),
    "explorer.js": (lambda: Path(str(files("kgraph.serve") / "static" / "explorer.js")), "text/javascript; charset=utf-8"),
    "vis-network.min.js": (lambda: _vis("vis-network.min.js"), "text/javascript; charset=utf-8"),
    "vis-network.css": (lambda: _vis("vis-network.css"), "text/css; charset=utf-8"),
}


@cache
def _static_bytes(name: str) -> bytes:
    return STATIC[name][0]().read_bytes()


class Site:
    """What the routes share: the settings, the current graph, the workers and the pages."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool = Pool(settings.threads, settings.timeout)
        self.current = Current(settings, self.pool)
        self.pages = Pages(self)
        self._resolvers: dict[str, linked.Resolver] = {}

    def resolver(self, served) -> linked.Resolver:
        if served.base not in self._resolvers:
            self._resolvers[served.base] = linked.Resolver(served.base, self.settings.base_url)
        return self._resolvers[served.base]

    def endpoint_url(self, request: Request) -> str:
        """The endpoint's own URL for the service description: under --base-url's origin when given."""
        if self.settings.base_url:
            parts = urllib.parse.urlsplit(self.settings.base_url)
            return f"{parts.scheme}://{parts.netloc}/sparql"
        return str(request.url.replace(query="", fragment=""))


async def index(request: Request) -> Response:
    """The corpus, its counts and its claims, filtered by the words of ``?q=``."""
    site = request.app.state.site
    served = await site.current.get()
    words = request.query_params.get("q", "")
    key = ("index", words, tuple(site.current.problems))
    body = served.responses.get(key)
    if body is None:
        body = site.pages.index(served, words).encode("utf-8")
        served.remember(key, body)
    return HTMLResponse(body)


async def static(request: Request) -> Response:
    """One of the site's own files, by a name from a fixed list."""
    name = request.path_params["name"]
    if name not in STATIC:
        return sparql.text_response(404, "no such file")
    return Response(_static_bytes(name), media_type=STATIC[name][1], headers={"Cache-Control": "max-age=3600"})


def allowed_hosts(settings: Settings) -> list[str]:
    """Host headers the server answers: on the loopback only its own names (no DNS rebinding), else any."""
    if settings.host not in LOOPBACK and not settings.host.startswith("127."):
        return ["*"]
    hosts = ["127.0.0.1", "localhost", settings.host]
    if settings.base_url:
        hosts.append(urllib.parse.urlsplit(settings.base_url).hostname or "")
    return sorted(set(filter(None, hosts)))


def create() -> Starlette:
    """The application of one server process, from the settings the command exported (uvicorn's factory)."""
    return make_app(Settings.from_environment())


def make_app(settings: Settings) -> Starlette:
    """The application for these settings; its lifespan starts the workers and builds (or reads) the graph."""
    site = Site(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await site.current.start()
        gc.freeze()  # the graph, its inference and the imports live as long as the process: keep them out of every collection
        try:
            yield
        finally:
            site.pool.close()

    routes = [
        Route("/", index, methods=["GET", "HEAD"]),
        Route("/sparql", sparql.endpoint, methods=["GET", "POST"]),
        Route("/query", querypage.page, methods=["GET", "POST"]),
        Route("/graph", explorer.page, methods=["GET", "HEAD"]),
        Route("/graph/neighbours", explorer.neighbours, methods=["GET"]),
        Route("/static/{name}", static, methods=["GET", "HEAD"]),
        Route("/{path:path}", linked.resource, methods=["GET", "HEAD"]),
    ]
    middleware = [
        Middleware(security.Guard, max_body=settings.max_body),
        Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(settings)),
        Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"], allow_headers=["Accept", "Content-Type"], max_age=600),
    ]
    app = Starlette(routes=routes, middleware=middleware, exception_handlers=security.EXCEPTION_HANDLERS, lifespan=lifespan)
    app.state.site = site
    return app

