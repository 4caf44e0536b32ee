"""Shared fixtures. The Dovecot fixture lives in tests/dovecot.py (a real IMAP server on loopback), the llama.cpp
server with a real model in tests/llama_server.py."""

import os
from pathlib import Path

import pytest
from hypothesis import settings

pytest_plugins = ["tests.dovecot", "tests.llama_server", "tests.postgres"]

# CI explores the same examples every run (a landing never depends on luck); developers get fresh ones.
settings.register_profile("ci", derandomize=True)
settings.register_profile("dev")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True)
def _tracking_ledger_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A draft delivered by a test is noted in a tracking ledger of that test's own, never in the work tree
    (a CLI run reads DRAFTER_* from the environment; an API test's ledger lies beside its own job store)."""
    monkeypatch.setenv("DRAFTER_TRACKING__STORE_PATH", str(tmp_path / "drafter-tracking.sqlite3"))
