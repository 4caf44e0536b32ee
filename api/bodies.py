"""Reading request bodies by media type, and the `Prefer` header (RFC 7240)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError

from api.problems import Problem

M = TypeVar("M", bound=BaseModel)
RAW_EMAIL = "message/rfc822"


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def is_json(media: str) -> bool:
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def unsupported(media: str, accepted: tuple[str, ...]) -> Problem:
    got = media or "no Content-Type"
    return Problem("unsupported-media-type", f"expected {' or '.join(accepted)} (got {got})",
                   headers={"Accept-Post": ", ".join(accepted)})


async def read_json(request: Request, model: type[M]) -> M:
    """The body as `model`: 415 unless JSON, 400 when not parseable, 422 when of the wrong shape."""
    media = media_type(request)
    if not is_json(media):
        raise unsupported(media, ("application/json",))
    return parse_json(await request.body(), model)


def parse_json(body: bytes, model: type[M]) -> M:
    try:
        data: Any = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Problem("malformed-request", f"the body is not valid JSON: {exc}") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
        detail = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in errors)
        raise Problem("invalid-request", detail, errors=errors) from None


def as_bytes(text: str) -> bytes:
    """A message that travelled as a JSON string; lone surrogates (valid JSON, not UTF-8) become U+FFFD."""
    return text.encode("utf-8", errors="replace")


@dataclass(frozen=True)
class Preferences:
    respond_async: bool = False
    wait: float | None = None


def parse_prefer(values: list[str]) -> Preferences:
    """`Prefer: respond-async, wait=10` → Preferences(respond_async=True, wait=10.0); unknown ones ignored."""
    respond_async, wait = False, None
    for value in values:
        for item in value.split(","):
            name, _, argument = item.split(";", 1)[0].strip().partition("=")
            name = name.strip().lower()
            if name == "respond-async":
                respond_async = True
            elif name == "wait":
                try:
                    wait = max(0.0, float(argument.strip().strip('"')))
                except ValueError:
                    pass
    return Preferences(respond_async=respond_async, wait=wait)
