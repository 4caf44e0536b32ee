"""Classes of mistake fixed in round t17b of issue 17 (and three engine fixes that hold in every language), each
in new sentences, none copied from a writer's draft."""

from __future__ import annotations

import pytest

from guardrails import check_draft, context_from_settings, load_phrases
from tests.guardrail_drafts import SETTINGS, TUESDAY, check, codes

# --- engine fix 1: a same-day follow-up is an over-promise, not a missing date -----------------------------------

@pytest.mark.parametrize("follow_up", [
    "The deposit will be back on your debit card today.",
    "Your replacement router will be with you this afternoon.",
    "Your line will be working again within the hour.",
])
def test_a_follow_up_that_is_only_too_soon_is_an_over_promise_only(follow_up: str) -> None:
    draft, verdict = check("I'm sorry the engineer never turned up.", follow_up)
    assert verdict.codes == ["over_promise"]
    for item in verdict.violations:
        assert item.text == draft[item.start:item.end]


@pytest.mark.parametrize("follow_up", [
    "Your line will be working again tonight, and we'll follow up next week about a credit.",
    "The courier will collect it this afternoon. After that we'll be in touch soon.",
])
def test_a_vague_follow_up_beside_the_same_day_one_is_still_missing_a_date(follow_up: str) -> None:
    assert codes("I'm sorry the engineer never turned up.", follow_up) == ["missing_follow_up_date", "over_promise"]


def test_a_window_of_a_day_or_more_is_no_same_day_follow_up() -> None:
    assert "missing_follow_up_date" in codes("Sorry for the wait.", "You'll hear from us within 48 hours.")


# --- engine fix 2: a waiver in the sentence after the last one still excuses the rule ------------------------------

def test_a_rule_waived_in_the_last_sentence_is_no_deflection() -> None:
    body = ("Our policy is that we do not refund opened cosmetics. I have set that rule aside for you and "
            "refunded the serum in full.")
    assert "policy_deflection" not in codes(body, follow_up="I'll call you on Friday 4 December to check.")
    draft = f"Hi Lee,\n\nThanks for getting in touch.\n\nI'll call you on Friday 4 December.\n\n{body}"
    verdict = check_draft(draft, context_from_settings(SETTINGS, TUESDAY), load_phrases())
    assert "policy_deflection" not in verdict.codes


# --- engine fix 3: only a quoted rule excuses a time in its sentence ---------------------------------------------

def test_a_sentence_that_only_names_a_contract_still_promises_its_time() -> None:
    body = "I'll email you the lease tonight together with the amended contract."
    assert "over_promise" in codes(body)


@pytest.mark.parametrize("body", [
    "Our service agreement states that a technician responds within 2 hours.",
    "Under the regulator's published response-time framework, the bank must answer a fraud report within the hour.",
])
def test_a_time_inside_a_rule_we_quote_is_the_rules(body: str) -> None:
    assert "over_promise" not in codes(body)


# --- whose date it is: our passive sends, verbs that look like occasion nouns --------------------------------------

@pytest.mark.parametrize("follow_up", [
    "Your new gift card, valid until 31/03/2027, will be posted to you by Friday 4 December.",
    "Your renewed membership card and the receipt will be emailed to you by Friday 4 December.",
    "The refund will show in your bank account by Friday 4 December.",
])
def test_a_date_of_something_we_send_is_ours_after_someone_elses_words(follow_up: str) -> None:
    assert codes("Sorry about the mix-up.", follow_up) == []


def test_the_customers_validity_date_alone_is_still_no_follow_up() -> None:
    assert codes("Sorry about the mix-up.", "Your voucher is valid until 31 March, and we'll write soon.") == \
        ["missing_follow_up_date"]


# --- gifts: a count of future things described by a word or two ----------------------------------------------------

@pytest.mark.parametrize("body", [
    "To make up for it, I've made your next four monthly coffee deliveries on us.",
    "Your next two weekend car washes are free.",
])
def test_several_future_things_given_away_are_an_over_promise(body: str) -> None:
    assert "over_promise" in codes(body)


def test_next_days_are_no_things_given_away() -> None:
    body = "The repair is on us, and over the next three days as parts arrive, the technician keeps you posted."
    assert "over_promise" not in codes(body)


# --- a currency abbreviation does not end the sentence --------------------------------------------------------------

def test_a_sum_after_rs_stays_in_the_rule_that_quotes_it() -> None:
    body = ("As per the regulator's card dispute framework, a failed refund must be reversed within T+5 days, failing "
            "which the bank pays Rs. 100 per day of delay; the Rs. 400 due to you has been credited.")
    assert "over_promise" not in codes(body)


# --- declining to name a date we do not know is honest -------------------------------------------------------------

def test_not_in_a_position_to_commit_to_a_date_is_no_deflection() -> None:
    body = "Our developers are testing a fix, but we are not in a position to give you a firm release date yet."
    assert "policy_deflection" not in codes(body)


def test_not_in_a_position_to_refund_is_still_a_deflection() -> None:
    assert "policy_deflection" in codes("I'm afraid we are not in a position to refund an opened item.")


# --- an apology that goes on to disown wrong information is a real apology --------------------------------------

@pytest.mark.parametrize("body", [
    "The shop assistant said the warranty had lapsed. I'm sorry, but that was not correct, and the repair is free.",
    "I am sorry, but the information our chat agent gave you was wrong: the fee has been refunded.",
])
def test_sorry_but_that_was_wrong_is_no_non_apology(body: str) -> None:
    assert "non_apology" not in codes(body)


def test_sorry_but_our_rule_is_still_a_non_apology() -> None:
    assert "non_apology" in codes("Sorry, but our rules are firm on this one.")
