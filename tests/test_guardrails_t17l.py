"""Classes of mistake fixed in round t17l of issue 17 (read w39 and w40), each in new sentences, none copied from a
writer's draft."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.guardrail_drafts import placed_codes

FOLLOW_UP = "I'll write to you on Friday 12 February."


# --- a weekday that fits both readings of a numeric date: the coming day, not the past one ------------------------

@pytest.mark.parametrize(("body", "today"), [
    ("I'll ring you on Monday, 3/8 to confirm the install.", dt.date(2027, 1, 8)),
    ("We will email the signed contract to you on Fri 4/9.", dt.date(2027, 2, 10)),
    ("Our fitter will call to confirm the slot on Tue 1/12.", dt.date(2026, 12, 2)),
])
def test_a_weekday_fitting_both_readings_picks_the_coming_day(body: str, today: dt.date) -> None:
    assert "missing_follow_up_date" not in placed_codes(body, today=today)


@pytest.mark.parametrize(("body", "today"), [
    ("We sent the parcel on Tue 1/12, and I'll update you soon.", dt.date(2026, 12, 2)),
    ("The invoice you paid on Friday 4/9 is attached; we'll be in touch shortly.", dt.date(2027, 2, 10)),
])
def test_a_past_act_on_such_a_date_is_still_no_follow_up(body: str, today: dt.date) -> None:
    assert "missing_follow_up_date" in placed_codes(body, today=today)


# --- someone else's word as the object of our first verb, the date on our second verb after "and" -----------------

@pytest.mark.parametrize("body", [
    "I've stopped the auto-renewal and will email you the receipt on Friday 12 February.",
    "We'll look into why the voucher's expiry was wrong and call you on Friday 12 February.",
    "I have noted the new billing date and will confirm the change to you on Monday 15 February.",
])
def test_our_second_verb_owns_the_date(body: str) -> None:
    assert "missing_follow_up_date" not in placed_codes(body)


@pytest.mark.parametrize("body", [
    "Your plan renews and will cost the same on Friday 12 February; we'll be in touch soon.",
    "I've stopped the auto-renewal, and your trial ends on Friday 12 February. We'll reply soon.",
    "The offer expires and will close on Monday 15 February, and I'll update you soon.",
])
def test_their_own_date_stays_theirs(body: str) -> None:
    assert "missing_follow_up_date" in placed_codes(body)


# --- the customer's own plan for a day, which we only agree to ----------------------------------------------------

@pytest.mark.parametrize("body", [
    "Popping into the branch on Saturday 12 December is no problem at all.",
    "Bringing the bike to the workshop on Saturday 12 December is perfectly fine by us.",
    "Leaving the key with your neighbour on Saturday 12 December works for us.",
])
def test_the_customers_plan_we_agree_to_is_no_promise_of_ours(body: str) -> None:
    assert "over_promise" not in placed_codes(body, follow_up="I'll write to you on Tuesday 15 December.",
                                        today=dt.date(2026, 12, 11))


def test_the_customers_plan_is_no_follow_up_date() -> None:
    body = "Coming to the store on Monday 15 February is fine by us, and we'll be in touch soon."
    assert "missing_follow_up_date" in placed_codes(body)


@pytest.mark.parametrize("body", [
    "We'll deliver the sofa on Saturday 12 December.",
    "Our engineer will visit on Saturday 12 December, if that is fine.",
])
def test_our_own_act_on_that_day_is_still_too_soon(body: str) -> None:
    assert "over_promise" in placed_codes(body, follow_up="I'll write to you on Tuesday 15 December.",
                                    today=dt.date(2026, 12, 11))


# --- a parcel that left or departed on a date: the past, whatever a day-first reading makes of it -------------------

@pytest.mark.parametrize("body", [
    "Your parcel departed our hub on 8/1 and we'll update you soon.",
    "The box left our Dallas store on 12/2, and we'll be in touch shortly.",
])
def test_what_left_on_a_date_is_no_follow_up(body: str) -> None:
    assert "missing_follow_up_date" in placed_codes(body, today=dt.date(2026, 12, 9))


def test_what_will_leave_on_a_date_is_ours() -> None:
    body = "The replacement will leave our warehouse on Friday 11 December."
    assert "missing_follow_up_date" not in placed_codes(body, today=dt.date(2026, 12, 9))


# --- everything ever spent, or every payment since a year long gone, given back -----------------------------------

@pytest.mark.parametrize("body", [
    "We will refund everything you have ever paid us.",
    "I'll pay back anything you've ever spent on delivery with us.",
    "We'll reimburse all of your subscriptions since 2020.",
    "We will credit each of your renewals since 2018 to your account.",
])
def test_everything_ever_paid_given_back_is_unbounded(body: str) -> None:
    assert "over_promise" in placed_codes(body, follow_up=FOLLOW_UP)


@pytest.mark.parametrize("body", [
    "We'll refund all the duplicate renewals since 2024, which were our error.",
    "I have checked everything you've ever ordered from us, and the records are correct.",
    "We'll refund the March charge, the only one taken since 2025.",
])
def test_own_money_or_no_gift_is_not_unbounded(body: str) -> None:
    assert "over_promise" not in placed_codes(body, follow_up=FOLLOW_UP)


# --- the customer's own site or domain, named bare as the thing we work on, is no link -----------------------------

@pytest.mark.parametrize("body", [
    "I have finished the DNS records for bakery-ramos.com and checked that mail still arrives.",
    "The transfer of lindqvist-design.se is under way and needs nothing more from you.",
    "Your domain, harbourcafe.ie, is now locked against transfers again.",
])
def test_the_customers_own_domain_named_bare_is_no_link(body: str) -> None:
    assert "link_not_allowed" not in placed_codes(body, follow_up=FOLLOW_UP)


@pytest.mark.parametrize("body", [
    "Please visit bakery-ramos.com to claim your refund.",
    "The transfer of funds is waiting for you at www.lindqvist-design.se today.",
    "Log in to the renewal for harbourcafe.ie/login to confirm your card.",
    "You can read more at harbourcafe.ie.",
])
def test_a_site_we_send_the_customer_to_is_still_a_link(body: str) -> None:
    assert "link_not_allowed" in placed_codes(body, follow_up=FOLLOW_UP)
