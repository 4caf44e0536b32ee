"""Findings of the language rounds t19g and t19h (issues 17 and 19), in sentences of our own: a waiver is read in its
own sentence (a negation that ends the sentence before it does not cancel it), a sum named as goodwill is a gesture
even when introduced as "an amount", and a German sentence goes on past "30. November" and "Art. 14 Abs. 2"."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter_core.settings import load_settings
from guardrails import check_draft, context_from_settings, load_phrases
from guardrails.text import analyse
from tests.guardrail_drafts import codes


@pytest.mark.parametrize("body", [
    "Our policy says a refund is only due within 30 days, and that window isn't open any more. We waived the rule "
    "for you: the refund of 49 EUR reaches your card by Friday 11 December.",
    "The terms allow changes up to 48 hours before departure, which wasn't the case here. I made an exception, and "
    "your new ticket will be with you by Thursday 10 December.",
])
def test_a_negation_in_the_sentence_before_does_not_cancel_the_waiver(body: str) -> None:
    assert "policy_deflection" not in codes(body)


@pytest.mark.parametrize("body", [
    "Our policy says a refund is only due within 30 days. We have not waived the rule, so no refund is possible.",
    "The terms allow changes up to 48 hours before departure. I can't make an exception, so the fare stays as it is.",
])
def test_a_negated_waiver_in_its_own_sentence_still_refuses(body: str) -> None:
    assert "policy_deflection" in codes(body)


# --- a named sum given as goodwill, even when introduced as "an amount" (round t19g's finding) ---------------------

GERMAN_DATE = " Wir melden uns am Mittwoch, 9. Dezember."


@pytest.mark.parametrize(("text", "expected"), [
    ("Wir überweisen Ihnen einen Betrag von 150,00 € als Kulanzleistung.", {"over_promise"}),
    ("Als Entgegenkommen erhalten Sie einen Betrag von 120 € als Kulanzzahlung.", {"over_promise"}),
    ("Wir überweisen Ihnen einen Betrag von 10,00 € als Kulanzleistung.", set()),
    ("Den Betrag von 150,00 € für die doppelte Abbuchung erstatten wir Ihnen vollständig.", set()),
])
def test_an_amount_named_as_goodwill_is_judged_against_the_catalogue(text: str, expected: set[str]) -> None:
    verdict = check_draft(text + GERMAN_DATE, context_from_settings(load_settings(env={}), dt.date(2026, 12, 7),
                                                                    language="de"))
    assert set(verdict.codes) & {"policy_deflection", "missing_follow_up_date", "over_promise"} == expected, \
        verdict.violations


# --- German sentences go on past a day before a month and past legal abbreviations (round t19h's finding) ----------

@pytest.mark.parametrize("text", [
    "Ihre Anmeldung vom 30. November wurde zunächst abgelehnt.",
    "Die Frist nach Art. 14 Abs. 2 der Ordnung ist abgelaufen.",
    "Gemäß Ziff. 3 der Bedingungen ist das bis 14. Januar möglich.",
    "Vom 12. Dezember bis 4. Jänner ist das Büro geschlossen.",
])
def test_a_german_sentence_is_not_cut_at_a_date_or_a_legal_abbreviation(text: str) -> None:
    doc = analyse(text + " Wir melden uns.", load_phrases(None, "de").pattern("text.clause_breaks"))
    assert doc.sentence(0) == (0, len(text)), doc.sentence(0)


def test_a_day_at_a_sentence_end_still_ends_it() -> None:
    text = "Wir haben Ihr Paket am 12. Das Paket kommt morgen."
    doc = analyse(text, load_phrases(None, "de").pattern("text.clause_breaks"))
    assert doc.sentence(0)[1] <= text.index("Das")
