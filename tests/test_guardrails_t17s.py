"""Classes of mistake fixed in round t17s of issue 17 (read w59 and w60, and w56's last miss), each in new sentences,
none copied from a writer's draft."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import codes

# --- the law named bare, as the rule that refuses: "the legislation does not allow us to" ----------------------------

@pytest.mark.parametrize("body", [
    "The law won't allow us to go back more than a year, so the older bills stay as they are.",
    "The legislation does not allow us to backdate a change of tariff, so your old rate applies.",
])
def test_the_law_that_refuses_is_a_deflection(body: str) -> None:
    assert "policy_deflection" in codes(body)


# --- ... but a law that stops us chasing or charging the customer is in their favour ---------------------------------

@pytest.mark.parametrize("body", [
    "While you dispute the bill, the law won't let us pass the debt to collectors or add interest, so nothing more "
    "is owed for now.",
    "The legislation does not let us charge late fees while a complaint is open, so I've paused the account.",
])
def test_a_law_that_stops_us_chasing_or_charging_the_customer_is_in_their_favour(body: str) -> None:
    assert "policy_deflection" not in codes(body)


# --- a deadline given to someone else, and a promotion's end in a relative clause, are not our dates -----------------

@pytest.mark.parametrize("follow_up", [
    "The courier has until 9 December to return the parcel, and our team will be in touch after that.",
    "I've asked the landlord to reply; they have until Friday 11 December to do so, and we'll follow up soon.",
    "The promotion that runs until 14 December is on another model; we'll get back to you shortly.",
])
def test_another_partys_deadline_or_a_promotions_end_is_not_our_follow_up(follow_up: str) -> None:
    assert "missing_follow_up_date" in codes("We're sorry about the delay.", follow_up=follow_up)


@pytest.mark.parametrize("follow_up", [
    "We have until Friday 11 December to answer the ombudsman, and I'll write to you then.",
    "I'll email you on Friday 11 December, once the courier has replied.",
])
def test_our_own_deadline_is_still_our_date(follow_up: str) -> None:
    assert "missing_follow_up_date" not in codes("We're sorry about the delay.", follow_up=follow_up)


# --- a guarantee named as the one that was missed is the customer's purchase, not our promise -----------------------

@pytest.mark.parametrize("body", [
    "Your order missed its guaranteed delivery window, so I've refunded the express fee.",
    "The broken guaranteed arrival time means the fee comes back to you, so I've refunded it.",
])
def test_a_missed_guarantee_is_no_new_promise(body: str) -> None:
    assert "over_promise" not in codes(body)


@pytest.mark.parametrize("body", [
    "I missed your call earlier, but your parcel is guaranteed to arrive tomorrow.",
    "We've fixed the missed payment, and I guarantee it won't happen again.",
])
def test_a_guarantee_beside_something_missed_is_still_a_promise(body: str) -> None:
    assert "over_promise" in codes(body)


# --- a gift of interest, as a rate on top of the customer's own ------------------------------------------------------

@pytest.mark.parametrize("body", [
    "To make up for the error, we'll pay a bonus 1.5% AER on your ISA until next December.",
    "We're sorry, so your account will earn an additional 2 per cent interest for six months.",
    "I've added 3% extra interest to your fixed-term account for the year.",
])
def test_extra_interest_is_beyond_the_catalogue(body: str) -> None:
    assert "over_promise" in codes(body)


@pytest.mark.parametrize("body", [
    "We will pay the extra 0.5% AER you should have earned in October, as your account promised.",
    "The bonus 1% AER you had in your first year ended in March, so your rate is now 3.1%.",
    "Your Easy Saver pays 4.5% AER, and I've corrected the interest for November.",
])
def test_the_customers_own_rate_is_no_gift(body: str) -> None:
    assert "over_promise" not in codes(body)


# --- a sum given as an apology is a gift ------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "As an apology, I've put £70 on your account.",
    "I've added £70 to your account as an apology.",
    "To apologise, we've transferred £45 to your bank account.",
])
def test_a_sum_given_as_an_apology_is_a_gift(body: str) -> None:
    assert "over_promise" in codes(body)


@pytest.mark.parametrize("body", [
    "As an apology, I've refunded the £70 you paid for delivery.",
    "I've refunded the £70 to your account, with an apology for the mix-up.",
    "As an apology, I've added £20 to your account.",
])
def test_a_refund_or_a_gift_within_the_catalogue_stays_clean(body: str) -> None:
    assert "over_promise" not in codes(body)
