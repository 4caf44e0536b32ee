"""The recordings a corpus replays from: what made them (their `meta`), which day they are for, and pruning.

A recording is `<key>.json` = {"key", "meta", "request", "response"} (drafter/model.py). `meta` says
honestly what answered: drafter's own stub, or which OpenAI-compatible server.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from pathlib import Path
from typing import Annotated, Any

import click
import httpx
from pydantic import BaseModel, BeforeValidator, ConfigDict

from drafter.model import Recorder
from drafter.replay.values import EmailRecord
from drafter_core.settings import Settings

RECORDING_NAME = re.compile(r"^[0-9a-f]{64}\.json$")

__all__ = ["RECORDING_NAME", "RecordingMeta", "TrackingRecorder", "describe_server", "prune_recordings", "read_meta",
           "record_command", "recorded_today", "recordings_in", "sources_of", "unused_recordings"]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


# Meta written by hand or by older tools is read as it is: any value as text, a flag only when it is one.
Text = Annotated[str | None, BeforeValidator(_text)]
Flag = Annotated[bool | None, BeforeValidator(_flag)]


class RecordingMeta(BaseModel):
    """A recording's `meta`. Written by `--record`; read back leniently (any recorder's, any age)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    recorded_by: Text = None
    requested_model: Text = None
    today: Text = None
    real_model: Flag = None
    server: Text = None
    stub_mode: Text = None
    server_models: Text = None
    recorded_with: Text = None
    note: Text = None
    model: Text = None  # older recordings: the model asked for, and where
    base_url: Text = None

    def describe(self) -> str:
        """What made the recording, in one line for the report."""
        if self.recorded_with:
            return self.recorded_with
        recorder = "an unknown recorder" if self.recorded_by is None else self.recorded_by
        return f"{recorder} against {self.model or '?'} at {self.base_url or '?'}"

    def to_json(self) -> dict[str, object]:
        """The `meta` object written into each recording (the keys that are set)."""
        return self.model_dump(mode="json", exclude_none=True)


class TrackingRecorder(Recorder):
    """A Recorder that also remembers which keys this run wrote (for --prune)."""

    def __init__(self, directory: Path, meta: RecordingMeta) -> None:
        super().__init__(directory, meta.to_json())
        self.keys: set[str] = set()

    def save(self, payload: dict[str, Any], response: dict[str, Any]) -> Path:
        path = super().save(payload, response)
        self.keys.add(path.stem)
        return path


def describe_server(settings: Settings, today: dt.date) -> RecordingMeta:
    """Recording metadata that says honestly what answered: drafter's stub is recognised by GET /models."""
    from drafter.replay.stub_model import OWNER

    model = settings.model
    base = (model.base_url or "https://api.openai.com/v1").rstrip("/")
    models = _listed_models(base, settings)
    stub = next((m for m in models if m.get("owned_by") == OWNER), None)
    if stub:
        mode = str(stub.get("id", "")).removeprefix("drafter-stub-")
        return RecordingMeta(
            recorded_by="drafter replay --record", requested_model=model.name, today=today.isoformat(),
            real_model=False, server="drafter.replay.stub_model on a local port", stub_mode=mode,
            recorded_with=f"drafter's model-shaped stub (python -m drafter.replay.stub_model --mode {mode}), "
                          "not a real model",
            note="No real model was reachable: these answers were written by drafter's own "
                 "deterministic stub. They show how drafter handles a well-behaved model, "
                 "not what a real model writes.")
    ids = ", ".join(str(m.get("id")) for m in models[:5]) or "unknown (GET /models gave nothing)"
    # Anything but drafter's own stub is a model server: its answers are a real model's.
    return RecordingMeta(recorded_by="drafter replay --record", requested_model=model.name, today=today.isoformat(),
                         real_model=True, server=base, server_models=ids,
                         recorded_with=f"a real model: the OpenAI-compatible server at {base} serving {ids} "
                                       f"(asked for {model.name})")


def _listed_models(base: str, settings: Settings) -> list[dict[str, object]]:
    """GET /models as the server answers it; nothing when it does not."""
    model = settings.model
    headers = {"Authorization": f"Bearer {model.api_key.get_secret_value()}"} if model.api_key else {}
    try:
        answer = httpx.get(f"{base}/models", headers=headers, timeout=min(model.timeout_seconds, 10))
        listed = answer.json()["data"]
        return [m for m in listed if isinstance(m, dict)]
    except (httpx.HTTPError, ValueError, KeyError, TypeError):
        return []


def read_meta(path: Path) -> RecordingMeta:
    """The `meta` of one recording; empty when the file has none or cannot be read."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("meta")
        return RecordingMeta.model_validate(meta if isinstance(meta, dict) else {})
    except (OSError, ValueError, AttributeError):  # ValidationError is a ValueError
        return RecordingMeta()


def recordings_in(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.glob("*.json") if RECORDING_NAME.match(p.name))


def recorded_today(directory: Path) -> dt.date | None:
    """The one day every recording here was made for (the prompt holds dates computed from it), if any."""
    days = {read_meta(p).today for p in recordings_in(directory)}
    if len(days) != 1:
        return None
    try:
        return dt.date.fromisoformat(str(days.pop()))
    except ValueError:
        return None


def sources_of(cassettes: Path, used: set[str]) -> list[str]:
    """What the recordings this run used say they were made with (their `meta`)."""
    paths = [cassettes / f"{key}.json" for key in used]
    return sorted({read_meta(path).describe() for path in paths if path.is_file()})


def unused_recordings(cassettes: Path, used: set[str]) -> list[str]:
    """The recordings in `cassettes` no request of this run asked for (file names)."""
    return [p.name for p in recordings_in(cassettes) if p.stem not in used]


def record_command(directory: Path, name: str, today: dt.date, recordings: Path | None,
                   config: str | None) -> str:
    """The exact command that records one email's model answers."""
    parts = ["drafter", *(["--config", config] if config else []), "replay", str(directory), "--record",
             "--today", today.isoformat(), *(["--recordings", str(recordings)] if recordings else []),
             "--only", name]
    return " ".join(shlex.quote(p) for p in parts)


def prune_recordings(cassettes: Path, unused: list[str], emails: list[EmailRecord]) -> None:
    """Delete the recordings no email used, unless a draft failed (its old recordings may be the only ones)."""
    if any(r.status == "failed" for r in emails):
        click.echo("drafter replay: not pruning: some drafts failed, so their old recordings may still be "
                   "the only ones", err=True)
        return
    for name in unused:
        (cassettes / name).unlink()
    click.echo(f"drafter replay: pruned {len(unused)} unused recording(s) from {cassettes}", err=True)

