"""The Sent-folder sync in the background of `drafter serve` (issue 20): every [tracking]
sync_interval_seconds, what `drafter sync` does, in a thread (IMAP and SQLite block), its figures on /metrics.
A failed sync is logged and tried again at the next interval; it never stops the server."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable

from api.metrics import Metrics
from drafter_core.calendar import today_in
from drafter_core.settings import Settings

log = logging.getLogger(__name__)


class SentSync:
    def __init__(self, settings: Settings, metrics: Metrics, clock: Callable[[], dt.datetime]) -> None:
        self.settings = settings
        self.metrics = metrics
        self.clock = clock
        self._task: asyncio.Task[None] | None = None

    @property
    def enabled(self) -> bool:
        return self.settings.delivery.method == "imap" and self.settings.tracking.sync_interval_seconds > 0

    def start(self) -> None:
        if self.enabled:
            self._task = asyncio.create_task(self._loop(), name="drafter-sent-sync")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _loop(self) -> None:
        while True:
            try:
                await asyncio.to_thread(self.run_once)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.metrics.syncs.labels("failed").inc()
                log.warning("reading the Sent folder failed (%s); trying again in %.0f s", exc,
                            self.settings.tracking.sync_interval_seconds)
            await asyncio.sleep(self.settings.tracking.sync_interval_seconds)

    def run_once(self) -> None:
        from drafter.track.ledger import Ledger
        from drafter.track.sync import sync

        now = self.clock()
        with Ledger(self.settings.tracking_store) as ledger:
            report = sync(self.settings, today_in(self.settings.calendar, now), ledger, now=now)
            follow_ups = ledger.counts()
        self.metrics.observe_sync(report, follow_ups)
        if report.read or report.kept or report.missed or report.reminded:
            log.info("Sent folder %s: %d new message(s), %d follow-up(s) kept, %d missed, %d reminder(s)",
                     report.folder, report.read, len(report.kept), len(report.missed), len(report.reminded))
