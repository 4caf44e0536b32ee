"""How long `drafter sync` takes per 1,000 messages in Sent, and that a second sync reads only what is new
(issue 20). Needs Dovecot (`apt-get install dovecot-imapd`) and root, like the delivery tests.

    python -m bench.sync_speed [--messages 3000] [--new 100]

A throwaway Dovecot gets --messages replies in Sent (a tenth of them answering drafts in the ledger, the rest
unrelated mail), then: the first sync (everything), a sync with nothing new, and one after --new more
messages. Incremental means the last two cost what their new messages cost, not what the folder holds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from drafter.track.ledger import DraftRecord, Ledger
from drafter.track.sync import sync
from drafter_core.settings import load_settings
from tests.dovecot import DovecotServer

TODAY = dt.date(2026, 11, 23)
SECTIONS = {"thank": "Thank you for writing to us.", "empathise": "I can see how frustrating this is.",
            "paraphrase": "Your parcel has not arrived.", "apologise": "I am sorry.",
            "timeline": "I will write to you again by Wednesday, 25 November 2026.",
            "surprise": "We would like to offer you free express shipping on your next order."}
BODY = "Dear Sam,\n\n" + "\n\n".join(SECTIONS.values()) + "\n\nKind regards,\nThe Example Support Team\n"


def sent_mail(number: int) -> bytes:
    thread = f"<customer-{number}@customer.example>"
    return (f"From: support@example.com\r\nTo: Sam <sam{number}@example.org>\r\nSubject: Re: parcel {number}\r\n"
            f"Date: Mon, 23 Nov 2026 15:00:00 +0000\r\nMessage-ID: <sent-{number}@support.example.com>\r\n"
            f"In-Reply-To: {thread}\r\nReferences: {thread}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + BODY.replace("\n", "\r\n")).encode()


def draft(number: int) -> DraftRecord:
    return DraftRecord(draft_id=f"<drafter.d{number}@example.com>", thread=f"<customer-{number}@customer.example>",
                       customer=f"Sam <sam{number}@example.org>", subject=f"Re: parcel {number}", language="en",
                       backend="offline", status="ready", codes=[], gesture="express_shipping",
                       gesture_wording="free express shipping on your next order",
                       follow_up_date=dt.date(2026, 11, 25), sections=SECTIONS, body=BODY, delivered_on=TODAY)


def append(server: DovecotServer, first: int, count: int) -> None:
    client = server.connect()
    try:
        for number in range(first, first + count):
            client.append("Sent", sent_mail(number))
    finally:
        client.logout()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--new", type=int, default=100)
    args = parser.parse_args(argv)
    server = DovecotServer()
    server.start()
    try:
        append(server, 0, args.messages)
        with tempfile.TemporaryDirectory() as scratch:
            settings = load_settings(env={}).model_copy(update={"delivery": server.settings})
            settings = settings.model_copy(update={"tracking": settings.tracking.model_copy(
                update={"store_path": Path(scratch) / "tracking.sqlite3"})})
            with Ledger(settings.tracking_store) as ledger:
                for number in range(0, args.messages, 10):
                    ledger.record_draft(draft(number))
                rows = []
                for label, new in (("first sync", 0), ("nothing new", None), (f"{args.new} new", args.new)):
                    if new:
                        append(server, args.messages, new)
                    started = time.perf_counter()
                    report = sync(settings, TODAY, ledger)
                    seconds = time.perf_counter() - started
                    rows.append((label, report.read, report.matched, seconds))
    finally:
        server.remove()
    print(f"drafter sync, {args.messages} messages in Sent ({args.messages // 10} of them replies to drafts):\n")
    print("| sync | messages read | matched to a draft | seconds | seconds per 1,000 read |")
    print("|---|---:|---:|---:|---:|")
    for label, read, matched, seconds in rows:
        per = f"{seconds / read * 1000:.2f}" if read else "–"
        print(f"| {label} | {read} | {matched} | {seconds:.2f} | {per} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
