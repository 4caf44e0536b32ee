"""The first tokens of phrase-book entries, kept between processes: the same answers, computed once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guardrails import heads_cache
from guardrails.heads_cache import HeadsCache
from guardrails.phraselist import first_tokens

ENTRIES = [r"we (?:will|shall) never", r"(?:our|the) (?:company )?polic(?:y|ies)", r"\d+ ?(?:points|miles)",
           r"(?:è|e)tre garanti", r"(?<=x)y"]


class Counting:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, source: str, count: int) -> frozenset[str] | None:
        self.calls += 1
        return first_tokens(source, count)


def test_a_second_process_reads_every_answer_and_computes_none(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "heads.json"
    first, compute = HeadsCache(path), Counting()
    answers = [first.heads(entry, 2, compute) for entry in ENTRIES]
    first.save()
    assert compute.calls == len(ENTRIES)
    assert answers == [first_tokens(entry, 2) for entry in ENTRIES]
    assert answers[0] == frozenset({"we will", "we shall"})

    again, compute_again = HeadsCache(path), Counting()
    assert [again.heads(entry, 2, compute_again) for entry in ENTRIES] == answers
    assert compute_again.calls == 0
    assert again.heads("a new entry", 2, compute_again) == frozenset({"a new"}) and compute_again.calls == 1


def test_an_edited_entry_is_a_new_key_and_the_file_keeps_the_old_ones(tmp_path: Path) -> None:
    path = tmp_path / "heads.json"
    cache = HeadsCache(path)
    cache.heads("we promise", 2, first_tokens)
    cache.save()
    other = HeadsCache(path)  # another process, started before the first one saved
    other._known = {}
    other.heads("we guarantee", 2, first_tokens)
    other.save()
    assert set(json.loads(path.read_text(encoding="utf-8"))) == {"2\x00we promise", "2\x00we guarantee"}


def test_a_corrupt_or_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    path = tmp_path / "heads.json"
    path.write_text('{"2\\u0000we promise": ["something else"', encoding="utf-8")  # cut short
    cache, compute = HeadsCache(path), Counting()
    assert cache.heads("we promise", 2, compute) == frozenset({"we promise"}) and compute.calls == 1
    cache.save()
    assert json.loads(path.read_text(encoding="utf-8")) == {"2\x00we promise": ["we promise"]}

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    unwritable = HeadsCache(blocker / "heads.json")
    assert unwritable.heads("we promise", 2, first_tokens) == frozenset({"we promise"})
    unwritable.save()  # no error: the next process computes them again
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_cache_grown_past_its_limit_keeps_only_what_this_process_used(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heads_cache, "_MAX_ENTRIES", 3)
    path = tmp_path / "heads.json"
    path.write_text(json.dumps({f"2\x00old {n}": [f"old {n}"] for n in range(3)}), encoding="utf-8")
    cache = HeadsCache(path)
    cache.heads("old 1", 2, first_tokens)
    cache.heads("we promise", 2, first_tokens)
    cache.save()
    assert set(json.loads(path.read_text(encoding="utf-8"))) == {"2\x00old 1", "2\x00we promise"}


def test_with_nowhere_to_keep_it_every_answer_is_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DRAFTER_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert heads_cache.cache_file() is None
    cache, compute = HeadsCache(None), Counting()
    assert cache.heads("we promise", 2, compute) == frozenset({"we promise"}) and compute.calls == 1
    cache.save()
