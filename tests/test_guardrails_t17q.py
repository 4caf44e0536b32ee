"""Classes of mistake fixed in round t17q of issue 17 (read w53 and w54), each in new sentences, none copied from a
writer's draft. An English reply is checked with the English phrase book alone, as the pipeline and the writers'
score check it (the French and German books name the ombudsman on its own)."""

from __future__ import annotations

import datetime as dt

import pytest

from guardrails import check_draft, context_from_settings
from tests.guardrail_drafts import SETTINGS

WEDNESDAY = dt.date(2027, 2, 10)
FOLLOW_UP = "I'll write to you on Friday 12 February."


def _codes(body: str, follow_up: str = FOLLOW_UP, today: dt.date = WEDNESDAY) -> list[str]:
    draft = f"Hi Lee,\n\nThanks for getting in touch.\n\n{body}\n\n{follow_up}\n\nKind regards,\nMo"
    verdict = check_draft(draft, context_from_settings(SETTINGS, today, language="en"))
    assert all(v.text == draft[v.start:v.end] for v in verdict.violations)
    return verdict.codes


# --- a rule that opens the way to an ombudsman or regulator is cited in the customer's favour ------------------------

@pytest.mark.parametrize("body", [
    "Eight weeks have passed since you first wrote, so under the energy regulator's rules you can take your complaint "
    "to the Energy Ombudsman.",
    "As the deadline under the Financial Conduct Authority's rules has expired, you have the right to refer the matter "
    "to the Financial Ombudsman Service.",
    "Because the eight weeks will have passed by 3 March, under the scheme rules you may contact the adjudicator "
    "directly from that day.",
])
def test_a_rule_that_opens_the_way_to_an_ombudsman_is_in_the_customers_favour(body: str) -> None:
    assert "policy_deflection" not in _codes(body)


@pytest.mark.parametrize("body", [
    "Under the regulator's rules the deadline has passed, so you can't take this to the ombudsman.",
    "Under the scheme rules the deadline has passed, so you can no longer take your complaint to the ombudsman.",
    "Under our terms the return window has passed, so you can take the jacket back to the shop you bought it from.",
])
def test_a_rule_that_shuts_the_customer_out_is_still_a_deflection(body: str) -> None:
    assert "policy_deflection" in _codes(body)


# --- an obligation lifted from the customer is no restriction: "you don't have to wait" ------------------------------

@pytest.mark.parametrize("body", [
    "Under the complaints rules you don't have to wait for our final letter before you complain elsewhere.",
    "Our returns policy means you won't need to pay for the courier this time.",
])
def test_an_obligation_lifted_from_the_customer_refuses_nothing(body: str) -> None:
    assert "policy_deflection" not in _codes(body)


@pytest.mark.parametrize("body", [
    "Under the complaints rules you have to wait for our final letter before you complain elsewhere.",
    "Our returns policy means you will need to pay for the courier yourself.",
    "Under our terms we don't have to pay for the courier.",
])
def test_an_obligation_put_on_the_customer_still_refuses(body: str) -> None:
    assert "policy_deflection" in _codes(body)


# --- a gift sum beside what the customer's cover owes is still our gift: "£150 store credit; the repair is covered" --

@pytest.mark.parametrize("body", [
    "I've put a £175 voucher on your account; the replacement screen is covered by your warranty.",
    "Your boiler service is covered under the home plan, and we're adding a £90 account credit for the missed visits.",
])
def test_a_gift_beside_an_entitlement_in_another_clause_is_still_beyond_the_catalogue(body: str) -> None:
    assert "over_promise" in _codes(body)


@pytest.mark.parametrize("body", [
    "The £175 credit is covered under your gadget insurance and reaches your account next week.",
    "Your claim was accepted. A £175 credit for the screen will go onto your account.",
    "Under the scheme rules you are entitled to a £90 credit for the missed visits.",
])
def test_a_sum_the_entitlement_speaks_of_is_owed(body: str) -> None:
    assert "over_promise" not in _codes(body)


# --- the customer's own money wrongly taken, given back however far back: "all the duplicate charges since 2024" ------

@pytest.mark.parametrize("body", [
    "We will refund every double payment taken since 2023 straight back to your card.",
    "I'll credit all the incorrect fees since you joined.",
    "We're going to reimburse all of your overcharged bills since the day the meter was swapped.",
])
def test_the_customers_own_wrong_charges_of_a_long_span_are_no_endless_gift(body: str) -> None:
    assert "over_promise" not in _codes(body)


@pytest.mark.parametrize("body", [
    "We will refund every payment taken since 2023 straight back to your card.",
    "I'll credit all the monthly fees since you joined.",
])
def test_every_payment_of_a_long_span_given_back_is_still_unbounded(body: str) -> None:
    assert "over_promise" in _codes(body)


# --- someone else's word of a date that we confirm is ours: "the fitter told you he'd come on 5 March, and he will" --

NO_DATE = "Thanks again for bearing with us."


@pytest.mark.parametrize("body", [
    "The locksmith promised you he'd be round on Tuesday 16 February, and he will.",
    "Our courier told you the parcel would come on 17 February, and I can confirm it will.",
    "The surveyor assured you she'd visit on 18 February, and that still stands.",
])
def test_someone_elses_word_of_a_date_that_we_confirm_is_our_date(body: str) -> None:
    assert "missing_follow_up_date" not in _codes(body, follow_up=NO_DATE)


@pytest.mark.parametrize("body", [
    "The locksmith promised you he'd be round on Tuesday 16 February, and I'm sorry he got that wrong.",
    "Our courier told you the parcel would come on 17 February, and it won't.",
    "The spring sale ends on 18 February, and that still stands.",
])
def test_a_date_we_do_not_confirm_stays_someone_elses(body: str) -> None:
    assert "missing_follow_up_date" in _codes(body, follow_up=NO_DATE)
