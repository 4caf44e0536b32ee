"""Classes of mistake fixed in round t17h of issue 17, each in new sentences, none copied from a writer's draft."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import check, codes

# --- a machine that refuses, in the progressive ----------------------------------------------------------------


@pytest.mark.parametrize("body", [
    "I tried to move your seat, but the booking system is not allowing me to change it after check-in opens.",
    "Our billing platform isn't letting me reverse the late fee, so it has to stay on this month's bill.",
    "The portal was not accepting the refund request, so I can't put it through for you.",
])
def test_a_system_that_is_not_allowing_us_refuses(body: str) -> None:
    assert "policy_deflection" in codes(body)


def test_a_system_that_is_not_allowing_us_is_excused_when_we_work_around_it() -> None:
    body = "The system is not allowing me to change the date, so I have made an exception and rebooked you by hand."
    assert "policy_deflection" not in codes(body)


# --- a rule whose charge stays with the customer, whatever their reasons -----------------------------------------


@pytest.mark.parametrize("body", [
    "Under the terms of your tenancy, a call-out charge of 60 GBP applies to every visit we make.",
    "As per the hire agreement, the hirer is responsible for any fuel used, so the refuelling charge will remain.",
    "In line with our membership terms, the joining fee stands regardless of the reason for cancelling.",
    "Per the conditions of carriage, the change penalty applies irrespective of the circumstances.",
])
def test_a_rule_that_keeps_the_charge_on_the_customer_deflects(body: str) -> None:
    assert "policy_deflection" in codes(body)


@pytest.mark.parametrize("body", [
    "Under the terms of your tenancy a call-out charge would normally apply, but I have waived it for this visit.",
    "The late fee no longer applies to your account: I removed it this morning.",
    "Your service charge of 12 GBP applies from January, as set out in the quote you accepted last week.",
])
def test_a_charge_that_is_waived_or_simply_stated_is_no_deflection(body: str) -> None:
    assert "policy_deflection" not in codes(body)


# --- what the customer wants is their voice ------------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    "I can see why you'd like the outage treated under the service agreement rather than as a one-off.",
    "You want the claim assessed under the terms of your policy wording, and that is exactly what will happen.",
    "I understand you would prefer this handled under clause 9 of the contract, and I have passed that on.",
])
def test_a_rule_the_customer_wants_used_is_not_our_deflection(body: str) -> None:
    assert "policy_deflection" not in codes(body)


def test_a_rule_after_a_condition_on_what_the_customer_wants_still_deflects() -> None:
    body = "If you want a refund, our policy does not allow refunds on opened software, so we cannot give one."
    assert "policy_deflection" in codes(body)


# --- a voucher's shelf life is not a gift that lasts ---------------------------------------------------------------


@pytest.mark.parametrize("body", [
    "I've added a 15 GBP voucher to your account; the voucher is valid for 12 months.",
    "Here is a 10 GBP gift card for the trouble. It can be redeemed for up to a year from today.",
    "As an apology we've credited 2,000 points, which are valid for 18 months.",
])
def test_how_long_a_voucher_keeps_is_no_long_gift(body: str) -> None:
    assert "over_promise" not in codes(body)


@pytest.mark.parametrize("body", [
    "To make up for it, your gym membership is free for the next 6 months.",
    "I've given you free premium streaming for 12 months.",
])
def test_a_free_service_for_months_is_still_a_long_gift(body: str) -> None:
    assert "over_promise" in codes(body)


# --- 'until you're happy' bounds what we keep doing, not a gift ----------------------------------------------------


@pytest.mark.parametrize("body", [
    "I'll keep your ticket open until you're happy that the heating works.",
    "We'll go on monitoring the connection until you are satisfied it's stable.",
])
def test_keeping_a_case_open_until_the_customer_is_happy_gives_nothing(body: str) -> None:
    assert "over_promise" not in codes(body)


@pytest.mark.parametrize("body", [
    "We'll keep adding a 10 GBP credit every month until you're happy.",
    "You'll get a free voucher each week until you are satisfied.",
])
def test_a_gift_until_the_customer_is_happy_is_still_unbounded(body: str) -> None:
    assert "over_promise" in codes(body)


# --- a time zone between a time of day and its later date ----------------------------------------------------------


@pytest.mark.parametrize("follow_up", [
    "You'll have the signed change request by EOD EST Friday 4 December.",
    "I'll send the revised quote by close of business GMT on Thursday 3 December.",
    "The report will reach you by end of day PT, Friday 4 December.",
])
def test_a_time_zone_before_a_later_date_is_no_same_day_promise(follow_up: str) -> None:
    draft, verdict = check("I'm sorry the migration slipped.", follow_up)
    assert verdict.codes == []


def test_end_of_day_with_a_time_zone_and_no_date_is_still_today() -> None:
    assert "over_promise" in codes("I'll have the firewall rule changed by EOD EST.")


# --- whose date: an aside that names the customer's date is spent before ours ------------------------------------


@pytest.mark.parametrize("follow_up", [
    "I'll post the new contract, backdated to your start date of 2 November, by Friday 4 December.",
    "We'll send the invoice, adjusted for your renewal on 15 January, on Thursday 3 December.",
    "Our engineer will call you, as you asked ahead of your appointment on 20 December, on Friday 4 December.",
])
def test_our_date_after_an_aside_with_the_customers_date_is_ours(follow_up: str) -> None:
    assert "missing_follow_up_date" not in codes("Thanks for the details.", follow_up)


def test_the_customers_date_inside_the_aside_is_still_theirs() -> None:
    follow_up = "I'll post the new contract, backdated to your start date of 2 November, as soon as I can."
    assert "missing_follow_up_date" in codes("Thanks for the details.", follow_up)


# --- a limit, a negated act, a period's end: no date of ours -------------------------------------------------------


@pytest.mark.parametrize("body", [
    "Head office has chosen not to keep the old tariff beyond 28 February, so your plan will change.",
    "We won't be holding parcels at the depot past 18 December.",
    "The manufacturer's cashback is running until 31 December, according to their leaflet.",
    "The rival store's bundle deal is on till 10 January.",
])
def test_a_limit_or_someone_elses_period_is_no_follow_up_date(body: str) -> None:
    assert "missing_follow_up_date" in codes(body, follow_up="We'll be in touch soon.")


@pytest.mark.parametrize("follow_up", [
    "I'll call you on Friday 4 December, well before the offer runs out.",
    "We'll ship the replacement on Thursday 3 December.",
])
def test_our_own_date_is_still_a_follow_up(follow_up: str) -> None:
    body = "The manufacturer's cashback is running until 31 December."
    assert "missing_follow_up_date" not in codes(body, follow_up=follow_up)
