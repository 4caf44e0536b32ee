"""Classes of mistake fixed in round t17m of issue 17 (read w41 and w42), each in new sentences, none copied from a
writer's draft."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.guardrail_drafts import NO_DATE, placed_codes

FOLLOW_UP = "I'll write to you on Friday 12 February."


# --- a sum the law gives the customer, with "each" before "entitled" or the law named bare by its number ----------

@pytest.mark.parametrize("body", [
    "You are each entitled to 600 EUR compensation for the cancelled flight, and I have approved it.",
    "You're both eligible to 400 EUR compensation each, which I have approved.",
])
def test_a_sum_owed_by_law_is_no_gesture(body: str) -> None:
    assert "over_promise" not in placed_codes(body, follow_up=FOLLOW_UP)


@pytest.mark.parametrize("body", [
    "As a goodwill gesture I have added a 300 EUR voucher to your account.",
    "You are both entitled to our apology, and I'm adding a 200 GBP goodwill credit for each of you.",
])
def test_a_large_gift_of_ours_is_still_beyond_the_catalogue(body: str) -> None:
    assert "over_promise" in placed_codes(body, follow_up=FOLLOW_UP)


# --- what the customer was charged for, however long, is their purchase -----------------------------------------

@pytest.mark.parametrize("body", [
    "I'm sorry you were billed for two whole years of CloudBox when you only wanted the free plan.",
    "The app charged you for a full year of premium while your free month was still running.",
])
def test_a_span_the_customer_was_charged_for_is_no_gift(body: str) -> None:
    assert "over_promise" not in placed_codes(body, follow_up=FOLLOW_UP)


@pytest.mark.parametrize("body", [
    "To say sorry, we'll give you two whole years of CloudBox free.",
])
def test_a_long_free_span_we_give_is_still_caught(body: str) -> None:
    assert "over_promise" in placed_codes(body, follow_up=FOLLOW_UP)


# --- the verb "upgraded" (not only the noun) to a tier for life -------------------------------------------------

@pytest.mark.parametrize("body", [
    "As an apology, we've upgraded your membership to Platinum for life.",
    "I have moved your plan onto Premium Plus for good.",
])
def test_an_upgrade_for_life_is_unbounded(body: str) -> None:
    assert "over_promise" in placed_codes(body, follow_up=FOLLOW_UP)


def test_a_status_the_customer_earned_for_life_is_no_promise() -> None:
    body = "Your Gold status, which you earned for life in 2019, stays as it is."
    assert "over_promise" not in placed_codes(body, follow_up=FOLLOW_UP)


# --- what the customer holds stays valid for an event's new date: not our date ------------------------------------

@pytest.mark.parametrize("body", [
    "Your passes remain valid for the rescheduled match, Saturday 20 February, so there is nothing to do.",
    "The tickets you hold remain good for the new date, Sunday 21 February, with nothing to do.",
])
def test_a_date_the_customers_tickets_stay_valid_for_is_not_ours(body: str) -> None:
    assert "missing_follow_up_date" in placed_codes(body)


@pytest.mark.parametrize("body", [
    "Your passes remain valid, and we'll post the new ones to you on Monday 15 February.",
    "I'll email you on Monday 15 February to confirm the tickets are valid for the new date.",
])
def test_our_own_date_beside_a_validity_stays_ours(body: str) -> None:
    assert "missing_follow_up_date" not in placed_codes(body)


# --- "that day" after ", and" points back to the date before it --------------------------------------------------

@pytest.mark.parametrize("body", [
    "You'll need to sign the form by Friday 12/2, and I'll phone you that afternoon to check it arrived.",
    "You can drop the keys off until Monday 15 February, and we will email you on the same day to confirm.",
])
def test_that_day_after_and_makes_the_date_ours(body: str) -> None:
    assert "missing_follow_up_date" not in placed_codes(body)


@pytest.mark.parametrize("body", [
    "Your trial ends on Friday 12 February, and we'll phone you soon.",
    "You should see the credit by Monday 15 February, and your bank may take longer that day.",
])
def test_their_date_with_no_act_of_ours_on_it_stays_theirs(body: str) -> None:
    assert "missing_follow_up_date" in placed_codes(body)


def test_that_day_belongs_to_the_nearer_date() -> None:
    body = ("As the office is shut on 25 and 28 December, the refund will leave us on 29 December, and I'll "
            "text you that day.")
    assert "over_promise" not in placed_codes(body, follow_up=NO_DATE, today=dt.date(2026, 12, 24))


# --- a renewal switched off by a date: the date is our act, not the renewal's -----------------------------------

@pytest.mark.parametrize("body", [
    "I'll email you a note that your auto-renewal is off by Friday 12 February.",
    "We will confirm that the renewal has been cancelled by Monday 15 February.",
])
def test_a_renewal_switched_off_by_a_date_is_our_date(body: str) -> None:
    assert "missing_follow_up_date" not in placed_codes(body)


@pytest.mark.parametrize("body", [
    "Your membership renews on Friday 12 February; we'll be in touch soon.",
    "The auto-renewal is on Monday 15 February, and we'll write soon.",
])
def test_a_renewal_date_is_still_not_ours(body: str) -> None:
    assert "missing_follow_up_date" in placed_codes(body)
