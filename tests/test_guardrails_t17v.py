"""Classes of mistake fixed in round t17v of issue 17 (read w65), each in new sentences, none copied from a writer's
draft. (Run in the main session.)"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.guardrail_drafts import codes

NEW_YEARS_EVE = dt.date(2026, 12, 31)

# --- a balance the customer pays off is their money, not "$X off" a price ---------------------------------------------

@pytest.mark.parametrize("body", [
    "We looked at paying the $1,240 off over a few months, and I've set that up: $310 a month from February.",
    "Once you've cleared the $860 off, the account goes back to normal.",
])
def test_a_balance_paid_off_is_no_discount(body: str) -> None:
    assert "over_promise" not in codes(body)


def test_a_discount_off_the_next_order_is_still_a_gift() -> None:
    assert "over_promise" in codes("As a thank-you for waiting, here is $100 off your next order.")


# --- our team away until a date: no date of ours ---------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "Our workshop team is on leave until 4 January, and we'll be in touch once they're back.",
    "The office is closed until Monday 4 January; someone will contact you after that.",
])
def test_our_team_away_until_a_date_leaves_the_follow_up_missing(body: str) -> None:
    assert "missing_follow_up_date" in codes(body, follow_up="", today=NEW_YEARS_EVE)


def test_our_team_away_until_a_date_beside_our_own_date_is_clean() -> None:
    assert codes("Our team is on leave until 3 January; an adviser will call you on Wednesday 6 January.",
                 follow_up="", today=NEW_YEARS_EVE) == []
