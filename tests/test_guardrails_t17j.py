"""Classes of mistake fixed in round t17j of issue 17 (and two engine changes for German, French and Spanish), each in
new sentences, none copied from a writer's draft."""

from __future__ import annotations

import datetime as dt

import pytest

from guardrails import load_phrases
from guardrails.dates import find_dates
from guardrails.phraselist import PhraseList
from guardrails.text import analyse
from tests.guardrail_drafts import codes, codes_in

MONDAY = dt.date(2026, 12, 7)  # Thursday 10, Friday 11, Friday 25 December 2026


# --- engine change 1: a foreign weekday before a bare day of the month -------------------------------------------

@pytest.mark.parametrize("text, day", [
    ("Je vous rappelle demain, jeudi 10.", 10),
    ("Jeudi 10, je vous envoie le devis.", 10),
    ("Nous vous écrirons le vendredi 11.", 11),
    ("Le llamaremos mañana, viernes 25.", 25),
    ("Viernes 11: le enviamos la factura.", 11),
    ("Le escribiremos el jueves 10.", 10),
    ("Wir melden uns am Donnerstag, 10.", 10),
    ("Freitag, den 11. rufen wir Sie an.", 11),
])
def test_a_foreign_weekday_before_a_bare_day_is_a_date(text: str, day: int) -> None:
    found = find_dates(text, MONDAY, "day_first")
    assert [(f.date, f.weekday_ok) for f in found] == [(dt.date(2026, 12, day), True)]
    assert all(text[f.start:f.end] == f.text for f in found)


@pytest.mark.parametrize("text", [
    "Le technicien passe jeudi 10 h.",
    "Rufen Sie uns Freitag 10 Uhr an.",
    "El viernes 25 € de descuento caduca.",
    "Elle a attendu jeudi 10 minutes au guichet.",
    "Nous avons parlé jeudi 10 clients.",  # a weekday mid-clause, no article: not a date
])
def test_hours_money_and_a_weekday_mid_clause_are_no_date(text: str) -> None:
    assert find_dates(text, MONDAY, "day_first") == []


@pytest.mark.parametrize("text, date", [
    ("Nous vous rappelons le jeudi 10 décembre.", dt.date(2026, 12, 10)),
    ("Le enviaremos el viernes 11 de diciembre el informe.", dt.date(2026, 12, 11)),
    ("Wir rufen Sie Freitag, 11. Dezember an.", dt.date(2026, 12, 11)),
])
def test_a_month_after_the_day_is_still_the_full_date(text: str, date: dt.date) -> None:
    assert [f.date for f in find_dates(text, MONDAY, "day_first")] == [date]


@pytest.mark.parametrize("text", ["Le rappel est prévu le vendredi 10.", "Le llamaremos mañana, jueves 11.",
                                  "Wir rufen Sie am Montag, den 10. an."])
def test_the_weekday_must_agree_with_the_day(text: str) -> None:
    assert [f.weekday_ok for f in find_dates(text, MONDAY, "day_first")] == [False]


@pytest.mark.parametrize("language, text", [
    ("fr", "Bonjour Claire,\n\nMerci pour votre message. Je vous rappelle demain, mardi 8, pour fixer la date de "
           "la livraison.\n\nCordialement,\nPaul"),
    ("es", "Hola Marta:\n\nGracias por su mensaje. Le llamaremos mañana, martes 8, para confirmar la entrega.\n\n"
           "Un saludo,\nPablo"),
    ("de", "Hallo Frau Berg,\n\ndanke für Ihre Nachricht. Wir rufen Sie am Dienstag, 8. an, um die Lieferung zu "
           "bestätigen.\n\nViele Grüße\nPaul"),
])
def test_our_contact_on_a_weekday_and_bare_day_is_a_follow_up_date(language: str, text: str) -> None:
    found, violations = codes_in(language, text, MONDAY)
    assert "missing_follow_up_date" not in found, violations


# --- a month or weekday cut short ends its sentence unless the date goes on ----------------------------------------

@pytest.mark.parametrize("text, sentences", [
    ("Your lease ends on 28 Feb. The only charge would be for damage.", 2),
    ("We can do so. Then I will call you.", 2),
    ("The visit is on Thu. Nothing else changes.", 2),
    ("The visit is on Dec. 4 at noon.", 1),
    ("Call me Fri. 4 Dec if you like.", 1),
    ("The fee is due by 3 Jan. 2027 at the latest.", 1),
])
def test_a_cut_short_month_or_weekday_ends_a_sentence_only_before_a_new_one(text: str, sentences: int) -> None:
    assert len(analyse(text, _clause_breaks()).sentence_starts) == sentences


def _clause_breaks() -> PhraseList:
    return load_phrases().pattern("text.clause_breaks")


@pytest.mark.parametrize("body", [
    "Your cover runs to 30 Apr. The only thing you need to do is keep the receipt.",
    "The plan in your agreement pays out on 12 Mar. The only excess is the one on your schedule.",
])
def test_a_restriction_in_the_next_sentence_does_not_make_a_rule_mention_a_refusal(body: str) -> None:
    assert "policy_deflection" not in codes(body)


# --- a preposition after a gift word says where it goes, not what is free -----------------------------------------

@pytest.mark.parametrize("body", [
    "As a thank-you, I've put one month free onto your membership.",
    "To say sorry, we've added a month free to your subscription.",
    "I've added one month free on your account for the trouble.",
])
def test_a_month_free_to_an_account_is_the_catalogues_month(body: str) -> None:
    assert "over_promise" not in codes(body)


@pytest.mark.parametrize("body", [
    "As a thank-you, I've added six months free to your membership.",
    "To say sorry, your next spa day is free.",
    "We'd like to offer you a free night at any of our hotels.",
])
def test_gifts_beyond_the_catalogue_are_still_caught(body: str) -> None:
    assert "over_promise" in codes(body)


# --- "for as long as you ..." is a span without end ----------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "To make it right, your tyre checks will be free for as long as you own the vehicle.",
    "We'll waive the delivery fee for as long as you'd like to order from us.",
    "Your car washes are on us for as long as you have the lease.",
])
def test_a_gift_for_as_long_as_the_customer_does_something_is_endless(body: str) -> None:
    assert "over_promise" in codes(body)


def test_as_long_as_without_for_is_a_condition() -> None:
    assert "over_promise" not in codes("Your refund will go through as long as you send the unit back unused.")


# --- the customer's own booking, named with an adverb or named back after its date ---------------------------------

_VAGUE = "We'll be in touch soon once the lab has the results."


@pytest.mark.parametrize("body", [
    "Your next session is still on Thursday 10 December at 9am.",
    "Your follow-up appointment is now on Wednesday 9 December.",
    "Your eye test and frame fitting are booked for Thursday 10 December, and that appointment is all set.",
    "Your MOT and tyre swap are booked in for Wednesday 9 December, and the booking stands as it is.",
])
def test_the_customers_own_booking_is_no_follow_up_date(body: str) -> None:
    assert "missing_follow_up_date" in codes(body, follow_up=_VAGUE)


@pytest.mark.parametrize("body", [
    "We've booked the engineer for Thursday 10 December, and the appointment is confirmed.",
    "I'll call you on Thursday 10 December, and the appointment is all set after that.",
])
def test_our_own_booking_named_back_is_still_our_date(body: str) -> None:
    assert "missing_follow_up_date" not in codes(body, follow_up=_VAGUE)


# --- "the policy" said again after the customer's own policy product is that product ------------------------------

@pytest.mark.parametrize("body", [
    "When you bought the phone you took out our Screen Shield policy, which only covers accidental damage. The "
    "store never registered the policy, so I have registered it today.",
    "You hold our Travel Plus policy, and it only pays for delays over three hours. Our adviser misread the policy "
    "when you called, so I have reopened your claim.",
])
def test_the_policy_after_the_customers_policy_product_is_that_product(body: str) -> None:
    assert "policy_deflection" not in codes(body)


def test_the_policy_as_a_rule_is_still_a_deflection() -> None:
    assert "policy_deflection" in codes("We only refund within 30 days. The policy is clear, so I can't refund this.")


# --- a claim worked out again pays what is owed --------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "Your scan qualified for the higher benefit, so I have reprocessed the claim. Our extra payment of $310.00 will "
    "be sent to you.",
    "The claim has been reassessed under your plan, and a further $180 is on its way to your account.",
    "I recalculated your claim at the in-network rate; the additional $96.40 will reach you by cheque.",
])
def test_a_payment_from_a_reprocessed_claim_is_no_gesture(body: str) -> None:
    assert "over_promise" not in codes(body)


def test_goodwill_beside_a_reprocessed_claim_is_still_a_gesture() -> None:
    assert "over_promise" in codes("I've reprocessed your claim. As a goodwill gesture I'm also adding $150 credit.")
