"""The rule book: each guardrail's description and what it tells the writer, read from a TOML file.

A support lead edits drafter_core/data/guardrails/rules.toml (or the file named by [data] rules_file):
one table per violation code. A check says which situation it found and the facts to fill in
(`rules.message(code, situation, quote=...)`); the words are the rule book's.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter_core.errors import ConfigError
from drafter_core.language import LANGUAGE_NAMES
from drafter_core.settings import DataSettings, read_toml
from drafter_core.values import SECTION_NAMES

DEFAULT_RULES_PATH = DataSettings().rules_file

_QUOTE = ("quote",)
_OVER_CATALOGUE = ("quote", "largest", "catalogue")
_SECTION = ("section", "order", "section_fix")

# Every table a rule book must have, every key in it, and the placeholders each key's text may use:
# the contract between rules.toml and the checks that fill it in. Besides these, each code's table
# has a plain-text `description`. A situation's message is message_<situation> (message when a code
# has one), followed by fix_<situation>, or by the table's `fix` when it has none of its own; the
# fix may use only placeholders every situation it follows provides. The other keys are words a
# check builds its messages from.
PLACEHOLDERS: dict[str, dict[str, tuple[str, ...]]] = {
    "policy_deflection": {"message": _QUOTE, "fix": _QUOTE},
    "missing_follow_up_date": {
        "message_past": ("quote", "today", "example"),
        "message_none": ("today", "example"),
        "fix": ("today", "example"),
    },
    "follow_up_date_mismatch": {
        "message": ("quote", "date", "date_iso", "committed"),
        "fix": ("quote", "date", "date_iso", "committed"),
    },
    "weekday_mismatch": {
        "message": ("quote", "date", "day_month_year", "weekday"),
        "fix": ("quote", "date", "day_month_year", "weekday"),
    },
    "over_promise": {
        "message_absolute": _QUOTE,
        "fix_absolute": _QUOTE,
        "message_too_soon": ("quote", "lead_days", "follow_up"),
        "fix_too_soon": ("quote", "lead_days", "follow_up"),
        "message_early_date": ("quote", "date", "lead_days", "earliest", "follow_up"),
        "fix_early_date": ("quote", "date", "lead_days", "earliest", "follow_up"),
        "message_unbounded": ("quote", "catalogue"),
        "fix_unbounded": ("quote", "catalogue"),
        "message_endless": ("quote", "catalogue"),
        "fix_endless": ("quote", "catalogue"),
        "message_over_money": _OVER_CATALOGUE,
        "message_over_months": _OVER_CATALOGUE,
        "message_over_points": _OVER_CATALOGUE,
        "message_over_percent": _OVER_CATALOGUE,
        "fix": _OVER_CATALOGUE,
        "message_extra_gesture": ("quote", "catalogue"),
        "fix_extra_gesture": ("quote", "catalogue"),
        "message_second_gesture": ("quote", "first"),
        "fix_second_gesture": ("quote", "first"),
        "catalogue_empty": (),
    },
    "non_apology": {"message": _QUOTE, "fix": _QUOTE},
    "sympathy_not_empathy": {"message": _QUOTE, "fix": _QUOTE},
    "missing_section": {"message": _SECTION, "fix": _SECTION},
    "section_order": {
        "message_missing": _SECTION,
        "fix_missing": _SECTION,
        "message_misplaced": _SECTION,
        "fix_misplaced": _SECTION,
        "message_absent": _SECTION,
        "fix_absent": _SECTION,
    },
    "sections": {name: () for name in SECTION_NAMES},
    "words": {"or": (), "and": (), "none": (), "the_customer": ()},
    "language_names": {code: () for code in LANGUAGE_NAMES},
    "unknown_fact": {
        "message_identifier": ("quote", "known"),
        "fix_identifier": ("quote", "known"),
        "message_amount": ("quote", "known"),
        "fix_amount": ("quote", "known"),
        "known": ("items",),
        "known_empty": (),
    },
    "injection_obeyed": {
        "message_prompt_talk": _QUOTE,
        "fix_prompt_talk": _QUOTE,
        "message_contact": ("quote", "kind", "support_address"),
        "fix_contact": ("quote", "kind", "support_address"),
        "message_payload": _QUOTE,
        "fix_payload": _QUOTE,
        "kind_address": (),
        "kind_link": (),
        "kind_phone": (),
    },
    "paraphrase_unrelated": {
        "message_unrelated": ("quote", "customer_words"),
        "fix_unrelated": ("quote", "customer_words"),
        "message_other_story": ("quote", "topics", "customer_topics", "customer_words"),
        "fix_other_story": ("quote", "topics", "customer_topics", "customer_words"),
        "message_wrong_role": ("quote", "figure", "customer_quote"),
        "fix_wrong_role": ("quote", "figure", "customer_quote"),
        "customer_topics_none": (),
    },
    "past_follow_up_date": {"message": ("quote", "today"), "fix": ("quote", "today")},
    "link_not_allowed": {"message": ("quote", "host", "allowed"), "fix": ("quote", "host", "allowed")},
    "payment_details": {
        "message": ("quote", "kind"),
        "fix": ("quote", "kind"),
        "kind_iban": (),
        "kind_card": (),
        "kind_crypto": (),
        "kind_account": (),
    },
    "prompt_leak": {"message": _QUOTE, "fix": _QUOTE},
    "liability_admission": {"message": _QUOTE, "fix": _QUOTE},
    "wrong_recipient": {"message": ("quote", "customer"), "fix": ("quote", "customer")},
    "complaint_not_addressed": {"message": ("quote", "customer_words"), "fix": ("quote", "customer_words")},
    "wrong_language": {"message": ("quote", "found", "expected"), "fix": ("quote", "found", "expected")},
}
# Tables of words shared by several rules, not rules themselves: no description, no violation code.
SHARED_TABLES = frozenset({"sections", "words", "language_names"})


@dataclass(frozen=True, eq=False)
class Rules:
    """Each rule's texts, keyed by table (a violation code, or a table of shared words) and key."""

    path: Path
    texts: Mapping[str, Mapping[str, str]]

    def description(self, code: str) -> str:
        return self.texts[code]["description"]

    def message(self, code: str, situation: str = "", **fields: str) -> str:
        """The situation's message and its fix, filled in from `fields`, one space apart."""
        key = f"message_{situation}" if situation else "message"
        own_fix = f"fix_{situation}" if situation else "fix"
        fix = own_fix if own_fix in PLACEHOLDERS[code] else "fix"
        return f"{self.text(code, key, **fields)} {self._fill(code, fix, fields)}"

    def text(self, table: str, key: str, **fields: str) -> str:
        """One text filled in from exactly its placeholders (PLACEHOLDERS), so that every placeholder
        the rule book allows the lead is one the check fills in."""
        if fields.keys() != set(PLACEHOLDERS[table][key]):
            raise TypeError(f"[{table}] {key} is filled in from {', '.join(PLACEHOLDERS[table][key]) or 'nothing'}, "
                            f"not {', '.join(fields) or 'nothing'}")
        return self._fill(table, key, fields)

    def joined(self, items: list[str], word: str) -> str:
        """'a, b or c' in the rule book's language (`word` is "or" or "and")."""
        return f" {self.text('words', word)} ".join(items if len(items) < 3 else [", ".join(items[:-1]), items[-1]])

    def language_name(self, code: str) -> str:
        return self.texts["language_names"].get(code, code)

    def _fill(self, table: str, key: str, fields: dict[str, str]) -> str:
        return self.texts[table][key].format(**fields)


def load_rules(path: Path | str | None = None, language: str | None = None) -> Rules:
    """Read and check a rule book (default: drafter_core/data/guardrails/rules.toml); cached per path.

    With a `language`, its translation beside it (rules.de.toml) when there is one: a whole rule book, checked
    the same way, so a German reply's violations, its repair and the agent's review note read German."""
    return _load_named(path, language)


@lru_cache(maxsize=32)
def _load_named(path: Path | str | None, language: str | None) -> Rules:
    # check_draft asks once per draft: resolving the name each time would cost more than the rest of the lookup.
    resolved = Path(path).resolve() if path else DEFAULT_RULES_PATH
    translated = resolved.with_name(f"{resolved.stem}.{language}{resolved.suffix}") if language else None
    return _load(translated if translated is not None and translated.is_file() else resolved)


@lru_cache(maxsize=8)
def _load(path: Path) -> Rules:
    data = read_toml(path, "[data] rules_file")
    problems = [f"[{table}] is not a table this drafter knows (remove it, or fix its name: the tables are "
                f"{', '.join(PLACEHOLDERS)})" for table in data if table not in PLACEHOLDERS]
    texts: dict[str, dict[str, str]] = {}
    for table, keys in PLACEHOLDERS.items():
        entries = data.get(table)
        if not isinstance(entries, dict):
            problems.append(f"no [{table}] table (copy it from {DEFAULT_RULES_PATH})")
            continue
        expected = dict(keys) if table in SHARED_TABLES else {"description": (), **keys}
        problems += _table_problems(table, entries, expected)
        texts[table] = {key: value for key, value in entries.items() if isinstance(value, str)}
    if problems:
        raise ConfigError(f"{path}: " + f"; {path}: ".join(problems))
    return Rules(path=path, texts=texts)


def _table_problems(table: str, entries: dict[str, Any], expected: dict[str, tuple[str, ...]]) -> list[str]:
    problems = [f"[{table}] {key} is not a key this rule uses (remove it, or fix its name: the keys are "
                f"{', '.join(expected)})" for key in entries if key not in expected]
    for key, allowed in expected.items():
        value = entries.get(key)
        if value is None:
            problems.append(f"[{table}] {key} is missing (add it; {DEFAULT_RULES_PATH} has one to copy)")
        elif not isinstance(value, str):
            problems.append(f"[{table}] {key} must be a string (got {value!r})")
        elif key != "description":
            problems += [f"[{table}] {key}: {problem}" for problem in _template_problems(value, allowed)]
    return problems


def _template_problems(text: str, allowed: tuple[str, ...]) -> list[str]:
    """What is wrong with a text's {placeholders}: each must be one of `allowed`, by name."""
    may_use = f"it may use {', '.join('{' + name + '}' for name in allowed)}" if allowed else "it may use none"
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        return [f"{exc} (write a literal brace as {{{{ or }}}})"]
    unknown = [name for name in names if name not in allowed]
    if unknown:
        return [f"unknown placeholder {', '.join('{' + name + '}' for name in unknown)} ({may_use})"]
    try:
        text.format(**{name: "x" for name in allowed})
    except (ValueError, KeyError, IndexError) as exc:
        return [f"cannot be filled in: {exc} ({may_use})"]
    return []
