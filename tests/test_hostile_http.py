"""Issue 18: no input makes the server misbehave. Over a real socket to a real `drafter serve`: JSON nested
100,000 deep is a 4xx problem, a body over the limit is 413 before it is read, a body that stops arriving
is 408 within [api] body_timeout_seconds and the connection is closed, an answer given before the body is
in closes the connection, and a client that hangs up mid-body is no error (no ERROR line, counted as 499,
never as 500, nothing stored). In process: the exact bounds of JSON nesting and of forms.
"""

from __future__ import annotations

import re
import select
import socket
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from api.bodies import MAX_FORM_PARTS, json_depth, load_json
from api.problems import Problem
from bench.fuzz_api import MAILGUN_KEY, mailgun_fields, multipart
from bench.service_throughput import Process, start_server
from tests.api_support import email_bytes, make_app, make_settings, running
from tests.processes import read_until_closed

pytestmark = pytest.mark.slow
TOKEN = "hostile-http-token"
MAX_BODY_BYTES = 1024 * 1024
BODY_TIMEOUT_S = 2.0
SLACK_S = 3.0  # a busy 2-core machine answers late; a held connection never answers at all
AUTH = {"Authorization": f"Bearer {TOKEN}"}
JSON = {**AUTH, "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Process]:
    workdir = tmp_path_factory.mktemp("hostile")
    process = start_server(workdir, "http://127.0.0.1:9", DRAFTER_MODEL__BACKEND="offline",
                           DRAFTER_API_TOKEN=TOKEN, DRAFTER_API__POSTMARK_TOKEN=TOKEN,
                           DRAFTER_API__SENDGRID_TOKEN=TOKEN, DRAFTER_API__MAILGUN_SIGNING_KEY=MAILGUN_KEY,
                           DRAFTER_API__MAX_BODY_BYTES=str(MAX_BODY_BYTES),
                           DRAFTER_API__BODY_TIMEOUT_SECONDS=str(BODY_TIMEOUT_S))
    yield process
    process.stop()


# -- talking over a socket -------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    status: int | None
    headers: dict[str, str]
    body: bytes
    seconds: float  # from the end of sending to the connection's close
    closed: bool  # the server closed the connection (else the deadline passed first)


def head(method: str, path: str, *, length: int, content_type: str, auth: bool = True) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Type: {content_type}",
             f"Content-Length: {length}"]
    if auth:
        lines.append(f"Authorization: Bearer {TOKEN}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def first_part(content_type: str) -> bytes:
    """The start of a body of this type that parses as far as it goes: the rest is what never comes."""
    email = email_bytes("<never-finished@customer.example>")
    if content_type.startswith("multipart/"):
        return b'--b\r\nContent-Disposition: form-data; name="email"\r\n\r\n' + email
    return b'{"draft": "' + email.replace(b"\n", b" ") if "json" in content_type else email


def read_answer(sock: socket.socket, started: float, deadline: float) -> Answer:
    """Read until the server closes the connection or `deadline` (time.monotonic) passes."""
    data, closed = read_until_closed(sock, deadline)
    return parse(data, time.monotonic() - started, closed)


def parse(data: bytes, seconds: float, closed: bool) -> Answer:
    header_block, _, body = data.partition(b"\r\n\r\n")
    lines = header_block.decode("latin-1").split("\r\n")
    match = re.match(r"HTTP/1\.1 (\d{3})", lines[0])
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
    return Answer(int(match.group(1)) if match else None, headers, body, seconds, closed)


def exchange(server: Process, data: bytes, *, wait: float) -> Answer:
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(data)
        started = time.monotonic()
        return read_answer(sock, started, started + wait)


def problem_type(answer: Answer) -> str:
    assert answer.headers.get("content-type") == "application/problem+json", answer
    return str(httpx.Response(200, content=answer.body).json()["type"]).rsplit(":", 1)[1]


def metric(server: Process, route: str, status: str) -> float:
    text = httpx.get(f"{server.url}/metrics", headers=AUTH).text
    pattern = rf'^drafter_http_requests_total\{{method="POST",route="{re.escape(route)}",status="{status}"\}} (\S+)$'
    match = re.search(pattern, text, re.MULTILINE)
    return float(match.group(1)) if match else 0.0


def jobs(server: Process) -> int:
    with closing(sqlite3.connect(f"file:{server.log.parent / 'jobs.sqlite3'}?mode=ro", uri=True)) as db:
        return int(db.execute("SELECT count(*) FROM jobs").fetchone()[0])


def log_size(server: Process) -> int:
    return server.log.stat().st_size


def log_since(server: Process, offset: int) -> str:
    return server.log.read_bytes()[offset:].decode(errors="replace")


# -- nesting -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("route", "status"), [("/v1/drafts", 400), ("/v1/checks", 400),
                                               ("/v1/inbound/postmark", 403)])  # Postmark's "do not retry"
@pytest.mark.parametrize("body", [b"[" * 100_000, b'{"a":' * 100_000, b"[" * 65 + b"]" * 65],
                         ids=["100000 [", "100000 {", "65 deep"])
def test_json_nested_too_deep_is_a_problem_not_a_500(server: Process, route: str, status: int, body: bytes) -> None:
    response = httpx.post(f"{server.url}{route}", content=body, headers=JSON, timeout=30)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "urn:drafter:problem:body-too-deep"
    assert "64" in response.json()["detail"]


def test_json_fields_of_a_form_nested_too_deep_are_read_as_absent(server: Process) -> None:
    """Mailgun's message-headers and SendGrid's charsets/envelope are JSON inside a form: too deep is broken,
    and the rest of the form is still an email (accepted), never a 500."""
    mailgun, mailgun_type = multipart({**{k: v.encode() for k, v in mailgun_fields(1).items()},
                                       "message-headers": b"[" * 100_000, "from": b"jane@customer.example",
                                       "subject": b"Order A-1", "body-plain": b"It has not arrived."})
    sendgrid, sendgrid_type = multipart({"charsets": b"{" * 100_000, "envelope": b'{"to": ' + b"[" * 50_000,
                                         "from": b"joe@customer.example", "subject": b"Order A-2",
                                         "text": b"It has not arrived either."})
    for route, body, content_type in (("/v1/inbound/mailgun", mailgun, mailgun_type),
                                      ("/v1/inbound/sendgrid", sendgrid, sendgrid_type)):
        response = httpx.post(f"{server.url}{route}", content=body, headers={**AUTH, "Content-Type": content_type})
        assert response.status_code == 200, (route, response.text)


# -- size ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("route", "content_type"), [("/v1/drafts", "message/rfc822"),
                                                     ("/v1/checks", "application/json"),
                                                     ("/v1/inbound/sendgrid", "multipart/form-data; boundary=b")])
def test_a_body_declared_over_the_limit_is_413_at_once_and_the_connection_closes(
        server: Process, route: str, content_type: str) -> None:
    answer = exchange(server, head("POST", route, length=MAX_BODY_BYTES + 1, content_type=content_type) + b"x" * 100,
                      wait=BODY_TIMEOUT_S + SLACK_S)
    assert answer.status == 413 and problem_type(answer) == "body-too-large"
    assert answer.closed and answer.seconds < BODY_TIMEOUT_S  # not read, not waited for
    assert answer.headers.get("connection") == "close"


def test_a_chunked_body_over_the_limit_is_413_once_it_passes_the_limit(server: Process) -> None:
    chunk = b'"' + b"x" * 65534 + b'"'
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(b"POST /v1/checks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n" + f"Authorization: Bearer {TOKEN}\r\n\r\n".encode())
        sent = 0
        try:
            while sent <= MAX_BODY_BYTES + len(chunk):
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
        except OSError:  # the server answered and closed: what the test is for
            pass
        started = time.monotonic()
        answer = read_answer(sock, started, started + SLACK_S)
    assert answer.status == 413 and problem_type(answer) == "body-too-large"
    assert answer.closed


# -- time --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("route", "content_type"), [("/v1/drafts", "message/rfc822"),
                                                     ("/v1/checks", "application/json"),
                                                     ("/v1/inbound/postmark", "application/json"),
                                                     ("/v1/inbound/sendgrid", "multipart/form-data; boundary=b")])
def test_a_body_shorter_than_its_content_length_gets_408_and_the_connection_closes(
        server: Process, route: str, content_type: str) -> None:
    answer = exchange(server, head("POST", route, length=10_000, content_type=content_type) + first_part(content_type),
                      wait=BODY_TIMEOUT_S + SLACK_S)
    assert answer.status == 408 and problem_type(answer) == "body-timeout", answer
    assert answer.closed and answer.headers.get("connection") == "close"
    assert BODY_TIMEOUT_S - 0.5 < answer.seconds < BODY_TIMEOUT_S + SLACK_S


def test_a_body_that_trickles_in_gets_408_when_the_whole_body_is_late(server: Process) -> None:
    """A byte every 0.2 s never leaves the connection idle: the timeout is for the whole body, not a pause."""
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(head("POST", "/v1/drafts", length=10_000, content_type="message/rfc822"))
        started = time.monotonic()
        while time.monotonic() < started + BODY_TIMEOUT_S + SLACK_S:
            if select.select([sock], [], [], 0.2)[0]:
                break  # the answer is there
            try:
                sock.sendall(b"x")
            except OSError:  # closed: the answer is in the socket's buffer, or was lost with a reset
                break
        answer = read_answer(sock, started, started + BODY_TIMEOUT_S + SLACK_S)
    assert answer.status == 408 and answer.closed, answer
    assert answer.seconds < BODY_TIMEOUT_S + SLACK_S


def test_an_answer_given_before_the_body_is_in_closes_the_connection(server: Process) -> None:
    """401 needs no body. Without `Connection: close` uvicorn would keep waiting for the rest of it, and every
    byte the client trickles in would hold the connection open for good."""
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(head("POST", "/v1/drafts", length=10_000, content_type="message/rfc822", auth=False) + b"From:")
        started = time.monotonic()
        deadline = started + BODY_TIMEOUT_S + SLACK_S
        data, closed = b"", False
        while time.monotonic() < deadline and not closed:
            if select.select([sock], [], [], 0.2)[0]:
                try:
                    chunk = sock.recv(65536)
                except ConnectionResetError:
                    chunk = b""
                data, closed = data + chunk, not chunk
            else:
                try:
                    sock.sendall(b"x")
                except OSError:
                    closed = True
        answer = parse(data, time.monotonic() - started, closed)
    assert answer.status == 401
    assert answer.headers.get("connection") == "close"
    assert answer.closed and answer.seconds < BODY_TIMEOUT_S  # closed at once, not when the body timeout fires


# -- hanging up --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("route", "content_type"), [("/v1/drafts", "message/rfc822"),
                                                     ("/v1/checks", "application/json"),
                                                     ("/v1/inbound/sendgrid", "multipart/form-data; boundary=b")])
def test_a_client_that_hangs_up_mid_body_is_no_error(server: Process, route: str, content_type: str) -> None:
    offset, stored = log_size(server), jobs(server)
    before_499, before_500 = metric(server, route, "499"), metric(server, route, "500")
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(head("POST", route, length=10_000, content_type=content_type) + first_part(content_type))
        time.sleep(0.2)  # the server is reading the body
    deadline = time.monotonic() + SLACK_S
    while metric(server, route, "499") == before_499 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert metric(server, route, "499") == before_499 + 1  # seen, and counted as the client's doing
    assert metric(server, route, "500") == before_500
    logged = log_since(server, offset)
    assert "ERROR" not in logged and "Traceback" not in logged, logged
    assert jobs(server) == stored


def test_the_server_logged_no_error_for_any_of_it(server: Process) -> None:
    logged = server.log.read_text(errors="replace")
    assert "ERROR" not in logged and "Traceback" not in logged, logged


# -- the bounds, in process ------------------------------------------------------------------------------


def test_json_depth_counts_arrays_and_objects_but_not_brackets_in_strings() -> None:
    assert json_depth('"[[[["') == 0
    assert json_depth('{"a": [1, {"b": "]]]}\\"[["}], "c": []}') == 3
    assert json_depth("[" * 10 + "]" * 10) == 10
    assert json_depth("]]]") == 0  # not JSON: the parser says so, not the depth


def test_load_json_takes_the_limit_and_refuses_one_more() -> None:
    assert load_json(b"[" * 64 + b"]" * 64, 64) == load_json("[" * 64 + "]" * 64, 512)
    with pytest.raises(Problem) as deeper:
        load_json(b"[" * 65 + b"]" * 65, 64)
    assert (deeper.value.status, deeper.value.slug) == (400, "body-too-deep")
    assert load_json(b"[" * 512 + b"]" * 512, 512)  # the highest setting parses: no RecursionError


@pytest.mark.parametrize("body", [b"1" * 5000, b'{"a": -' + b"9" * 4400 + b"}", b"\xff\xfe\x00", b"", b"[1,",
                                  b'"\\ud800', b"{" * 10 + b"]" * 10])
def test_load_json_refuses_what_does_not_parse_with_400(body: bytes) -> None:
    with pytest.raises(Problem) as refused:
        load_json(body, 64)
    assert (refused.value.status, refused.value.slug) == (400, "malformed-request")


async def test_a_form_of_too_many_parts_is_413(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, DRAFTER_API__SENDGRID_TOKEN=TOKEN)
    many, many_type = multipart({f"f{i}": b"x" for i in range(MAX_FORM_PARTS + 1)})
    enough, enough_type = multipart({**{f"f{i}": b"x" for i in range(MAX_FORM_PARTS - 1)},
                                     "email": email_bytes("<parts@customer.example>")})
    pairs = b"&".join(b"f%d=x" % i for i in range(MAX_FORM_PARTS + 1))
    async with running(make_app(settings)) as client:
        post = client.post
        too_many = await post("/v1/inbound/sendgrid", content=many, headers={**AUTH, "Content-Type": many_type})
        just_enough = await post("/v1/inbound/sendgrid", content=enough, headers={**AUTH, "Content-Type": enough_type})
        urlencoded = await post("/v1/inbound/sendgrid", content=pairs,
                                headers={**AUTH, "Content-Type": "application/x-www-form-urlencoded"})
    assert too_many.status_code == 413 and "1000 parts" in too_many.json()["detail"]
    assert just_enough.status_code == 200, just_enough.text
    assert urlencoded.status_code == 413


async def test_a_multipart_body_cut_before_its_closing_boundary_is_400(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, DRAFTER_API__SENDGRID_TOKEN=TOKEN)
    whole, content_type = multipart({"email": email_bytes("<cut@customer.example>")})
    async with running(make_app(settings)) as client:
        cut = await client.post("/v1/inbound/sendgrid", content=whole[:-30],
                                headers={**AUTH, "Content-Type": content_type})
    assert cut.status_code == 400
    assert "closing boundary" in cut.json()["detail"]
