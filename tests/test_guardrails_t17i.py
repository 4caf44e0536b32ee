"""Classes of mistake fixed in round t17i of issue 17 (w33 and w34 released), each in new sentences, none copied from
a writer's draft."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import check, codes

NO_DATE = "Thanks again for bearing with us."

# --- a remedy a right gives the customer is no gesture, for extra gestures as for unbounded remedies -------------


@pytest.mark.parametrize("body", [
    "Because the flight was cancelled, you're entitled to a free hotel night and meals under the passenger rights "
    "rules, and I've booked both for you.",
    "Under the code of practice you are entitled to a complimentary taxi ride home when the last train is cancelled, "
    "and I've arranged one for tonight.",
    "The regulations say the operator must give you a free return ticket when a service is cancelled, so I've posted "
    "one to you.",
])
def test_a_free_extra_owed_by_a_right_is_no_gesture(body: str) -> None:
    assert "over_promise" not in codes(body)


def test_a_free_extra_of_our_own_is_still_a_gesture() -> None:
    assert "over_promise" in codes("As an apology I'd like to offer you a free spa weekend for two.")


# --- a rule that refuses with a verb of paying or of duty --------------------------------------------------------

@pytest.mark.parametrize("body", [
    "I'm afraid house policy is that we do not reimburse taxi fares.",
    "Our rules are clear that we don't compensate for delays caused by the weather.",
    "Under the terms of your lease we are not obliged to replace the carpets, so that would be down to you.",
    "The terms of your plan say the landlord is under no obligation to supply furniture.",
    "The ToS doesn't cover accidental purchases, so I can't reverse them.",
    "Per the ToS, refunds aren't possible on redeemed codes.",
])
def test_a_rule_that_refuses_to_pay_or_owes_no_duty_is_a_deflection(body: str) -> None:
    assert "policy_deflection" in codes(body)


# --- a rule that binds us to give the customer something is in their favour -------------------------------------

@pytest.mark.parametrize("body", [
    "Under the deposit scheme rules we must return your deposit within ten days, so I'll transfer the full £1,900 "
    "by Friday 4 December.",
    "Under the lettings rules we have to return the holding deposit in full, so the £450 goes back to you by "
    "Friday 4 December.",
])
def test_a_rule_that_binds_us_to_return_their_money_is_no_deflection(body: str) -> None:
    assert codes(body) == []


# --- an estimate refuses only as what a time is, not as a document -------------------------------------------------

@pytest.mark.parametrize("body", [
    "The estimate you received shows one total for parts; I've asked the garage for the itemised servicing contract "
    "and will send it by Friday 4 December.",
    "Your quote is based on our estimate of the labour, and I'll send the breakdown of the maintenance contract by "
    "Friday 4 December.",
])
def test_an_estimate_as_a_document_refuses_nothing(body: str) -> None:
    assert "policy_deflection" not in codes(body)


def test_a_time_called_an_estimate_by_a_rule_still_refuses() -> None:
    body = "Delivery dates on our website are only estimates, as our terms explain, so there's nothing more we can do."
    assert "policy_deflection" in codes(body)


# --- a problem that "will never come back" is an absolute promise --------------------------------------------------

@pytest.mark.parametrize("body", [
    "Once we've resealed the roof, the leak will never come back.",
    "After the new valve goes in, the fault will never return, I can tell you that.",
    "The noise will never come back once the fan is replaced.",
])
def test_a_fault_that_will_never_come_back_is_an_over_promise(body: str) -> None:
    draft, verdict = check(body)
    assert "over_promise" in verdict.codes
    found = next(v for v in verdict.violations if v.code == "over_promise")
    assert found.text == draft[found.start:found.end] and "never" in found.text


def test_a_hedged_recurrence_is_honest() -> None:
    assert "over_promise" not in codes("We hope the leak will not come back once the roof is resealed.")


# --- a time inside a law or a rule stated after a colon is the rule's ---------------------------------------------

@pytest.mark.parametrize("body", [
    "According to the Renters' Rights Act, landlords must answer an emergency report within 24 hours; our contractor "
    "will attend on Friday 4 December.",
    "As required by the Building Safety Act, landlords have to make a hazard safe within 24 hours; our contractor "
    "will attend on Friday 4 December.",
])
def test_a_time_inside_a_law_we_cite_is_no_promise(body: str) -> None:
    assert "over_promise" not in codes(body)


def test_a_time_inside_a_rule_stated_after_a_colon_is_no_promise() -> None:
    body = "The club rules are strict: a member who arrives within 10 minutes of the start cannot join the class."
    assert codes(body) == ["policy_deflection"]


def test_our_own_short_timeline_beside_a_law_is_still_a_promise() -> None:
    assert "over_promise" in codes("I'll have the heater repaired within 2 hours.")


# --- the points of games and apps, and the customer's own ------------------------------------------------------

@pytest.mark.parametrize("body", [
    "To make up for the outage, 8,000 coins on us are on their way to your wallet.",
    "As a sorry, we've dropped 12,000 crystals into your account.",
    "For the trouble, 20,000 gems have been added to your account.",
])
def test_a_large_gift_of_game_currency_goes_beyond_the_catalogue(body: str) -> None:
    assert "over_promise" in codes(body)


@pytest.mark.parametrize("body", [
    "The 6,000 coins you paid for never arrived; I've pushed the 6,000 coins to your wallet now.",
    "You bought the starter pack with 9,500 gems, and the 9,500 gems are now in your account.",
    "Your bundle includes 7,000 crystals you purchased on Friday; the 7,000 crystals you purchased are now delivered.",
])
def test_currency_the_customer_paid_for_is_theirs_at_every_mention(body: str) -> None:
    assert "over_promise" not in codes(body)


# --- "return" and "stay" as our own acts, not the customer's trip -------------------------------------------------

@pytest.mark.parametrize("body", [
    "Our engineer will return on Friday 4 December to finish the wiring.",
    "The fitter will return on Friday 4 December between 8am and noon to hang the door.",
    "Our surveyor will return on Thursday 3 December to take the damp readings.",
])
def test_our_visit_with_the_verb_return_is_a_follow_up_date(body: str) -> None:
    assert "missing_follow_up_date" not in codes(body, follow_up=NO_DATE)


def test_the_customers_return_flight_is_still_theirs() -> None:
    body = "Your return flight is on Friday 4 December, so the adapter will be sent before then."
    assert "missing_follow_up_date" in codes(body, follow_up=NO_DATE)


# --- "free from" a place says where a thing costs nothing, not that we give it ------------------------------------

@pytest.mark.parametrize("body", [
    "For next time, visitor permits are available free from the parking office on the high street.",
    "If the card is lost again, a replacement is available free from the ticket desk at any station.",
    "Spare filters are free from any of our branches if you show your receipt.",
])
def test_free_from_a_place_is_no_gesture(body: str) -> None:
    assert "over_promise" not in codes(body)


def test_a_free_treat_of_ours_is_still_a_gesture() -> None:
    assert "over_promise" in codes("To make up for it, your parking is free for the rest of your stay with us.")


# --- a payment a regulator guarantees under a long-named rule is owed, not given ---------------------------------

@pytest.mark.parametrize("body", [
    "Under our regional water services regulator's customer guarantee scheme, a missed appointment earns you a "
    "guaranteed service credit of $40.00, which I have applied to your account.",
    "Under the national energy ombudsman's minimum service standards, you receive a guaranteed delay payment of "
    "£30, and it is on your next bill.",
])
def test_a_guaranteed_payment_under_a_long_named_rule_is_no_gesture(body: str) -> None:
    assert "over_promise" not in codes(body)


def test_a_goodwill_sum_of_ours_beside_a_rule_is_still_a_gesture() -> None:
    body = "Under our service standards rules, and as a goodwill gesture on top, I've added a $60 credit."
    assert "over_promise" in codes(body)
