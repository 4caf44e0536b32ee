"""`drafter replay`: a corpus drafted offline from recordings; expectations gate CI; --record; --compare."""

from __future__ import annotations

import json
import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from drafter.replay.command import replay_command
from drafter.replay.report import deterministic_part
from drafter.replay.stub_model import serving
from drafter_core.settings import DataSettings, Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CASSETTES = SAMPLES / "cassettes"
TODAY = "2026-11-23"
LATE = "01-late-delivery.eml"
DOUBLE = "02-double-charge.eml"
OUT_OF_OFFICE = "31-auto-reply-out-of-office.eml"

EMAIL = """\
From: Jane Doe <jane@customer.example>
To: support@example.com
Subject: {subject}
Date: Fri, 20 Nov 2026 09:30:00 +0000
Message-ID: <{name}@customer.example>
Content-Type: text/plain; charset=utf-8

Hello,

my order #A-10234 for $49.99 was promised for 12 November and it still has not arrived.
I paid for express shipping and nobody answers the phone. Please tell me where it is.

Jane
"""


class NetworkUsed(AssertionError):
    pass


def refuse(*args: object, **kwargs: object) -> None:
    raise NetworkUsed(f"replay tried to use the network: {args!r}")


def block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails (asyncio's self-pipe and a listening server need none)."""
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    block_network(monkeypatch)


def offline_settings(**changes: Any) -> Settings:
    settings = load_settings(env={})
    return settings.model_copy(update=changes) if changes else settings


def tweak(settings: Settings, section: str, **changes: Any) -> Settings:
    """A copy of `settings` with keys changed in one [section]."""
    return settings.model_copy(update={section: getattr(settings, section).model_copy(update=changes)})


def replay(args: list[Any], settings: Settings | None = None) -> Result:
    obj = {"settings": settings or offline_settings()}
    return CliRunner().invoke(replay_command, [str(a) for a in args], obj=obj, catch_exceptions=False)


def report_of(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def by_file(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["file"]: r for r in report["emails"]}


def corpus(tmp_path: Path, names: list[str], *, cassettes: bool = True) -> Path:
    """A replay directory with some of the samples (and, by default, their committed recordings)."""
    directory = tmp_path / "corpus"
    directory.mkdir()
    for name in names:
        shutil.copy(SAMPLES / name, directory / name)
    if cassettes:
        shutil.copytree(CASSETTES, directory / "cassettes")
    return directory


@pytest.fixture
def stub_url() -> Iterator[str]:
    with serving("polite") as url:
        yield url


def model_settings(base_url: str, **model: Any) -> Settings:
    return tweak(load_settings(env={"OPENAI_BASE_URL": base_url, "OPENAI_API_KEY": "stub"}), "model", **model)


# -- the committed corpus, offline -------------------------------------------------------------


def test_the_guard_really_blocks_the_network(no_network: None) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))


def test_samples_replay_offline_with_no_network_call(no_network: None, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = replay([SAMPLES, "--json", out, "--report", tmp_path / "report.html"])
    report = report_of(out)
    emails = by_file(report)
    assert result.exit_code == 0, result.output
    assert sorted(emails) == sorted(p.name for p in SAMPLES.glob("*.eml"))
    assert report["totals"]["missing_recording"] == 0
    assert report["today"] == TODAY  # the day the recordings were made for, read from their metadata
    assert emails[OUT_OF_OFFICE]["status"] == "skipped" and emails[OUT_OF_OFFICE]["automated"]
    drafted = [r for r in report["emails"] if r["status"] in ("ready", "needs_review")]
    assert len(drafted) == report["totals"]["emails"] - report["totals"]["skipped"]
    assert all(r["backend"] == "replay" and r["follow_up_date"] for r in drafted)
    assert all(len(r["section_spans"]) == 6 for r in drafted)
    assert report["recorded_with"] and all("not a real model" in s for s in report["recorded_with"])
    assert report["totals"]["expectations"]["emails"] >= 5
    assert "unused_recordings" in report and report["unused_recordings"] == []
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.count('<article class="email') == len(emails)


def test_every_committed_recording_is_labelled_as_made_against_the_stub() -> None:
    recordings = sorted(CASSETTES.glob("*.json"))
    assert recordings
    for path in recordings:
        record = json.loads(path.read_text(encoding="utf-8"))
        assert record["key"] == path.stem
        assert record["meta"]["real_model"] is False
        assert "stub" in record["meta"]["recorded_with"]
        assert "not a real model" in record["meta"]["recorded_with"]
        assert record["response"]["model"].startswith("drafter-stub-")


def test_the_report_is_the_same_whatever_the_concurrency(no_network: None, tmp_path: Path) -> None:
    one, many = tmp_path / "one.json", tmp_path / "many.json"
    replay([SAMPLES, "--json", one, "--concurrency", 1])
    replay([SAMPLES, "--json", many, "--concurrency", 16])
    first, second = report_of(one), report_of(many)
    assert first["timing"]["concurrency"] == 1 and second["timing"]["concurrency"] == 16
    assert deterministic_part(first) == deterministic_part(second)
    assert [r["file"] for r in first["emails"]] == sorted(r["file"] for r in first["emails"])


def test_a_missing_recording_is_reported_with_its_record_command(no_network: None, tmp_path: Path) -> None:
    directory = corpus(tmp_path, [LATE, OUT_OF_OFFICE], cassettes=False)
    out = tmp_path / "report.json"
    result = replay([directory, "--json", out, "--today", TODAY])
    emails = by_file(report_of(out))
    command = f"drafter replay {directory} --record --today {TODAY} --only {LATE}"
    assert result.exit_code == 1
    assert emails[LATE]["status"] == "missing_recording"
    assert emails[LATE]["recording"]["command"] == command
    assert emails[LATE]["recording"]["attempt"] == 1 and len(emails[LATE]["recording"]["missing_key"]) == 64
    assert emails[LATE]["email"]["subject"]  # still shown beside the missing draft
    assert emails[OUT_OF_OFFICE]["status"] == "skipped"  # automated mail needs no recording
    assert command in result.output
    assert re.search(rf"^\[[12]/2\] {re.escape(LATE)}: missing_recording$", result.output, re.MULTILINE)


def test_an_edited_prompt_template_shows_up_as_missing_recordings(no_network: None, tmp_path: Path) -> None:
    prompts = tmp_path / "prompts"
    shutil.copytree(DataSettings().prompts_dir, prompts)
    system = prompts / "system.j2"
    system.write_text(system.read_text(encoding="utf-8") + "\nAlways mention our new loyalty app.\n",
                      encoding="utf-8")
    out = tmp_path / "report.json"
    result = replay([SAMPLES, "--json", out], tweak(offline_settings(), "data", prompts_dir=prompts))
    report = report_of(out)
    statuses = {r["status"] for r in report["emails"] if not r["automated"]}
    assert result.exit_code == 1
    assert statuses == {"missing_recording"}
    assert report["totals"]["missing_recording"] == report["totals"]["emails"] - report["totals"]["skipped"]


# -- expectations --------------------------------------------------------------------------------


def expect(directory: Path, name: str, text: str) -> None:
    (directory / name.replace(".eml", ".expect.toml")).write_text(text, encoding="utf-8")


def test_met_expectations_exit_zero(no_network: None, tmp_path: Path) -> None:
    directory = corpus(tmp_path, [LATE, OUT_OF_OFFICE])
    expect(directory, LATE, 'status = "ready"\nautomated = false\nfollow_up_date = 2026-11-25\n'
                            'must_contain = ["A-10234", "Wednesday, 25 November 2026"]\n'
                            'must_not_have_codes = ["over_promise"]\n')
    expect(directory, OUT_OF_OFFICE, 'status = "skipped"\nautomated = true\n')
    out = tmp_path / "report.json"
    result = replay([directory, "--json", out])
    emails = by_file(report_of(out))
    assert result.exit_code == 0, result.output
    assert emails[LATE]["expectations_passed"] is True and len(emails[LATE]["expectations"]) == 6
    assert emails[OUT_OF_OFFICE]["expectations_passed"] is True


def test_an_unmet_expectation_exits_one_and_says_which(no_network: None, tmp_path: Path) -> None:
    directory = corpus(tmp_path, [LATE])
    expect(directory, LATE, 'status = "needs_review"\nmust_contain = ["we will refund you in full"]\n'
                            'must_have_codes = ["over_promise"]\nfollow_up_date = "2026-11-24"\n')
    out = tmp_path / "report.json"
    result = replay([directory, "--json", out])
    record = by_file(report_of(out))[LATE]
    failed = {e["check"] for e in record["expectations"] if e["passed"] is False}
    assert result.exit_code == 1
    assert failed == {"status", "must_contain", "must_have_code", "follow_up_date"}
    assert f"expectation not met: {LATE}: status: expected 'needs_review', got 'ready'" in result.output


def test_a_bad_expectation_file_is_a_usage_error(tmp_path: Path) -> None:
    directory = corpus(tmp_path, [LATE])
    expect(directory, LATE, 'staus = "ready"\n')
    result = replay([directory])
    assert result.exit_code == 2
    assert "01-late-delivery.expect.toml" in result.output and "staus" in result.output


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert replay([empty]).exit_code == 2  # no emails
    assert replay([tmp_path / "absent"]).exit_code == 2
    assert replay([SAMPLES, "--today", "23/11/2026"]).exit_code == 2
    no_model = replay([corpus(tmp_path, [LATE]), "--record"])
    assert no_model.exit_code == 2 and "OPENAI_BASE_URL" in no_model.output


# -- --compare -----------------------------------------------------------------------------------


def test_compare_lists_newly_failing_newly_passing_and_changed(no_network: None, tmp_path: Path) -> None:
    directory = corpus(tmp_path, [LATE, DOUBLE, OUT_OF_OFFICE])
    before, after, back = tmp_path / "before.json", tmp_path / "after.json", tmp_path / "back.json"
    replay([directory, "--json", before])
    # A new signature changes every draft's body but not the model requests: same recordings, new text.
    signed = tweak(offline_settings(), "support", signature="Sam, Support")
    expect(directory, DOUBLE, 'must_contain = ["Sam, Support"]\n')
    expect(directory, LATE, 'must_contain = ["The Example Support Team"]\n')
    result = replay([directory, "--json", after, "--compare", before], signed)
    comparison = report_of(after)["comparison"]
    assert [e["file"] for e in comparison["newly_failing"]] == [LATE]
    assert comparison["newly_passing"] == []
    assert sorted(e["file"] for e in comparison["changed"]) == [LATE, DOUBLE]
    assert any(line.startswith("+Sam, Support") for line in comparison["changed"][0]["diff"])
    assert "1 newly failing, 0 newly passing, 2 changed drafts" in result.output

    (directory / LATE.replace(".eml", ".expect.toml")).unlink()
    replay([directory, "--json", back, "--compare", after], signed)
    assert [e["file"] for e in report_of(back)["comparison"]["newly_passing"]] == [LATE]


def test_compare_refuses_a_file_that_is_not_a_report(tmp_path: Path) -> None:
    bogus = tmp_path / "old.json"
    bogus.write_text('{"emails": 3}', encoding="utf-8")
    result = replay([SAMPLES, "--compare", bogus])
    assert result.exit_code == 2 and "not a `drafter replay --json` report" in result.output


# -- --record ------------------------------------------------------------------------------------


def write_email(directory: Path, name: str, subject: str = "Where is my order A-10234?") -> None:
    directory.mkdir(exist_ok=True)
    text = EMAIL.format(subject=subject, name=name.removesuffix(".eml"))
    (directory / name).write_text(text, encoding="utf-8")


def test_record_against_the_stub_then_replay_offline_gives_the_same_report(
        stub_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "mail"
    write_email(directory, "late.eml")
    shutil.copy(SAMPLES / OUT_OF_OFFICE, directory / OUT_OF_OFFICE)
    recorded, replayed = tmp_path / "recorded.json", tmp_path / "replayed.json"
    result = replay([directory, "--record", "--today", TODAY, "--json", recorded], model_settings(stub_url))
    assert result.exit_code == 0, result.output
    cassettes = sorted((directory / "cassettes").glob("*.json"))
    assert len(cassettes) == 1  # one model call; the automated mail needs none
    meta = json.loads(cassettes[0].read_text(encoding="utf-8"))["meta"]
    assert meta["real_model"] is False and meta["stub_mode"] == "polite" and meta["today"] == TODAY
    assert "not a real model" in meta["recorded_with"]

    with monkeypatch.context() as guard:
        block_network(guard)
        result = replay([directory, "--json", replayed])
    assert result.exit_code == 0, result.output
    first, second = deterministic_part(report_of(recorded)), deterministic_part(report_of(replayed))
    assert first.pop("mode") == "record" and second.pop("mode") == "replay"
    for old, new in zip(first["emails"], second["emails"], strict=True):
        if old["backend"] == "openai":  # the recording run drafted through the model itself
            old["backend"] = new["backend"]
    assert by_file(first)["late.eml"]["backend"] == "replay"
    assert first["emails"] == second["emails"]


def test_record_only_one_email_keeps_the_corpus_day(stub_url: str, tmp_path: Path) -> None:
    directory = tmp_path / "mail"
    write_email(directory, "late.eml")
    write_email(directory, "later.eml", subject="Still nothing for A-10234")
    settings = model_settings(stub_url)
    assert replay([directory, "--record", "--today", TODAY, "--only", "late.eml"], settings).exit_code == 0
    other_day = replay([directory, "--record", "--today", "2026-11-24", "--only", "later.eml"], settings)
    assert other_day.exit_code == 2 and f"--today {TODAY}" in other_day.output
    assert replay([directory, "--record", "--today", TODAY, "--only", "later.eml"], settings).exit_code == 0
    assert replay([directory]).exit_code == 0


def test_prune_deletes_recordings_no_email_uses(stub_url: str, tmp_path: Path) -> None:
    directory = tmp_path / "mail"
    write_email(directory, "late.eml")
    stale = directory / "cassettes" / f"{'0' * 64}.json"
    stale.parent.mkdir()
    stale.write_text('{"key": "0", "meta": {"today": "2026-11-23"}, "request": {}, "response": {}}\n')
    out = tmp_path / "report.json"
    replay([directory, "--record", "--today", TODAY, "--json", out], model_settings(stub_url))
    assert report_of(out)["unused_recordings"] == [stale.name] and stale.exists()
    assert replay([directory, "--prune"]).exit_code == 2  # never while replaying: it would empty the corpus
    recording = model_settings(stub_url)
    assert replay([directory, "--record", "--prune", "--only", "late.eml"], recording).exit_code == 2
    replay([directory, "--record", "--today", TODAY, "--prune", "--json", out], recording)
    assert not stale.exists() and report_of(out)["unused_recordings"] == [stale.name]
    assert len(list((directory / "cassettes").glob("*.json"))) == 1


def test_a_repaired_over_promise_is_counted_in_the_chart(tmp_path: Path) -> None:
    directory = tmp_path / "mail"
    write_email(directory, "late.eml")
    out = tmp_path / "report.json"
    with serving("overpromise-once") as url:
        result = replay([directory, "--record", "--today", TODAY, "--json", out], model_settings(url))
    record = by_file(report_of(out))["late.eml"]
    assert result.exit_code == 0, result.output
    assert record["status"] == "ready" and record["attempts"] == 2
    assert "over_promise" in record["history"][0]["codes"] and record["history"][1]["passed"] is True
    assert report_of(out)["totals"]["violations_by_code"]["over_promise"]["repaired"] >= 1


def test_an_unrepaired_violation_is_reported_with_its_span(tmp_path: Path) -> None:
    directory = tmp_path / "mail"
    write_email(directory, "late.eml")
    out = tmp_path / "report.json"
    with serving("overpromise-once") as url:
        replay([directory, "--record", "--today", TODAY], model_settings(url, max_repairs=0))
    result = replay([directory, "--json", out], tweak(offline_settings(), "model", max_repairs=0))
    record = by_file(report_of(out))["late.eml"]
    assert result.exit_code == 0  # needs review is a finding, not an unmet expectation
    assert record["status"] == "needs_review" and record["body"].startswith("Dear ")  # no banner in the draft
    codes = {v["code"] for v in record["violations"]}
    assert "over_promise" in codes
    for violation in record["violations"]:
        assert record["body"][violation["start"]:violation["end"]] == violation["text"]
