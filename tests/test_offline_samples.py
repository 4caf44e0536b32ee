"""Every sample gets a six-section offline draft that passes the guardrails, with the computed follow-up date."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from pathlib import Path

import pytest

from drafter.model import OfflineBackend
from drafter.pipeline import draft_reply
from drafter.prompt import follow_up_text
from drafter_core.settings import load_settings
from drafter_core.values import SECTION_NAMES

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.eml"))
TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
async def test_offline_draft_for_every_sample(path: Path) -> None:
    settings = load_settings(env={})
    result = await draft_reply(path.read_bytes(), settings=settings, backend=OfflineBackend(settings), today=TODAY)
    if result.complaint.automated:
        assert result.status == "skipped" and result.message is None
        return
    assert result.status == "ready", result.verdict
    assert result.sections and result.plan and result.body
    positions = [result.body.index(getattr(result.sections, name)) for name in SECTION_NAMES]
    assert positions == sorted(positions)
    assert follow_up_text(result.plan.follow_up_date, "en") in result.sections.timeline
    assert result.plan.gesture.wording in result.sections.surprise
    reply = email.message_from_string(result.message or "", policy=email.policy.default)
    assert reply["To"].addresses[0].addr_spec == result.complaint.reply_to
    # The committed date is in the text the customer reads; the reply carries no header of drafter's own.
    assert follow_up_text(result.plan.follow_up_date, "en") in result.body
    assert not [name for name in reply.keys() if name.lower().startswith(("x-drafter", "auto-submitted"))]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
async def test_the_offline_paraphrase_is_the_customers_story(path: Path) -> None:
    """The offline draft names the customer's topic and their own numbers, in English whatever they wrote:
    the paraphrase check passes it for every sample, German, French, Spanish and Japanese included."""
    settings = load_settings(env={})
    result = await draft_reply(path.read_bytes(), settings=settings, backend=OfflineBackend(settings), today=TODAY)
    if result.complaint.automated:
        return
    assert result.verdict is not None
    assert "paraphrase_unrelated" not in result.verdict.codes, result.verdict.violations
