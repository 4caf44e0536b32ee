"""Hostile input against every route of a real `drafter serve`: no input may get a 5xx or hold a connection.

    python -m bench.fuzz_api [--seed 18] [--examples 100] [--json out.json]

Two sources, both fixed by the seed. First schemathesis, over every operation of the app's own OpenAPI
schema, with bodies that fit the schema (positive) and bodies that break it (negative); Mailgun forms are
signed, so their bodies are read rather than stopped at the signature. Then bodies and requests no schema
describes, sent over raw sockets (`hostile_requests`): nesting 65 to 100,000 deep, huge numbers,
invalid UTF-8, NUL bytes, wrong and missing Content-Types, truncated and oversized multipart, empty bodies,
bodies shorter than their Content-Length, giant headers and paths, and clients that hang up mid-body.

The server runs with the offline backend, every adapter enabled, a 1 MiB body limit and a 1 s body
timeout (so a short body costs a second, not thirty). Reported: inputs tried, statuses seen, 5xx
answers, answers that never came or connections left open, 5xx counted in /metrics (which also sees
the requests whose client hung up), ERROR lines in the server's log, and schema-driven answers whose
status, media type, body or headers the schema does not declare. tests/test_fuzz_api.py runs it and
fails on any of those.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import random
import re
import socket
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import requests

from bench.service_throughput import Process, start_server
from tests.processes import read_until_closed

SEED = 18
EXAMPLES = 100  # per operation and generation mode
TOKEN = "fuzz-api-token"
MAILGUN_KEY = "fuzz-mailgun-key"
MAX_BODY_BYTES = 1024 * 1024
BODY_TIMEOUT_S = 1.0
ANSWER_TIMEOUT_S = BODY_TIMEOUT_S + 9.0  # a slow answer on a busy 2-core machine is not a hang
BODY_ROUTES = ("/v1/drafts", "/v1/checks", "/v1/inbound/mailgun/mime", "/v1/inbound/mailgun",
               "/v1/inbound/postmark", "/v1/inbound/sendgrid")
JSON_ROUTES = ("/v1/drafts", "/v1/checks", "/v1/inbound/postmark")
FORM_ROUTES = ("/v1/inbound/mailgun/mime", "/v1/inbound/mailgun", "/v1/inbound/sendgrid")
EMAIL = (b"From: Jane Doe <jane@customer.example>\r\nTo: support@example.com\r\nSubject: Order A-10234\r\n"
         b"Message-ID: <fuzz-%d@customer.example>\r\n\r\nMy order A-10234 has not arrived. Please help.\r\n")


@dataclass
class Report:
    seed: int
    examples: int
    schema_inputs: int = 0
    hostile_inputs: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)  # a 5xx answer: what was sent
    mismatches: list[str] = field(default_factory=list)  # a status, media type or body the schema does not declare
    no_answer: list[str] = field(default_factory=list)  # no answer in time, or the connection held open after it
    metrics_5xx: int = 0  # 5xx the server counted, hung-up clients included
    error_log_lines: list[str] = field(default_factory=list)
    operations: list[str] = field(default_factory=list)
    seconds: float = 0.0  # the whole run, the server's start and stop included
    schema_seconds: float = 0.0
    hostile_seconds: float = 0.0

    @property
    def inputs(self) -> int:
        return self.schema_inputs + self.hostile_inputs

    @property
    def failed(self) -> bool:
        return bool(self.server_errors or self.no_answer or self.metrics_5xx or self.error_log_lines
                    or self.mismatches)

    def seen(self, status: str, what: str) -> None:
        self.statuses[status] += 1
        if status.startswith("5"):
            self.server_errors.append(f"{status}: {what}")
        elif status in ("no answer", "held open"):
            self.no_answer.append(f"{status}: {what}")

    def text(self) -> str:
        statuses = ", ".join(f"{status}: {n}" for status, n in sorted(self.statuses.items()))
        lines = [
            f"seed {self.seed}, {self.examples} examples per operation and mode: {self.seconds:.1f} s in all "
            f"(schema {self.schema_seconds:.1f} s, hostile {self.hostile_seconds:.1f} s)",
            f"operations fuzzed from the schema: {len(self.operations)} ({', '.join(self.operations)})",
            f"inputs tried: {self.inputs} ({self.schema_inputs} from the schema, {self.hostile_inputs} hostile)",
            f"statuses: {statuses}",
            f"5xx answers: {len(self.server_errors)}; 5xx in /metrics: {self.metrics_5xx}; "
            f"no answer or held open: {len(self.no_answer)}; ERROR lines in the server log: "
            f"{len(self.error_log_lines)}; answers the schema does not declare: {len(self.mismatches)}",
        ]
        found = [*self.server_errors, *self.no_answer, *self.error_log_lines, *self.mismatches]
        lines += [f"  {line}" for line in found[:20]]
        return "\n".join(lines)


# -- the server ----------------------------------------------------------------------------------


@contextmanager
def fuzzed_server(workdir: Path) -> Iterator[Process]:
    server = start_server(workdir, "http://127.0.0.1:9", DRAFTER_MODEL__BACKEND="offline",
                          DRAFTER_API_TOKEN=TOKEN, DRAFTER_API__POSTMARK_TOKEN=TOKEN,
                          DRAFTER_API__SENDGRID_TOKEN=TOKEN, DRAFTER_API__MAILGUN_SIGNING_KEY=MAILGUN_KEY,
                          DRAFTER_API__MAX_BODY_BYTES=str(MAX_BODY_BYTES),
                          DRAFTER_API__BODY_TIMEOUT_SECONDS=str(BODY_TIMEOUT_S))
    try:
        yield server
    finally:
        server.stop()


def mailgun_fields(n: int) -> dict[str, str]:
    """A fresh, valid signature (each token is accepted once)."""
    timestamp, token = str(int(time.time())), f"fuzz-token-{n}"
    signature = hmac.new(MAILGUN_KEY.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    return {"timestamp": timestamp, "token": token, "signature": signature}


def metrics_5xx(url: str) -> int:
    text = requests.get(f"{url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10).text
    found = re.findall(r'^drafter_http_requests_total\{[^}]*status="5\d\d"[^}]*\} (\S+)$', text, re.MULTILINE)
    return sum(int(float(value)) for value in found)


def error_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if " ERROR " in line or line.startswith("Traceback")]


# -- schemathesis over the OpenAPI schema ----------------------------------------------------------


def fuzz_schema(url: str, seed: int, examples: int, report: Report) -> None:
    """Every operation, bodies that fit the schema and bodies that do not; each answer is also checked
    against what the schema declares (status, media type, body, headers)."""
    import hypothesis
    import schemathesis
    from schemathesis import GenerationMode
    from schemathesis.core.result import Err
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    conformance = [status_code_conformance, content_type_conformance, response_schema_conformance,
                   response_headers_conformance]

    schema = schemathesis.openapi.from_url(f"{url}/openapi.json", config=schemathesis.Config())
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {TOKEN}"
    signed = 0
    for result in schema.get_all_operations():
        if isinstance(result, Err):  # an operation schemathesis cannot read: the schema is broken
            raise result.err()
        operation = result.ok()
        report.operations.append(f"{operation.method.upper()} {operation.path}")
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @hypothesis.seed(seed)
            @hypothesis.settings(max_examples=examples, database=None, deadline=None, derandomize=False,
                                 phases=[hypothesis.Phase.generate], suppress_health_check=list(hypothesis.HealthCheck),
                                 print_blob=False)
            @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
            def send(case: Any) -> None:
                nonlocal signed
                if case.operation.path.startswith("/v1/inbound/mailgun") and isinstance(case.body, dict):
                    signed += 1
                    case.body = {**case.body, **mailgun_fields(signed)}
                report.schema_inputs += 1
                try:
                    response = case.call(base_url=url, session=session, timeout=ANSWER_TIMEOUT_S)
                except requests.RequestException as exc:
                    report.seen("no answer", f"{case.as_curl_command()} ({exc.__class__.__name__})")
                    return
                report.seen(str(response.status_code), case.as_curl_command())
                try:
                    case.validate_response(response, checks=conformance)
                except Exception as exc:  # schemathesis's failure (group): one line for the report
                    report.mismatches.append(f"{case.operation.method.upper()} {case.operation.path} "
                                             f"{response.status_code}: {str(exc).splitlines()[0]}")

            try:
                send()
            except hypothesis.errors.Unsatisfiable:  # nothing of this mode to generate (no parameters, no body)
                pass


# -- bodies no schema describes ----------------------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    name: str
    data: bytes  # everything sent, request line and headers included
    hang_up: bool = False  # close the connection right after sending, before any answer


def request(method: str, path: str, body: bytes = b"", *, content_type: str | None = None,
            headers: tuple[tuple[str, str], ...] = (), length: int | None = None, auth: bool = True) -> bytes:
    """An HTTP/1.1 request as bytes; `length` overrides the Content-Length (a short body claims more)."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    if auth:
        lines.append(f"Authorization: Bearer {TOKEN}")
    if content_type is not None:
        lines.append(f"Content-Type: {content_type}")
    if method in ("POST", "PUT", "PATCH") or body or length is not None:
        lines.append(f"Content-Length: {len(body) if length is None else length}")
    lines += [f"{name}: {value}" for name, value in headers]
    return "\r\n".join(lines).encode("latin-1") + b"\r\n\r\n" + body


def multipart(fields: dict[str, bytes], boundary: str = "fuzzboundary") -> tuple[bytes, str]:
    parts = [f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n".encode() + value + b"\r\n"
             for name, value in fields.items()]
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def nested(depth: int, rng: random.Random) -> bytes:
    opens = "".join(rng.choice(('[', '{"a":')) for _ in range(depth))
    closes = "".join("]" if o == "[" else "}" for o in reversed(re.findall(r'\[|\{"a":', opens)))
    return (opens + "1" + closes).encode()


def json_bodies(rng: random.Random) -> list[tuple[str, bytes]]:
    noise = bytes(rng.randrange(256) for _ in range(512))
    return [
        ("nested 100000 [", b"[" * 100_000),
        ("nested 100000 { unclosed", b'{"a":' * 100_000),
        ("nested 65 mixed", nested(65, rng)),
        ("nested 1000 mixed", nested(1000, rng)),
        ("nested 64 mixed (the limit)", nested(64, rng)),
        ("brackets inside a string", json.dumps({"draft": "[" * 50_000, "raw": "{" * 50_000}).encode()),
        ("integer of 5000 digits", b"1" * 5000),
        ("integer of 5000 digits in a field", b'{"draft": ' + b"9" * 5000 + b"}"),
        ("1e999999", b'{"draft": 1e999999, "raw": -1e999999}'),
        ("NaN and Infinity", b'{"draft": NaN, "raw": Infinity, "today": -Infinity}'),
        ("invalid UTF-8 in a string", b'{"draft": "caf\xe9 \xff\xfe", "raw": "\xc3\x28"}'),
        ("lone surrogate escapes", b'{"draft": "\\ud800\\udfff\\udc00", "raw": "\\ud83d"}'),
        ("NUL bytes", b'{"draft": "a\x00b", "raw": "From: a@b.example\\u0000\\r\\n\\r\\nx"}'),
        ("UTF-16 with BOM", '{"draft": "hello"}'.encode("utf-16")),
        ("UTF-8 BOM", b'\xef\xbb\xbf{"draft": "hello"}'),
        ("empty", b""),
        ("whitespace", b" \r\n\t "),
        ("a bare string", b'"just a string"'),
        ("a list", b'[1, 2, 3]'),
        ("null", b"null"),
        ("wrong types", b'{"draft": ["x"], "raw": {"a": 1}, "today": 20261123, "follow_up_date": true}'),
        ("bad dates", b'{"draft": "x", "raw": "x", "today": "2026-02-30", "follow_up_date": "99999-01-01"}'),
        ("duplicate keys", b'{"draft": "a", "draft": "b", "raw": "x", "raw": "y"}'),
        ("truncated", b'{"draft": "Dear customer, we are sor'),
        ("trailing garbage", b'{"draft": "x"} {"draft": "y"}'),
        ("random bytes", noise),
        ("postmark shapes", json.dumps({"From": 1, "FromFull": [], "To": {"a": 1}, "Headers": "x", "Attachments":
                                        [{"Content": "!!not base64", "Name": None}, 5], "RawEmail": 7}).encode()),
        ("postmark headers of every type", json.dumps({"FromFull": {"Email": "a@b.example", "Name": ["x"]},
                                                       "Headers": [[1, 2], {"Name": None, "Value": {"x": 1}},
                                                                   "x", None], "TextBody": 5}).encode()),
        ("a draft of 200 kB", json.dumps({"draft": "We are sorry. " * 15_000}).encode()),
    ]


def form_bodies(rng: random.Random, n: Iterator[int]) -> list[tuple[str, bytes, str]]:
    email = EMAIL % next(n)
    fields: dict[str, bytes] = {**{k: v.encode() for k, v in mailgun_fields(next(n)).items()},
                                "body-mime": email, "email": email}
    whole, content_type = multipart(fields)
    cuts = sorted(rng.sample(range(1, len(whole) - 1), 6))
    many, many_type = multipart({f"f{i}": b"x" for i in range(1500)})
    deep_fields, deep_type = multipart({**{k: v.encode() for k, v in mailgun_fields(next(n)).items()},
                                        "message-headers": b"[" * 100_000, "charsets": b"{" * 50_000,
                                        "envelope": b'{"to": ' + b"[" * 5000, "from": b"jane@customer.example",
                                        "headers": b"From: jane@customer.example\x00\r\n", "text": b"\xff\xfe"})
    charsets, charsets_type = multipart({"headers": b"From: jane@customer.example\r\nSubject: x\r\n",
                                         "charsets": b'{"text": "no-such-codec", "headers": "utf-32"}',
                                         "text": bytes(rng.randrange(256) for _ in range(300))})
    bodies = [(f"multipart cut at byte {cut}", whole[:cut], content_type) for cut in cuts]
    bodies += [
        ("multipart whole", whole, content_type),
        ("multipart of 1500 parts", many, many_type),
        ("multipart with deep JSON fields", deep_fields, deep_type),
        ("multipart with unknown charsets", charsets, charsets_type),
        ("multipart without a boundary", whole, "multipart/form-data"),
        ("multipart with a 300-character boundary", whole, "multipart/form-data; boundary=" + "b" * 300),
        ("multipart with another boundary", whole, "multipart/form-data; boundary=nothere"),
        ("multipart, a part header of 64 kB", b"--b\r\nContent-Disposition: form-data; name=\"" + b"n" * 65536
         + b"\"\r\n\r\nx\r\n--b--\r\n", "multipart/form-data; boundary=b"),
        ("multipart, only the boundary", b"--fuzzboundary--\r\n", content_type),
        ("multipart, empty", b"", content_type),
        ("urlencoded of 5000 pairs", b"&".join(b"a%d=b" % i for i in range(5000)), "application/x-www-form-urlencoded"),
        ("urlencoded with bad escapes", b"body-mime=%ZZ%&email=%00%ff&=&&=x", "application/x-www-form-urlencoded"),
        ("urlencoded NUL and invalid UTF-8", b"email=From:\x00\xff\xfe&headers=\xc3\x28",
         "application/x-www-form-urlencoded"),
    ]
    return bodies


def hostile_requests(seed: int) -> list[Hostile]:
    """Everything the raw-socket phase sends, the same list for the same seed."""
    rng = random.Random(seed)
    counter = iter(range(10**6))
    items: list[Hostile] = []
    for route in BODY_ROUTES:
        if route in JSON_ROUTES:
            accepted = "application/json"
            items += [Hostile(f"{route} JSON {name}", request("POST", route, body, content_type=accepted))
                      for name, body in json_bodies(rng)]
            items.append(Hostile(f"{route} a form", request("POST", route, b"draft=x&raw=y",
                                                            content_type="application/x-www-form-urlencoded")))
        else:
            accepted = "multipart/form-data; boundary=fuzzboundary"
            items += [Hostile(f"{route} {name}", request("POST", route, body, content_type=content_type))
                      for name, body, content_type in form_bodies(rng, counter)]
            items.append(Hostile(f"{route} JSON", request("POST", route, b'{"email": "x"}',
                                                          content_type="application/json")))
        for content_type in ("text/plain", "application/xml", "message/rfc822", "application/problem+json",
                             "application/x-www-form-urlencoded", "multipart/mixed; boundary=x", "*/*", ";;;",
                             "application/json; charset=latin-1", "\x7f"):
            body = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 2048)))
            items.append(Hostile(f"{route} {content_type!r} random bytes",
                                 request("POST", route, body, content_type=content_type)))
        items += [
            Hostile(f"{route} no Content-Type", request("POST", route, b'{"draft": "x"}')),
            Hostile(f"{route} empty, no Content-Type", request("POST", route)),
            Hostile(f"{route} over the size limit by Content-Length",
                    request("POST", route, b"x" * 1000, content_type=accepted, length=MAX_BODY_BYTES + 1)),
            Hostile(f"{route} over the size limit, chunked",
                    _chunked(route, [b"x" * 65536] * (MAX_BODY_BYTES // 65536 + 2), content_type=accepted)),
            Hostile(f"{route} hangs up mid-body",
                    request("POST", route, b'{"draft": "half', content_type=accepted, length=5000), hang_up=True),
            Hostile(f"{route} PUT", request("PUT", route, b"{}", content_type="application/json")),
            Hostile(f"{route} GET with a body", request("GET", route, b"abc")),
        ]
    items += _email_bodies(counter)
    items += _short_bodies()
    items += _odd_requests(rng)
    return items


def _chunked(path: str, chunks: list[bytes], *, content_type: str = "application/json") -> bytes:
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer {TOKEN}\r\n"
            f"Content-Type: {content_type}\r\nTransfer-Encoding: chunked\r\n\r\n").encode()
    return head + b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for chunk in chunks) + b"0\r\n\r\n"


def _email_bodies(counter: Iterator[int]) -> list[Hostile]:
    """Raw emails (message/rfc822) that are almost emails; `Prefer: respond-async` keeps the phase short."""
    nested_mime = "".join(f"Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n" for i in range(300))
    emails = {
        "a header line of 200 kB": b"Subject: " + b"x" * 200_000 + b"\r\n",
        "5000 Received headers": b"Received: from a by b; Fri, 20 Nov 2026 09:30:00 +0000\r\n" * 5000,
        "NUL in headers and body": b"X-Null: a\x00b\r\n",
        "MIME nested 300 deep": nested_mime.encode(),
        "an encoded word of 4000 nested ones": b"Subject: " + b"=?utf-8?b?" * 4000 + b"\r\n",
        "a date from year 99999": b"Date: Fri, 20 Nov 99999 09:30:00 +0000\r\n",
    }
    items = []
    for name, extra in emails.items():
        body = EMAIL.replace(b"\r\n\r\n", b"\r\n" + extra + b"\r\n", 1) % next(counter)
        items.append(Hostile(f"/v1/drafts email with {name}",
                             request("POST", "/v1/drafts", body, content_type="message/rfc822",
                                     headers=(("Prefer", "respond-async"),))))
    return items


def _short_bodies() -> list[Hostile]:
    """Bodies that stop arriving: each costs one body timeout."""
    email = EMAIL % 0
    return [
        Hostile("/v1/drafts short by 1000 bytes", request("POST", "/v1/drafts", email, content_type="message/rfc822",
                                                            length=len(email) + 1000)),
        Hostile("/v1/checks headers only", request("POST", "/v1/checks", content_type="application/json", length=10)),
        Hostile("/v1/inbound/sendgrid chunked, never ended",
                _chunked("/v1/inbound/sendgrid", [b"email=x"], content_type="application/x-www-form-urlencoded")[:-5]),
    ]


def _odd_requests(rng: random.Random) -> list[Hostile]:
    huge = "x" * 100_000
    return [
        Hostile("a header of 100 kB", request("GET", "/healthz", headers=(("X-Huge", huge),))),
        Hostile("1000 headers", request("GET", "/readyz", headers=tuple((f"X-H{i}", "v") for i in range(1000)))),
        Hostile("an Authorization of 100 kB", request("GET", "/metrics", auth=False,
                                                      headers=(("Authorization", "Bearer " + huge),))),
        Hostile("an Idempotency-Key of 8 kB", request("POST", "/v1/drafts", EMAIL % 1, content_type="message/rfc822",
                                                      headers=(("Idempotency-Key", "k" * 8000),))),
        Hostile("Prefer of 8 kB", request("POST", "/v1/drafts", EMAIL % 2, content_type="message/rfc822",
                                          headers=(("Prefer", "wait=1e999, " * 700),))),
        Hostile("Prefer wait=nan", request("POST", "/v1/drafts", EMAIL % 3, content_type="message/rfc822",
                                           headers=(("Prefer", "wait=nan"),))),
        Hostile("a path of 8 kB", request("GET", "/v1/drafts/" + "a" * 8000)),
        Hostile("a path with NUL and dots", request("GET", "/v1/drafts/%00%2e%2e%2f%ff")),
        Hostile("a query of 8 kB", request("POST", "/v1/drafts?today=" + "9" * 8000, EMAIL % 4,
                                           content_type="message/rfc822")),
        Hostile("today out of range", request("POST", "/v1/drafts?today=0001-01-01", EMAIL % 5,
                                              content_type="message/rfc822")),
        Hostile("Content-Length -1", request("POST", "/v1/checks", b"{}", content_type="application/json", length=-1)),
        Hostile("two Content-Lengths", request("POST", "/v1/checks", b"{}", content_type="application/json",
                                               headers=(("Content-Length", "7"),))),
        Hostile("a bad chunk size", _chunked("/v1/checks", [b"{}"]).replace(b"2\r\n{}", b"zz\r\n{}")),
        # ends its head: uvicorn has no timeout for a head that never ends (README, HTTP API: put a proxy in front)
        Hostile("not HTTP", bytes(rng.randrange(256) for _ in range(1024)) + b"\r\n\r\n"),
        Hostile("an unknown method", request("BREW", "/v1/drafts", b"{}")),
        Hostile("HTTP/1.0 without Host", b"POST /v1/checks HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}"),
    ]


def exchange(port: int, item: Hostile) -> str:
    """Send `item` and return the status it got: an HTTP status, "hung up", "closed" (the server closed
    without an answer: it refused the bytes), "no answer", or "held open" (an answer, but no close)."""
    deadline = time.monotonic() + ANSWER_TIMEOUT_S
    with socket.create_connection(("127.0.0.1", port), timeout=ANSWER_TIMEOUT_S) as sock:
        try:
            sock.sendall(item.data)
        except OSError:  # the server answered and closed before taking everything (413 by Content-Length)
            pass
        if item.hang_up:
            return "hung up"
        answer, closed = read_until_closed(sock, deadline)
        if closed:
            match = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
            return match.group(1).decode() if match else "closed"
    return "held open" if answer else "no answer"


def fuzz_hostile(port: int, seed: int, report: Report) -> None:
    for item in hostile_requests(seed):
        report.hostile_inputs += 1
        report.seen(exchange(port, item), item.name)


# -- the run ---------------------------------------------------------------------------------------


def run(seed: int = SEED, examples: int = EXAMPLES) -> Report:
    report = Report(seed=seed, examples=examples)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="drafter-fuzz-") as tmp, fuzzed_server(Path(tmp)) as server:
        phase = time.perf_counter()
        fuzz_schema(server.url, seed, examples, report)
        report.schema_seconds, phase = time.perf_counter() - phase, time.perf_counter()
        fuzz_hostile(server.port, seed, report)
        report.hostile_seconds = time.perf_counter() - phase
        time.sleep(0.2)  # the requests whose client hung up finish on the server
        report.metrics_5xx = metrics_5xx(server.url)
        report.error_log_lines = error_lines(server.log.read_text(errors="replace"))
    report.seconds = time.perf_counter() - started
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--examples", type=int, default=EXAMPLES, help="per operation and generation mode")
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args()
    report = run(args.seed, args.examples)
    print(report.text())
    if args.json:
        # asdict() turns the Counter into a Counter of its items: the statuses are put back as a dict
        figures = {**asdict(report), "statuses": dict(report.statuses), "inputs": report.inputs}
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    raise SystemExit(1 if report.failed else 0)


if __name__ == "__main__":
    main()
