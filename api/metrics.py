"""Prometheus metrics, one registry per app (two apps in one test process never share counters)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from drafter_core.values import DraftResult

if TYPE_CHECKING:
    from drafter.track.sync import SyncReport

CONTENT_TYPE = CONTENT_TYPE_LATEST
MODEL_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120)


class Metrics:
    def __init__(self) -> None:
        disable_created_metrics()  # process-wide: the *_created series only double the scrape for nothing
        self.registry = r = CollectorRegistry()
        self.requests = Counter("drafter_http_requests", "HTTP requests by route template, method and status",
                                ["route", "method", "status"], registry=r)
        self.request_seconds = Histogram("drafter_http_request_duration_seconds", "Time to answer a request",
                                         ["route"], registry=r)
        self.drafts = Counter("drafter_drafts", "Finished jobs by final status", ["status"], registry=r)
        self.degraded = Counter("drafter_drafts_degraded",
                                "Drafts that are the offline one because the model did not answer (degraded)",
                                registry=r)
        self.violations = Counter("drafter_guardrail_violations",
                                  "Guardrail violations by code, on every attempt (first draft and repairs)",
                                  ["code"], registry=r)
        self.model_seconds = Histogram("drafter_model_latency_seconds",
                                       "Latency of one model call, retries included",
                                       buckets=MODEL_BUCKETS, registry=r)
        self.tokens = Counter("drafter_model_tokens", "Model tokens used", ["kind"], registry=r)
        self.model_calls = Counter("drafter_model_calls", "Model calls (first drafts and repairs)",
                                   registry=r)
        self.retries = Counter("drafter_model_retries", "Model requests retried after a transient failure",
                               registry=r)
        self.queue_depth = Gauge("drafter_queue_depth", "Jobs waiting for a worker (with PostgreSQL: in the "
                                 "database, every replica's)", registry=r)
        self.oldest_waiting = Gauge("drafter_queue_oldest_age_seconds",
                                    "How long the oldest job waiting for a worker has waited", registry=r)
        self.in_flight = Gauge("drafter_jobs_in_flight",
                               "Jobs being drafted now (bounded by [api] max_in_flight)", registry=r)
        self.deliveries = Counter("drafter_deliveries", "Delivery attempts by outcome", ["outcome"],
                                  registry=r)
        self.webhooks_refused = Counter("drafter_webhooks_refused",
                                        "Inbound webhooks refused, by provider and reason",
                                        ["provider", "reason"], registry=r)
        self.overloaded = Counter("drafter_overloaded", "Requests refused with 503: the queue was full",
                                  registry=r)
        # Follow-ups kept ([tracking]; the background sync of the agent's Sent folder)
        self.syncs = Counter("drafter_sent_syncs", "Reads of the agent's Sent folder, by outcome", ["outcome"],
                             registry=r)
        self.sent_replies = Counter("drafter_sent_replies", "Messages found in Sent, by outcome: unchanged, edited "
                                    "(the first reply made from a draft), later (a later one), unmatched",
                                    ["outcome"], registry=r)
        self.followups = Gauge("drafter_followups", "Follow-ups our sent replies promised, by state in the tracking "
                               "ledger: open (still ahead), kept (a reply went out on or before the date), missed",
                               ["state"], registry=r)
        self.reminders = Counter("drafter_followup_reminders", "Reminder drafts put into Drafts", registry=r)

    def observe_sync(self, report: SyncReport, follow_ups: dict[str, int]) -> None:
        """One sync's findings, and the ledger's follow-ups as they now stand (whoever ran the syncs)."""
        self.syncs.labels("ok").inc()
        for outcome in ("unchanged", "edited", "later", "unmatched", "skipped"):
            self.sent_replies.labels(outcome).inc(getattr(report, outcome))
        self.reminders.inc(len(report.reminded))
        for state, count in follow_ups.items():
            self.followups.labels(state).set(count)

    def observe_draft(self, result: DraftResult) -> None:
        """Model cost and guardrail findings of one drafted job (its final status: `finished`)."""
        for attempt in result.history:
            if attempt.usage.model_calls:
                self.model_seconds.observe(attempt.usage.latency_ms / 1000)
            if attempt.verdict is not None:
                for violation in attempt.verdict.violations:
                    self.violations.labels(violation.code).inc()
        self.model_calls.inc(result.usage.model_calls)
        self.tokens.labels("prompt").inc(result.usage.prompt_tokens)
        self.tokens.labels("completion").inc(result.usage.completion_tokens)
        self.retries.inc(result.usage.retries)
        if result.degraded:
            self.degraded.inc()

    def finished(self, status: str) -> None:
        self.drafts.labels(status).inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
