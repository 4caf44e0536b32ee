"""Shared fixtures. The Dovecot fixture lives in tests/dovecot.py (a real IMAP server on loopback), the llama.cpp
server with a real model in tests/llama_server.py."""

import os

from hypothesis import settings

pytest_plugins = ["tests.dovecot", "tests.llama_server"]

# CI explores the same examples every run (a landing never depends on luck); developers get fresh ones.
settings.register_profile("ci", derandomize=True)
settings.register_profile("dev")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
