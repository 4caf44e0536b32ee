"""A day of replayed samples, followed to the end (issue 20): which follow-ups fall due, which are kept, how
much agents edit each section. Needs Dovecot (`apt-get install dovecot-imapd`) and root, like the tests.

    python -m bench.agent_day [--report stats.html] [--keep DIR]

1. A throwaway Dovecot on loopback is the agent's mailbox (Drafts and Sent).
2. Every bundled sample is drafted from its recording (samples/cassettes, no network) on Monday 23 November
   2026 and delivered to Drafts; drafter notes each in its tracking ledger.
3. An agent works through Drafts that afternoon, in a fixed pattern: sends some drafts as they are, edits
   some (rewords the empathy, moves the date a day later), leaves some unsent.
4. On the following days the agent writes the promised follow-up in some threads, on time or a day late,
   and forgets others; `drafter sync` runs each morning (a reminder lands in Drafts for a forgotten one).
5. `drafter followups` and `drafter stats` print what happened; --report writes the HTML report.
The ledger and drafter.toml stay in --keep DIR (default: a temporary folder) to run the commands again.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import email
import email.policy
import re
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from drafter.cli import cli
from drafter.deliver import deliver_draft
from drafter.model import make_backend
from drafter.pipeline import draft_reply
from drafter.track.ledger import Ledger, record_delivery
from drafter.track.sync import sync
from drafter_core.calendar import business_days_after
from drafter_core.replies import long_date
from drafter_core.settings import Settings, load_settings
from tests.dovecot import DovecotServer

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DAY = dt.date(2026, 11, 23)


async def draft_and_deliver(settings: Settings) -> list[tuple[str, bytes, dt.date, str]]:
    """(customer id, draft bytes, follow-up date, language) of every sample that gets a draft."""
    backend = make_backend(settings, "replay", recordings_dir=SAMPLES / "cassettes")
    delivered = []
    try:
        for path in sorted(SAMPLES.glob("*.eml")):
            result = await draft_reply(path.read_bytes(), settings=settings, backend=backend, today=DAY)
            if result.reply is None or result.plan is None:
                continue  # automated mail: no draft
            deliver_draft(result.reply, result.source, settings.delivery)
            record_delivery(settings.tracking_store, result.to_public(), result.source, DAY)
            delivered.append((result.source, result.reply.wire, result.plan.follow_up_date, result.plan.language))
    finally:
        await backend.aclose()
    return delivered


def sent_copy(draft: bytes, number: int, when: dt.datetime, edit: bool, settings: Settings,
              due: dt.date, language: str) -> bytes:
    """The draft as the agent's mail client files it in Sent: a Message-ID of its own, the time sent; the
    rest byte for byte (an 8-bit UTF-8 text/plain draft), or edited: the thanks reworded, a day more."""
    text = draft.decode("utf-8").replace("\r\n", "\n")
    text = re.sub(r"(?m)^Message-ID: .*$", f"Message-ID: <sent-{number}@support.example.com>", text, count=1)
    text = re.sub(r"(?m)^Date: .*$", f"Date: {email.utils.format_datetime(when)}", text, count=1)
    if edit:
        later = business_days_after(due, 1, settings.calendar)
        text = text.replace(long_date(due, language, settings.data.replies_file),
                            long_date(later, language, settings.data.replies_file))
        head, _, body = text.partition("\n\n")
        body = re.sub(r"\n\n[^\n]+\n\n", "\n\nThank you for your message, and for your patience with us.\n\n", body,
                      count=1)
        text = f"{head}\n\n{body}"
    return text.replace("\n", "\r\n").encode("utf-8")


def follow_up(customer_id: str, number: int, when: dt.datetime) -> bytes:
    return (f"From: support@example.com\r\nTo: customer@example.org\r\nSubject: Re: your message\r\n"
            f"Date: {email.utils.format_datetime(when)}\r\nMessage-ID: <followup-{number}@support.example.com>\r\n"
            f"In-Reply-To: <sent-{number}@support.example.com>\r\n"
            f"References: {customer_id} <sent-{number}@support.example.com>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\nHello again, as promised, here is the update.\r\n").encode()


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, help="also write the HTML report here")
    parser.add_argument("--keep", type=Path, help="keep the ledger and drafter.toml in this folder")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="drafter-agent-day-"))
    folder.mkdir(parents=True, exist_ok=True)
    server = DovecotServer()
    server.start()
    try:
        base = load_settings(env={})
        settings = base.model_copy(update={"delivery": server.settings, "tracking": base.tracking.model_copy(
            update={"store_path": folder / "drafter-tracking.sqlite3"})})
        delivered = asyncio.run(draft_and_deliver(settings))
        print(f"Monday 23 November: {len(delivered)} drafts delivered to Drafts; the agent sends some:")
        agent = server.connect()
        plan = {}  # number -> what the agent does later: "on_time", "late" or "forget"
        try:
            for number, (_, draft, due, language) in enumerate(delivered):
                kind = number % 5
                if kind == 4:
                    continue  # never sent
                agent.append("Sent", sent_copy(draft, number, at(DAY, 14 + number % 3), kind == 2, settings, due,
                                               language))
                plan[number] = ("on_time", "late", "on_time", "forget")[kind]
        finally:
            agent.logout()
        reminders = 0
        with Ledger(settings.tracking_store) as ledger:
            day = DAY
            while day <= dt.date(2026, 12, 4):
                report = sync(settings, day, ledger)
                reminders += len(report.reminded)
                print(f"  {day:%a %d %b}: sync read {report.read}, {report.unchanged} sent unchanged, {report.edited} "
                      f"edited, {report.later} follow-ups; {len(report.kept)} kept, {len(report.missed)} missed, "
                      f"{len(report.reminded)} reminder draft(s)")
                agent = server.connect()
                try:
                    for commitment in ledger.commitments():
                        number = int(commitment.reply_id.split("-")[1].split("@")[0])
                        late = commitment.due + dt.timedelta(days=1)
                        if commitment.state != "kept" and (commitment.due, "on_time") == (day, plan.get(number)) \
                                or (late, "late") == (day, plan.get(number)):
                            agent.append("Sent", follow_up(commitment.thread, number, at(day, 10)))
                finally:
                    agent.logout()
                day += dt.timedelta(days=1)
        print(f"reminder drafts added in all: {reminders} (one per follow-up due with nothing sent by its morning)")
    finally:
        server.remove()
    config = folder / "drafter.toml"
    config.write_text(f'[tracking]\nstore_path = "{folder / "drafter-tracking.sqlite3"}"\n', encoding="utf-8")
    runner = CliRunner()
    for title, command in (
        ("drafter followups --today 2026-12-04", ["followups", "--today", "2026-12-04"]),
        ("drafter stats --since 2026-11-23 --today 2026-12-04",
         ["stats", "--since", "2026-11-23", "--today", "2026-12-04",
          *(["--report", str(args.report)] if args.report else [])]),
    ):
        print(f"\n$ {title} --config {config}")
        store = {"DRAFTER_TRACKING__STORE_PATH": str(folder / "drafter-tracking.sqlite3")}  # whatever the shell says
        print(runner.invoke(cli, ["--config", str(config), *command], env=store).output.rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
