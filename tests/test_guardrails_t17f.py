"""Classes of mistake fixed in round t17f of issue 17 (and two engine changes), each in new sentences, none copied
from a writer's draft."""

from __future__ import annotations

from pathlib import Path

import pytest

from guardrails import load_phrases
from guardrails.phrasebook import DEFAULT_PHRASES_PATH
from tests.guardrail_drafts import codes

# --- engine change 1: our commitment after someone else's date cue, in the same sentence, makes the date ours -----

NO_DATE = "Thanks for bearing with us."


@pytest.mark.parametrize("body", [
    "You mentioned you're at home on Thursday 10 December, when our engineer will fit the new meter.",
    "Please keep the dog inside on Wednesday 9 December: our technician will spray the lawn between 9 and 11.",
    "You told us you'd prefer Friday 11 December - we'll collect the old sofa that morning.",
    "I understand you're free on 14 December: I can send our surveyor round at 10am.",
])
def test_our_commitment_after_the_customers_date_makes_it_ours(body: str) -> None:
    assert "missing_follow_up_date" not in codes(body, follow_up=NO_DATE)


@pytest.mark.parametrize("body", [
    "Your subscription renews on 10 December and will cost the same as last year.",
    "Your voucher is valid until 12 December. We will look into the other order.",
    "You mentioned your flight leaves on 9 December; we will do what we can before then.",
    "I see you move house on 12 December, so we'll work around that.",
    "Your balance is due by Friday 11 December, and the venue will need final numbers a week before.",
    "The depot reopens on Monday 7 December - our driver will rebook you once the backlog clears.",
    "The concert is on Saturday 12 December: we'll email you if the times change.",
    "Your lease ends on 18 December - I'll be in touch next week about the inventory.",
])
def test_someone_elses_date_stays_theirs_without_a_clause_of_ours_after_it(body: str) -> None:
    assert "missing_follow_up_date" in codes(body, follow_up=NO_DATE)


# --- engine change 2: " ?" at the start of unless_followed_by is optional whitespace --------------------------------

def test_unless_followed_by_may_start_with_optional_space(tmp_path: Path) -> None:
    book = tmp_path / "phrases.toml"
    book.write_text(DEFAULT_PHRASES_PATH.read_text(encoding="utf-8").replace(
        '    "(our|my) hands are tied",\n',
        '    { phrase = "(our|my) hands are tied", unless_followed_by = [" ?:", " by"] },\n'), encoding="utf-8")
    deflection = load_phrases(book).pattern("policy.deflection")
    assert not deflection.search("Our hands are tied: here is what I did.")
    assert not deflection.search("Our hands are tied : here is what I did.")
    assert not deflection.search("Our hands are tied by the courier.")
    assert deflection.search("Our hands are tied, I'm afraid.")
    assert deflection.search("Our hands are tied.")
