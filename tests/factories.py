"""Builders for typed values and model answers used across tests (no mocks of our own code)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from drafter_core.settings import Settings, default_gestures, load_settings
from drafter_core.values import Complaint, Facts, Plan

TODAY = dt.date(2026, 11, 23)  # a Monday
BASE_URL = "http://llm.test/v1"


def settings(**env: str) -> Settings:
    return load_settings(env={"OPENAI_BASE_URL": BASE_URL, "OPENAI_API_KEY": "test-key", **env})


def complaint(body: str = "My order #A-10234 for $49.99 has not arrived since 2 November.", **fields: Any) -> Complaint:
    values: dict[str, Any] = {
        "message_id": "<c1@customer.example>", "in_reply_to": None, "references": [],
        "subject": "Where is my order?", "from_name": "Jane Doe", "from_address": "jane@customer.example",
        "reply_to": "jane@customer.example", "date": dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC),
        "language": "en", "body": body, "signature": None, "attachments": [], "automated": None,
        "facts": Facts(order_numbers=["A-10234"], amounts=["$49.99"], dates=["2 November"]),
    }
    values.update(fields)
    return Complaint(**values)


def plan(follow_up: dt.date = dt.date(2026, 11, 25), language: str = "en") -> Plan:
    return Plan(today=TODAY, follow_up_date=follow_up, business_days=2, severity="normal", topic="delivery",
                gesture=default_gestures()[0], language=language)


GOOD_SECTIONS = {
    "thank": "Thank you for writing to us about your order.",
    "empathise": "I understand how frustrating it is to wait for a parcel that does not come; I would feel the same.",
    "paraphrase": "Your order #A-10234 for $49.99 has not arrived, although you expected it from 2 November.",
    "apologise": "I am sorry we let you down on this delivery.",
    "timeline": "I have asked our courier to trace the parcel and I will write to you again by "
                "Wednesday, 25 November 2026 with what we found.",
    "surprise": "As a thank-you for your patience, we would like to offer you free express shipping "
                "on your next order.",
}


def completion(content: str | dict[str, str] | None = None, *, finish_reason: str = "stop",
               refusal: str | None = None, prompt_tokens: int = 120, completion_tokens: int = 80) -> dict[str, Any]:
    if isinstance(content, dict):
        content = json.dumps(content)
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if refusal:
        message["refusal"] = refusal
    return {
        "id": "chatcmpl-test", "object": "chat.completion", "created": 1_790_000_000, "model": "gpt-4o-mini",
        "choices": [{"index": 0, "finish_reason": finish_reason, "message": message}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }
