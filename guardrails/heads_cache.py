"""The first tokens of each phrase-book entry, remembered between processes.

Working them out from the parsed regex is 40% of loading the phrase books (about 2.7 s of CPU for the four
languages), and every process (`drafter check`, each `serve --workers` process, each worker) loads them. The
answer depends only on the entry's text and the Python version, so it is kept in a small JSON file under the
user's cache folder ($DRAFTER_CACHE_DIR, else $XDG_CACHE_HOME/drafter, else ~/.cache/drafter) and reused; an
edited entry is simply a new key. Only speed depends on this file: a missing, unreadable, unwritable or corrupt
one is recomputed, and deleting it is always safe.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

_VERSION = 1  # bump when first_tokens changes what it returns for the same entry
_MAX_ENTRIES = 30_000  # the four languages' books hold about 5,300: room for edits, not for every entry ever seen
Heads = frozenset[str] | None


def cache_file() -> Path | None:
    """Where the cache is kept; None when there is nowhere (no home folder and no variable set): then none is."""
    folder = os.environ.get("DRAFTER_CACHE_DIR")
    if not folder:
        try:
            folder = str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "drafter")
        except RuntimeError:  # a user with no home (a container's system user without HOME)
            return None
    return Path(folder) / f"phrase-heads-v{_VERSION}-py{sys.version_info[0]}.{sys.version_info[1]}.json"


class HeadsCache:
    """Entry text -> its first tokens (None: cannot be listed), read from disk once, written back when it grew."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._known: dict[str, list[str] | None] | None = None
        self._used: set[str] = set()
        self._added = 0

    def heads(self, source: str, count: int, compute: Callable[[str, int], Heads]) -> Heads:
        known = self._read()
        key = f"{count}\x00{source}"
        self._used.add(key)
        if key in known:
            found = known[key]
            return None if found is None else frozenset(found)
        heads = compute(source, count)
        known[key] = None if heads is None else sorted(heads)
        self._added += 1
        return heads

    def save(self) -> None:
        if not self._added or self._known is None or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            merged = {**self._on_disk(), **self._known}  # another process may have added entries meanwhile
            if len(merged) > _MAX_ENTRIES:  # entries edited away (or tests' made-up ones) pile up: keep ours only
                merged = {key: self._known[key] for key in self._used}
            with tempfile.NamedTemporaryFile("w", dir=self.path.parent, suffix=".tmp", delete=False,
                                             encoding="utf-8") as out:
                json.dump(merged, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(out.name, self.path)  # atomic: a reader sees the old file or the new one, never half
            self._added = 0
        except OSError:
            return  # a read-only home: the next process computes them again

    def _read(self) -> dict[str, list[str] | None]:
        if self._known is None:
            self._known = self._on_disk()
        return self._known

    def _on_disk(self) -> dict[str, list[str] | None]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {key: value for key, value in data.items()
                if value is None or (isinstance(value, list) and all(isinstance(item, str) for item in value))}


CACHE = HeadsCache(cache_file())
