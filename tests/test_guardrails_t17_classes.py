"""Classes of mistake fixed in the t17 round of issue 17, each in new sentences (none copied from a writer's
draft): who acts, negation and its scope, asides, whose date it is, what we give against what is owed."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.guardrail_drafts import check, codes

# --- whose date it is ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("follow_up", [
    "We know you have a court hearing on Thursday 10 December; our surveyor will look at it next week.",
    "You have until 18 December to return the form, and we'll be in touch soon.",
    "Your parking permit runs to 31 December, so someone will ring you after that.",
    "The helpdesk will be working reduced hours on 24 December and will be closed on 28 December; we'll write soon.",
])
def test_the_customers_occasions_deadlines_and_our_closures_are_no_follow_up(follow_up: str) -> None:
    assert codes("Sorry about the mix-up with your order.", follow_up) == ["missing_follow_up_date"]


def test_a_year_less_date_that_only_a_leap_year_has_is_no_date() -> None:
    assert codes("Sorry.", "We will write to you by 29 February.", today=dt.date(2027, 1, 12)) == \
        ["missing_follow_up_date"]


@pytest.mark.parametrize("follow_up", [
    # an aside about the customer (", which you may need,") does not take the date from our main clause
    "I'll post you the claim pack, which you might want to fill in before your trip, by Friday 4 December.",
    # someone else's date, then a new clause of ours
    "The depot is shut until 3 December, so the van will deliver it on Monday 7 December.",
    "Please bring the receipt to your fitting, and the store manager will phone you on Monday 7 December.",
    # the verb "ship" is no voyage
    "Your replacement will ship on Friday 4 December.",
])
def test_our_date_after_someone_elses_words_is_still_ours(follow_up: str) -> None:
    assert codes("Sorry the kettle arrived dented.", follow_up) == []


def test_a_list_that_shares_the_verb_keeps_the_owner_of_its_date() -> None:
    follow_up = "Your deposit is due by 14 December, and the balance by Friday 8 January; we'll write soon."
    assert codes("Sorry for the confusion about the invoice.", follow_up) == ["missing_follow_up_date"]


def test_a_same_day_fix_beside_a_vague_contact_leaves_the_date_missing() -> None:
    body = "We'll put the credit back on your card within the hour, and we'll check in with you after the weekend."
    assert codes(body, follow_up="Sorry again.") == ["missing_follow_up_date", "over_promise"]


# --- deflections ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "Our returns policy says that no refunds are given on opened software.",
    "It's our usual practice not to reissue vouchers once they have been redeemed.",
    "The finance team has ruled out any refund of the admin charge.",
    "It's written into your agreement, so it's not something I'm allowed to alter or waive.",
    "Your usage went past the cap set by the fair-usage clause in your plan. The slowdown is automatic and "
    "I can't remove it before the next cycle.",
    "The guarantee only covers the screen we swapped, and I'm not authorised to make exceptions to it.",
])
def test_rules_used_to_refuse_are_deflections(body: str) -> None:
    assert "policy_deflection" in codes(body)


@pytest.mark.parametrize("body", [
    "Our policy used to be to refund only in store credit. Since complaints like yours we've changed that, and "
    "the money goes back to your card.",
    "I can't promise when the bureau will update its file, as that is outside our control, but I have asked for "
    "the default marker to be withdrawn.",
])
def test_a_rule_we_changed_or_a_limit_we_act_around_is_no_deflection(body: str) -> None:
    assert "policy_deflection" not in codes(body)


# --- promises and remedies -----------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "Please don't worry, I guarantee the next delivery will be on time.",
    "The outage is being handled and your service will be back tonight.",
    "I've refunded the 40 pounds you paid, and I've added a GBP 90 credit to your account.",
    "We're adding 15,000 SkyPoints to your account.",
    "You'll get free breakdown cover for all of 2027.",
    "We're waiving the monthly fee on your savings account for life.",
    "We'll waive the transfer charges on every payment you make for the next nine months.",
])
def test_promises_and_remedies_beyond_the_catalogue(body: str) -> None:
    assert "over_promise" in codes(body)


@pytest.mark.parametrize("body", [
    "The hotel has confirmed your dairy-free breakfast, and your room is ready.",
    "I've saved your address at account level, so it now applies to all future orders.",
    "Because the repair missed the deadline under the Guaranteed Standards Scheme, you're entitled to a payment, "
    "and I've credited £60 to your account.",
    "Your claim has been accepted. We will pay you £900, the invoice value less your £100 excess.",
    "Thanks for asking about the $300 donation taken from your card by mistake.",
    "A provisional credit of $75 will sit on your account while we look into it.",
    "I texted you the collection code a moment ago, so you'll have it today.",
    "After you'd held cover with another insurer for four years, you moved to us in March.",
    "The two free cinema tickets you won in the summer draw are still in your account.",
])
def test_what_is_owed_described_or_already_sent_is_no_over_promise(body: str) -> None:
    assert "over_promise" not in codes(body)


def test_the_rule_quoted_for_the_customer_is_no_remedy_without_end() -> None:
    body = ("The ombudsman's rules say a delayed transfer must be repaid within five days, and the bank has to pay you "
            "$10 for every day beyond that. We were three days late, so $30 compensation is due to you.")
    assert "over_promise" not in codes(body)


def test_a_goodwill_sum_beside_a_settlement_is_still_judged() -> None:
    assert "over_promise" in codes("For the trouble, I'm adding a $400 goodwill payment to your settlement.")


def test_spans_stay_exact_and_quote_the_words() -> None:
    draft, result = check("The finance team has ruled out any refund of the admin charge.")
    for v in result.violations:
        assert v.text == draft[v.start:v.end]
