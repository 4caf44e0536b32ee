"""Classes of mistake fixed in round t17p of issue 17 (read w49, w50, w51 and w52), each in new sentences, none copied
from a writer's draft."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.guardrail_drafts import check

NO_DATE = "Thanks again for your patience."
WEDNESDAY = dt.date(2027, 2, 10)
FOLLOW_UP = "I'll write to you on Friday 12 February."


def _codes(body: str, follow_up: str = NO_DATE, today: dt.date = WEDNESDAY) -> list[str]:
    draft, verdict = check(body, follow_up, today)
    assert all(v.text == draft[v.start:v.end] for v in verdict.violations)
    return verdict.codes


# --- "plan" as a noun is no hedge: "Here's the plan: ..." ----------------------------------------------------------

@pytest.mark.parametrize("body", [
    "Here's the plan: the new part will go in the post tonight.",
    "This is the plan - our courier will drop the keys round this afternoon.",
])
def test_the_plan_as_a_noun_hedges_no_same_day_timeline(body: str) -> None:
    assert "over_promise" in _codes(body, follow_up=FOLLOW_UP)


@pytest.mark.parametrize("body", [
    "We plan to get the new part in the post tonight.",
    "Our plan is to have the keys dropped round this afternoon.",
])
def test_a_plan_we_state_as_an_intention_is_a_hedge(body: str) -> None:
    assert "over_promise" not in _codes(body, follow_up=FOLLOW_UP)


# --- a scope word inside a product's name: "covered by your Forever Bright Warranty" ---------------------------------

@pytest.mark.parametrize("body", [
    "The descaling is covered by the Forever Fresh Care Plan you bought with the machine.",
    "Your replacement strap is free of charge under your Forever Bond guarantee.",
])
def test_a_scope_word_in_a_products_name_is_no_endless_gift(body: str) -> None:
    assert "over_promise" not in _codes(body, follow_up=FOLLOW_UP)


@pytest.mark.parametrize("body", [
    "The descaling is covered forever, whatever happens to the machine.",
    "From now on, every strap you need is free of charge.",
])
def test_a_gift_for_ever_is_still_unbounded(body: str) -> None:
    assert "over_promise" in _codes(body, follow_up=FOLLOW_UP)


# --- a whole calendar year given free: "no fees in 2027", "free for all of next year" -------------------------------

@pytest.mark.parametrize("body", [
    "We won't charge you for a single lesson in 2027.",
    "Your gym membership is on us throughout next year.",
    "You won't be charged for any parking throughout 2027.",
])
def test_a_calendar_year_free_is_beyond_the_catalogue(body: str) -> None:
    assert "over_promise" in _codes(body, follow_up=FOLLOW_UP)


@pytest.mark.parametrize("body", [
    "You were charged for a full gym membership in 2025, which I have now corrected.",
    "Your new boiler, fitted free in 2024, is still under its warranty.",
    "I've added a free tote bag to your parcel, and our new range launches in 2027.",
])
def test_a_year_gone_by_or_apart_from_the_gift_is_no_gift_span(body: str) -> None:
    assert "over_promise" not in _codes(body, follow_up=FOLLOW_UP)


# --- the customer's agreement running on to a date is theirs: "your tenancy will continue until 31 July" -----------

@pytest.mark.parametrize("body", [
    "Your tenancy will continue until 31 July as agreed, and we'll be in touch soon.",
    "The parking contract remains in force until Monday 29 March; we'll write again shortly.",
])
def test_the_customers_agreement_running_to_a_date_is_not_our_date(body: str) -> None:
    assert "missing_follow_up_date" in _codes(body)


@pytest.mark.parametrize("body", [
    "We will carry on the repairs to your flat until Friday 26 February and call you that day.",
    "Our fitter will continue the work until Monday 15 February, when I'll ring you.",
])
def test_our_own_work_until_a_date_stays_ours(body: str) -> None:
    assert "missing_follow_up_date" not in _codes(body)


# --- what someone else told the customer is their date: "the driver told you he would come on 18 February" ----------

@pytest.mark.parametrize("body", [
    "The driver told you on Monday that he would be back on Thursday 18 February; that was a mistake.",
    "Our fitter promised you the blinds would be up by 19 February, and I'm sorry he did.",
])
def test_a_date_someone_else_told_the_customer_is_not_ours(body: str) -> None:
    assert "missing_follow_up_date" in _codes(body)


@pytest.mark.parametrize("body", [
    "I told you last week that I would call on Thursday 18 February, and I will.",
    "We promised you a callback, and I'll ring you on Thursday 18 February.",
])
def test_our_own_word_stays_our_date(body: str) -> None:
    assert "missing_follow_up_date" not in _codes(body)


# --- a lease or licence cited as the authority to refuse ---------------------------------------------------------

@pytest.mark.parametrize("body", [
    "Under the terms of the lease you signed, we cannot replace the carpet in the hallway.",
    "In line with the occupancy licence, we are unable to move you to another flat.",
])
def test_a_licence_or_lease_cited_to_refuse_is_a_deflection(body: str) -> None:
    assert "policy_deflection" in _codes(body, follow_up=FOLLOW_UP)


@pytest.mark.parametrize("body", [
    "We cannot accept a photo of your driving licence, so please bring the card itself to the branch.",
    "Your lease ends in July, and we can't wait to welcome you to the new building.",
])
def test_a_licence_or_lease_merely_named_is_no_deflection(body: str) -> None:
    assert "policy_deflection" not in _codes(body, follow_up=FOLLOW_UP)


# --- a limit the rule lifts: "your grade will not be capped" ------------------------------------------------------

@pytest.mark.parametrize("body", [
    "Under rule 12 of the exam regulations, your second attempt will not be capped at a pass.",
    "As per our loyalty terms, your cashback is no longer limited to 5% this year.",
])
def test_a_limit_the_rule_lifts_is_no_refusal(body: str) -> None:
    assert "policy_deflection" not in _codes(body, follow_up=FOLLOW_UP)


@pytest.mark.parametrize("body", [
    "Under rule 12 of the exam regulations, your second attempt is capped at a pass.",
    "As per our loyalty terms, your cashback is limited to 5% this year.",
])
def test_a_limit_the_rule_keeps_is_a_refusal(body: str) -> None:
    assert "policy_deflection" in _codes(body, follow_up=FOLLOW_UP)


# --- a rule set aside by a pronoun that names it back: "I've set that aside" --------------------------------------

@pytest.mark.parametrize("body", [
    "Our booking conditions say deposits are kept after a cancellation. With the flood in mind, I've set that aside "
    "and paid the £300 back to your card.",
    "The club rules state that fees are not returned mid-season. Seeing as the pitch flooded, we have put this aside "
    "and sent the fee back to you.",
])
def test_a_rule_set_aside_by_a_pronoun_is_waived(body: str) -> None:
    assert "policy_deflection" not in _codes(body, follow_up=FOLLOW_UP)


@pytest.mark.parametrize("body", [
    "Our booking conditions say deposits are kept after a cancellation. I have put that aside for you at the desk.",
    "Our terms say tickets are not refunded after kick-off. I have set this aside until Friday to collect at the gate.",
])
def test_something_put_by_is_no_waiver(body: str) -> None:
    assert "policy_deflection" in _codes(body, follow_up=FOLLOW_UP)
