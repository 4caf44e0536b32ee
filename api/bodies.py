"""Reading request bodies by media type (JSON, forms kept as bytes), and the `Prefer` header (RFC 7240)."""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from api.problems import Problem

M = TypeVar("M", bound=BaseModel)
RAW_EMAIL = "message/rfc822"
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


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


# -- forms ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormPart:
    """One part of a form as it came: a plain field (`filename` None) or a file part, always as bytes.

    Bytes, not text: a raw email posted in a field must reach the parser exactly as sent, whatever
    its charset, and a provider may send the same field either way (`curl -F name=@file` or `-F name=x`).
    """

    name: str
    data: bytes
    filename: str | None = None
    content_type: str | None = None

    def text(self, charset: str | None = None) -> str:
        """The part as text: in `charset`, else the charset of its own Content-Type, else UTF-8."""
        return decode_text(self.data, charset or _charset(self.content_type))


@dataclass(frozen=True)
class Form:
    parts: tuple[FormPart, ...]
    size: int  # bytes of the request body

    def get(self, name: str) -> FormPart | None:
        """The first part called `name`, field or file part alike."""
        return next((part for part in self.parts if part.name == name), None)

    def data(self, name: str) -> bytes | None:
        part = self.get(name)
        return part.data if part is not None and part.data.strip() else None

    def text(self, name: str, charset: str | None = None) -> str | None:
        part = self.get(name)
        return part.text(charset) if part is not None else None


async def read_form(request: Request) -> Form:
    """The body as a form (multipart or urlencoded), every value as bytes: 415 for another media type,
    400 when it does not parse. The size is bounded by the BodyLimit middleware, not here."""
    media = media_type(request)
    if media == "application/x-www-form-urlencoded":
        body = await request.body()
        return Form(parse_urlencoded(body), len(body))
    if media != "multipart/form-data":
        raise unsupported(media, FORM_TYPES)
    _, params = parse_options_header(request.headers["content-type"])
    boundary = params.get(b"boundary")
    if not boundary:
        raise Problem("malformed-request", "multipart/form-data without a boundary parameter")
    reader = _MultipartReader()
    size = 0
    try:
        parser = MultipartParser(boundary, reader.callbacks())
        async for chunk in request.stream():
            size += len(chunk)
            parser.write(chunk)
        parser.finalize()
    except FormParserError as exc:
        raise Problem("malformed-request", f"the multipart body does not parse: {exc}") from None
    return Form(tuple(reader.parts), size)


def parse_urlencoded(body: bytes) -> tuple[FormPart, ...]:
    parts = []
    for pair in body.split(b"&"):
        if pair:
            name, _, value = pair.partition(b"=")
            parts.append(FormPart(name=decode_text(_unquote(name)), data=_unquote(value)))
    return tuple(parts)


def _unquote(value: bytes) -> bytes:
    return urllib.parse.unquote_to_bytes(value.replace(b"+", b" "))


class _MultipartReader:
    """python-multipart callbacks that keep every part's bytes (Starlette's own reader decodes fields)."""

    def __init__(self) -> None:
        self.parts: list[FormPart] = []
        self._headers: dict[bytes, bytes] = {}
        self._field = self._value = b""
        self._data = bytearray()

    def callbacks(self) -> Any:
        return {"on_part_begin": self._begin, "on_header_field": self._header_field,
                "on_header_value": self._header_value, "on_header_end": self._header_end,
                "on_part_data": self._part_data, "on_part_end": self._part_end}

    def _begin(self) -> None:
        self._headers, self._data = {}, bytearray()

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        self._headers.setdefault(self._field.strip().lower(), self._value.strip())
        self._field = self._value = b""

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        self._data += data[start:end]

    def _part_end(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        if b"name" not in options:
            return  # not a form field (RFC 7578 requires a name): nothing could ask for it
        filename = options.get(b"filename")
        content_type = self._headers.get(b"content-type")
        self.parts.append(FormPart(
            name=decode_text(options[b"name"]), data=bytes(self._data),
            filename=decode_text(filename) if filename is not None else None,
            content_type=decode_text(content_type) if content_type else None))


def decode_text(data: bytes, charset: str | None = None) -> str:
    """`data` in `charset` (UTF-8 when none or unknown); bytes that do not decode become U+FFFD, never an error."""
    for codec in (charset, "utf-8"):
        if codec:
            try:
                return data.decode(codec)
            except (LookupError, UnicodeDecodeError):
                continue
    return data.decode("utf-8", errors="replace")


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    _, params = parse_options_header(content_type)
    charset = params.get(b"charset")
    return charset.decode("ascii", errors="replace") if charset else None


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
