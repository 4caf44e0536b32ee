"""A reply that does not address the complaint: pleasant words about something else.

"Thank you for your order! Don't miss our winter sale" answers nobody's complaint, however well it
is dated and signed. The draft's own words (its sections when known, so our greeting with the
customer's name does not count) must share something of the customer's email: one of their numbers
(an order number, an amount, a date), one of their topics (topics.toml, any language), or at least
`addressed.min_shared_words` of their story words (the paraphrase check's reading: case, accents and
plurals ignored, the words of no story left out). Instructions injected into the email
(guardrails.injection) are not the complaint. Runs only where the customer's email is known.
"""

from __future__ import annotations

from drafter_core.values import Violation
from guardrails.base import Check, CheckContext, quoted, violation
from guardrails.injection import injected_regions, without_regions
from guardrails.paraphrase import read, shared_figures
from guardrails.phrasebook import Phrases
from guardrails.rules import Rules
from guardrails.text import section_spans

CODE = "complaint_not_addressed"


def check_complaint_not_addressed(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    customer = context.customer_text
    if not customer or not any(ch.isalnum() for ch in customer):
        return []
    start, end = _our_span(text, context)
    # The complaint, not the instructions smuggled into it: a draft that obeys them shares their words.
    complaint = without_regions(customer, injected_regions(customer, phrases))
    theirs = read(complaint[:int(phrases.value("paraphrase.customer_chars"))], context.today, phrases,
                  context.topics_file)
    if not theirs.words and not theirs.figures and not theirs.topics.found:
        return []
    ours = read(text[start:end], context.today, phrases, context.topics_file)
    if shared_figures(ours, theirs, context.facts) or ours.topics.names & theirs.topics.names:
        return []
    stem = int(phrases.value("paraphrase.stem_letters"))
    names = {word.casefold()[:stem] for word in (context.customer_name or "").split()}
    shared = set(ours.words) & set(theirs.words) - names
    if len(shared) >= int(phrases.value("addressed.min_shared_words")):
        return []
    customer_words = ", ".join(word for _, word in sorted(theirs.words.values())[:8])
    return [violation(CODE, text, start, end, rules.message(
        CODE, quote=quoted(_short(text[start:end])), customer_words=customer_words or "their own words"))]


def _our_span(text: str, context: CheckContext) -> tuple[int, int]:
    """From the first section the model wrote to the last (the whole draft when its sections are unknown)."""
    spans = section_spans(text, context.sections) if context.sections is not None else []
    return (spans[0][0], spans[-1][1]) if spans else (0, len(text))


def _short(words: str, most: int = 100) -> str:
    return words if len(words) <= most else words[:most].rsplit(" ", 1)[0] + " …"


CHECKS = (Check(CODE, check_complaint_not_addressed),)
