"""Classes of mistake fixed in round t17e of issue 17 (the engine's reading: who acts, whose date, a condition, a
noun phrase), each in new sentences, none copied from a writer's draft."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.guardrail_drafts import codes

NO_DATE = "I'll be in touch again when I hear more."

# --- a fronted phrase ends at its comma: the main clause after it owns its date -------------------------------------


@pytest.mark.parametrize("body", [
    "Because of the bank holiday on 28 December, the replacement will be posted on Wednesday 30 December.",
    "With your flight on 10 December in mind, we'll courier the adapter to you on Friday 4 December.",
    "Given the office closure on 25 December, I will ring you on Thursday 3 December instead.",
    "As your event is on 20 December, the florist's team will deliver the arch on Tuesday 8 December.",
])
def test_a_date_in_the_main_clause_after_a_fronted_phrase_is_ours(body: str) -> None:
    assert "missing_follow_up_date" not in codes(body, follow_up=NO_DATE)


def test_a_date_in_the_fronted_phrase_alone_is_still_not_ours() -> None:
    body = "Because of your flight on 10 December, it makes sense to keep the booking as it is."
    assert "missing_follow_up_date" in codes(body, follow_up=NO_DATE)


# --- what the customer has just told us is theirs ----------------------------------------------------------------


@pytest.mark.parametrize("body", [
    "Thanks for confirming your launch is fixed for Monday 14 December; we'll have everything ready well before.",
    "Thank you for letting us know the move is set for Friday 11 December. We'll sort the transfer soon.",
    "Thanks for telling me the inspection is booked for 9 December, and I'll look into it shortly.",
])
def test_a_date_the_customer_has_just_told_us_is_not_our_follow_up(body: str) -> None:
    assert "missing_follow_up_date" in codes(body, follow_up=NO_DATE)


def test_our_own_commitment_after_their_news_still_counts() -> None:
    body = "Thanks for confirming the move is on 11 December, and I'll call you on Monday 7 December to go over it."
    assert "missing_follow_up_date" not in codes(body, follow_up=NO_DATE)


# --- something we have done (an irregular past tense) for a date still to come is ours ------------------------------


@pytest.mark.parametrize("body", [
    "I've sent you a calendar invite for Thursday 3 December at 2pm to walk through the report.",
    "We have set a review meeting for Friday 4 December, and the link is below.",
    "I've put a courier collection in for Wednesday 9 December between 8 and 12.",
    "We've made a booking for the engineer on Monday 7 December.",
])
def test_an_irregular_past_act_of_ours_for_a_future_date_is_ours(body: str) -> None:
    assert "missing_follow_up_date" not in codes(body, follow_up=NO_DATE)


# --- the customer's own past act owns the date, whatever "can" or "will" stands before it --------------------------


@pytest.mark.parametrize(("body", "today"), [
    ("I can see the top-up you tried to make on 2/12 was declined.", dt.date(2026, 12, 18)),
    ("I can confirm the form you submitted on 3/12 reached us.", dt.date(2026, 12, 18)),
    ("We will look into the payment you attempted on 1/12 and get back to you.", dt.date(2026, 12, 18)),
])
def test_the_customers_past_act_is_no_date_of_ours(body: str, today: dt.date) -> None:
    assert "missing_follow_up_date" in codes(body, follow_up=NO_DATE, today=today)


@pytest.mark.parametrize("body", [
    "The refund will be paid to your card on Friday 4 December.",
    "Your new card will be dispatched on Thursday 3 December.",
    "They'll be delivered on Mon 7 Dec, between 9 and 11.",
])
def test_our_passive_future_is_still_ours(body: str) -> None:
    assert "missing_follow_up_date" not in codes(body, follow_up=NO_DATE)


# --- a disowning word inside a condition of the refusal disowns nothing -------------------------------------------


@pytest.mark.parametrize("body", [
    "Under our terms, a top-up cannot be reversed once it is applied, even if it was bought by mistake.",
    "Per our refund policy the booking fee is non-refundable, whether or not the seat was chosen in error.",
    "As per our store policy we can't take back opened software, even though it was ordered by mistake.",
])
def test_a_refusal_whose_only_disowning_is_inside_a_condition_is_a_deflection(body: str) -> None:
    assert "policy_deflection" in codes(body)


@pytest.mark.parametrize("body", [
    "Our policy says the fee cannot be refunded, but it was charged in error, so I've reversed it.",
    "Under our terms this charge can't normally be reversed. It was taken by mistake, and it's back on your card.",
])
def test_a_rule_disowned_outside_a_condition_is_still_excused(body: str) -> None:
    assert "policy_deflection" not in codes(body)


# --- a rule noun must head a noun phrase: a verb after a pronoun or "than" is no rule ------------------------------


@pytest.mark.parametrize("body", [
    "I can't say for sure when it lands. I'd sooner be straight with you now than guarantee a date I don't control.",
    "We can't confirm the slot yet, and I won't pretend that we can guarantee it today.",
    "We can't fix the day yet, and I'd rather check with the depot first than guarantee the wrong one.",
])
def test_a_rule_word_used_as_a_verb_is_no_rule_mention(body: str) -> None:
    assert "policy_deflection" not in codes(body)


def test_a_rule_noun_after_its_article_still_counts() -> None:
    assert "policy_deflection" in codes("I can't replace it: the guarantee only covers faults in the first year.")


# --- a master services agreement, a statement of work: contracts a refusal may hide behind --------------------------


@pytest.mark.parametrize("body", [
    "As per Section 4.2 of the MSA, credits only apply to outages over two hours, so no credit is due this time.",
    "Under the SOW, extra training days are not covered, so we can't add them.",
    "Per the statement of work, the data migration is not included and we won't be able to take it on.",
])
def test_a_b2b_contract_cited_to_refuse_is_a_deflection(body: str) -> None:
    assert "policy_deflection" in codes(body)


def test_a_b2b_contract_cited_in_the_customers_favour_is_not() -> None:
    body = "Under the MSA you are entitled to a 10% service credit for the outage, and I've applied it to your invoice."
    assert "policy_deflection" not in codes(body)
