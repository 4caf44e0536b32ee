"""Decide what the model must not: the follow-up date and the goodwill gesture."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

from drafter_core.calendar import business_days_after
from drafter_core.settings import Settings, read_toml
from drafter_core.values import Complaint, Gesture, Plan


@lru_cache(maxsize=4)
def _vocabulary(path: Path) -> tuple[re.Pattern[str], list[str], list[str]]:
    """One alternation over every topic and severity word, so the text is scanned once."""
    data = read_toml(path, "[data] topics_file")
    groups = [("topic", name, [w.lower() for w in words]) for name, words in data["topics"].items()]
    groups += [("severity", name, [w.lower() for w in words]) for name, words in data["severity"].items()]
    alternatives = [f"(?P<g{i}>{'|'.join(map(re.escape, words))})" for i, (_, _, words) in enumerate(groups)]
    pattern = re.compile(r"\b(?:" + "|".join(alternatives) + ")")  # matched on lower-cased text: much faster
    names = [f"{kind}:{name}" for kind, name, _ in groups]
    severities = [name for kind, name, _ in groups if kind == "severity"]
    return pattern, names, severities


def load_topics(settings: Settings) -> None:
    """Read topics.toml now, so a broken one stops drafter at start."""
    _vocabulary(settings.data.topics_file)


def classify(complaint: Complaint, settings: Settings) -> tuple[str, str]:
    """(topic, severity) from the subject and the customer's own words."""
    pattern, names, severity_order = _vocabulary(settings.data.topics_file)
    counts: dict[str, int] = {}
    for match in pattern.finditer(f"{complaint.subject}\n{complaint.body}".lower()):
        label = names[int(str(match.lastgroup)[1:])]
        counts[label] = counts.get(label, 0) + 1
    # The topic named most often wins (a rude agent about a broken dishwasher is about the agent); ties by file order.
    topics = [(hits, -names.index(label), label[6:]) for label, hits in counts.items() if label.startswith("topic:")]
    topic = max(topics)[2] if topics else "other"
    severity = next((name for name in severity_order if counts.get(f"severity:{name}")), "normal")
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
