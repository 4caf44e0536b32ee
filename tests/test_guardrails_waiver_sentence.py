"""A waiver is read in its own sentence: a negation that ends the sentence before it does not cancel it (issues 17
and 19; found by the language round t19g). Sentences of our own."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import codes


@pytest.mark.parametrize("body", [
    "Our policy says a refund is only due within 30 days, and that window isn't open any more. We waived the rule "
    "for you: the refund of 49 EUR reaches your card by Friday 11 December.",
    "The terms allow changes up to 48 hours before departure, which wasn't the case here. I made an exception, and "
    "your new ticket will be with you by Thursday 10 December.",
])
def test_a_negation_in_the_sentence_before_does_not_cancel_the_waiver(body: str) -> None:
    assert "policy_deflection" not in codes(body)


@pytest.mark.parametrize("body", [
    "Our policy says a refund is only due within 30 days. We have not waived the rule, so no refund is possible.",
    "The terms allow changes up to 48 hours before departure. I can't make an exception, so the fare stays as it is.",
])
def test_a_negated_waiver_in_its_own_sentence_still_refuses(body: str) -> None:
    assert "policy_deflection" in codes(body)
