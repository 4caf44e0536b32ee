"""The words drafter writes around the model's sections, per language: replies.toml ([data] replies_file).

Assembly (greeting, sign-off, signature, the quote's attribution), the prompts and the guardrails' messages
(a date written out in the reply's language) read it here; the languages it lists are the languages drafter
answers in, so every gesture needs a wording in each.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from drafter_core.errors import ConfigError
from drafter_core.settings import Settings, read_toml

REPLY_WORDS = ("greeting", "anonymous", "sign_off", "attribution", "attribution_undated", "review_subject")


@lru_cache(maxsize=8)
def reply_words(path: Path) -> dict[str, dict[str, str]]:
    """replies.toml: per language, the words around the sections; a key a language lacks comes from [en]."""
    data = read_toml(path, "[data] replies_file")
    english = data.get("en", {})
    missing = [key for key in REPLY_WORDS if not isinstance(english.get(key), str)]
    if missing:
        raise ConfigError(f"{path}: [en] needs {', '.join(missing)} (the words used when a language lacks them)")
    return {language: {**english, **words} for language, words in data.items() if isinstance(words, dict)}


def check_gesture_wordings(settings: Settings) -> None:
    """Every gesture needs a wording in every language replies.toml answers in: English text pasted into a
    German mail is a configuration error, said at start-up."""
    languages = sorted(set(reply_words(settings.data.replies_file)) - {"en"})
    missing = [f"{g.name} ({language})" for g in settings.gestures for language in languages
               if not g.wordings.get(language)]
    if missing:
        raise ConfigError(f"gestures without a wording in a language drafter answers in: {', '.join(missing)}. "
                          "Add it under the gesture ([gestures.wordings] de = \"…\"), or remove the language "
                          f"from {settings.data.replies_file}")


def words_for(language: str, settings: Settings) -> dict[str, str]:
    table = reply_words(settings.data.replies_file)
    return table.get(language, table["en"])


def long_date(day: dt.date, language: str, replies_file: Path, *, with_weekday: bool = True) -> str:
    """The date written out as a reader of `language` expects it ("Mittwoch, 9. Dezember 2026"): replies.toml's
    date_long with its weekdays and months; the English form, or the ISO date where a language has none."""
    if language == "en":
        return f"{day:%A}, {day.day} {day:%B %Y}" if with_weekday else f"{day.day} {day:%B %Y}"
    words = reply_words(replies_file).get(language, {})
    pattern = words.get("date_long")
    if not pattern:
        return day.isoformat()
    written = pattern.format(weekday=weekday_name(day, language, replies_file) if with_weekday else "",
                             day=day.day, month=words["months"].split()[day.month - 1],
                             month_number=day.month, year=day.year)
    return written if with_weekday else written.strip(" ,")


def weekday_name(day: dt.date, language: str, replies_file: Path) -> str:
    words = reply_words(replies_file).get(language, {})
    return words["weekdays"].split()[day.weekday()] if "weekdays" in words else f"{day:%A}"
