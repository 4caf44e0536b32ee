"""Two pure-ASGI layers around every request: the outer one counts and catches, the inner one bounds the body.

`Observed`: counts requests by route template and status, and turns any exception that escaped the
app into a detail-free 500 problem (logged with its traceback, never shown to the client). A client
that hung up before its answer is no error: one INFO line, counted with status "499" (nginx's "client
closed request"), no traceback, no 500.
`BodyLimit`: refuses a body over [api] max_body_bytes with 413 while it streams in: at once when
Content-Length says so, else as soon as the running total passes the limit, never after reading it all.
A body that has not arrived whole [api] body_timeout_seconds after the request's headers (a
Content-Length larger than what comes, a trickle) gets 408: uvicorn has no such timeout of its own.
Any answer sent before the body is in says `Connection: close`, so the server closes the connection
instead of waiting for the rest of a body nobody will read. A request with a big body (big mail,
drafter.parse.is_big) gives the memory it used back to the system once answered. A request that declares a
big body waits for its turn (drafter.parse.big.body_turn) before any of it is read: big mail is taken in and
answered one at a time, so three 10 MB emails at once are not all held, each two or three times over, while
one is parsed. A route that waits for the draft gives the turn back once the email is parsed and stored
(`taken_in`): the turn covers taking a big email in, not the model's time.
"""

from __future__ import annotations

import asyncio
import logging
import time

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.metrics import Metrics
from api.problems import Problem, problem_response
from drafter.parse.big import BIG_MAIL_BYTES, body_turn, give_back_memory

log = logging.getLogger("api")


CLIENT_CLOSED_REQUEST = 499
CLOSE = (b"connection", b"close")


class BodyTooLarge(HTTPException):
    """An HTTPException, so FastAPI's own body reading re-raises it instead of calling it a 400."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the body is larger than {limit} bytes ([api] max_body_bytes)")


class BodyTimeout(HTTPException):
    def __init__(self, timeout: float, received: int) -> None:
        super().__init__(408, f"the body did not arrive whole within {timeout:g} s ([api] body_timeout_seconds); "
                              f"{received} bytes came")


class BodyLimit:
    def __init__(self, app: ASGIApp, max_body_bytes: int, timeout_seconds: float) -> None:
        self.app = app
        self.limit = max_body_bytes
        self.timeout = timeout_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length", "")
        too_big = declared.isdigit() and int(declared) > self.limit
        pending = declared not in ("", "0") or "transfer-encoding" in headers  # a body is still to come
        deadline = asyncio.get_running_loop().time() + self.timeout
        received = 0

        async def limited_receive() -> Message:
            nonlocal received, pending
            if not pending:  # after the body: only http.disconnect is left to wait for, as long as it takes
                return await receive()
            if too_big:
                raise BodyTooLarge(self.limit)
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                raise BodyTimeout(self.timeout, received) from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                pending = message.get("more_body", False)
                if received > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        async def closing_send(message: Message) -> None:
            if message["type"] == "http.response.start" and pending:
                message = {**message, "headers": [*message.get("headers", []), CLOSE]}
            await send(message)

        try:
            if pending and not too_big and declared.isdigit() and int(declared) > BIG_MAIL_BYTES:
                async with _Turn(body_turn()) as turn:
                    scope.setdefault("state", {})[_TURN] = turn
                    deadline = asyncio.get_running_loop().time() + self.timeout  # from its turn on
                    await self.app(scope, limited_receive, closing_send)
            else:
                await self.app(scope, limited_receive, closing_send)
        finally:
            if received > BIG_MAIL_BYTES:
                await asyncio.to_thread(give_back_memory)


_TURN = "drafter.big_body_turn"


class _Turn:
    """A big body's turn, given back at the latest when its request is answered."""

    def __init__(self, semaphore: asyncio.Semaphore) -> None:
        self.semaphore = semaphore
        self.held = False

    async def __aenter__(self) -> _Turn:
        await self.semaphore.acquire()
        self.held = True
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self.give_back()

    def give_back(self) -> None:
        if self.held:
            self.held = False
            self.semaphore.release()


def taken_in(request: Request) -> None:
    """The request's email is read, parsed and stored: the next big body may come in while this one waits for its
    draft (three synchronous 10 MB posts would otherwise wait for each other's model calls too)."""
    turn = request.scope.get("state", {}).get(_TURN)
    if isinstance(turn, _Turn):
        turn.give_back()


class Observed:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        response_started = False

        async def observed_send(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive, observed_send)
        except ClientDisconnect:  # nobody to answer: not the server's error, and nothing was stored
            status = CLIENT_CLOSED_REQUEST
            log.info("%s %s: the client closed the connection before the body was read; not answered",
                     scope.get("method"), scope.get("path"))
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            status = 500
            if not response_started:
                problem = Problem("internal-error", "an unexpected error; it has been logged")
                await problem_response(problem, scope.get("path"))(scope, receive, send)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            self.metrics.requests.labels(route, scope.get("method", ""), str(status)).inc()
            self.metrics.request_seconds.labels(route).observe(time.perf_counter() - started)
