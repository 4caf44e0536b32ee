"""Classes of mistake fixed in round t17n of issue 17 (read w43 and w44), each in new sentences, none copied from a
writer's draft."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.guardrail_drafts import placed_codes

TUESDAY_IN_JANUARY = dt.date(2027, 1, 12)
FOLLOW_UP = "I'll write to you on Friday 12 February."


# --- a week named by its first day ("w/c 22 Feb", "the week of 22 February") is no calendar date ------------------

@pytest.mark.parametrize("body", [
    "Our engineer will be with you in the week commencing 22 February to replace the valve.",
    "The new worktop is due at our depot w/c 15 Feb, and we'll fit it later that week.",
    "We have pencilled the survey in for the week of 1 March.",
])
def test_a_week_named_by_its_first_day_is_no_date(body: str) -> None:
    assert "missing_follow_up_date" in placed_codes(body)


@pytest.mark.parametrize("body", [
    "Our engineer will be with you on Monday 22 February, the first day of the week you asked for.",
    "The parts reach us the week of 22 February, and I'll call you on Friday 12 February to agree a day.",
])
def test_a_day_beside_a_week_is_still_a_date(body: str) -> None:
    assert "missing_follow_up_date" not in placed_codes(body)


# --- an all-number date that is no day in the coming months: the nearer reading, a few days past -------------------

@pytest.mark.parametrize("body", [
    "The ride on 1/7 stayed open for three hours because the dock at Elm Street missed the bike.",
    "The heating on 1/6 stayed off all evening because a fuse tripped in the plant room.",
])
def test_a_numeric_date_just_past_is_not_read_months_ahead(body: str) -> None:
    assert "missing_follow_up_date" in placed_codes(body, today=TUESDAY_IN_JANUARY)


def test_a_numeric_date_nearer_ahead_than_behind_stays_ahead() -> None:
    body = "We'll post your new card on 8/6, when the redesigned cards arrive."
    assert "missing_follow_up_date" not in placed_codes(body, today=TUESDAY_IN_JANUARY)


# --- booked straight onto the day, without "for" or "is", as in a quick note ----------------------------------------

@pytest.mark.parametrize("body", [
    "Electrician booked Thurs 18th Feb, 1-5pm (our showroom is shut on Monday 15th).",
    "Carpet fitter rebooked Tuesday 23 February, mornings only (the warehouse is closed until 22 February).",
])
def test_a_visit_booked_straight_onto_a_day_is_our_date(body: str) -> None:
    assert "missing_follow_up_date" not in placed_codes(body)


@pytest.mark.parametrize("body", [
    "The flight you booked Friday 19 February is unaffected, and we'll write soon.",
    "You booked Tuesday 23 February yourself, and we'll be in touch shortly.",
])
def test_a_day_the_customer_booked_stays_theirs(body: str) -> None:
    assert "missing_follow_up_date" in placed_codes(body)


# --- the customer's own duty in the passive: "your X must be paid by ..." is their deadline -------------------------

@pytest.mark.parametrize("body", [
    "Your consent form must be signed and sent back by Friday 26 February, and we will process it within a week.",
    "Your second instalment of £300 has to be paid by Monday 1 March; we will confirm receipt in a few days.",
])
def test_a_deadline_the_customer_must_meet_is_not_our_date(body: str) -> None:
    assert "missing_follow_up_date" in placed_codes(body)


@pytest.mark.parametrize("body", [
    "Your refund will be paid by Friday 19 February.",
    "Your form must be returned by 26 February, and I'll call you on Monday 1 March once it is in.",
])
def test_our_act_beside_their_deadline_keeps_its_date(body: str) -> None:
    assert "missing_follow_up_date" not in placed_codes(body)


# --- an extra sum the customer was charged is theirs, not a gift -----------------------------------------------------

@pytest.mark.parametrize("body", [
    "I have read your letter about the boiler service and the additional $180 billed for the longer flue.",
    "I have looked at the new kitchen and the extra £95 charged for the longer worktop.",
])
def test_an_extra_sum_charged_to_the_customer_is_no_gift(body: str) -> None:
    assert "over_promise" not in placed_codes(body, follow_up=FOLLOW_UP)


@pytest.mark.parametrize("body", [
    "As a goodwill gesture, I've added an extra £95 to your account.",
    "To say sorry, here is an additional $180 credited to your account.",
])
def test_an_extra_sum_we_give_is_still_beyond_the_catalogue(body: str) -> None:
    assert "over_promise" in placed_codes(body, follow_up=FOLLOW_UP)


# --- a rule used to put the complaint off: "so we will not be looking into it before then" ------------------------

@pytest.mark.parametrize("body", [
    "Our complaints policy gives us 40 working days, so we won't be looking into this until that time is up.",
    "Under our claims procedure we will not be investigating your claim before the assessor has reported.",
])
def test_a_rule_used_to_put_off_the_complaint_is_a_deflection(body: str) -> None:
    assert "policy_deflection" in placed_codes(body)


@pytest.mark.parametrize("body", [
    "We won't be looking into the old account any further, as you asked, and I've refunded the fee.",
    "Our complaints procedure allows 8 weeks, but I have looked into it already and refunded the fee.",
])
def test_not_looking_into_something_without_a_rule_is_no_deflection(body: str) -> None:
    assert "policy_deflection" not in placed_codes(body, follow_up=FOLLOW_UP)


# --- a rule that binds the other side to the customer's good --------------------------------------------------------

@pytest.mark.parametrize("body", [
    "Under the deposit protection rules, a landlord who misses the deadline cannot withhold any of your deposit.",
    "The marketplace rules say a seller that fails to ship cannot keep your payment, so it is all coming back to you.",
])
def test_a_rule_that_stops_the_other_side_keeping_their_money_is_in_their_favour(body: str) -> None:
    assert "policy_deflection" not in placed_codes(body, follow_up=FOLLOW_UP)


@pytest.mark.parametrize("body", [
    "Under our rules, we cannot hold on to the deposit for you any longer.",
    "Under the scheme rules, the landlord's decision stands and we cannot refund the deposit.",
])
def test_a_rule_that_stops_us_is_still_a_deflection(body: str) -> None:
    assert "policy_deflection" in placed_codes(body, follow_up=FOLLOW_UP)
