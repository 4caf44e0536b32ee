"""Decide what the model must not: the follow-up date and the goodwill gesture."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from functools import lru_cache
from pathlib import Path

from drafter.calendar import business_days_after
from drafter.models import Complaint, Gesture, Plan
from drafter.settings import Settings

TOPICS_FILE = Path(__file__).with_name("topics.toml")


@lru_cache(maxsize=4)
def _vocabulary(path: Path) -> tuple[list[tuple[str, re.Pattern[str]]], list[tuple[str, re.Pattern[str]]]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))

    def compile_words(words: list[str]) -> re.Pattern[str]:
        return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)

    topics = [(name, compile_words(words)) for name, words in data["topics"].items()]
    severities = [(name, compile_words(words)) for name, words in data["severity"].items()]
    return topics, severities


def classify(complaint: Complaint) -> tuple[str, str]:
    """(topic, severity) from the subject and the customer's own words."""
    text = f"{complaint.subject}\n{complaint.body}"
    topics, severities = _vocabulary(TOPICS_FILE)
    # The topic named most often wins (a rude agent about a broken dishwasher is about the agent); ties by file order.
    counts = [(len(pattern.findall(text)), -index, name) for index, (name, pattern) in enumerate(topics)]
    hits, _, best = max(counts)
    topic = best if hits else "other"
    severity = next((name for name, pattern in severities if pattern.search(text)), "normal")
    return topic, severity


def follow_up_business_days(severity: str, settings: Settings) -> int:
    policy = settings.follow_up
    days = policy.by_severity.get(severity, policy.default_business_days)
    return max(policy.min_business_days, min(policy.max_business_days, days))


def choose_gesture(topic: str, catalogue: list[Gesture]) -> Gesture:
    """The first gesture meant for this topic, else the first meant for any, else the first."""
    for wanted in (topic, "any"):
        for gesture in catalogue:
            if wanted in gesture.applies_to:
                return gesture
    return catalogue[0]


def make_plan(complaint: Complaint, settings: Settings, today: dt.date) -> Plan:
    topic, severity = classify(complaint)
    days = follow_up_business_days(severity, settings)
    return Plan(
        today=today,
        follow_up_date=business_days_after(today, days, settings.calendar),
        business_days=days,
        severity=severity,
        topic=topic,
        gesture=choose_gesture(topic, settings.gestures),
        language=complaint.language,
    )
