"""A degraded draft (the offline one, because the model did not answer) is visible everywhere it goes:
in the draft's usage, in the API's job and /metrics, and in the replay report's page and summary (issue 16).

The model is mocked only at the HTTP layer (respx): connection refused, or 5xx after every retry.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
import pytest
import respx

from drafter.model import OpenAIBackend
from drafter.pipeline import draft_reply
from drafter.replay.display import print_summary
from drafter.replay.html import render_html
from drafter.replay.report import build_report, email_record
from drafter_core.settings import load_settings
from drafter_core.values import DraftResult
from tests.api_support import email_bytes, make_app, make_settings, running

LLM = "http://llm.test/v1"
TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
RAW = {"content-type": "message/rfc822"}
FAST = {"DRAFTER_MODEL__MAX_ATTEMPTS": "3", "DRAFTER_MODEL__MAX_BACKOFF_SECONDS": "0.01"}


async def degraded_draft(fault: httpx.Response | Exception) -> tuple[DraftResult, respx.Route]:
    settings = load_settings(env={"OPENAI_BASE_URL": LLM, "OPENAI_API_KEY": "k", **FAST})
    with respx.mock(base_url=LLM) as router:
        route = router.post("/chat/completions").mock(side_effect=fault)
        backend = OpenAIBackend(settings.model, http_client=httpx.AsyncClient())
        try:
            result = await draft_reply(email_bytes(), settings=settings, backend=backend, today=TODAY, now=NOW)
        finally:
            await backend.aclose()
    return result, route


@pytest.mark.parametrize("fault", [httpx.ConnectError("refused"), httpx.Response(502)], ids=["refused", "502"])
async def test_a_degraded_draft_counts_the_retries_that_happened(fault: httpx.Response | Exception) -> None:
    result, route = await degraded_draft(fault)
    assert result.degraded and result.backend == "offline" and route.call_count == 3
    assert result.usage.retries == 2 and result.usage.model_calls == 0
    assert "after 3 attempts" in (result.reason or "") and "offline draft" in (result.reason or "")


async def test_retries_of_a_repair_that_finds_the_model_gone_are_counted() -> None:
    from tests.api_stub_model import completion_for

    settings = load_settings(env={"OPENAI_BASE_URL": LLM, "OPENAI_API_KEY": "k", **FAST})
    overpromise = completion_for({"messages": [{"role": "user", "content": "Subject: x"}]})
    overpromise["choices"][0]["message"]["content"] = (
        '{"thank": "Thanks.", "empathise": "I see.", "paraphrase": "Your order is late.", '
        '"apologise": "Sorry.", "timeline": "We guarantee this will never happen again.", "surprise": "A gift."}')
    with respx.mock(base_url=LLM) as router:
        router.post("/chat/completions").mock(side_effect=[
            httpx.Response(200, json=overpromise), httpx.ConnectError("gone"), httpx.ConnectError("gone"),
            httpx.ConnectError("gone")])
        backend = OpenAIBackend(settings.model, http_client=httpx.AsyncClient())
        try:
            result = await draft_reply(email_bytes(), settings=settings, backend=backend, today=TODAY, now=NOW)
        finally:
            await backend.aclose()
    assert not result.degraded and result.status == "needs_review"  # the model's own draft, kept
    assert result.usage.model_calls == 1 and result.usage.retries == 2
    assert result.history[-1].error and result.history[-1].usage.retries == 2


async def test_the_api_shows_a_degraded_draft_in_the_job_and_in_metrics(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, **FAST)
    with respx.mock(assert_all_called=False) as router:
        router.post(f"{LLM}/chat/completions").mock(side_effect=httpx.ConnectError("refused"))
        async with running(make_app(settings)) as client:
            created = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers=RAW)
            job = (await client.get(f"/v1/drafts/{created.json()['id']}")).json()
            metrics = (await client.get("/metrics")).text
    assert created.status_code == 201, created.text
    assert job["degraded"] is True and job["backend"] == "offline"
    assert "offline draft" in job["reason"] and job["usage"]["retries"] == 2
    assert "drafter_drafts_degraded_total 1.0" in metrics
    assert "drafter_model_retries_total 2.0" in metrics


async def test_a_model_draft_is_not_counted_degraded(tmp_path: Path) -> None:
    from tests.api_support import model_route

    with respx.mock(assert_all_called=False) as router:
        model_route(router)
        async with running(make_app(make_settings(tmp_path))) as client:
            created = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers=RAW)
            metrics = (await client.get("/metrics")).text
    assert created.json()["degraded"] is False
    assert "drafter_drafts_degraded_total 0.0" in metrics


async def test_the_report_marks_a_degraded_draft_in_the_page_and_the_summary(
        capsys: pytest.CaptureFixture[str]) -> None:
    result, _ = await degraded_draft(httpx.ConnectError("refused"))
    report = build_report([email_record("late.eml", result=result, complaint=None)], directory="corpus",
                          recordings="corpus/cassettes", mode="replay", today=TODAY.isoformat(), model="gpt-4o-mini",
                          recorded_with=[], timing={"total_seconds": 0.1, "concurrency": 1, "per_email": {}})
    assert report.to_json()["emails"][0]["degraded"] is True
    page = render_html(report)
    assert 'data-total="degraded">1<' in page and page.count('class="status status-degraded"') == 2
    print_summary(report, concurrency=1)
    out = capsys.readouterr().out
    assert "degraded (offline draft: no model answer)" in out and "degraded: late.eml:" in out
