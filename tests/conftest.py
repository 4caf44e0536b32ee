"""Shared fixtures. The Dovecot fixture lives in tests/dovecot.py (a real IMAP server on loopback)."""

pytest_plugins = ["tests.dovecot"]
