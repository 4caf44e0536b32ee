"""Classes of mistake fixed in round t17o of issue 17 (read w45, w46, w47 and w48), each in new sentences, none copied
from a writer's draft."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import placed_codes

FOLLOW_UP = "I'll write to you on Friday 12 February."


# --- a part of the day between the weekday and its day of the month: "Tuesday afternoon, the 16th" ----------------

@pytest.mark.parametrize("body", [
    "Our fitter will come back on Tuesday afternoon, the 16th, to replace the seal.",
    "Our driver will collect the crate Fri morning the 19th, before 10am.",
])
def test_a_weekday_and_its_day_with_a_part_of_the_day_between_is_a_date(body: str) -> None:
    assert "missing_follow_up_date" not in placed_codes(body)


def test_a_weekday_and_a_part_of_the_day_alone_is_no_date() -> None:
    body = "Our fitter will come back on Tuesday afternoon to replace the seal."
    assert "missing_follow_up_date" in placed_codes(body)


# --- a dotted year-less date made one by a weekday: "Thu 18.2", "16.02 (Tue)" --------------------------------------

@pytest.mark.parametrize("body", [
    "I'll ring you on 16.02 (Tue) after lunch to arrange the replacement.",
    "Our engineer will call in Thu 18.2 between 8 and 10 to check the meter.",
])
def test_a_dotted_date_with_its_weekday_is_a_date(body: str) -> None:
    assert "missing_follow_up_date" not in placed_codes(body)


@pytest.mark.parametrize("body", [
    "I'll call you Friday 10.15 to talk it through.",  # a time: 10 March is no Friday
    "The new tariff is 16.02 (see the table) per unit, and we'll be in touch soon.",
])
def test_a_time_or_a_figure_with_dots_is_no_date(body: str) -> None:
    codes = placed_codes(body)
    assert "missing_follow_up_date" in codes and "weekday_mismatch" not in codes


# --- what we send goes out on its own verb, after what the customer ordered ----------------------------------------

@pytest.mark.parametrize("body", [
    "The heater you chose has come back into stock and will ship on Monday 15 February.",
    "The boots you picked are in stock again and will be dispatched on Tuesday 16 February.",
])
def test_our_shipping_of_what_the_customer_ordered_is_our_date(body: str) -> None:
    assert "missing_follow_up_date" not in placed_codes(body)


@pytest.mark.parametrize("body", [
    "The flight you booked will leave on Monday 15 February, and we'll be in touch soon.",
    "The course you chose will start on Tuesday 16 February; we'll write again shortly.",
])
def test_what_the_customer_booked_stays_theirs(body: str) -> None:
    assert "missing_follow_up_date" in placed_codes(body)


# --- the customer's booking that stands, said before its date: "your next lesson stays as booked on ..." -----------

@pytest.mark.parametrize("body", [
    "Your next lesson stays as booked on Thursday 18 February at 5pm, and we'll be in touch soon.",
    "Your check-up remains confirmed for Tuesday 16 February; the dentist will review it then.",
])
def test_a_booking_that_stands_before_its_date_is_theirs(body: str) -> None:
    assert "missing_follow_up_date" in placed_codes(body)


@pytest.mark.parametrize("body", [
    "Your next lesson stays as booked, and I will call you on Thursday 18 February to confirm the new room.",
    "We have moved your session to Thursday 18 February at 5pm.",
])
def test_a_booking_we_act_on_is_ours(body: str) -> None:
    assert "missing_follow_up_date" not in placed_codes(body)


# --- an occasion with its owner named, or its place: "Ella's scan at the hospital on ..." --------------------------

@pytest.mark.parametrize("body", [
    "Ella's follow-up scan at the hospital on Wednesday 17 February should show whether the cast can come off.",
    "Your mum's follow-up appointment with the specialist is on Thursday 18 February, and we'll be in touch soon.",
])
def test_someone_elses_occasion_with_its_owner_or_place_is_not_our_date(body: str) -> None:
    assert "missing_follow_up_date" in placed_codes(body)


@pytest.mark.parametrize("body", [
    "We will hold your follow-up session with us on Thursday 18 February.",
    "Our technician will visit on Thursday 18 February, after Ella's scan at the hospital.",
])
def test_our_own_session_stays_ours(body: str) -> None:
    assert "missing_follow_up_date" not in placed_codes(body)


# --- a sum covered under the customer's policy is owed, not a gift ------------------------------------------------

@pytest.mark.parametrize("body", [
    "The extra £412 you spent on two more nights is covered under section 3 of your policy, and it is on its way.",
    "The extra nights and taxis (£512.75) are fully covered by your travel insurance, and I have approved them.",
])
def test_a_sum_covered_by_the_customers_policy_is_no_gift(body: str) -> None:
    assert "over_promise" not in placed_codes(body, follow_up=FOLLOW_UP)


@pytest.mark.parametrize("body", [
    "Your claim is covered under your policy, and on top of that we will send you a £300 voucher.",
    "Your claim is covered under your policy. On top of that, we will refund every premium you have ever paid us.",
])
def test_a_gift_on_top_of_the_cover_is_still_judged(body: str) -> None:
    assert "over_promise" in placed_codes(body, follow_up=FOLLOW_UP)


# --- a cost paid back on every occasion still to come ---------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "To make up for it, we'll reimburse your parking for every visit you make from now on.",
    "We will reimburse the taxi fare for each of your future hospital trips.",
])
def test_paying_a_cost_back_on_every_occasion_to_come_is_unbounded(body: str) -> None:
    assert "over_promise" in placed_codes(body, follow_up=FOLLOW_UP)


@pytest.mark.parametrize("body", [
    "We'll reimburse your parking for every visit you made in January.",
    "We'll refund the fees on all of the affected orders, and from now on your statements will show them clearly.",
])
def test_paying_back_what_is_already_spent_is_bounded(body: str) -> None:
    assert "over_promise" not in placed_codes(body, follow_up=FOLLOW_UP)
