"""The command line as users run it: outputs, exit statuses, and one-line errors for bad input."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.assemble import source_tag
from drafter.cli import cli

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
LATE = str(SAMPLES / "01-late-delivery.eml")
GERMAN = str(SAMPLES / "09-refund-not-received-de.eml")
AUTO = str(SAMPLES / "31-auto-reply-out-of-office.eml")
OFFLINE_ENV = {"OPENAI_API_KEY": "", "OPENAI_BASE_URL": "", "DRAFTER_CONFIG": ""}


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, env=OFFLINE_ENV, catch_exceptions=False)


def test_parse_json_reports_bad_files_and_goes_on(tmp_path: Path) -> None:
    empty, binary = tmp_path / "empty.eml", tmp_path / "photo.eml"
    empty.write_bytes(b"")
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = run("parse", str(empty), LATE, str(tmp_path / "absent.eml"), str(binary), "--json")
    assert result.exit_code == 2
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["file"] for line in lines] == [LATE]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3 and all(line.startswith("drafter: ") for line in errors)
    assert str(empty) in errors[0] and "absent.eml: no such file" in errors[1] and str(binary) in errors[2]
    assert "Traceback" not in result.output


def test_parse_summary_without_json() -> None:
    result = run("parse", LATE)
    assert result.exit_code == 0 and "01-late-delivery.eml" in result.stdout and "facts:" in result.stdout


def test_draft_prints_a_threaded_reply_offline() -> None:
    result = run("draft", LATE, "--today", "2026-11-23")
    assert result.exit_code == 0, result.stderr
    reply = email.message_from_string(result.stdout, policy=email.policy.default)
    original = email.message_from_bytes(Path(LATE).read_bytes(), policy=email.policy.default)
    assert reply["In-Reply-To"] == original["Message-ID"].strip()
    assert reply["Subject"].startswith("Re: ") and not reply["Subject"].startswith("Re: Re:")
    assert "needs review" not in result.stderr  # passed: exit 0 and nothing to review (no verdict header)
    assert not [name for name in reply.keys() if name.lower().startswith("x-drafter")]
    assert reply.get_content().startswith("Dear ")


def test_draft_json_has_the_public_keys_and_reads_stdin() -> None:
    result = run("draft", "-", "--json", "--today", "2026-11-23", stdin=Path(LATE).read_bytes())
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"sections", "body", "follow_up_date", "gesture", "backend", "attempts", "usage",
                         "verdict", "message"}
    assert list(data["sections"]) == ["thank", "empathise", "paraphrase", "apologise", "timeline", "surprise"]
    assert data["backend"] == "offline" and data["follow_up_date"] == "2026-11-25"
    assert "Wednesday, 25 November 2026" in data["sections"]["timeline"]


def test_draft_writes_to_output_file(tmp_path: Path) -> None:
    out = tmp_path / "reply.eml"
    result = run("draft", LATE, "--today", "2026-11-23", "-o", str(out))
    original = email.message_from_bytes(Path(LATE).read_bytes(), policy=email.policy.default)
    tag = source_tag(str(original["Message-ID"]).strip())
    assert result.exit_code == 0 and result.stdout == "" and f"Message-ID: <drafter.{tag}." in out.read_text()


def test_automated_mail_gets_no_draft_and_exit_3() -> None:
    result = run("draft", AUTO, "--today", "2026-11-23")
    assert result.exit_code == 3 and result.stdout == ""
    assert "auto-reply" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [("draft", "nope.eml"), ("draft", LATE, "--today", "tomorrow"),
                                  ("draft", LATE, "--deliver")])
def test_draft_usage_errors_exit_2_with_one_line(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_replay_backend_without_recording_says_how_to_record(tmp_path: Path) -> None:
    result = run("draft", LATE, "--backend", "replay", "--recordings", str(tmp_path), "--today", "2026-11-23")
    assert result.exit_code == 2 and "drafter replay" in result.stderr and "--record" in result.stderr


def test_check_json_and_exit_status(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("Thank you for writing. I will email you an update on Wednesday, 25 November 2026.")
    bad.write_text("Per our terms, refunds take time. We guarantee this will never happen again.")
    result = run("check", str(good), str(bad), "--today", "2026-11-23", "--json")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["passed"] for r in records] == [True, False]
    codes = {v["code"] for v in records[1]["violations"]}
    assert {"policy_deflection", "over_promise", "missing_follow_up_date"} <= codes
    for v in records[1]["violations"]:
        assert bad.read_text()[v["start"]:v["end"]] == v["text"]


def test_check_readable_report_marks_the_words(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("We guarantee this will never happen again. I will email you on Wednesday, 25 November 2026.")
    result = run("check", str(bad), "--today", "2026-11-23")
    assert result.exit_code == 1 and "over_promise" in result.stdout and "^^^" in result.stdout


def test_check_reads_the_text_part_of_a_drafted_eml(tmp_path: Path) -> None:
    reply = run("draft", LATE, "--today", "2026-11-23").stdout
    path = tmp_path / "reply.eml"
    path.write_text(reply)
    result = run("check", str(path), "--today", "2026-11-23", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["passed"] is True
    later = run("check", str(path), "--today", "2026-12-01", "--json")  # the follow-up date is now past
    assert later.exit_code == 1
    assert "missing_follow_up_date" in {v["code"] for v in json.loads(later.stdout)["violations"]}


def test_check_of_an_eml_knows_whom_the_draft_is_for(tmp_path: Path) -> None:
    path = tmp_path / "reply.eml"
    path.write_text("From: Support <support@example.com>\nTo: Helen Carter <helen@example.net>\nSubject: Re: late\n\n"
                    "Dear Mr Karl Brenner,\n\nThank you. I will write to you again by Wednesday, 25 November 2026.\n")
    result = run("check", str(path), "--today", "2026-11-23", "--json")
    assert [v["code"] for v in json.loads(result.stdout)["violations"]] == ["wrong_recipient"]
    path.write_text(path.read_text().replace("Mr Karl Brenner", "Helen"))
    assert run("check", str(path), "--today", "2026-11-23", "--json").exit_code == 0


def test_check_unreadable_input_exits_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert run("check", str(empty), "--today", "2026-11-23").exit_code == 2


def test_bad_config_fails_at_start_naming_the_key(tmp_path: Path) -> None:
    config = tmp_path / "drafter.toml"
    config.write_text("[follow_up]\nmin_business_days = 0\n")
    result = run("--config", str(config), "parse", LATE)
    assert result.exit_code == 2 and "[follow_up] min_business_days" in result.stderr


def test_draft_prints_a_readable_body_not_quoted_printable() -> None:
    result = run("draft", GERMAN, "--today", "2026-11-23")
    assert result.exit_code == 0, result.stderr
    head, _, body = result.stdout.partition("\n\n")
    assert "Content-Transfer-Encoding: 8bit" in head
    assert body.startswith("Guten Tag Jürgen Müller,") and "=C3" not in body and "=\n" not in body


BAD_CONFIG = "[follow_up]\nmin_business_days = 0\n"


@pytest.mark.parametrize("command", [("parse", LATE), ("draft", LATE), ("check", LATE), ("data",),
                                     ("replay", str(SAMPLES)), ("serve",)], ids=lambda c: c[0])
def test_config_is_read_after_the_command_name_on_every_command(tmp_path: Path, command: tuple[str, ...]) -> None:
    config = tmp_path / "drafter.toml"
    config.write_text(BAD_CONFIG)  # read at start: the error proves which file was read
    for args in ([*command, "--config", str(config)], [*command, f"--config={config}"],
                 ["--config", str(config), *command]):
        result = run(*args)
        assert result.exit_code == 2 and "[follow_up] min_business_days" in result.stderr, (args, result.output)
        assert "No such option" not in result.stderr


def test_config_after_the_command_name_is_used(tmp_path: Path) -> None:
    config = tmp_path / "drafter.toml"
    config.write_text('[support]\nname = "Acme Care"\naddress = "care@acme.example"\n')
    result = run("draft", LATE, "--today", "2026-11-23", "--config", str(config))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("From: Acme Care <care@acme.example>")
    # nothing after `--` is taken for an option
    after = run("parse", "--", "--config")
    assert after.exit_code == 2 and "--config: no such file" in after.stderr


def test_a_missing_config_file_says_check_config(tmp_path: Path) -> None:
    absent = str(tmp_path / "absent.toml")
    for args in (["draft", LATE, "--config", absent], ["--config", absent, "draft", LATE]):
        result = run(*args)
        assert result.exit_code == 2 and "file not found (check --config)" in result.stderr
        assert "DRAFTER_CONFIG" not in result.stderr
    from_env = CliRunner().invoke(cli, ["parse", LATE], env={**OFFLINE_ENV, "DRAFTER_CONFIG": absent})
    assert from_env.exit_code == 2 and "file not found (check DRAFTER_CONFIG)" in from_env.stderr


def test_check_honours_an_older_drafts_follow_up_header(tmp_path: Path) -> None:
    """Today's drafts carry no committed date; one made by an older drafter is still checked against its own."""
    reply = run("draft", LATE, "--today", "2026-11-23").stdout
    assert "X-Drafter" not in reply
    old = tmp_path / "old.eml"
    old.write_text(reply.replace("MIME-Version:", "X-Drafter-Follow-Up: 2026-11-26\nMIME-Version:", 1))
    result = run("check", str(old), "--today", "2026-11-23", "--json")
    assert result.exit_code == 1
    assert "follow_up_date_mismatch" in {v["code"] for v in json.loads(result.stdout)["violations"]}


# -- loud when the model is not there (issue 16) -------------------------------------------------


def run_with(env: dict[str, str], *args: str):
    return CliRunner().invoke(cli, list(args), env={**OFFLINE_ENV, **env}, catch_exceptions=False)


def closed_port() -> int:
    import socket

    with socket.socket() as sock:  # bound, never listening: connecting is refused at once
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


FAST_RETRIES = {"DRAFTER_MODEL__MAX_ATTEMPTS": "2", "DRAFTER_MODEL__MAX_BACKOFF_SECONDS": "0.01"}


def test_openai_backend_without_key_or_server_is_a_usage_error(tmp_path: Path) -> None:
    config = tmp_path / "drafter.toml"
    config.write_text('[model]\nbackend = "openai"\n')
    for result in (run("draft", LATE, "--backend", "openai", "--today", "2026-11-23"),
                   run("draft", LATE, "--config", str(config), "--today", "2026-11-23")):
        assert result.exit_code == 2 and result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "OPENAI_API_KEY" in lines[0] and "OPENAI_BASE_URL" in lines[0]
        assert "--backend offline" in lines[0]


def test_an_unreachable_model_is_said_on_stderr_and_exits_4_degraded() -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    result = run_with({"OPENAI_BASE_URL": url, **FAST_RETRIES}, "draft", LATE, "--json", "--today", "2026-11-23")
    assert result.exit_code == 4, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"drafter: {LATE}: degraded: ")
    assert "unreachable after 2 attempts" in lines[0] and f"check OPENAI_BASE_URL ({url})" in lines[0]
    data = json.loads(result.stdout)  # the offline draft is still printed, marked
    assert data["degraded"] is True and data["backend"] == "offline"
    assert data["usage"]["retries"] == 1 and data["usage"]["model_calls"] == 0


def test_a_model_failing_with_5xx_after_every_retry_exits_4_degraded() -> None:
    import respx

    with respx.mock(base_url="http://llm.test/v1") as router:
        route = router.post("/chat/completions").respond(503, json={"error": {"message": "overloaded"}})
        result = run_with({"OPENAI_BASE_URL": "http://llm.test/v1", "OPENAI_API_KEY": "k", **FAST_RETRIES},
                          "draft", LATE, "--today", "2026-11-23")
    assert route.call_count == 2
    assert result.exit_code == 4 and result.stdout.startswith("From: ")
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "degraded" in lines[0] and "HTTP 503 after 2 attempts" in lines[0]
    assert "OPENAI_BASE_URL" in lines[0]


def test_without_the_offline_fallback_an_unreachable_model_fails_with_1() -> None:
    env = {"OPENAI_BASE_URL": f"http://127.0.0.1:{closed_port()}/v1", "DRAFTER_MODEL__FALLBACK_OFFLINE": "false",
           **FAST_RETRIES}
    result = run_with(env, "draft", LATE, "--today", "2026-11-23")
    assert result.exit_code == 1 and result.stdout.strip() == ""
    assert "failed: model server unreachable" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_model_draft_exits_0_with_nothing_on_stderr() -> None:
    import httpx
    import respx

    from tests.api_stub_model import completion_for

    with respx.mock(base_url="http://llm.test/v1") as router:
        router.post("/chat/completions").mock(
            side_effect=lambda request: httpx.Response(200, json=completion_for(json.loads(request.content))))
        result = run_with({"OPENAI_BASE_URL": "http://llm.test/v1"}, "draft", LATE, "--json", "--today", "2026-11-23")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert data["backend"] == "openai" and data["degraded"] is False and data["usage"]["retries"] == 0


def test_draft_help_documents_every_exit_status() -> None:
    text = run("draft", "--help").stdout
    assert all(f"  {status}  " in text for status in "01234")
    assert "degraded" in text
