"""The replay report: spans and sections placed exactly, comparison, escaping, and the page in Chromium."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from drafter.model import OfflineBackend, OpenAIBackend
from drafter.pipeline import draft_reply
from drafter.replay.compare import compare_reports
from drafter.replay.html import render_html, segments
from drafter.replay.report import build_report, email_record, is_failing, section_spans
from drafter.replay.stub_model import serving
from drafter.replay.values import EmailOutcome, EmailRecord, Report, ReportOutcomes
from drafter_core.settings import Settings, load_settings
from drafter_core.values import SECTION_NAMES, Sections

CHROMIUM = Path("/usr/bin/chromium")
TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
HOSTILE_SUBJECT = '<script>alert("pwned")</script> order A-10234'


def raw_email(subject: str = "Where is my order A-10234?", body: str = "", name: str = "c1") -> bytes:
    body = body or ("Hello,\n\nmy order #A-10234 for $49.99 was promised for 12 November and it still has "
                    "not arrived. Please tell me where it is.\n\nJane\n")
    return (f"From: Jane Doe <jane@customer.example>\nTo: support@example.com\nSubject: {subject}\n"
            f"Date: Fri, 20 Nov 2026 09:30:00 +0000\nMessage-ID: <{name}@customer.example>\n"
            f"Content-Type: text/plain; charset=utf-8\n\n{body}").encode()


def report_for(records: list[EmailRecord]) -> Report:
    return build_report(records, directory="corpus", recordings="corpus/cassettes", mode="replay",
                        today=TODAY.isoformat(), model="gpt-4o-mini",
                        recorded_with=["drafter's model-shaped stub, not a real model"],
                        timing={"total_seconds": 0.5, "concurrency": 1, "per_email": {}})


async def offline_record(file: str, raw: bytes, settings: Settings | None = None) -> EmailRecord:
    settings = settings or load_settings(env={})
    result = await draft_reply(raw, settings=settings, backend=OfflineBackend(settings), today=TODAY, now=NOW)
    return email_record(file, result=result, complaint=None)


async def stub_record(file: str, raw: bytes, mode: str, **model: Any) -> EmailRecord:
    """Drafted through drafter's OpenAI backend against the stub model on loopback (no mock of our code)."""
    with serving(mode) as url:
        settings = load_settings(env={"OPENAI_BASE_URL": url, "OPENAI_API_KEY": "stub"})
        settings = settings.model_copy(update={"model": settings.model.model_copy(update=model)})
        backend = OpenAIBackend(settings.model)
        try:
            result = await draft_reply(raw, settings=settings, backend=backend, today=TODAY, now=NOW)
        finally:
            await backend.aclose()
    return email_record(file, result=result, complaint=None)


# -- spans and sections --------------------------------------------------------------------------


def test_segments_mark_sections_and_violations_without_losing_a_character() -> None:
    body = "Hi,\n\nThanks a lot. I guarantee it.\n\nBye"
    spans = {"thank": [5, 18], "timeline": [19, 34]}
    violations = [{"code": "over_promise", "message": "m", "start": 21, "end": 30, "text": body[21:30]},
                  {"code": "other", "message": "n", "start": 25, "end": 34, "text": body[25:34]}]
    blocks = segments(body, spans, violations)
    assert "".join(p["text"] for b in blocks for p in b["pieces"]) == body
    assert [b["section"] for b in blocks] == [None, "thank", None, "timeline", None]
    timeline = blocks[3]["pieces"]
    assert [(p["text"], p["violations"]) for p in timeline] == [
        ("I ", []), ("guar", [0]), ("antee", [0, 1]), (" it.", [1])]


def test_a_violation_whose_span_does_not_fit_is_never_highlighted() -> None:
    blocks = segments("short", {}, [{"code": "x", "message": "m", "start": 3, "end": 99, "text": "?"}])
    assert all(not p["violations"] for b in blocks for p in b["pieces"])


async def test_record_spans_index_into_the_body_the_agent_reads() -> None:
    record = await offline_record("late.eml", raw_email())
    body = record.body
    assert body is not None and record.sections is not None
    assert tuple(record.section_spans) == SECTION_NAMES
    for name, (start, end) in record.section_spans.items():
        assert body[start:end] == getattr(record.sections, name)
    assert record.status == "ready" and record.violations == []


async def test_violation_spans_index_into_the_body_of_a_draft_that_needs_review() -> None:
    record = await stub_record("late.eml", raw_email(), "overpromise-once", max_repairs=0)
    assert record.body is not None and record.sections is not None
    assert record.status == "needs_review" and record.body.startswith("Dear ")  # no banner in the draft
    assert record.violations
    for violation in record.violations:
        assert violation.start >= 0
        assert record.body[violation.start:violation.end] == violation.text
    for name, (start, end) in record.section_spans.items():
        assert record.body[start:end] == getattr(record.sections, name)


def test_section_spans_follow_the_fixed_order() -> None:
    sections = Sections(thank="Same.", empathise="Same.", paraphrase="P.", apologise="A.", timeline="T.",
                        surprise="S.")
    body = "Hi\n\nSame.\n\nSame.\n\nP.\n\nA.\n\nT.\n\nS.\n"
    spans = section_spans(body, sections)
    assert spans["thank"] == [4, 9] and spans["empathise"] == [11, 16]


# -- comparison ----------------------------------------------------------------------------------


def record(file: str, status: str, body: str | None = "Hello", expectations_passed: bool | None = None,
           ) -> EmailOutcome:
    return EmailOutcome(file=file, status=status, body=body, expectations_passed=expectations_passed)


def test_compare_reports_by_file() -> None:
    old = ReportOutcomes(today="2026-11-20", emails=[record("a.eml", "ready"), record("b.eml", "needs_review"),
                                                      record("c.eml", "ready"), record("gone.eml", "ready")])
    new = ReportOutcomes(emails=[record("a.eml", "ready", expectations_passed=False), record("b.eml", "ready", "Hi"),
                                 record("c.eml", "ready"), record("new.eml", "missing_recording", None)])
    comparison = compare_reports(old, new)
    assert [e.file for e in comparison.newly_failing] == ["a.eml", "new.eml"]
    assert [e.file for e in comparison.newly_passing] == ["b.eml"]
    assert [e.file for e in comparison.changed] == ["b.eml"]
    assert comparison.changed[0].diff[-2:] == ["-Hello", "+Hi"]
    assert comparison.added == ["new.eml"] and comparison.removed == ["gone.eml"]
    assert comparison.against == "2026-11-20"


def test_failing_means_review_failure_missing_recording_or_unmet_expectation() -> None:
    assert not is_failing(record("a", "ready")) and not is_failing(record("a", "skipped"))
    assert is_failing(record("a", "needs_review")) and is_failing(record("a", "missing_recording"))
    assert is_failing(record("a", "ready", expectations_passed=False))


# -- HTML ----------------------------------------------------------------------------------------


async def test_everything_from_an_email_is_escaped() -> None:
    body = 'Hi <img src=x onerror="alert(1)"> my order #A-10234 never came. </div></article><b>bold</b>\n'
    page = render_html(report_for([await offline_record("<evil>.eml", raw_email(HOSTILE_SUBJECT, body))]))
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in page
    assert "<script>alert" not in page and "<img" not in page and "<b>bold" not in page
    assert "&lt;evil&gt;.eml" in page
    assert page.count("<script") == 1  # the report's own filter script, nothing else


async def test_the_page_is_self_contained() -> None:
    page = render_html(report_for([await offline_record("late.eml", raw_email())]))
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.IGNORECASE)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert page.count("<style>") == 1


async def test_no_violation_shows_an_empty_chart_message() -> None:
    page = render_html(report_for([await offline_record("late.eml", raw_email())]))
    assert "No guardrail violation in any attempt." in page and '<svg id="chart"' not in page


# -- the page in a real browser -------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium "
                                                  "(apt-get install -y --no-install-recommends chromium)")
async def test_the_report_in_headless_chromium(tmp_path: Path) -> None:
    from playwright.async_api import async_playwright

    good = await offline_record("good.eml", raw_email(name="good"))
    hostile = raw_email(HOSTILE_SUBJECT, name="bad")
    bad = await stub_record("bad.eml", hostile, "overpromise-once", max_repairs=0)
    page_path = tmp_path / "report.html"
    page_path.write_text(render_html(report_for([good, bad])), encoding="utf-8")
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        try:
            page = await browser.new_page(viewport={"width": 1280, "height": 900})
            await page.goto(page_path.as_uri())
            await page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
            assert (tmp_path / "report.png").stat().st_size > 10_000

            totals = page.locator("#totals")
            assert await totals.is_visible()
            assert await page.locator('[data-total="emails"]').inner_text() == "2"
            assert await page.locator('[data-total="ready"]').inner_text() == "1"
            assert await page.locator('[data-total="needs_review"]').inner_text() == "1"
            assert await page.locator("#chart").is_visible()

            mark = page.locator('article[data-file="bad.eml"] mark.violation').first
            assert await mark.is_visible()
            assert "over_promise" in (await mark.get_attribute("title") or "")
            highlighted = await page.evaluate(
                "() => getComputedStyle(document.querySelector('mark.violation')).backgroundColor")
            assert highlighted not in ("rgba(0, 0, 0, 0)", "transparent")
            labels = await page.evaluate("""() => [
                ...document.querySelectorAll('article[data-file="good.eml"] .sec')
            ].map(s => getComputedStyle(s, '::before').content)""")
            assert labels == [f'"{name}"' for name in SECTION_NAMES]
            assert await page.get_by_text(HOSTILE_SUBJECT).first.is_visible()  # shown as text, not run
            assert await page.evaluate("() => window.pwned === undefined && !document.querySelector('img')")

            good_article = page.locator('article[data-file="good.eml"]')
            assert await good_article.is_visible()
            await page.click("#show-failing")
            assert await good_article.is_hidden()
            assert await page.locator('article[data-file="bad.eml"]').is_visible()
            await page.click("#show-all")
            assert await good_article.is_visible()
        finally:
            await browser.close()
