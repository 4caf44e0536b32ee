"""Big mail: what counts as big, and how its CPU-heavy stages run without stalling a server or bloating it.

A 10 MB email takes seconds to parse, plan, guard and assemble, and holds several times its size while it
is worked on. Its stages run in a thread (the event loop keeps answering other requests), one big mail's
stage at a time per event loop (three at once held 0.6-1.3 GB and only slowed each other on two cores),
and the memory each stage used goes back to the system when it ends (glibc keeps freed memory in its arenas
otherwise, so a server's RSS only ever grew). Small mail runs as it is: a thread hop would cost it more
than the stage itself. A server also has glibc map every large buffer on its own pages (`map_large_buffers`),
so a 10 MB body's copies are returned the moment they are freed rather than left in the heap.
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
BIG_BODIES_AT_ONCE = 1  # big requests a server holds at once, from their body's first byte to their answer
LARGE_BUFFER_BYTES = 256 * 1024  # glibc's mmap threshold; its default starts at 128 KB and floats up to 32 MB
_M_MMAP_THRESHOLD = -3  # mallopt's parameter number (malloc.h)

_turns: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()
_body_turns: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()


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
        map_large_buffers()  # servers and workers did so at start (api.serve.settle); the CLI at its first big mail
        async with _turn():
            return await asyncio.to_thread(_then_give_back, partial(stage, *args, **kwargs))


def _turn() -> asyncio.Semaphore:
    return _semaphore(_turns, BIG_STAGES_AT_ONCE)


def body_turn() -> asyncio.Semaphore:
    """A server's turn to take in a big body and answer it: BIG_BODIES_AT_ONCE per event loop. Taken before the
    body is read, so big mail waiting for its turn waits in the client's socket (uvicorn stops reading a body it
    is not asked for), not as 10 MB of bytes in this process."""
    return _semaphore(_body_turns, BIG_BODIES_AT_ONCE)


def _semaphore(per_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore],
               size: int) -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    semaphore = per_loop.get(loop)
    if semaphore is None:
        semaphore = per_loop[loop] = asyncio.Semaphore(size)
    return semaphore


def _then_give_back(work: Callable[[], T]) -> T:
    try:
        return work()
    finally:
        give_back_memory()


@cache
def map_large_buffers() -> None:
    """Have glibc's malloc give every buffer of LARGE_BUFFER_BYTES or more its own mapping, unmapped when freed.

    By default the threshold floats: each time a mapped buffer is freed it rises to that buffer's size (up to
    32 MB), so after the first 10 MB email every later 10 MB body, decoded part and joined text is carved from
    the heap, which fragments and stays resident. Fixed, three 10 MB emails at once peaked at 331-355 MB
    instead of 431 MB and the process went back to 222-225 MB instead of 300-311 MB (bench.server_cpu --big 3,
    side by side). Once per process; nothing where there is no glibc.
    """
    mallopt = _libc_function("mallopt")
    if mallopt is not None:
        mallopt(_M_MMAP_THRESHOLD, LARGE_BUFFER_BYTES)


def give_back_memory() -> None:
    """Return the heap's free memory to the system (glibc's malloc_trim); nothing where there is no glibc."""
    trim = _libc_function("malloc_trim")
    if trim is not None:
        trim(0)


@cache
def _libc_function(name: str) -> Callable[..., int] | None:
    """glibc's `name`, or None (musl, macOS: no malloc_trim or mallopt parameters of glibc's)."""
    library = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(library), name) if library else None  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None
