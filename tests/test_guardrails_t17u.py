"""Classes of mistake fixed in round t17u of issue 17 (read w63 and w64), each in new sentences, none copied from a
writer's draft. (Run in the main session.)"""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import MONDAY, codes

# --- the rule in one sentence, and in the next our refusal of the customer's fee or claim ----------------------------

@pytest.mark.parametrize("body", [
    "Under our booking conditions, a late cancellation costs the full fare. For that reason we are unable to waive "
    "the cancellation fee.",
    "Our carriage terms require any damage to be reported within 24 hours. As you told us a week later, the claim "
    "cannot go ahead.",
])
def test_a_refusal_of_the_fee_or_claim_after_the_rule_is_a_deflection(body: str) -> None:
    assert "policy_deflection" in codes(body)


def test_the_rule_followed_by_a_waiver_is_no_deflection() -> None:
    assert "policy_deflection" not in codes("Under our booking conditions, a late cancellation costs the full fare. "
                                            "I have waived the cancellation fee for you all the same.")


# --- "we'll have it ... this afternoon" with a long verb phrase between ---------------------------------------------

@pytest.mark.parametrize("body", [
    "We'll have the replacement router configured and out with the courier this evening.",
    "Our engineer will have the faulty panel swapped out and your alarm back on this afternoon.",
])
def test_a_same_day_timeline_after_a_long_verb_phrase_is_too_soon(body: str) -> None:
    assert "over_promise" in codes(body)


def test_a_same_day_past_act_in_a_relative_clause_is_not() -> None:
    assert "over_promise" not in codes("I'll pass your thanks on to the driver who delivered your parcel this morning.")


# --- a remedy a rule "doesn't allow" is denied, not given -------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "Our finance terms don't allow a settlement discount on leases in their first 24 months.",
    "The membership rules do not permit a refund of fees for the first six months of a contract.",
])
def test_a_remedy_a_rule_does_not_allow_is_no_gift(body: str) -> None:
    assert "over_promise" not in codes(body, today=MONDAY)
