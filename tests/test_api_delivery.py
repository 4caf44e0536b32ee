"""Delivery through the API: a job is ready only once its draft is in the Maildir; failures are retried."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import respx
from respx import MockRouter

from drafter.assemble import source_tag
from drafter.track.ledger import Ledger
from tests.api_support import LLM, NOW, Clock, email_bytes, make_app, make_settings, model_route, poll, running
from tests.factories import GOOD_SECTIONS, completion

RAW = {"content-type": "message/rfc822"}
FAST = {"delivery_retry_seconds": 1.0, "delivery_retry_max_seconds": 1.0, "delivery_poll_seconds": 0.02}


@pytest.fixture
def model():
    with respx.mock(assert_all_called=False) as router:
        yield router


def drafts_in(maildir: Path) -> list[Path]:
    return sorted((maildir / ".Drafts" / "cur").glob("*")) if (maildir / ".Drafts" / "cur").is_dir() else []


def maildir_settings(tmp_path: Path, maildir: Path):
    return make_settings(tmp_path, DRAFTER_DELIVERY__METHOD="maildir",
                         DRAFTER_DELIVERY__MAILDIR_PATH=str(maildir))


async def test_a_delivered_draft_is_ready_and_delivered_once(tmp_path: Path, model: MockRouter) -> None:
    model_route(model)
    maildir = tmp_path / "Maildir"
    async with running(make_app(maildir_settings(tmp_path, maildir), **FAST)) as client:
        first = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers=RAW)
        again = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers=RAW)
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "ready"
    assert first.json()["delivery"] == {"method": "maildir", "state": "delivered", "attempts": 1,
                                        "next_attempt_at": None}
    assert again.status_code == 200
    [draft] = drafts_in(maildir)
    assert f"Message-ID: <drafter.{source_tag('<order-1@customer.example>')}.".encode() in draft.read_bytes()
    assert draft.name.endswith(":2,Da")  # \\Draft and keyword a: $drafter_ready (dovecot-keywords)


async def test_failed_delivery_is_kept_and_retried_until_it_works(tmp_path: Path, model: MockRouter) -> None:
    model_route(model)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the Maildir's parent should be")
    maildir = blocker / "Maildir"
    clock = Clock()
    async with running(make_app(maildir_settings(tmp_path, maildir), clock, **FAST)) as client:
        response = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers=RAW)
        pending = response.json()
        blocker.unlink()  # the operator fixes the mailbox
        blocker.mkdir()
        clock.now = NOW + dt.timedelta(seconds=5)  # past the retry time
        delivered = await poll(client, pending["id"], timeout=5)
    assert response.status_code == 202  # drafted, but not ready until delivered
    assert pending["status"] == "drafting" and pending["body"]
    assert pending["delivery"]["state"] == "pending" and pending["delivery"]["attempts"] == 1
    assert "delivery attempt 1 failed" in pending["reason"]
    assert delivered["status"] == "ready" and delivered["reason"] is None
    assert delivered["delivery"]["state"] == "delivered" and delivered["delivery"]["attempts"] == 2
    assert len(drafts_in(maildir)) == 1


async def test_a_draft_the_ledger_could_not_note_is_noted_when_delivery_is_tried_again(
        tmp_path: Path, model: MockRouter) -> None:
    model_route(model)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the ledger's folder should be")
    maildir = tmp_path / "Maildir"
    settings = make_settings(tmp_path, DRAFTER_DELIVERY__METHOD="maildir", DRAFTER_DELIVERY__MAILDIR_PATH=str(maildir),
                             DRAFTER_TRACKING__STORE_PATH=str(blocker / "ledger.sqlite3"))
    clock = Clock()
    async with running(make_app(settings, clock, **FAST)) as client:
        response = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers=RAW)
        pending = response.json()
        blocker.unlink()  # the operator fixes the ledger's folder
        blocker.mkdir()
        clock.now = NOW + dt.timedelta(seconds=5)
        delivered = await poll(client, pending["id"], timeout=5)
    assert response.status_code == 202 and pending["delivery"]["state"] == "pending"
    assert "the tracking ledger could not note it" in pending["reason"]
    assert delivered["status"] == "ready" and delivered["delivery"]["attempts"] == 2
    assert len(drafts_in(maildir)) == 1  # the second attempt found the draft there and added none
    with Ledger(blocker / "ledger.sqlite3") as ledger:
        noted = ledger.draft_for(["<order-1@customer.example>"])
    assert noted is not None and noted.body == delivered["body"]


async def test_pending_delivery_survives_a_restart(tmp_path: Path, model: MockRouter) -> None:
    route = model_route(model)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    maildir = blocker / "Maildir"
    settings = maildir_settings(tmp_path, maildir)
    async with running(make_app(settings, **FAST)) as client:
        response = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers=RAW)
        job_id = response.json()["id"]
    blocker.unlink()
    blocker.mkdir()
    async with running(make_app(settings, Clock(NOW + dt.timedelta(minutes=1)), **FAST)) as client:
        job = await poll(client, job_id, timeout=5)
    assert job["status"] == "ready" and len(drafts_in(maildir)) == 1
    assert route.call_count == 1  # delivered from the stored draft, not drafted again


async def test_a_needs_review_job_is_delivered_to_the_review_folder_with_its_note(
    tmp_path: Path, model: MockRouter,
) -> None:
    sections = {**GOOD_SECTIONS, "timeline": GOOD_SECTIONS["timeline"] + " I guarantee this will never happen again."}
    model.post(f"{LLM}/chat/completions").respond(200, json=completion(sections))
    maildir = tmp_path / "Maildir"
    settings = make_settings(tmp_path, DRAFTER_DELIVERY__METHOD="maildir", DRAFTER_DELIVERY__MAILDIR_PATH=str(maildir),
                             DRAFTER_DELIVERY__REVIEW_FOLDER="Needs review")
    async with running(make_app(settings, **FAST)) as client:
        response = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers=RAW)
    job = response.json()
    assert job["status"] == "needs_review" and "over_promise" in job["reason"]  # the verdict, in the API
    assert job["delivery"]["state"] == "delivered" and drafts_in(maildir) == []
    stored = sorted((maildir / ".Needs review" / "cur").iterdir())
    [draft] = [path for path in stored if ":2,D" in path.name]
    [note] = [path for path in stored if ":2,D" not in path.name]
    assert b"X-Drafter" not in draft.read_bytes() and b"Auto-Submitted" not in draft.read_bytes()
    assert draft.read_bytes().replace(b"\n", b"\r\n").endswith(job["message"].encode().replace(b"\n", b"\r\n"))
    assert b"This draft needs review before you send it" in note.read_bytes()
    keywords = (maildir / ".Needs review" / "dovecot-keywords").read_text().splitlines()
    assert "0 $drafter_needs_review" in keywords and any(k.endswith(" $drafter_over_promise") for k in keywords)
    assert any(k.endswith(" $drafter_note") for k in keywords)
