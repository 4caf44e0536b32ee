"""Decide what the model must not: the follow-up date and the goodwill gesture."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

from drafter_core.calendar import business_days_after
from drafter_core.errors import ConfigError
from drafter_core.settings import Settings, read_toml
from drafter_core.values import Complaint, Gesture, Plan
from guardrails.topics import topic_names, topics_in


@lru_cache(maxsize=4)
def _severities(path: Path) -> tuple[re.Pattern[str], list[str]]:
    """One alternation over the severity words, in the order the file lists them (the first found wins)."""
    data = read_toml(path, "[data] topics_file")
    severity = data.get("severity")
    if not isinstance(severity, dict):
        raise ConfigError(f"{path}: no [severity] table of word lists")
    names = list(severity)
    alternatives = [f"(?P<g{i}>{'|'.join(re.escape(w.lower()) for w in words)})"
                    for i, words in enumerate(severity.values())]
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")"), names


def load_topics(settings: Settings) -> None:
    """Read topics.toml now, so a broken one stops drafter at start."""
    topic_names(settings.data.topics_file)
    _severities(settings.data.topics_file)


def classify(complaint: Complaint, settings: Settings) -> tuple[str, str]:
    """(topic, severity) from the subject and the customer's own words."""
    text = f"{complaint.subject}\n{complaint.body_shown}"
    path = settings.data.topics_file
    # The topic named most often wins (a rude agent about a broken dishwasher is about the agent); ties by file order.
    main = topics_in(text, path).main
    topic = next((name for name in topic_names(path) if name in main), "other")
    pattern, severities = _severities(path)
    found = {severities[int(str(m.lastgroup)[1:])] for m in pattern.finditer(text.lower())}
    severity = next((name for name in severities if name in found), "normal")
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
    topic, severity = classify(complaint, settings)
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
