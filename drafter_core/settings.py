"""One settings object, read from drafter.toml (path in DRAFTER_CONFIG) and the environment.

Precedence, highest first: well-known variables (OPENAI_API_KEY, OPENAI_BASE_URL, DRAFTER_MODEL,
DRAFTER_API_TOKEN, IMAP password), then DRAFTER_<SECTION>__<KEY>, then drafter.toml, then defaults.
Built once at each edge (CLI, app startup) and passed explicitly to the stages.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator, model_validator

from drafter_core.errors import ConfigError
from drafter_core.values import Gesture

DATA_DIR = Path(__file__).resolve().parent / "data"  # the packaged defaults a support lead may copy and edit


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SupportSettings(Section):
    address: str = "support@example.com"
    name: str = "Example Support"
    signature: str = "The Example Support Team"


class CalendarSettings(Section):
    country: str = "US"
    subdivision: str | None = None
    timezone: str = "UTC"

    @model_validator(mode="after")
    def _known(self) -> CalendarSettings:
        import zoneinfo

        import holidays

        try:
            zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.timezone!r} (use an IANA name such as 'Europe/Berlin')") from exc
        try:
            holidays.country_holidays(self.country, subdiv=self.subdivision)
        except NotImplementedError as exc:
            raise ValueError(f"unknown country/subdivision {self.country!r}/{self.subdivision!r}: {exc}") from exc
        return self


class FollowUpSettings(Section):
    default_business_days: int = Field(2, ge=1, le=10)
    min_business_days: int = Field(1, ge=1, le=10)
    max_business_days: int = Field(10, ge=1, le=10)
    by_severity: dict[str, int] = Field(default_factory=lambda: {"high": 1, "normal": 2, "low": 3})

    @model_validator(mode="after")
    def _bounded(self) -> FollowUpSettings:
        if self.min_business_days > self.max_business_days:
            raise ValueError("min_business_days must not exceed max_business_days")
        for severity, days in self.by_severity.items():
            if not 1 <= days <= 10:
                raise ValueError(f"by_severity.{severity} must be between 1 and 10 business days (got {days})")
        return self


class ModelSettings(Section):
    backend: Literal["auto", "openai", "offline", "replay"] = "auto"
    name: str = "gpt-4o-mini"
    base_url: str | None = None
    api_key: SecretStr | None = None
    timeout_seconds: float = Field(30.0, gt=0)
    max_attempts: int = Field(4, ge=1, le=10)
    max_backoff_seconds: float = Field(20.0, gt=0)
    max_repairs: int = Field(2, ge=0, le=5)
    temperature: float = Field(0.3, ge=0, le=2)
    max_tokens: int = Field(1200, ge=100)
    structured_output: Literal["json_schema", "json_object"] = "json_schema"
    recordings_dir: Path | None = None
    fallback_offline: bool = True
    # The provider's limits for this endpoint, shared by every process that drafts (with PostgreSQL, by every
    # replica and worker): calls wait for room instead of all getting 429. Unset: no limit of ours.
    requests_per_minute: int | None = Field(None, ge=1)
    tokens_per_minute: int | None = Field(None, ge=100)


class DataSettings(Section):
    """What a support lead edits without touching Python: one folder, and each file in it replaceable alone.

    A file not named here is read from `dir` (default: the folder packaged with drafter).
    """

    dir: Path = DATA_DIR
    prompts_dir: Path = DATA_DIR / "prompts"
    topics_file: Path = DATA_DIR / "topics.toml"
    gestures_file: Path = DATA_DIR / "gestures.toml"
    replies_file: Path = DATA_DIR / "replies.toml"
    phrases_file: Path = DATA_DIR / "guardrails" / "phrases.toml"
    rules_file: Path = DATA_DIR / "guardrails" / "rules.toml"

    @model_validator(mode="before")
    @classmethod
    def _inside_dir(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "dir" not in data:
            return data
        folder = Path(data["dir"])
        defaults = {name: folder / path.relative_to(DATA_DIR) for name, path in DATA_FILES.items()}
        return {**defaults, **data}


class GuardrailSettings(Section):
    min_lead_business_days: int = Field(1, ge=0, le=10)
    # Links in a draft may only go to these domains and their subdomains (besides the support address's own).
    allowed_link_domains: tuple[str, ...] = ()
    # Payment details the brand itself publishes (an IBAN, "sort code 12-34-56 account 12345678", a card
    # merchant number); any other in a draft is a violation. Compared without spaces or dashes.
    allowed_payment_details: tuple[str, ...] = ()


class ApiSettings(Section):
    token: SecretStr | None = None
    # The job store and queue shared by every replica and worker: a PostgreSQL URL ("postgresql://user@host/db",
    # also DRAFTER_STORE_URL). Unset: one SQLite file, store_path, for one `drafter serve` process.
    store: SecretStr | None = None
    store_path: Path = Path("drafter.sqlite3")
    # With PostgreSQL: "in-process" drafts inside `drafter serve` as well (no separate workers needed);
    # "workers" only accepts, stores and enqueues, and `drafter worker` processes draft.
    drafting: Literal["in-process", "workers"] = "in-process"
    # A worker silent (no heartbeat) this long is taken for dead, and the jobs it held are drafted again.
    worker_lease_seconds: float = Field(30.0, ge=2)
    # Connections per process to PostgreSQL (psycopg's pool).
    store_pool_size: int = Field(10, ge=2, le=200)
    max_body_bytes: int = Field(10 * 1024 * 1024, ge=1024)
    # JSON bodies nested deeper are refused with 400 before they are parsed.
    # At most 512: Python's own JSON parser gives up near 1000 levels.
    max_json_depth: int = Field(64, ge=1, le=512)
    # The whole body must arrive within this many seconds of the request's headers, else 408.
    body_timeout_seconds: float = Field(30.0, gt=0)
    max_in_flight: int = Field(64, ge=1)
    max_queue: int = Field(1000, ge=1)
    idempotency_days: int = Field(30, ge=1)
    mailgun_signing_key: SecretStr | None = None
    mailgun_max_age_seconds: int = Field(900, ge=1)
    postmark_token: SecretStr | None = None
    sendgrid_token: SecretStr | None = None

    @field_validator("store")
    @classmethod
    def _store_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        if not value.get_secret_value().strip().startswith(("postgresql://", "postgres://")):
            raise ValueError("a PostgreSQL URL (postgresql://user:password@host:5432/database); "
                             "leave it unset for the SQLite file [api] store_path")
        return SecretStr(value.get_secret_value().strip())


class DeliverySettings(Section):
    method: Literal["none", "imap", "maildir"] = "none"
    imap_host: str = "localhost"
    imap_port: int = 993
    imap_security: Literal["tls", "starttls", "none"] = "tls"
    imap_user: str | None = None
    imap_password: SecretStr | None = None
    imap_folder: str | None = None
    imap_timeout_seconds: float = Field(30.0, gt=0)
    imap_ca_file: Path | None = None
    maildir_path: Path | None = None
    max_attempts: int = Field(4, ge=1)
    # Drafts that need review, each with its review note, go here instead of Drafts; created when missing.
    # The folder's full name as the server shows it (e.g. "Drafts/Needs review"); unset: Drafts for all.
    review_folder: str | None = None

    @field_validator("review_folder")
    @classmethod
    def _folder_name(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if any(ch in value for ch in "\r\n\x00*%\""):
            raise ValueError("a folder name without line breaks, NUL, '*', '%' or '\"'")
        return value.strip()


class TrackingSettings(Section):
    """Follow-ups kept and drafts measured, from the agent's Sent folder (drafter sync)."""

    # Every delivered draft, every reply found in Sent, every commitment, in this SQLite file. Unset: the
    # PostgreSQL job store when there is one ([api] store), else drafter-tracking.sqlite3 beside the job store
    # ([api] store_path); see Settings.tracking_store.
    store_path: Path | None = None
    # The Sent folder's full name; unset: the server's \\Sent folder (RFC 6154), else a common name.
    sent_folder: str | None = None
    # How often `drafter serve` reads Sent in the background; 0: never (run `drafter sync` instead).
    sync_interval_seconds: float = Field(300.0, ge=0)
    # A draft not sent this many days after it was delivered counts as never sent.
    never_sent_after_days: int = Field(7, ge=1)


class Settings(Section):
    support: SupportSettings = Field(default_factory=SupportSettings)
    calendar: CalendarSettings = Field(default_factory=CalendarSettings)
    follow_up: FollowUpSettings = Field(default_factory=FollowUpSettings)
    model: ModelSettings = Field(default_factory=ModelSettings)
    guardrails: GuardrailSettings = Field(default_factory=GuardrailSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
    delivery: DeliverySettings = Field(default_factory=DeliverySettings)
    tracking: TrackingSettings = Field(default_factory=TrackingSettings)
    data: DataSettings = Field(default_factory=DataSettings)
    # [[gestures]] in drafter.toml replaces the catalogue; else it is read from [data] gestures_file.
    gestures: list[Gesture] = Field(min_length=1)

    @property
    def tracking_store(self) -> Path | str:
        """The tracking ledger: the SQLite file [tracking] store_path when set; else the shared PostgreSQL job
        store ([api] store, a URL: every replica and worker records there); else a file beside the job store."""
        if self.tracking.store_path is not None:
            return self.tracking.store_path
        if self.api.store is not None:
            return self.api.store.get_secret_value()
        return self.api.store_path.with_name("drafter-tracking.sqlite3")

    @model_validator(mode="before")
    @classmethod
    def _catalogue(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "gestures" in data:
            return data
        files = DataSettings.model_validate(data.get("data", {}))
        return {**data, "gestures": read_gestures(files.gestures_file)}


DATA_FILES: dict[str, Path] = {name: field.default for name, field in DataSettings.model_fields.items()
                               if name != "dir"}


def read_gestures(path: Path) -> list[dict[str, Any]]:
    """The [[gestures]] of a catalogue file (validated as Settings.gestures)."""
    gestures = read_toml(path, "[data] gestures_file").get("gestures")
    if not isinstance(gestures, list):
        raise ConfigError(f"{path}: no [[gestures]] entries (each has name, wording, value, currency, applies_to)")
    return gestures


def default_gestures() -> tuple[Gesture, ...]:
    """The packaged gesture catalogue."""
    return tuple(Gesture.model_validate(g) for g in read_gestures(DataSettings().gestures_file))

# Well-known variables that other tools already use; they win over everything else.
WELL_KNOWN_ENV: dict[str, tuple[str, str]] = {
    "OPENAI_API_KEY": ("model", "api_key"),
    "OPENAI_BASE_URL": ("model", "base_url"),
    "DRAFTER_MODEL": ("model", "name"),
    "DRAFTER_API_TOKEN": ("api", "token"),
    "DRAFTER_STORE_URL": ("api", "store"),
    "DRAFTER_IMAP_PASSWORD": ("delivery", "imap_password"),
}


def load_settings(path: Path | str | None = None, env: dict[str, str] | None = None, *,
                  named_by: str = "--config") -> Settings:
    """Read drafter.toml (or DRAFTER_CONFIG) and the environment; raise ConfigError naming the key.

    `named_by` is where `path` came from, for the message when that file is missing (the command line's
    `--config` unless the caller says otherwise); a path found in DRAFTER_CONFIG is named as such."""
    env = dict(os.environ if env is None else env)
    if not path and env.get("DRAFTER_CONFIG"):
        path, named_by = env["DRAFTER_CONFIG"], "DRAFTER_CONFIG"
    config_path = Path(path) if path else _local_config()
    data = _beside(read_toml(config_path, named_by), config_path.parent) if config_path else {}
    _overlay_env(data, env)
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, config_path)) from None


def _beside(data: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Relative [data] paths in a config file name files beside it, wherever drafter runs from."""
    files = data.get("data")
    if isinstance(files, dict):
        data["data"] = {key: str(folder / value) if isinstance(value, str) and not Path(value).is_absolute()
                        else value for key, value in files.items()}
    return data


def _local_config() -> Path | None:
    local = Path("drafter.toml")
    return local if local.is_file() else None


def read_toml(path: Path, named_by: str) -> dict[str, Any]:
    """A data or config file as a dict; ConfigError saying which setting named the missing or broken file."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found (check {named_by})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _overlay_env(data: dict[str, Any], env: dict[str, str]) -> None:
    for name, value in env.items():
        if name.startswith("DRAFTER_") and "__" in name:
            section, _, key = name[len("DRAFTER_"):].lower().partition("__")
            data.setdefault(section, {})[key] = value
    for name, (section, key) in WELL_KNOWN_ENV.items():
        if env.get(name):
            data.setdefault(section, {})[key] = env[name]


def _describe(exc: ValidationError, path: Path | None) -> str:
    where = str(path) if path else "settings"
    problems = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"]]
        key = f"[{loc[0]}] {'.'.join(loc[1:])}" if len(loc) > 1 else loc[0] if loc else "?"
        got = f" (got {error['input']!r})" if not isinstance(error.get("input"), dict) else ""
        problems.append(f"{where}: {key.strip()}: {error['msg']}{got}")
    return "; ".join(problems)
