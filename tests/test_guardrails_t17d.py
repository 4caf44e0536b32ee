"""Classes of mistake fixed in round t17d of issue 17 (and two engine changes), each in new sentences, none copied
from a writer's draft."""

from __future__ import annotations

import datetime as dt

import pytest

from guardrails import check_draft, context_from_settings, load_phrases
from tests.guardrail_drafts import SETTINGS, TUESDAY, check, codes

# --- engine change 1: the joints of a new clause are data ---------------------------------------------------------


def test_the_new_clause_joints_are_a_phrase_list_each_language_extends() -> None:
    english = load_phrases(language="en").values["dates.new_clause_joints"]
    assert {"and", "so", "then", "but"} <= set(english)
    for language, joint in (("de", "deshalb"), ("fr", "donc"), ("es", "así que")):
        assert joint in load_phrases(language=language).values["dates.new_clause_joints"]


def test_a_new_clause_after_someone_elses_date_cue_still_owns_its_date() -> None:
    body = "You said you are travelling from Monday, so the courier will deliver the adapter on Thursday 3 December."
    assert "missing_follow_up_date" not in codes(body, follow_up="Thanks for your patience.")


# --- engine change 2: a time of day beside a later date is that date's --------------------------------------------

@pytest.mark.parametrize("follow_up", [
    "I'll ring you on Thursday 3 December by noon with the engineer's report.",
    "You'll have my written answer by close of business on the 4th.",
    "I'll text you the new booking by 5pm on Friday 4 December.",
])
def test_a_time_of_day_beside_a_later_date_is_no_same_day_promise(follow_up: str) -> None:
    draft, verdict = check("I'm sorry the fitting was cancelled at short notice.", follow_up)
    assert verdict.codes == []


def test_a_time_of_day_alone_is_still_a_same_day_promise() -> None:
    assert "over_promise" in codes("I'll have the refund approved by close of business.")


# --- a Title-Case promise word mid-sentence is a name ----------------------------------------------------------------

def test_a_product_name_mid_sentence_is_no_guarantee() -> None:
    body = "I've refunded the $9.50 you paid for the Guaranteed by Saturday courier option, which never arrived."
    assert "over_promise" not in codes(body)
    assert "over_promise" in codes("Guaranteed: your parcel will be with you on Saturday.")


# --- a document we send, with a sum in it, is no gift ------------------------------------------------------------

def test_a_statement_that_confirms_a_large_sum_is_no_gesture() -> None:
    body = "I'll send you a letter confirming that the whole £42,000 mortgage payment has reached the lender."
    assert "over_promise" not in codes(body)
    assert "over_promise" in codes("As an apology I'll send you £400 for the trouble.")


# --- a failed attempt or the customer's own step is no waiver ---------------------------------------------------

def test_an_attempt_that_failed_does_not_excuse_the_system_refusing() -> None:
    body = "I attempted to change it for you, but the booking system won't let me move a prepaid room."
    assert "policy_deflection" in codes(body)


def test_the_customers_own_step_does_not_excuse_a_refusal() -> None:
    body = ("Our terms don't allow us to alter a prepaid plan, so I can't switch it today. The guide I'm sending "
            "explains how you can change it yourself at renewal.")
    assert "policy_deflection" in codes(body)


def test_a_limit_of_our_own_authority_used_to_refuse_is_a_deflection() -> None:
    body = "A refund after 60 days is beyond what we are authorised to approve, so the charge stands."
    assert "policy_deflection" in codes(body)


def test_a_real_waiver_still_excuses_the_rule() -> None:
    body = "Our terms normally rule out refunds on sale items, but I have waived that rule and refunded the coat."
    assert "policy_deflection" not in codes(body)


# --- a commitment to our own dated contact is a promise we can keep ----------------------------------------------

@pytest.mark.parametrize("body", [
    "What I can promise is a call from me on Friday 4 December with the lab's findings.",
    "I commit to emailing you on Thursday 3 December with the corrected invoice.",
])
def test_committing_to_our_own_contact_on_a_keepable_date_is_no_over_promise(body: str) -> None:
    assert "over_promise" not in codes(body, follow_up="Thanks for bearing with us.")


@pytest.mark.parametrize("body", [
    "I promise your boiler will be fixed, and I'll call you on Friday 4 December.",
    "I promise the courier will deliver it on Friday 4 December.",
    "I promise to call you later today.",
])
def test_a_promise_of_something_else_or_too_soon_is_still_an_over_promise(body: str) -> None:
    assert "over_promise" in codes(body)


# --- remedies denied, owed or bounded ------------------------------------------------------------------------------

def test_a_remedy_denied_is_no_remedy() -> None:
    body = "I won't claim that a voucher makes up for every hour you spent on hold, but I've added a £10 credit."
    assert "over_promise" not in codes(body)


def test_a_prorated_credit_for_the_outage_is_owed_not_given() -> None:
    body = "You'll get a pro-rata credit for every day the line was down, worked out on your next bill."
    assert "over_promise" not in codes(body)
    assert "over_promise" in codes("As a thank-you, you'll get a free coffee for every day the line was down.")


def test_one_month_of_a_named_service_is_the_catalogues_month() -> None:
    assert "over_promise" not in codes("As an apology I've given you one month's free cloud storage.")
    assert "over_promise" in codes("As an apology I've given you six months' free cloud storage.")


def test_the_customers_own_credit_balance_is_no_gesture() -> None:
    body = "Your insurer paid the rest, leaving a credit of $180.00 on your account, which we will send back to you."
    assert "over_promise" not in codes(body)


# --- a signature's names carry no language ---------------------------------------------------------------------------

def test_a_sign_off_in_another_language_with_names_is_no_wrong_language() -> None:
    draft = ("Hi Anna,\n\nSorry your order arrived without the candles. I've posted them today, and you'll have them "
             "by Friday 4 December.\n\nFrohe Weihnachten,\nKlaus Berger\nNorthern Lights Home")
    verdict = check_draft(draft, context_from_settings(SETTINGS, TUESDAY, language="en"), load_phrases())
    assert "wrong_language" not in verdict.codes


def test_spans_stay_exact_and_repairs_quote_the_words() -> None:
    draft, verdict = check("I promise nothing like this will ever happen again.",
                           today=dt.date(2026, 12, 1))
    assert verdict.violations
    for item in verdict.violations:
        assert item.text == draft[item.start:item.end]
        assert item.text in item.message
