"""Classes of mistake fixed in round t17t of issue 17 (read w61 and w62), each in new sentences, none copied from a
writer's draft. (The round was run in the main session: its helpers did not start. A later helper of the round
took back the one draft it had cost w10: the last class below.)"""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import codes

# --- an insurer's documents of cover are rules too: "under the Product Disclosure Statement, nothing is due" ----------

@pytest.mark.parametrize("body", [
    "Under the Product Disclosure Statement, no refund of the excess is due for a late claim.",
    "As the key facts document explains, no compensation is payable for delays while the assessor works.",
])
def test_a_document_of_cover_that_refuses_is_a_deflection(body: str) -> None:
    assert "policy_deflection" in codes(body)


def test_a_document_of_cover_that_pays_is_no_deflection() -> None:
    assert "policy_deflection" not in codes("Your PDS covers storm damage, so I've approved the roof repair in full.")


# --- a rule cited to make the customer pay: "our terms say a repeat visit is chargeable" ----------------------------

@pytest.mark.parametrize("body", [
    "Our callout terms say a repeat visit is chargeable, so the second trip will cost $85.",
    "The service agreement states that parts are chargeable after the first year, so I'll invoice you for the pump.",
])
def test_a_rule_that_makes_the_customer_pay_is_a_deflection(body: str) -> None:
    assert "policy_deflection" in codes(body)


def test_a_charge_the_rule_allows_but_we_waive_is_no_deflection() -> None:
    assert "policy_deflection" not in codes("Our terms say a repeat visit is chargeable, but I've waived that for you.")


# --- "That isn't right", "That's simply wrong": a contraction disowns what was said as well ---------------------------

@pytest.mark.parametrize("body", [
    "You were quoted \"rules are rules, nothing we can do\" by our depot. That isn't right: you're still inside the "
    "30-day returns window, and I've booked the collection.",
    "The agent said our policy doesn't allow refunds for opened items. That's simply wrong: a faulty item can always "
    "come back, and I've refunded you.",
])
def test_a_rule_disowned_with_a_contraction_is_no_deflection(body: str) -> None:
    assert "policy_deflection" not in codes(body)


# --- a refusal someone else told the customer, in its own sentence, is not ours -------------------------------------

@pytest.mark.parametrize("body", [
    "The courier told you the parcel can't be redelivered under their terms; we'll rebook it ourselves.",
    "I understand the airline advised you that the fare rules don't allow a name change; I've taken this up with them.",
])
def test_a_refusal_reported_from_someone_else_is_not_ours(body: str) -> None:
    assert "policy_deflection" not in codes(body)


def test_a_refusal_of_ours_after_a_sentence_that_reports_the_customer_is_still_ours() -> None:
    assert "policy_deflection" in codes("You asked us to extend the warranty. Our terms don't allow an extension, so "
                                        "the cover ends as planned.")


# --- a favour-looking "cannot be suspended" after the rule has made the customer pay limits them, not protects them ---

@pytest.mark.parametrize("body", [
    "Under our gym's membership rules, fees are payable in full every month and cannot be suspended while you recover.",
    "The tenancy agreement says rent remains payable during repairs and cannot be suspended, so April stands.",
    "As the school's terms set out, tuition is chargeable for the whole term and cannot be suspended for holidays.",
])
def test_a_payment_rule_that_cannot_be_suspended_is_a_deflection(body: str) -> None:
    assert "policy_deflection" in codes(body)


def test_an_account_that_cannot_be_suspended_while_disputed_is_still_a_favour() -> None:
    assert "policy_deflection" not in codes("Under the regulator's rules, your account cannot be suspended while "
                                            "the dispute is open.")
