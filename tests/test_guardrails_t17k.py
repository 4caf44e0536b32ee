"""Classes of mistake fixed in round t17k of issue 17 (read w37 and w38), each in new sentences, none copied from a
writer's draft."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.guardrail_drafts import codes, placed_codes

# --- a day of the month written without its article, or after the end of the working day ------------------------

@pytest.mark.parametrize("body", [
    "Your certificate will be emailed to you by 12th.",
    "I'll post the replacement card before 15th and text you once it's out.",
    "The signed letter will reach you by EOD 12th (Fri).",
    "We will confirm the new limit by COB 16th.",
])
def test_an_ordinal_day_without_the_article_is_a_date(body: str) -> None:
    assert "missing_follow_up_date" not in placed_codes(body)


@pytest.mark.parametrize("body", [
    "Your flat is on 3rd floor, and I will update you soon.",
    "We will send it by 2nd class post and let you know soon.",
])
def test_an_ordinal_that_counts_something_else_is_no_date(body: str) -> None:
    assert "missing_follow_up_date" in placed_codes(body)


# --- a day that comes back every month is no date ------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "We have moved your debit date from the 5th to the 20th of every month and will confirm it in writing soon.",
    "Your rent will now be collected on the 28th of each month; we will write to you soon.",
])
def test_a_monthly_day_is_no_follow_up_date(body: str) -> None:
    assert "missing_follow_up_date" in placed_codes(body, today=dt.date(2026, 12, 2))


def test_a_real_date_beside_a_monthly_day_still_counts() -> None:
    body = "I'll call you on the 4th about your plan, which renews on the 9th of every month."
    assert "missing_follow_up_date" not in placed_codes(body, today=dt.date(2026, 12, 2))


# --- the customer's instalment falls due: their date, whatever describes it --------------------------------------

@pytest.mark.parametrize("body", [
    "Please note your next instalment of £240 is due on Friday 4 December. We will be in touch soon.",
    "Your premium of $88.10 is due on 4 December, and we'll reply about the change shortly.",
    "Kindly keep funds ready: your upcoming repayment falls on 4 December. Our team will revert soon.",
])
def test_what_the_customer_owes_on_a_date_is_not_our_follow_up(body: str) -> None:
    assert "missing_follow_up_date" in placed_codes(body, today=dt.date(2026, 12, 2))


# --- a remedy without end: the rest of the customer's time with us, zero fees, all they ever paid -----------------

@pytest.mark.parametrize("body", [
    "We will provide your parking permit free of charge for the rest of your time at the address.",
    "Your gym membership will be on us for the rest of your stay in the city.",
    "As a valued customer we have upgraded your account to zero fees for life.",
    "Your card now has zero annual charges forever.",
    "We will refund every parking fine you have ever paid to us.",
    "We'll refund all the late fees you have ever been charged.",
])
def test_an_endless_remedy_is_an_over_promise(body: str) -> None:
    assert "over_promise" in placed_codes(body, follow_up="I'll write to you on Friday 12 February.")


@pytest.mark.parametrize("body", [
    "I've checked every bill you have ever paid and they are all correct.",
    "There are zero fees on transfers between your own accounts.",
    "I have sent a form for the resident's permit, which would cover all visits for 12 months.",
    "The extended warranty, which will cover parts for 3 years, costs £49 if you choose to buy it.",
])
def test_no_remedy_without_a_gift_of_ours(body: str) -> None:
    assert "over_promise" not in placed_codes(body, follow_up="I'll write to you on Friday 12 February.")


def test_what_we_cover_for_a_year_is_still_a_gift() -> None:
    assert "over_promise" in placed_codes("We will cover your parking for 12 months.",
                                          follow_up="I'll write to you on Friday 12 February.")


# --- a charge named after "plus" is the customer's money given back -----------------------------------------------

@pytest.mark.parametrize("body", [
    "We'll refund the £180 booking, plus the VAT of £36 we added to it.",
    "The full Rs 9,800, plus the GST of Rs 1,764 charged on it, will be credited back to your card.",
    "I'll reverse the overdraft interest, plus the late fee of $35 and its sales tax.",
])
def test_a_charge_after_plus_is_no_gesture(body: str) -> None:
    assert "over_promise" not in placed_codes(body, follow_up="I'll write to you on Friday 12 February.")


@pytest.mark.parametrize("body", [
    "We'll refund your order, plus an extra £50 for the trouble.",
    "I'll refund the £60, plus £40 as a goodwill gesture.",
])
def test_a_sum_after_plus_is_still_a_gesture(body: str) -> None:
    assert "over_promise" in codes(body)


# --- what is outside our control, given as the reason we will not promise it never recurs ------------------------

@pytest.mark.parametrize("body", [
    "I can't tell you that a storm will never cut the power again, because the weather is outside our control, but "
    "the new generator starts in seconds.",
    "We cannot guarantee that delays won't happen again, as the rail network is beyond our control.",
    "I couldn't honestly promise the mast will never drop the signal again; the weather there is outside our control.",
])
def test_an_honest_refusal_to_promise_is_no_deflection(body: str) -> None:
    assert "policy_deflection" not in codes(body)


@pytest.mark.parametrize("body", [
    "I can't promise the refund will go through, because refunds are outside our control.",
    "The delay was outside our control, so we can't offer compensation.",
    "I can't promise anything, the outage is outside our control.",
])
def test_what_is_outside_our_control_still_refuses_a_request(body: str) -> None:
    assert "policy_deflection" in codes(body)
