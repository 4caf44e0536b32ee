"""The README's walkthrough of a day of samples (python -m bench.agent_day) runs, and tells the same story:
every sample drafted and delivered, the agent's sends, edits and follow-ups read back from Sent, follow-ups
kept and missed, reminders, and the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import agent_day
from tests.dovecot import skip_unless_dovecot_can_run


def test_a_day_of_samples_followed_to_the_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    skip_unless_dovecot_can_run()
    assert agent_day.main(["--keep", str(tmp_path), "--report", str(tmp_path / "stats.html")]) == 0
    out = capsys.readouterr().out
    assert "30 drafts delivered" in out and "sync read 24, 18 sent unchanged, 6 edited" in out
    assert "30 drafts since 2026-11-23: 18 sent unchanged, 6 edited, 6 never sent, 0 pending (acceptance 60%)" in out
    assert "follow-ups: 12 kept, 12 missed, 0 open" in out
    # one reminder per follow-up with nothing sent by the morning it fell due: 24 follow-ups, all reminded
    assert "reminder drafts added in all: 24" in out
    assert (tmp_path / "stats.html").read_text(encoding="utf-8").count("<svg") == 3
