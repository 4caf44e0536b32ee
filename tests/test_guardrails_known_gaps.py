"""Classes of mistake named as known gaps at the end of the eighth session (seen on writers already read), fixed in the
ninth, each in new sentences."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import codes

# --- the law or the rules named with no article, as the rule that refuses -------------------------------------------

@pytest.mark.parametrize("body", [
    "Current legislation won't allow us to refund a ticket that has been used, so the fare stands.",
    "Existing rules don't let us reopen a claim once it has been settled.",
    "Applicable regulations do not permit us to waive the early exit fee.",
])
def test_a_rule_named_without_an_article_that_refuses_is_a_deflection(body: str) -> None:
    assert "policy_deflection" in codes(body)


@pytest.mark.parametrize("body", [
    "Under current legislation you can claim up to 600 EUR, and I've started that claim for you.",
    "Current regulations give you the right to a full refund, which I issued this morning.",
])
def test_a_rule_named_without_an_article_in_the_customers_favour_is_no_deflection(body: str) -> None:
    assert "policy_deflection" not in codes(body)


# --- a guarantee of the past, named as the one we did not keep --------------------------------------------------------

@pytest.mark.parametrize("body", [
    "Our guaranteed delivery slot was missed on Tuesday, and that is on us.",
    "The guaranteed arrival window wasn't met by our driver, which I'm sorry for.",
    "I know the guaranteed repair time has been breached twice now.",
])
def test_a_guarantee_we_failed_to_keep_is_no_new_promise(body: str) -> None:
    assert "over_promise" not in codes(body)


@pytest.mark.parametrize("body", [
    "Your new delivery is guaranteed for Thursday, even though the first one was missed.",
    "The replacement is guaranteed to arrive on time.",
])
def test_a_new_guarantee_beside_a_missed_one_is_still_a_promise(body: str) -> None:
    assert "over_promise" in codes(body)
