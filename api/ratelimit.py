"""The model's limits are the team's limits: [model] requests_per_minute and tokens_per_minute for the model
endpoint, shared by every process that drafts.

A token bucket per endpoint (the model's base URL and name): full at start, refilled continuously at the
configured rate, one request and the call's tokens taken before each model call. With PostgreSQL the bucket
is a row that every replica and worker takes from in one UPDATE, so ten workers together send at the
configured rate, not ten times it; with SQLite (one process) it lives in memory. Tokens are taken as an
estimate before the call (the prompt's characters / 4 plus [model] max_tokens) and corrected by the usage
the server reports, so a long answer slows the next calls and a short one frees room.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Protocol

from api.store import JobStore
from drafter.model import Backend, ModelAnswer, ModelRequest
from drafter_core.settings import Settings

if TYPE_CHECKING:
    from api.store_pg import PgJobStore

MAX_WAIT_SLICE_SECONDS = 2.0  # look again at least this often: another process may have given tokens back


@dataclass(frozen=True)
class Limits:
    requests_per_minute: float | None
    tokens_per_minute: float | None

    def full(self) -> tuple[float, float]:
        return self.requests_per_minute or 0.0, self.tokens_per_minute or 0.0

    def refill(self, requests: float, tokens: float, elapsed: float) -> tuple[float, float]:
        rpm, tpm = self.requests_per_minute, self.tokens_per_minute
        return (requests if rpm is None else min(rpm, requests + elapsed * rpm / 60),
                tokens if tpm is None else min(tpm, tokens + elapsed * tpm / 60))

    def take(self, requests: float, tokens: float, elapsed: float, wanted: float) -> tuple[float, float, float]:
        """The levels after taking one request and `wanted` tokens, and 0.0; or the levels untouched and the
        seconds until there may be enough."""
        requests, tokens = self.refill(requests, tokens, elapsed)
        rpm, tpm = self.requests_per_minute, self.tokens_per_minute
        waits = [0.0]
        if rpm:
            waits.append(max(0.0, (1 - requests) * 60 / rpm))
        if tpm:
            wanted = min(wanted, tpm)  # a call bigger than a minute's tokens waits for a full bucket
            waits.append(max(0.0, (wanted - tokens) * 60 / tpm))
        if max(waits) > 0:
            return requests, tokens, max(waits)
        return requests - (1 if rpm else 0), tokens - (wanted if tpm else 0), 0.0

    def give(self, requests: float, tokens: float, elapsed: float, amount: float) -> tuple[float, float, float]:
        """The levels after the estimate was corrected by `amount` tokens (negative: the call cost more)."""
        requests, tokens = self.refill(requests, tokens, elapsed)
        if self.tokens_per_minute:
            tokens = min(self.tokens_per_minute, tokens + amount)
        return requests, tokens, 0.0


Change = Callable[[float, float, float], tuple[float, float, float]]


class Bucket(Protocol):
    async def update(self, change: Change) -> float:
        """Apply `change(requests, tokens, seconds since the last change)` to the levels, atomically."""
        ...


class MemoryBucket:
    """The bucket of one process (SQLite store: there is only one)."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.requests, self.tokens = limits.full()
        self.clock = clock
        self.at = clock()

    async def update(self, change: Change) -> float:
        now = self.clock()
        self.requests, self.tokens, result = change(self.requests, self.tokens, now - self.at)
        self.at = now
        return result


class SharedBucket:
    """The bucket as a row of drafter_rate_limits, changed by every process under its row lock."""

    def __init__(self, store: PgJobStore, name: str, limits: Limits) -> None:
        self.store, self.name, self.limits = store, name, limits

    async def update(self, change: Change) -> float:
        return await self.store.update_bucket(self.name, self.limits.full(), change)


class RateLimited:
    """A Backend that waits for the bucket before each call to the model."""

    def __init__(self, inner: Backend, bucket: Bucket, limits: Limits, max_tokens: int) -> None:
        self.inner, self.bucket, self.limits, self.max_tokens = inner, bucket, limits, max_tokens
        self.name = inner.name

    async def complete(self, request: ModelRequest) -> ModelAnswer:
        estimate = sum(len(message.get("content", "")) for message in request.messages) / 4 + self.max_tokens
        while (wait := await self.bucket.update(partial(self.limits.take, wanted=estimate))) > 0:
            await asyncio.sleep(min(wait, MAX_WAIT_SLICE_SECONDS) * random.uniform(1.0, 1.2))  # no thundering herd
        answer = await self.inner.complete(request)
        if answer.usage.total_tokens:
            await self.bucket.update(partial(self.limits.give, amount=estimate - answer.usage.total_tokens))
        return answer

    async def aclose(self) -> None:
        await self.inner.aclose()


def limited(backend: Backend, settings: Settings, store: JobStore | PgJobStore | None) -> Backend:
    """The backend, behind the configured limits when there are any (only a real model server has them)."""
    model = settings.model
    limits = Limits(model.requests_per_minute, model.tokens_per_minute)
    if backend.name != "openai" or (limits.requests_per_minute is None and limits.tokens_per_minute is None):
        return backend
    if store is None or isinstance(store, JobStore):  # one process (SQLite): its own bucket
        bucket: Bucket = MemoryBucket(limits)
    else:
        bucket = SharedBucket(store, f"{model.base_url or 'openai'} {model.name}", limits)
    return RateLimited(backend, bucket, limits, model.max_tokens)
