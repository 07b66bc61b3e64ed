"""What every answer of the server gets, whatever route made it: security headers, a bounded body, and errors as one line.

- Every response carries a Content-Security-Policy that allows nothing from elsewhere (scripts, styles, images, fetches and
  forms only from the server itself, no framing), ``nosniff`` and no referrer.
- A request body over the limit is refused with 413 before any route reads it.
- An error a user can cause (:class:`~kgraph.errors.KgraphError`) is its one line with the status that fits it: 503 for a
  query over its time limit, 502 for a store that fails; anything else is 500 with a line that says nothing of the code.
  The traceback goes to the server's log, never to the client.
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kgraph.errors import KgraphError
from kgraph.serve.sparql import text_response
from kgraph.serve.workers import Busy, QueryFailed, QueryTimeout
from kgraph.store import StoreError

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
log = logging.getLogger("kgraph.serve")


class Guard:
    """ASGI middleware: the security headers on every response, and a request body over ``max_body`` refused with 413."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await self._too_large(scope, send_with_headers)
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_body:
                await self._too_large(scope, send_with_headers)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_headers)

    async def _too_large(self, scope: Scope, send: Send) -> None:
        response = text_response(413, f"the request body is over the limit of {self.max_body:,} bytes")
        await response(scope, _nothing, send)


async def _nothing() -> Message:
    return {"type": "http.disconnect"}


STATUS = ((QueryTimeout, 503), (Busy, 503), (StoreError, 502), (QueryFailed, 400))


async def user_error(request: Request, exc: Exception) -> Response:
    """A KgraphError as its line and the status that fits it."""
    status = next((code for kind, code in STATUS if isinstance(exc, kind)), 400)
    if status >= 500:
        log.warning("%s %s: %s", request.method, request.url.path, exc)
    return text_response(status, str(exc))


async def server_error(request: Request, exc: Exception) -> Response:
    """A bug: logged with its traceback on the server, one plain line to the client."""
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return text_response(500, "the server failed to answer; its log says why")


EXCEPTION_HANDLERS = {KgraphError: user_error, Exception: server_error}
