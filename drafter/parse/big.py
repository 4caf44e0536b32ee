"""Big mail: what counts as big, and how its CPU-heavy stages run without stalling a server or bloating it.

A 10 MB email takes seconds to parse, plan, guard and assemble, and holds several times its size while it
is worked on. Its stages run in a thread (the event loop keeps answering other requests), one big mail's
stage at a time per event loop (three at once held 0.6-1.3 GB and only slowed each other on two cores),
and the memory each stage used goes back to the system when it ends (glibc keeps freed memory in its arenas
otherwise, so a server's RSS only ever grew). Small mail runs as it is: a thread hop would cost it more
than the stage itself.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import weakref
from collections.abc import Callable
from functools import cache, partial
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

BIG_MAIL_BYTES = 256 * 1024  # typical mail is 1-50 KB
BIG_STAGES_AT_ONCE = 1

_turns: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()


def is_big(raw: bytes) -> bool:
    """Is `raw` big enough that parsing it, planning, guarding and assembling its reply belong off the event loop?"""
    return len(raw) > BIG_MAIL_BYTES


class Stages:
    """Runs the synchronous stages of one email: as they are for small mail, as described above for big mail."""

    def __init__(self, big: bool) -> None:
        self.big = big

    @classmethod
    def for_mail(cls, raw: bytes) -> Stages:
        return cls(is_big(raw))

    async def run(self, stage: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        if not self.big:
            return stage(*args, **kwargs)
        async with _turn():
            return await asyncio.to_thread(_then_give_back, partial(stage, *args, **kwargs))


def _turn() -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    turn = _turns.get(loop)
    if turn is None:
        turn = _turns[loop] = asyncio.Semaphore(BIG_STAGES_AT_ONCE)
    return turn


def _then_give_back(work: Callable[[], T]) -> T:
    try:
        return work()
    finally:
        give_back_memory()


def give_back_memory() -> None:
    """Return the heap's free memory to the system (glibc's malloc_trim); nothing where there is no glibc."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None  # type: ignore[no-any-return]
    except (OSError, AttributeError):  # musl, macOS: no malloc_trim
        return None
