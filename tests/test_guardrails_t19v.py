"""Round t19v (round 26) of the German, French and Spanish guardrails (issue 19), in sentences of our own: a class
writer HH showed, judged with the packaged catalogue. (Run in the main session.)"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.guardrail_drafts import MISSING, codes_in

NEW_YEARS_EVE = dt.date(2026, 12, 31)

# Our team on leave until a date ("en congé jusqu'au 3 janvier"): a closure, not a date of ours (and no same-day
# timeline either).
TEAM_AWAY = [
    ("fr", "Notre atelier est en congé jusqu'au 4 janvier ; nous revenons vers vous dès la reprise.", MISSING),
    ("fr", "Je suis absente jusqu'au 3 janvier, mais un collègue vous appellera le mercredi 6 janvier.", set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), TEAM_AWAY)
def test_our_team_away_until_a_date_is_not_our_date(language: str, draft: str, expected: set[str]) -> None:
    found, violations = codes_in(language, draft, NEW_YEARS_EVE)
    assert found & {"missing_follow_up_date", "over_promise", "policy_deflection"} == expected, violations
