"""Policy deflection: the draft hides behind rules instead of solving the customer's problem.

Naming a rule is fine when the draft acts in the customer's favour (an exception, a waived fee, a
rule sent for review), disowns it ("you were told 'it's policy' - that was wrong"), or quotes it.
"""

from __future__ import annotations

import re

from drafter_core.values import Violation
from guardrails.base import Check, CheckContext, said, violation
from guardrails.phrasebook import Phrases
from guardrails.rules import Rules
from guardrails.text import Doc, analyse, next_word, someone_elses

CODE = "policy_deflection"


def check_policy_deflection(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    found = [m for m in phrases.pattern("policy.deflection").finditer(doc.tokens) + _rule_refusals(doc, phrases)
             if not _excused(doc, m, phrases)]
    return [violation(CODE, text, m.start(), m.end(), rules.message(CODE, quote=said(text, m)))
            for m in _first_per_sentence(doc, found)]


def _rule_refusals(doc: Doc, phrases: Phrases) -> list[re.Match[str]]:
    """Rules cited or named in a sentence that says no (or right after one): [policy] citations, rule_mentions
    and refusals."""
    mention_lists = (phrases.pattern("policy.citations"), phrases.pattern("policy.rule_mentions"))
    refusals = phrases.pattern("policy.refusals")
    spans = [doc.sentence(start) for start in doc.sentence_starts]
    # a refusal quoted or reported in its own sentence ("the warranty provider told you the part isn't covered") is
    # not ours; a report in an earlier sentence ("You asked whether ...") leaves ours ours
    says_no = [any(not someone_elses(doc, r.start(), r.end(), phrases, since=span[0])
                   for r in refusals.finditer(doc.tokens, *span)) for span in spans]
    found = []
    for number, span in enumerate(spans):
        if doc.norm[span[0]:span[1]].rstrip().endswith("?"):
            continue
        if not (says_no[number] or (number and says_no[number - 1]) or _refused_next(doc, span, phrases)):
            continue  # (the rule lists are searched last: most sentences refuse nothing)
        named = next((m for mentions in mention_lists if (m := mentions.search(doc.tokens, *span))), None)
        if named is not None:
            found.append(named)
    return found


def _refused_next(doc: Doc, span: tuple[int, int], phrases: Phrases) -> bool:
    """The refusal may come in the sentence after the rule, in the same paragraph ("Your account went over the
    limit, which triggers the fair-usage clause. The throttling applies automatically and I can't lift it.")."""
    following = doc.next_sentence(span[0]) if span[1] < len(doc.norm) else None
    return following is not None and doc.paragraph(following[0])[0] == doc.paragraph(span[0])[0] and \
        not doc.norm[following[0]:following[1]].rstrip().endswith("?") and \
        phrases.pattern("policy.refusing_the_named_rule").search(doc.tokens, *following) is not None


def _first_per_sentence(doc: Doc, matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """One violation per sentence, the earliest: two ways of reading one deflection are one problem."""
    kept: dict[int, re.Match[str]] = {}
    for m in sorted(matches, key=lambda m: (m.start(), -m.end())):
        kept.setdefault(doc.sentence(m.start())[0], m)
    return list(kept.values())


def _excused(doc: Doc, m: re.Match[str], phrases: Phrases) -> bool:
    if someone_elses(doc, m.start(), m.end(), phrases) or _their_outcome(doc, m, phrases):
        return True
    start, end = doc.sentence(m.start())
    if _disowns(doc, start, end, phrases) or _favour(doc, start, end, phrases, m):
        return True
    following = doc.next_sentence(m.start())
    if following is None:
        # the last sentence may still set the rule aside ("Our terms say no refunds, but I've waived that for you.")
        return _waived_later(doc, m, phrases) or _product(doc, m)
    next_start, next_end = following
    if _disowns(doc, next_start, next_end, phrases):
        return True
    opener = phrases.pattern("policy.contrast_openers").match(doc.tokens, _skip_space(doc.norm, next_start))
    if opener is not None and _favour(doc, next_start, next_end, phrases):
        return True
    return _waived_later(doc, m, phrases) or _product(doc, m)


def _their_outcome(doc: Doc, m: re.Match[str], phrases: Phrases) -> bool:
    """'not up to us' said of a fronted whether-clause about someone else's part ("ob der alte Anbieter mitspielt,
    liegt nicht bei uns"; [policy] their_outcome_before, ending where the deflection starts, in its sentence): a
    caveat beside what we did, not a rule we hide behind."""
    outcome = phrases.patterns.get("policy.their_outcome_before")
    return outcome is not None and outcome.search(doc.tokens, doc.sentence(m.start())[0], m.start()) is not None


def _disowns(doc: Doc, start: int, end: int, phrases: Phrases) -> bool:
    """Does doc[start:end] disown the rule-talk ([policy] disowned), outside a condition ([policy]
    disowned_conditions, back to the last comma): "even if it was bought by mistake" names the customer's error."""
    conditions = phrases.patterns.get("policy.disowned_conditions")
    for d in phrases.pattern("policy.disowned").finditer(doc.tokens, start, end):
        clause = max(start, doc.norm.rfind(",", start, d.start()) + 1)
        if conditions is None or conditions.search(doc.tokens, clause, d.start()) is None:
            return True
    return False


def _waived_later(doc: Doc, m: re.Match[str], phrases: Phrases) -> bool:
    """A rule set aside in its sentence, later in its paragraph or in the next one: "Our terms say numbers cannot
    be reduced ... In your case, though, ... I have set that rule aside." ([policy] waivers, not negated.) Further
    on in the letter, a waiver counts when its own sentence names the rule it sets aside: a long letter explains the
    usual process first and sets it aside paragraphs later ("In your case, I have set the inspection requirement
    aside")."""
    start = doc.sentence(m.start())[0]
    _, end = doc.paragraph(m.start())
    following = [p for p in doc.paragraphs() if p[0] > end]
    if following:
        end = following[0][1]
    negators = phrases.pattern("text.negators")
    # "I tried to change it", "the steps to change it yourself": no waiver of ours
    before, after = phrases.patterns.get("policy.waiver_not_ours"), phrases.patterns.get("policy.waiver_not_ours_after")
    rules = (phrases.pattern("policy.rule_mentions"), phrases.pattern("policy.citations"))

    def stands(w: re.Match[str]) -> bool:
        # what comes just before the waiver is read in its own sentence: "... which is not the case here. The
        # deadline will therefore not be applied" is no negated waiver
        own = doc.sentence(w.start())
        lead = max(own[0], w.start() - 25), w.start()
        return (not negators.search(doc.tokens, *lead)
                and not (before and before.search(doc.tokens, *lead))
                and not (after and after.match(doc.tokens, next_word(doc.norm, w.end()), doc.after_end(w.end(), 30)))
                and not _against_the_rule(doc, w, phrases)
                and (w.start() < end or any(r.search(doc.tokens, *own) for r in rules)))

    return any(stands(w) for w in phrases.pattern("policy.waivers").finditer(doc.tokens, start, len(doc.norm)))


def _against_the_rule(doc: Doc, m: re.Match[str], phrases: Phrases) -> bool:
    """A waiver or favour that is only the subject of a refusal: "waiving the fee would go against our terms"
    ([policy] against_the_rule_after, in the clause just after it)."""
    against = phrases.patterns.get("policy.against_the_rule_after")
    return against is not None and \
        against.match(doc.tokens, next_word(doc.norm, m.end()), doc.after_end(m.end(), 60)) is not None


_YOUR_POLICY = re.compile(r"\byour(?:\s+[\w'-]+){0,2}\s+polic(?:y|ies)$", re.IGNORECASE)
_CITING = re.compile(r"\b(?:under|per|according to|in line with|in accordance with|terms of|conditions of)\s+your\b",
                     re.IGNORECASE)
_HELD_PRODUCT = re.compile(r"(?:\byour|\b(?:took out|bought|hold|have|purchased) (?:our|a|the|your))"
                           r"(?:\s+(?-i:[A-Z][\w'-]*)){1,3}\s+polic(?:y|ies)$", re.IGNORECASE)


_BACK_TO_POLICY = re.compile(r"\b(?:the|this|that)\s+polic(?:y|ies)$", re.IGNORECASE)
_HELD_PRODUCT_ANYWHERE = re.compile(_HELD_PRODUCT.pattern.removesuffix("$") + r"\b", re.IGNORECASE)


def _product(doc: Doc, m: re.Match[str]) -> bool:
    """'you took out our Super Cover policy', 'your Home Plus policy': a product in Title Case that the customer
    holds, not a rule ("the Council's Parking Enforcement Policy" is a rule). "The policy" said later refers back to
    that product: "you took out our Super Cover policy ... the desk did not apply the policy to the deposit"."""
    text = doc.norm[max(0, m.start() - 60):m.end()]
    if _HELD_PRODUCT.search(text) is not None or (
            _YOUR_POLICY.search(text) is not None and _CITING.search(text) is None):
        return True
    return _BACK_TO_POLICY.search(m.group()) is not None and \
        _HELD_PRODUCT_ANYWHERE.search(doc.norm, 0, m.start()) is not None


def _favour(doc: Doc, start: int, end: int, phrases: Phrases, refusal: re.Match[str] | None = None) -> bool:
    """Does this sentence act in the customer's favour? "we cannot make an exception" does not, nor does a
    goodwill gesture beside the refusal ("However, as a gesture of goodwill I've approved a credit"), nor the
    refusal's own words ("beyond what we are authorised to approve")."""
    if phrases.pattern("policy.gestures_not_favours").search(doc.tokens, start, end):
        return False
    negators = phrases.pattern("text.negators")
    limits = phrases.patterns.get("policy.limited_favour")
    protective = phrases.patterns.get("policy.protective_rules")
    if refusal is not None and protective is not None and any(
            p.start() < refusal.end() and refusal.start() < p.end()
            for p in protective.finditer(doc.tokens, start, end)):
        return True  # the rule named is one that protects the customer ([policy] protective_rules)
    return any(
        not negators.search(doc.tokens, lead := max(start, m.start() - 45, doc.norm.rfind(",", 0, m.start()) + 1),
                            m.start())
        and not (limits is not None and limits.search(doc.tokens, lead, m.start()))
        and not _relative(doc, m)
        and not _against_the_rule(doc, m, phrases)
        and not (refusal is not None and refusal.start() < m.start() and m.end() <= refusal.end())
        for m in phrases.pattern("policy.in_customer_favour").finditer(doc.tokens, start, end)
    )  # (a "not" before a comma negates another clause: "where it is not provided as agreed, you are entitled";
    # within its clause it reaches over a list of verbs: "not something I'm able to change or waive")
    # ([policy] limited_favour before it in that clause: "seules quatre séances par an sont prises en charge" states the
    # rule's limit, not a favour)


_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|any|every|which|that|those|these)\s+(?:[\w'-]+\s+){0,2}$", re.IGNORECASE)


def _relative(doc: Doc, m: re.Match[str]) -> bool:
    """'the part we replaced', 'the refund we issued in May': our past act describing a thing (a relative clause),
    not a favour done now. A verb with its own object ("under the scheme rules we have to return it") is a main
    clause after a fronted phrase, not a relative clause, whose object is the noun before it."""
    return m.group()[:2].lower() in ("i ", "i'", "we") and _OWN_OBJECT.search(m.group()) is None and \
        _NOUN_BEFORE.search(doc.norm, max(0, m.start() - 40), m.start()) is not None


# (a determiner after the verb opens its own object: "we must return the deposit" is a main clause, since a relative
# clause's verb has its object before it)
_OWN_OBJECT = re.compile(r"\s(?:you|it|them|your|the|this|that|all|any)$", re.IGNORECASE)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and not text[pos].isalnum():
        pos += 1
    return pos


CHECKS = (Check(CODE, check_policy_deflection),)
