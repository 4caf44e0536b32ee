"""The failure classes of issue 17, in the issue's own example sentences: each judged in a draft that is
otherwise clean, with the modest catalogue and UK calendar the independent writers labelled against."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafter_core.settings import load_settings
from guardrails import check_draft, context_from_settings, load_phrases

SETTINGS = load_settings(Path(__file__).parent / "guardrails_writers" / "drafter.toml", env={})
FRIDAY = dt.date(2026, 11, 27)


def codes(body: str, follow_up: str = "I'll call you on Wednesday 2 December with an update.",
          today: dt.date = FRIDAY) -> list[str]:
    draft = f"Hi Sam,\n\nThank you for writing to us.\n\n{body}\n\n{follow_up}\n\nBest,\nAna"
    return check_draft(draft, context_from_settings(SETTINGS, today), load_phrases()).codes


@pytest.mark.parametrize("follow_up", [
    "I'll post the form to you on Tuesday 1 December.", "You will have our answer by 9 Feb.",
    "Courier pick-up booked Thu 10 Dec, 9-1.", "The refund lands on Mon 14/12.",
    "Expect the replacement between 9 and 11 December.", "I'll ring you by 5pm Weds 2 Dec.",
    "We'll have it sorted by the 14th.", "I'll call you on Thursday the 3rd of December at 2pm.",
])
def test_a_concrete_date_for_anything_we_do_is_a_follow_up_date(follow_up: str) -> None:
    assert codes("I'm sorry the parcel is late.", follow_up) == []


def test_a_year_less_numeric_date_after_the_year_end_is_next_year() -> None:
    assert codes("Sorry.", "I'll call you on Mon 4/1.", today=dt.date(2026, 12, 29)) == []


@pytest.mark.parametrize("follow_up", [
    "Your appointment is on Tuesday 1 December, and we'll be in touch soon.",
    "Your deadline is 9 December; we'll look into it shortly.",
    "The voucher is valid until 10 December and the team will get back to you.",
])
def test_the_customers_own_dates_are_not_ours(follow_up: str) -> None:
    assert codes("I'm sorry the parcel is late.", follow_up) == ["missing_follow_up_date"]


@pytest.mark.parametrize("body", [
    "Our policy is that refunds are only given within 14 days.", "That's store policy, so we can't swap it.",
    "Regulations don't allow us to reopen the claim.",
    "Under our customer charter, compensation is capped at the fare.",
    "The byelaws mean the penalty fare stands.", "Our claims manual excludes cosmetic damage, so we can't pay.",
    "It falls outside our lending criteria, so the application is declined.",
    "Marketplace guidelines say the seller decides refunds.",
    "The fair-usage clause lets us slow heavy users, so I can't change it.",
    "Head office has decided not to refund rescheduled events.", "The system won't let me change the price.",
])
def test_a_rule_used_to_refuse_is_a_deflection(body: str) -> None:
    assert codes(body) == ["policy_deflection"]


@pytest.mark.parametrize("body", [
    "I promise all of your photos will be back.", "We will cover every bill since you joined.",
    "Your next three months are on us.", "We're adding lifetime lounge access to your account.",
    "No fault like this will ever reach your account again.", "Your service will be restored tonight.",
    "We'll send you a 250 GBP goodwill payment.", "We've added 10,000 miles to your account.",
    "I will make sure it reaches you within 48 hours.", "I assure you 100% that the funds will arrive.",
    "As an apology, ₹10,000 goodwill will be credited to your account.",
])
def test_first_person_promises_and_unbounded_remedies_are_over_promises(body: str) -> None:
    assert codes(body) == ["over_promise"]


@pytest.mark.parametrize("body", [
    "Under the Consumer Rights Act you're entitled to a repair or refund, and I've arranged the refund.",
    "You can take this to the Financial Ombudsman after our final response; the 8-week rule applies.",
    "You paid for Guaranteed Next Day, so I've refunded the £9.99 delivery fee.",
    "The guaranteed standards payment of £30 is on its way.", "I've released the $450 card hold.",
    "The pharmacist will dispense it today.", "We've reversed the £35 late fees.",
    "Your brake pads are covered by the Lifetime Warranty you bought, so the replacement is free.",
    "I can't promise it will never happen again, but we have changed the packing.",
    "I'm sorry for the confusion over the new rates.",
])
def test_rules_names_and_the_customers_money_are_not_violations(body: str) -> None:
    assert codes(body) == []
