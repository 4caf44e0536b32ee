"""Classes of mistake fixed in round t17f of issue 17 (and two engine changes), each in new sentences, none copied
from a writer's draft."""

from __future__ import annotations

import datetime as dt
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


# --- what we have noted of the customer's, and anything of theirs that comes to an end, is their date -------------

@pytest.mark.parametrize("body", [
    "I've noted your tenancy ends on Friday 18 December, and we'll be in touch about the keys.",
    "We have logged that your parking permit expires on 20 December.",
    "Your home cover lapses on Thursday 10 December unless the direct debit is set up.",
    "I have now recorded that your gym contract finishes on 11 December.",
])
def test_the_customers_own_ending_or_what_we_noted_is_no_follow_up_date(body: str) -> None:
    assert "missing_follow_up_date" in codes(body, follow_up=NO_DATE)


@pytest.mark.parametrize("body", [
    "I've noted the fault, and I'll ring you on Friday 4 December with the engineer's slot.",
    "Your tenancy ends soon, so our clerk will inspect the flat on Thursday 10 December.",
    "We have logged the complaint; you'll have my written answer by 9 December.",
])
def test_our_own_date_beside_what_we_noted_stays_ours(body: str) -> None:
    assert "missing_follow_up_date" not in codes(body, follow_up=NO_DATE)


# --- a rule that obliges us to give back what is the customer's, or covers them, is cited in their favour ----------

@pytest.mark.parametrize("body", [
    "Under the tenancy deposit rules we have to return it within ten days, so I've released the full £900 today.",
    "The lender's code of practice requires us to refund the arrangement fee, and that is on its way.",
    "As per the scheme rules, we must repay your deposit once the inventory is agreed.",
    "Both repairs are fully covered by the manufacturer's warranty, so there is nothing to pay.",
    "The second callout is included under your service plan, and our engineer will bring the part.",
])
def test_a_rule_that_obliges_us_or_covers_the_customer_is_no_deflection(body: str) -> None:
    assert "policy_deflection" not in codes(body)


@pytest.mark.parametrize("body", [
    "Under our returns policy we can't take back opened items, so the refund is declined.",
    "The damage isn't covered by the warranty, and our policy does not allow us to repair it for free.",
    "Under the scheme rules you have to return the form first, and we can't release anything before then.",
])
def test_a_rule_cited_to_refuse_is_still_a_deflection(body: str) -> None:
    assert "policy_deflection" in codes(body)


def test_what_we_did_filed_under_a_rule_is_no_cover_for_the_customer() -> None:
    body = ("Your line was slowed on 27 November, which is covered by the fair-use clause, so I can't lift the limit "
            "or credit you for it.")
    assert "policy_deflection" in codes(body)


# --- a rule named beside "there's not much I can do" refuses --------------------------------------------------------

@pytest.mark.parametrize("body", [
    "Our procedure is that refunds wait for the supplier's credit note, so there's not much I can do until then.",
    "The club rules say guests must be signed in by a member; there's very little we can do about the fine.",
    "Under our terms the booking fee is kept, and there is nothing more I can do about that.",
])
def test_a_rule_beside_powerlessness_is_a_deflection(body: str) -> None:
    assert "policy_deflection" in codes(body)


@pytest.mark.parametrize("body", [
    "There's not much I can do about the snow, but I've rebooked your delivery for Friday 4 December.",
    "Your policy number is on the letter; there's little we can do to speed the post, so I've emailed a copy too.",
])
def test_powerlessness_without_a_rule_is_no_deflection(body: str) -> None:
    assert "policy_deflection" not in codes(body)


# --- "we can" inside the customer's question or a condition commits us to nothing ----------------------------------

@pytest.mark.parametrize("body", [
    "You've asked whether we can move your table to Saturday 12 December instead.",
    "You wanted to know if we can deliver the wardrobe on Thursday 10 December.",
    "You asked if we'll be able to honour the old price on 14 December.",
])
def test_we_can_inside_the_customers_question_is_no_date_of_ours(body: str) -> None:
    assert "missing_follow_up_date" in codes(body, follow_up="I'll be in touch on Wednesday.")


@pytest.mark.parametrize("body", [
    "You asked about the boiler, and we'll fit the new pump on Friday 11 December.",
    "You asked whether the fitter can come earlier; we will send him on Friday 11 December.",
])
def test_our_answer_to_the_customers_question_keeps_its_date(body: str) -> None:
    assert "missing_follow_up_date" not in codes(body, follow_up=NO_DATE)


# --- "tomorrow" when tomorrow is no business day is a timeline we cannot keep -------------------------------------

FRIDAY = dt.date(2026, 12, 4)
THURSDAY = dt.date(2026, 12, 3)
CHRISTMAS_EVE = dt.date(2026, 12, 24)


@pytest.mark.parametrize(("body", "today"), [
    ("The glazier will be back first thing tomorrow to fit the panel.", FRIDAY),
    ("I'll ring you back tomorrow with the engineer's report.", FRIDAY),
    ("Our engineer is going to restore your heating early tomorrow.", CHRISTMAS_EVE),
])
def test_tomorrow_on_a_day_before_no_business_day_is_too_soon(body: str, today: dt.date) -> None:
    assert "over_promise" in codes(body, follow_up="I'll call you on Wednesday 9 December.", today=today)


@pytest.mark.parametrize(("body", "today"), [
    ("The glazier will be back first thing tomorrow to fit the panel.", THURSDAY),
    ("You can collect the keys from the office tomorrow.", FRIDAY),
])
def test_tomorrow_that_is_a_business_day_or_not_ours_is_fine(body: str, today: dt.date) -> None:
    assert "over_promise" not in codes(body, follow_up="I'll call you on Wednesday 9 December.", today=today)


def test_tomorrow_names_no_date_so_the_follow_up_is_still_missing() -> None:
    found = codes("The fitter will be back early tomorrow to finish the tiling.", follow_up=NO_DATE, today=FRIDAY)
    assert {"over_promise", "missing_follow_up_date"} <= set(found)


# --- our own time off, then our return to the customer: the return date is ours -------------------------------------

@pytest.mark.parametrize("body", [
    "The fitters are off from 23 December and back with you on Tuesday 5 January to finish the units.",
    "Our workshop is closed until 2 January, then at your house on Tuesday 5 January at 9am.",
])
def test_our_return_after_our_time_off_is_our_date(body: str) -> None:
    assert "missing_follow_up_date" not in codes(body, follow_up=NO_DATE, today=dt.date(2026, 12, 17))


def test_a_reopening_after_a_closure_stays_someone_elses() -> None:
    body = "The showroom is closed until 4 January and open again on Tuesday 5 January."
    assert "missing_follow_up_date" in codes(body, follow_up=NO_DATE, today=dt.date(2026, 12, 17))


# --- a vague "later in the week" beside a same-day fix leaves the follow-up without a date ------------------------

@pytest.mark.parametrize("later", ["later in the week", "sometime in the new year", "early in the month"])
def test_a_vague_later_follow_up_beside_a_same_day_fix_is_still_missing(later: str) -> None:
    body = f"Our engineer will be with you this afternoon, and I'll check in with you {later}."
    assert {"over_promise", "missing_follow_up_date"} <= set(codes(body, follow_up=NO_DATE))


# --- the customer's flight or train named by its number keeps its date ----------------------------------------------

@pytest.mark.parametrize("body", [
    "You're now on flight 2210 on Friday 4 December at 9:05.",
    "You're rebooked on train 1450 on Thursday 10 December, and we'll send an update as soon as possible.",
])
def test_a_numbered_flight_of_the_customers_is_their_date(body: str) -> None:
    assert "missing_follow_up_date" in codes(body, follow_up=NO_DATE)
