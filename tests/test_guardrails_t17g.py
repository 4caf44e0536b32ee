"""Classes of mistake fixed in round t17g of issue 17 (read w29 and w30: long letters that set a rule aside later,
rule citations that bind us, whose date it is), each in new sentences, none copied from a writer's draft."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import codes

NO_DATE = "Thanks again for your patience."

# --- "subject to" is a condition of what we give, not a refusal ------------------------------------------------------


@pytest.mark.parametrize("body", [
    "Your cover includes the boiler and its controls, subject to the £60 excess set out in your contract.",
    "We will replace the handset, subject to the usual conditions in your agreement with us.",
    "The warranty pays for the parts, subject to the call-out charge listed in the terms and conditions.",
])
def test_a_grant_subject_to_a_rule_is_no_deflection(body: str) -> None:
    assert "policy_deflection" not in codes(body)


def test_a_rule_used_to_refuse_is_still_a_deflection() -> None:
    assert "policy_deflection" in codes("Under the terms of your contract we can't refund the excess.")


# --- a waiver later in a long letter, naming the rule it sets aside --------------------------------------------------

RULE = "Our standard procedure requires an engineer's report before any payment is approved, so we cannot pay yet."
MIDDLE = ("I have read your emails and looked at the photos of the cracked tiles.\n\n"
          "The damage is plain to see, and the quote from your tiler is reasonable.")


@pytest.mark.parametrize("waiver", [
    "In your case, I have set the engineer's report requirement aside and approved the payment.",
    "I have waived the report requirement for you, and the payment is approved.",
    "Given all this, I have made an exception to that procedure and approved the payment.",
])
def test_a_rule_set_aside_paragraphs_later_is_no_deflection(waiver: str) -> None:
    assert "policy_deflection" not in codes(f"{RULE}\n\n{MIDDLE}\n\n{waiver}")


@pytest.mark.parametrize("later", [
    "In your case, I have looked again at the photos.",  # names no rule: sets nothing aside
    "I'm sorry, but I cannot set the report requirement aside.",  # negated
])
def test_a_later_sentence_that_waives_nothing_keeps_the_deflection(later: str) -> None:
    assert "policy_deflection" in codes(f"{RULE}\n\n{MIDDLE}\n\n{later}")


# --- a rule that puts a deadline or duty on us is in the customer's favour -------------------------------------------

@pytest.mark.parametrize("body", [
    "Under the code, a lender must answer a complaint within eight weeks. That rule sets a deadline for us, not for "
    "you, and we will not need it.",
    "The regulations say an insurer must settle within 10 business days, which places an obligation on us, not on "
    "you.",
    "An airline must offer care during a long delay. That rule puts a duty on us, which we failed to meet.",
])
def test_a_rule_that_binds_us_is_no_deflection(body: str) -> None:
    assert "policy_deflection" not in codes(body)


def test_a_rule_that_sets_the_customer_a_deadline_to_refuse_is_still_a_deflection() -> None:
    body = "Under our policy, claims must be made within 30 days. That rule sets a deadline for you, so we cannot pay."
    assert "policy_deflection" in codes(body)


# --- whose date: a visit we have (re)booked in the passive, a deadline we ask the customer to meet -------------------

@pytest.mark.parametrize("body", [
    "Your appointment has been rebooked for Thursday 3 December, between 9am and noon.",
    "Your repair visit has now been booked for Friday 4 December, first slot of the day.",
    "Your meter fitting has been rescheduled for Thursday 3 December in the afternoon.",
])
def test_a_visit_booked_for_the_customer_in_the_passive_is_our_date(body: str) -> None:
    assert "missing_follow_up_date" not in codes(body, follow_up=NO_DATE)


@pytest.mark.parametrize("body", [
    "Please sign and return the claim form by Friday 11 December, and we'll take it from there.",
    "Kindly upload the photos of the damage before Thursday 10 December.",
    "Please complete the enclosed declaration by 9 December so that your file can be reviewed.",
])
def test_a_deadline_we_ask_the_customer_to_meet_is_their_date(body: str) -> None:
    assert "missing_follow_up_date" in codes(body, follow_up=NO_DATE)


@pytest.mark.parametrize("body", [
    "Please send the receipts across and our claims handler will call you by Friday 4 December.",
    "Please return the form, and we will confirm the payment on Thursday 3 December.",
])
def test_our_commitment_after_the_customers_task_keeps_our_date(body: str) -> None:
    assert "missing_follow_up_date" not in codes(body, follow_up=NO_DATE)


# --- our act on someone else's date, pointed back to ("that morning") -------------------------------------------------

@pytest.mark.parametrize("body", [
    "Your plan renewal is set for Monday 7 December – we'll text you a confirmation that morning.",
    "Your data top-up renewal is set for Thursday 3 December: we'll email you the receipt on the day.",
    "The new tariff is due to start on Friday 4 December - we'll call you that afternoon to check the meter.",
])
def test_our_contact_on_that_very_day_makes_the_date_ours(body: str) -> None:
    assert "missing_follow_up_date" not in codes(body, follow_up=NO_DATE)


def test_our_contact_with_its_own_vague_time_after_their_date_stays_undated() -> None:
    body = "Your plan renewal is set for Monday 7 December – we'll text you once it's done."
    assert "missing_follow_up_date" in codes(body, follow_up=NO_DATE)


# --- a fix said to last for ever; certainty "with confidence" -----------------------------------------------------

@pytest.mark.parametrize("body", [
    "We've replaced the seal, and this repair will hold for good.",
    "The new pump is going to last forever, so you won't have this trouble again.",
    "I can tell you with confidence that the fault has gone.",
])
def test_a_permanent_fix_or_a_confident_assurance_is_an_over_promise(body: str) -> None:
    assert "over_promise" in codes(body)


@pytest.mark.parametrize("body", [
    "I won't tell you with confidence that the fault has gone, because the part is old.",
    "The new seal should last for many years with normal use.",
])
def test_a_negated_or_hedged_durability_is_no_over_promise(body: str) -> None:
    assert "over_promise" not in codes(body)


# --- what we give back is the customer's own money; a vehicle's miles are a distance ---------------------------------

@pytest.mark.parametrize("body", [
    "The failed payment of $480 will be credited back to your card within five working days.",
    "The $300 deposit will be paid back to your account by Friday 4 December.",
    "The unused balance of £180 will be transferred back to your bank this week.",
])
def test_money_given_back_is_no_gesture(body: str) -> None:
    assert "over_promise" not in codes(body)


@pytest.mark.parametrize("body", [
    "Your car has 140,000 miles on the clock, so the clutch is worn rather than faulty.",
    "The van has just over 95,000 miles on it, and the belt was due for a change anyway.",
])
def test_the_miles_a_vehicle_has_run_are_no_gesture(body: str) -> None:
    assert "over_promise" not in codes(body)


@pytest.mark.parametrize("body", [
    "As a goodwill gesture we'll add a $300 credit to your account.",
    "To say sorry, we've added 50,000 miles to your account.",
])
def test_a_large_gift_is_still_an_over_promise(body: str) -> None:
    assert "over_promise" in codes(body)


# --- the system's powerlessness, also in chat shorthand ---------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "System unable to reverse the charge from our side, sorry.",
    "Our system is not able to refund a ticket once it has been scanned.",
    "The booking system is currently unable to change the name on a fare, so we can't help here.",
])
def test_the_systems_powerlessness_is_a_deflection(body: str) -> None:
    assert "policy_deflection" in codes(body)


def test_a_system_that_failed_in_the_past_is_a_fact_not_a_deflection() -> None:
    body = "The system was unable to read your card, so I have now taken the payment by phone instead."
    assert "policy_deflection" not in codes(body)
