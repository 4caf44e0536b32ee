"""The phrase book: every phrase list and threshold the checks use, read from a TOML file.

A support lead edits drafter_core/data/guardrails/phrases.toml (or the file named by [data] phrases_file);
each list of entries is compiled once into a PhraseList (whole words, case-insensitive, fast). An entry
is a phrase, or a table { phrase = "...", unless_preceded_by = [words], unless_followed_by = [...] }.

The words of one language live in a file of their own beside it, phrases.<language>.toml (phrases.de.toml,
phrases.fr.toml, phrases.es.toml): each of its lists extends the main book's list of the same name, so every
check reads every language, and a German support lead edits one file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter_core.errors import ConfigError
from drafter_core.settings import DataSettings, read_toml
from guardrails.heads_cache import CACHE as HEADS
from guardrails.phraselist import PatternError, PhraseList

DEFAULT_PHRASES_PATH = DataSettings().phrases_file

# Lists every check relies on: a phrase book without one of them is rejected at load time, so a
# deleted list fails loudly instead of silently switching a check off.
REQUIRED_LISTS: tuple[str, ...] = (
    "text.clause_breaks",
    "text.reported_speech",
    "text.negators",
    "text.negators_after",
    "policy.deflection", "policy.citations", "policy.rule_nouns", "policy.rule_mentions", "policy.refusals",
    "policy.waivers", "policy.gestures_not_favours", "dates.we_did", "dates.we_booked", "dates.we_will",
    "dates.new_clause_joints", "dates.occasion_after",
    "injection.asking_the_customer",
    "promises.remedy_negators_near",
    "promises.scheme_names", "promises.simple_steps",
    "policy.in_customer_favour",
    "policy.contrast_openers",
    "policy.disowned",
    "dates.past_event",
    "dates.not_our_date",
    "dates.commitment",
    "dates.follow_up",
    "dates.arrival",
    "promises.absolutes",
    "promises.hedges",
    "promises.short_timelines",
    "promises.future_today",
    "promises.unbounded_remedies",
    "promises.remedy_negators",
    "promises.gesture_nouns",
    "promises.refund_nouns",
    "promises.gesture_lead_ins",
    "promises.free_words",
    "promises.unbounded_scopes",
    "promises.extra_gestures",
    "promises.described",
    "promises.existing_deal",
    "apology.non_apology",
    "apology.sympathy",
    "apology.sympathy_negators",
    "structure.timeline",
    "facts.identifier_labels",
    "facts.own_identifier_labels",
    "injection.phrases",
    "injection.instruction_verbs",
    "injection.addressing",
    "injection.allowed_contacts",
    "injection.redirect_cues",
    "paraphrase.ignored_support",
    "paraphrase.amount_role_spend",
    "paraphrase.amount_role_payment",
    "paraphrase.identifier_role_order",
    "paraphrase.identifier_role_invoice",
    "paraphrase.figure_links",
    "dates.future_markers",
    "promises.done_after",
    "dates.past_markers",
    "payments.account_cues",
    "payments.card_cues",
    "liability.admissions",
    "liability.negators",
    "recipient.salutations",
    "recipient.titles",
    "recipient.generic",
    "recipient.third_parties",
    "dates.asked_or_conditional", "dates.day_or_longer", "dates.new_clause_verbs", "dates.our_side",
    "dates.own_time_after", "dates.tied_clause_joints", "dates.vague_times",
    "policy.refusing_the_named_rule", "policy.rule_quotes",
    "promises.entitlements", "promises.future_tomorrow", "promises.goodwill_words", "promises.scopes_for_each",
    "promises.time_limits", "promises.gift_span_leads", "promises.their_points_before", "promises.their_points_after",
    "promises.adding_verbs", "promises.none_of", "promises.second_clause_joints",
    "dates.second_verb_joints", "dates.second_verb_modals", "promises.broken_after",
    "promises.monthly_fees", "promises.instalment_leads", "dates.deadline_leads",
    "promises.paid_off_before",
)
NUMERIC_ORDERS = ("auto", "day_first", "month_first")
REQUIRED_VALUES: tuple[str, ...] = (
    "dates.numeric_order", "text.window_chars", "promises.max_hours", "promises.amount_window_chars",
    "promises.max_money", "promises.max_months", "promises.max_points", "promises.max_percent",
    "paraphrase.window_words", "paraphrase.identifier_words_after", "paraphrase.stem_letters",
    "paraphrase.customer_chars", "leak.run_words", "addressed.min_shared_words", "language.min_words",
)


@dataclass(frozen=True, eq=False)
class Phrases:
    """Compiled phrase lists (`pattern`) and plain settings (`value`), keyed 'table.key'."""

    path: Path
    patterns: Mapping[str, PhraseList]
    values: Mapping[str, Any]

    def pattern(self, key: str) -> PhraseList:
        try:
            return self.patterns[key]
        except KeyError:
            raise ConfigError(f"{self.path}: no phrase list {_where(key)} (add it, even as an empty list)") from None

    def value(self, key: str) -> Any:
        try:
            return self.values[key]
        except KeyError:
            raise ConfigError(f"{self.path}: no setting {_where(key)} (add it)") from None


def load_phrases(path: Path | str | None = None, language: str | None = None) -> Phrases:
    """Read and compile a phrase book (default: drafter_core/data/guardrails/phrases.toml); cached.

    With the reply's `language`, the main book and that language's file only: a German reply is not read with
    French words, nor an English one with any other's. Without one (a draft of unknown language), every file."""
    return _load(_resolved(path), language)


@lru_cache(maxsize=32)
def _resolved(path: Path | str | None) -> Path:
    # check_draft asks once per draft: resolving the name each time cost a few system calls per draft.
    return Path(path).resolve() if path else DEFAULT_PHRASES_PATH


def language_files(path: Path, language: str | None = None) -> list[Path]:
    """The language files beside a phrase book (phrases.toml -> phrases.de.toml, ...), or `language`'s alone."""
    if language is not None:
        own = path.with_name(f"{path.stem}.{language}{path.suffix}")
        return [own] if own.is_file() else []
    return sorted(path.parent.glob(f"{path.stem}.*{path.suffix}"))


@lru_cache(maxsize=16)
def _load(path: Path, language: str | None) -> Phrases:
    data = read_toml(path, "[data] phrases_file")
    present = {f"{table}.{key}" for table, entries in data.items() if isinstance(entries, dict) for key in entries}
    missing = [k for k in (*REQUIRED_LISTS, *REQUIRED_VALUES) if k not in present]
    if missing:  # said of the main book first: a language file's lists extend only what it has
        raise ConfigError(f"{path}: missing {', '.join(_where(k) for k in missing)} (copy them from "
                          f"{DEFAULT_PHRASES_PATH})")
    for language_file in language_files(path, language):
        _extend(data, language_file, path)
    patterns: dict[str, PhraseList] = {}
    values: dict[str, Any] = {}
    for table, entries in data.items():
        if not isinstance(entries, dict):
            raise ConfigError(f"{path}: top-level key {table!r} must be a [table]")
        for key, value in entries.items():
            name = f"{table}.{key}"
            values[name] = value
            if isinstance(value, list) and all(isinstance(item, str | dict) for item in value):
                patterns[name] = _compile(path, name, value, data)
    missing = [k for k in REQUIRED_LISTS if k not in patterns] + [k for k in REQUIRED_VALUES if k not in values]
    if missing:
        raise ConfigError(f"{path}: missing {', '.join(_where(k) for k in missing)} (copy them from "
                          f"{DEFAULT_PHRASES_PATH})")
    if values["dates.numeric_order"] not in NUMERIC_ORDERS:
        raise ConfigError(f"{path}: {_where('dates.numeric_order')} is {values['dates.numeric_order']!r}; "
                          f"use one of {', '.join(map(repr, NUMERIC_ORDERS))}")
    HEADS.save()
    return Phrases(path=path, patterns=patterns, values=values)


def _extend(data: dict[str, Any], language_file: Path, path: Path) -> None:
    """Append a language file's lists to the main book's lists of the same names."""
    for table, entries in read_toml(language_file, "a phrase book's language file").items():
        for key, value in (entries.items() if isinstance(entries, dict) else [(None, entries)]):
            base = data.get(table, {}).get(key) if key is not None else None
            if not isinstance(base, list) or not isinstance(value, list):
                where = f"[{table}] {key}" if key is not None else repr(table)
                raise ConfigError(f"{language_file}: {where} is not a list of {path.name}; a language file only adds "
                                  f"entries to the main phrase book's lists (rename it, or add the list there first)")
            base.extend(value)


def _compile(path: Path, name: str, entries: list[str | dict[str, Any]], data: dict[str, Any]) -> PhraseList:
    """One searchable list: whole words only, case-insensitive, a space matches any whitespace."""
    try:
        return PhraseList.build([_entry_to_regex(path, name, entry, data) for entry in entries])
    except PatternError as exc:
        raise ConfigError(f"{path}: {_where(name)}: {entries[exc.number]!r} is not a valid pattern "
                          f"({exc.error})") from None


_ENTRY_KEYS = ("phrase", "unless_preceded_by", "unless_followed_by")


def _entry_to_regex(path: Path, name: str, entry: str | dict[str, Any], data: dict[str, Any]) -> str:
    """A phrase; or a table whose phrase does not count right after a word of unless_preceded_by (one
    space apart), nor right before a continuation in unless_followed_by (" to": a space, then "to")."""
    if isinstance(entry, str):
        return phrase_to_regex(_expand(path, name, entry, data))
    phrase = entry.get("phrase")
    preceded = entry.get("unless_preceded_by", [])
    followed = entry.get("unless_followed_by", [])
    if not (isinstance(phrase, str) and _strings(preceded) and _strings(followed)) or entry.keys() - {*_ENTRY_KEYS}:
        raise ConfigError(f"{path}: {_where(name)}: {entry!r} is not a phrase entry: a table has phrase = \"...\" "
                          f"and may have unless_preceded_by = [\"word\", ...] and unless_followed_by = [\"...\", ...]")
    not_after = "".join(rf"(?<!\b{re.escape(word)}\s)" for word in preceded)
    not_before = "".join(f"(?!{_continuation(path, name, text, data)})" for text in followed)
    return not_after + phrase_to_regex(_expand(path, name, phrase, data)) + not_before


def _continuation(path: Path, name: str, text: str, data: dict[str, Any]) -> str:
    """What follows a phrase: a leading space is whitespace between the two, like any other space; a leading " ?"
    is optional whitespace (" ?:" is a colon, right after the phrase or after a space)."""
    if text.startswith(" ?"):
        return r"\s*" + phrase_to_regex(_expand(path, name, text[2:], data))
    space = r"\s+" if text.startswith(" ") else ""
    return space + phrase_to_regex(_expand(path, name, text, data))


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


_REFERENCE = re.compile(r"\{([a-z_]+)\.([a-z_]+)\}")


def _expand(path: Path, name: str, entry: str, data: dict[str, Any], depth: int = 0) -> str:
    """Replace {table.key} with "any entry of that list", so one list of words serves many phrases; a list
    may name another (rule_nouns holds {policy.rule_words}), up to a few levels deep."""
    def one(match: re.Match[str]) -> str:
        words = data.get(match.group(1), {}).get(match.group(2))
        if not _strings(words) or not words:
            raise ConfigError(f"{path}: {_where(name)}: {match.group()} names no list of words")
        if depth >= _MAX_DEPTH:
            raise ConfigError(f"{path}: {_where(name)}: {match.group()} names lists that name each other")
        return "(" + "|".join(_expand(path, name, word, data, depth + 1) for word in words) + ")"

    return _REFERENCE.sub(one, entry)


_MAX_DEPTH = 4


def phrase_to_regex(entry: str) -> str:
    """Each space (outside [...]) matches any run of whitespace; " ?" is an optional one. A space before a word
    that may be left out ("no podemos (hacer)?") is left out with it, so the phrase without it still ends (or
    meets the next word) where a text has no second space: before punctuation, or at the end."""
    out: list[str] = []
    in_class = escaped = False
    text = entry.strip()
    optional_words = _optional_words(text)  # where each opens -> where its quantifier starts
    quantifiers = set(optional_words.values())
    index = 0
    while index < len(text):
        char = text[index]
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif in_class:
            out.append(char)
            in_class = char != "]"
        elif char == "[":
            out.append(char)
            in_class = True
        elif char == " " and out and out[-1] in (r"\s+", r"\s*"):
            pass  # a run of spaces is one space
        elif char == " " and index + 1 in optional_words:
            out.append(r"(?:\s+")  # closed after the word's quantifier, below
        elif char == " ":
            optional = text[index + 1:index + 2] in ("?", "*")
            out.append(r"\s*" if optional else r"\s+")
            index += 1 if optional else 0
        elif index in quantifiers:
            quantifier = _QUANTIFIER.match(text, index)
            assert quantifier is not None  # _optional_words found it there
            out.append(_at_least_once(quantifier) + ")?")
            index = quantifier.end() - 1
        else:
            out.append(char)
        index += 1
    return "".join(out)


# What may follow a group that may be left out: "?", "*", "{0,n}"; not a lazy or possessive one.
_QUANTIFIER = re.compile(r"(?:\?|\*|\{0,(\d*)\})(?![?+])")


def _at_least_once(quantifier: re.Match[str]) -> str:
    """The same repetition once the optional space before the group is left out with it: the group comes at
    least once inside that optional part ("?" -> once, "*" -> "+", "{0,n}" -> "{1,n}")."""
    if quantifier.group() == "?":
        return ""
    return "+" if quantifier.group() == "*" else f"{{1,{quantifier.group(1)}}}"


def _optional_words(text: str) -> dict[int, int]:
    """The groups of `text` that are words of their own which may be left out: after a space, with "?", "*" or
    "{0,n}", and then the end, a space, "|" or ")". Not "(that )?I" nor "([a-z]+ ){0,2}", whose space is already
    inside the group, nor "(wir|ich)? ?an", whose " ?" already lets the group go. Maps where each group opens to
    where its quantifier starts."""
    found: dict[int, int] = {}
    for start, end in _groups(text).items():
        quantifier = _QUANTIFIER.match(text, end + 1)
        if quantifier is None or text[start - 1:start] != " " or not _plain_group(text, start) \
                or text[quantifier.end():quantifier.end() + 1] not in ("", " ", "|", ")") \
                or text[quantifier.end():quantifier.end() + 2] in (" ?", " *"):
            continue
        if not any(alternative.endswith(" ") for alternative in _alternatives(text[start + 1:end])):
            found[start] = end + 1
    return found


def _plain_group(text: str, start: int) -> bool:
    """A group that matches words: capturing or "(?:", not a lookaround or a flag."""
    return text[start + 1:start + 2] != "?" or text[start + 2:start + 3] == ":"


def _groups(text: str) -> dict[int, int]:
    """Where each group of `text` opens -> where it closes (outside [...], not escaped)."""
    pairs: dict[int, int] = {}
    opened: list[int] = []
    for index, char in _syntax(text):
        if char == "(":
            opened.append(index)
        elif char == ")" and opened:
            pairs[opened.pop()] = index
    return pairs


def _alternatives(body: str) -> list[str]:
    """A group's body split at its own "|" (not inside a nested group or [...])."""
    parts, depth, last = [], 0, 0
    for index, char in _syntax(body):
        if char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append(body[last:index])
            last = index + 1
    return [*parts, body[last:]]


def _syntax(text: str) -> Iterator[tuple[int, str]]:
    """The characters of `text` that are regex syntax: neither escaped nor inside [...] (with where they stand)."""
    in_class = escaped = False
    for index, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            yield index, char


def _where(key: str) -> str:
    table, _, name = key.partition(".")
    return f"[{table}] {name}"

