"""A tiny OpenAI-compatible model for the API tests: six polite sections built from drafter's own prompt.

`completion_for(payload)` answers one chat-completions request (used by respx side effects);
`StubModel` serves the same answers over HTTP on loopback, optionally slowly, and counts the requests
per customer subject, so a test can tell how often each email reached the model.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FOLLOW_UP = re.compile(r"^- follow-up date: (.+)$", re.MULTILINE)
GESTURE = re.compile(r"^- goodwill gesture: (.+)$", re.MULTILINE)
SUBJECT = re.compile(r"^Subject: (.*)$", re.MULTILINE)


def _user_prompt(payload: dict[str, Any]) -> str:
    users = [m.get("content", "") for m in payload.get("messages", []) if m.get("role") == "user"]
    return users[0] if users else ""


def subject_of(payload: dict[str, Any]) -> str:
    found = SUBJECT.search(_user_prompt(payload))
    return found.group(1).strip() if found else ""


def sections_for(payload: dict[str, Any]) -> dict[str, str]:
    prompt = _user_prompt(payload)
    follow_up = FOLLOW_UP.search(prompt)
    gesture = GESTURE.search(prompt)
    when = follow_up.group(1).strip() if follow_up else "soon"
    offer = gesture.group(1).strip() if gesture else "a small gift"
    return {
        "thank": "Thank you for writing to us and for taking the time to explain what happened.",
        "empathise": "I understand how frustrating this is; I would feel the same way if it happened to me.",
        "paraphrase": f"As I understand it, you wrote to us about “{subject_of(payload)}”.",
        "apologise": "I am sorry that we got this wrong, and sorry that it fell to you to tell us.",
        "timeline": f"I have passed your case to the team responsible. I will write to you again by {when} "
                    "with what we found and what we are doing about it.",
        "surprise": f"As a small thank-you for your patience, we would like to offer you {offer}.",
    }


def completion_for(payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "chatcmpl-stub", "object": "chat.completion", "created": 1_790_000_000,
        "model": payload.get("model", "stub"),
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": json.dumps(sections_for(payload))}}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
    }


class StubModel:
    """`with StubModel(delay=0.5) as model: model.base_url` — an OpenAI-compatible server in a thread."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.calls: Counter[str] = Counter()
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                payload = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))))
                with stub._lock:
                    stub.calls[subject_of(payload)] += 1
                time.sleep(stub.delay)
                body = json.dumps(completion_for(payload)).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> StubModel:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
