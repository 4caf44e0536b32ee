"""Reading request bodies by media type (JSON, forms kept as bytes), and the `Prefer` header (RFC 7240).

Every body is bounded before it is parsed: its size and arrival time by the BodyLimit middleware, the
nesting of JSON by [api] max_json_depth (400 body-too-deep), the parts of a form by MAX_FORM_PARTS (413).
Whatever a body holds, reading it ends in a value or a Problem, never a 500.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, MultipartState, parse_options_header

from api.problems import Problem

M = TypeVar("M", bound=BaseModel)
RAW_EMAIL = "message/rfc822"
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
# A provider's form has a few dozen fields and attachments. A part may be as large as the whole body, since
# a raw email travels as one part: its data is bounded by [api] max_body_bytes alone (its headers by
# python-multipart, 8 of at most 4 KB each).
MAX_FORM_PARTS = 1000


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def is_json(media: str) -> bool:
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def unsupported(media: str, accepted: tuple[str, ...]) -> Problem:
    got = media or "no Content-Type"
    return Problem("unsupported-media-type", f"expected {' or '.join(accepted)} (got {got})",
                   headers={"Accept-Post": ", ".join(accepted)})


async def read_body(request: Request) -> bytes:
    """The whole body, without Starlette keeping a copy on the request (`request.body()` does): a request that then
    waits for its draft would hold a 10 MB email for the model's time."""
    return b"".join([chunk async for chunk in request.stream()])


async def read_json(request: Request, model: type[M]) -> M:
    """The body as `model`: 415 unless JSON, 400 when not parseable or nested deeper than
    [api] max_json_depth, 422 when of the wrong shape."""
    media = media_type(request)
    if not is_json(media):
        raise unsupported(media, ("application/json",))
    return parse_json(await read_body(request), model, request.app.state.settings.api.max_json_depth)


def parse_json(body: bytes, model: type[M], max_depth: int) -> M:
    data = load_json(body, max_depth)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
        detail = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in errors)
        raise Problem("invalid-request", detail, errors=errors) from None


_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)  # brackets inside strings do not nest
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]++")
_NESTING_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def load_json(data: bytes | str, max_depth: int, *, lenient_utf8: bool = False) -> Any:
    """`data` parsed as JSON, or Problem 400: `body-too-deep` when its arrays and objects nest deeper than
    `max_depth` (found before parsing, so no input makes the parser recurse without end), else
    `malformed-request` for anything that does not parse, integers over Python's 4300 digits included.
    Bytes are decoded as RFC 8259 allows (UTF-8, or UTF-16/32 when they start so); `lenient_utf8` reads
    bytes that do not decode as U+FFFD rather than refusing them."""
    if isinstance(data, str):
        text = data
    else:
        try:
            text = data.decode(json.detect_encoding(data), errors="replace" if lenient_utf8 else "strict")
        except UnicodeDecodeError as exc:
            raise Problem("malformed-request", f"the body is not valid JSON: {exc}") from None
    if json_depth(text) > max_depth:
        raise Problem("body-too-deep", f"the JSON nests arrays and objects more than {max_depth} deep "
                      "([api] max_json_depth)")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:  # ValueError: JSONDecodeError, and the integer digit limit
        raise Problem("malformed-request", f"the body is not valid JSON: {exc}") from None


def json_depth(text: str) -> int:
    """How deep the arrays and objects of JSON `text` nest (0 for a scalar), counted without parsing it."""
    brackets = _NOT_A_BRACKET.sub("", _JSON_STRING.sub("", text))
    return max(accumulate(map(_NESTING_STEP.__getitem__, brackets), initial=0))


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
    400 when it does not parse, 413 for more than MAX_FORM_PARTS parts. The body's size (and time to
    arrive) is bounded by the BodyLimit middleware, not here."""
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
    if parser.state != MultipartState.END:  # cut short: its last part would be lost without a word
        raise Problem("malformed-request", "the multipart body ends before its closing boundary")
    return Form(tuple(reader.parts), size)


def parse_urlencoded(body: bytes) -> tuple[FormPart, ...]:
    if body.count(b"&") >= MAX_FORM_PARTS:
        raise too_many_parts()
    parts = []
    for pair in body.split(b"&"):
        if pair:
            name, _, value = pair.partition(b"=")
            parts.append(FormPart(name=decode_text(_unquote(name)), data=_unquote(value)))
    return tuple(parts)


def too_many_parts() -> Problem:
    return Problem("body-too-large", f"the form has more than {MAX_FORM_PARTS} parts")


def _unquote(value: bytes) -> bytes:
    return urllib.parse.unquote_to_bytes(value.replace(b"+", b" "))


class _MultipartReader:
    """python-multipart callbacks that keep every part's bytes (Starlette's own reader decodes fields)."""

    def __init__(self) -> None:
        self.parts: list[FormPart] = []
        self._headers: dict[bytes, bytes] = {}
        self._field = self._value = b""
        self._data = bytearray()
        self._started = 0

    def callbacks(self) -> Any:
        return {"on_part_begin": self._begin, "on_header_field": self._header_field,
                "on_header_value": self._header_value, "on_header_end": self._header_end,
                "on_part_data": self._part_data, "on_part_end": self._part_end}

    def _begin(self) -> None:
        self._started += 1
        if self._started > MAX_FORM_PARTS:
            raise too_many_parts()
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
