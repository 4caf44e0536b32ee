"""Every error drafter raises on purpose, in one place.

    DrafterError            base: message says what happened and what to do next
    ├── ConfigError         drafter.toml or the environment is invalid (names the key)
    ├── ParseError          bytes that are not a usable email (empty, binary, no headers)
    ├── ModelError          the model could not give a usable draft
    │   ├── ModelUnavailable    transport failed after retries (timeouts, 429, 5xx, resets)
    │   ├── ModelRejected       the server refused the request (400/401/403/404): no retry
    │   └── ModelOutputError    the answer was unusable (invalid JSON, refusal, truncation, missing section)
    ├── RecordingMissing    replay backend has no recording for this request
    └── DeliveryError       the draft could not be placed in the agent's mailbox

Third-party errors are translated into these at the boundary (model.py, deliver.py) and caught
once at each edge: CLI exit codes, HTTP problem details.
"""

from __future__ import annotations

from drafter_core.values import Usage


class DrafterError(Exception):
    """Base class for errors drafter raises on purpose."""


class ConfigError(DrafterError):
    """The configuration is invalid; the message names the key."""


class ParseError(DrafterError):
    """The input is not an email drafter can read."""


class ModelError(DrafterError):
    """The model did not produce a usable draft."""

    def __init__(self, message: str, *, usage: Usage | None = None, content: str = "") -> None:
        super().__init__(message)
        self.usage = usage or Usage()
        self.content = content


class ModelUnavailable(ModelError):
    """Transport failure after all retries: timeouts, connection errors, 429 or 5xx."""


class ModelRejected(ModelError):
    """The server refused the request itself (400/401/403/404); retrying cannot help."""


class ModelOutputError(ModelError):
    """The answer arrived but is unusable: invalid JSON, refusal, truncation, missing section."""


class RecordingMissing(DrafterError):
    """The replay backend has no recording for this exact request."""

    def __init__(self, message: str, *, key: str) -> None:
        super().__init__(message)
        self.key = key


class DeliveryError(DrafterError):
    """The draft could not be delivered to the agent's mailbox."""
