"""Read every file of the data folder at start, so a broken one stops drafter then, not on the first draft.

Each stage owns the reading of its own files (and caches it); this only asks each of them once.
"""

from __future__ import annotations

from drafter.plan import load_topics
from drafter.prompt import load_templates
from drafter_core.replies import check_gesture_wordings, reply_words
from drafter_core.settings import Settings
from guardrails import load_rules, phrases_from_settings


def load_data(settings: Settings) -> None:
    """Raise ConfigError naming the first broken data file ([data] settings)."""
    load_topics(settings)
    load_templates(settings)
    reply_words(settings.data.replies_file)
    check_gesture_wordings(settings)
    phrases_from_settings(settings)
    for language in reply_words(settings.data.replies_file):  # rules.toml, and rules.<language>.toml where there is one
        load_rules(settings.data.rules_file, language)
