"""Classes of mistake fixed in round t17r of issue 17 (read w55, w56, w57 and w58), each in new sentences, none copied
from a writer's draft."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.guardrail_drafts import codes

# --- any authority of ours that forbids, and its ruling given as the last word ---------------------------------------

@pytest.mark.parametrize("body", [
    "Compliance won't let us release the rest of the funds until the check is done.",
    "The panel looked at the evidence and the decision is final, so the ban stays in place.",
    "Our trust and safety team won't allow a second appeal on the same report.",
])
def test_an_authority_that_forbids_or_a_final_ruling_is_a_deflection(body: str) -> None:
    assert "policy_deflection" in codes(body)


@pytest.mark.parametrize("body", [
    "Our compliance team has cleared the check, so the rest of the funds are on their way.",
    "I've asked the fraud team to look at the second charge and they have agreed to refund it.",
    "Your final invoice is attached, and I've refunded the last month.",
])
def test_an_authority_that_helps_is_no_deflection(body: str) -> None:
    assert "policy_deflection" not in codes(body)


# --- the contracted negation of our permission: "agents aren't authorised" ------------------------------------------

@pytest.mark.parametrize("body", [
    "Our advisers aren't permitted to change a locked booking, so it stays as it is.",
    "Staff aren't allowed to refund a used ticket.",
])
def test_a_contracted_lack_of_permission_is_a_deflection(body: str) -> None:
    assert "policy_deflection" in codes(body)


# --- a waiver that is only the subject of what would not be done ---------------------------------------------------

@pytest.mark.parametrize("body", [
    "Waiving the fee would go against our pricing rules.",
    "Changing it now would be against our booking policy.",
])
def test_a_waiver_named_as_what_would_break_the_rule_waives_nothing(body: str) -> None:
    assert "policy_deflection" in codes(body)


@pytest.mark.parametrize("body", [
    "Our booking policy says a change costs £20, but I've waived the fee for you.",
    "That fee is against our usual policy, so I have waived it on your account.",
])
def test_a_waiver_done_still_excuses_the_rule(body: str) -> None:
    assert "policy_deflection" not in codes(body)


# --- dates: a bare dotted day-first date after "by"/"on", the refund the customer should see, funds shown back -----

@pytest.mark.parametrize("follow_up", [
    "The replacement part will be fitted by 09.12, and I'll text you when the engineer leaves.",
    "We will post the new card on 07.12 so you have it before the weekend.",
])
def test_a_dotted_day_first_date_after_a_preposition_is_a_date(follow_up: str) -> None:
    assert "missing_follow_up_date" not in codes("We're sorry about the delay.", follow_up=follow_up)


@pytest.mark.parametrize("follow_up", [
    "I'll call you by 10.45am.",
    "The rate went up by 10.12% this year, and we'll be in touch soon.",
    "I'll call you by 05.13, once I know more.",
])
def test_a_time_a_share_or_an_impossible_dotted_day_is_no_date(follow_up: str) -> None:
    assert "missing_follow_up_date" in codes("We're sorry about the delay.", follow_up=follow_up)


@pytest.mark.parametrize("follow_up", [
    "I've refunded the £80. You should receive it by Friday 4 December.",
    "We've released the hold, and the card should show the money as available by Friday 4 December.",
])
def test_money_we_send_that_the_customer_should_see_by_a_date_dates_our_act(follow_up: str) -> None:
    assert "missing_follow_up_date" not in codes("We're sorry about the charge.", follow_up=follow_up)


@pytest.mark.parametrize("follow_up", [
    "You should send the form back by Friday 4 December.",
    "The voucher stays available until Friday 4 December.",
    "You should receive it by Friday 4 December, though your bank may take longer.",
])
def test_the_customers_own_deadline_or_a_validity_stays_theirs(follow_up: str) -> None:
    assert "missing_follow_up_date" in codes("We're sorry about the charge.", follow_up=follow_up)


# --- a same-day fix beside a follow-up on a day that does not exist: that follow-up has no date -----------------

@pytest.mark.parametrize("follow_up", [
    "Your heating will be back on tonight. I'll ring you on 31/11 to make sure.",
    "The line will be live again this afternoon, and we'll email you on 30 February to confirm.",
])
def test_a_follow_up_on_an_impossible_day_beside_a_same_day_fix_is_missing(follow_up: str) -> None:
    found = codes("Sorry for the outage.", follow_up=follow_up, today=dt.date(2026, 11, 26))
    assert "missing_follow_up_date" in found and "over_promise" in found


@pytest.mark.parametrize("follow_up", [
    "Your heating will be back on tonight.",
    "Your heating will be back on tonight; the 31/11 on your last bill was a typing slip.",
])
def test_a_same_day_fix_alone_is_an_over_promise_only(follow_up: str) -> None:
    assert codes("Sorry for the outage.", follow_up=follow_up, today=dt.date(2026, 11, 26)) == ["over_promise"]


# --- a gift added to a refund is still a gift: "I've added £60 to the money we're sending back" --------------------

@pytest.mark.parametrize("body", [
    "As a goodwill gesture, I'm adding £70 onto the refund for your boots.",
    "As a goodwill gesture, we're putting £60 on top of your refund.",
])
def test_a_gift_added_to_a_refund_is_beyond_the_catalogue(body: str) -> None:
    assert "over_promise" in codes(body)


@pytest.mark.parametrize("body", [
    "I'll add the £90 delivery charge you paid to your refund.",
    "We will refund the full amount of £1,188.00 to your company credit card.",
])
def test_the_customers_own_money_added_to_a_refund_stays_theirs(body: str) -> None:
    assert "over_promise" not in codes(body)


# --- a rule that stops the customer being marked down is cited in their favour -------------------------------------

@pytest.mark.parametrize("body", [
    "Under our partner rules, riders can't be marked down when the customer gives the wrong address, so I've taken "
    "the rating off.",
    "As our marketplace guidelines state, sellers must not be blamed for a courier's delay, so the strike is gone.",
])
def test_a_rule_that_stops_the_customer_being_marked_down_is_in_their_favour(body: str) -> None:
    assert "policy_deflection" not in codes(body)


@pytest.mark.parametrize("body", [
    "Our rules say drivers can be deactivated for three late trips, so the suspension stands.",
    "Under our partner rules, riders can be marked down for lateness, so I can't remove the rating.",
])
def test_a_rule_that_marks_the_customer_down_is_still_a_deflection(body: str) -> None:
    assert "policy_deflection" in codes(body)


# --- a gift word refused after a charge does not make the charge a gift ----------------------------------------------

@pytest.mark.parametrize("body", [
    "Under the hire agreement you owe the excess of £300, and no compensation is due for the lost afternoon.",
    "The call-out fee of £120 stands, and no compensation is payable.",
])
def test_a_charge_beside_a_refused_gift_is_no_gift(body: str) -> None:
    assert "over_promise" not in codes(body)


@pytest.mark.parametrize("body", [
    "I've put a £300 voucher on your account, and no further charges will apply.",
    "We'll add £120 of goodwill credit, with no other fees due.",
])
def test_a_gift_beside_a_waived_charge_is_still_a_gift(body: str) -> None:
    assert "over_promise" in codes(body)
