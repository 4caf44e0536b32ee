"""over_promise: guarantees, timelines we cannot keep and remedies beyond the catalogue are caught;
hedged or negated promises, refunds of what was paid, and catalogue gestures are not."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter_core.settings import Settings
from drafter_core.values import Gesture
from guardrails import check_draft, context_from_settings

TODAY = dt.date(2026, 11, 25)

DRAFT = """Hello Marcus,

Thank you for letting us know about your invoice INV-2291.

I understand how maddening it is to be charged twice; I'd be annoyed too.

You were charged $120.00 twice for the same order, on 18 and 19 November.

I'm sorry we took your money twice.

I have refunded the duplicate $120.00 and I will email you by Tuesday, 1 December to confirm it has reached
your card. {extra}

As a thank-you for your patience, we've added one month of service credit to your account.

Best wishes,
Example Support"""


def promises(extra: str, settings: Settings | None = None) -> list[str]:
    text = DRAFT.format(extra=extra)
    verdict = check_draft(text, context_from_settings(settings or Settings(), TODAY))
    return [v.text for v in verdict.violations if v.code == "over_promise"]


def test_the_clean_draft_passes_every_check() -> None:
    verdict = check_draft(DRAFT.format(extra=""), context_from_settings(Settings(), TODAY))
    assert verdict.passed, verdict.violations


@pytest.mark.parametrize("extra, offending", [
    ("I guarantee this will never happen again.", "I guarantee"),
    ("You have my word this won't recur.", "You have my word"),
    ("I'm absolutely certain the money will be back tomorrow.", "I'm absolutely certain"),
    ("The refund will reach you without fail.", "without fail"),
    ("This will never happen again.", "will never happen again"),
    ("It'll never happen again.", "'ll never happen again"),
    ("Rest assured, this won't happen again.", "Rest assured, this won"),
    ("I promise this will be fixed for good.", "I promise this"),
    ("The problem is now permanently fixed.", "permanently fixed"),
    ("It is 100% guaranteed.", "100% guaranteed"),
    ("There is no chance of this happening again.", "There is no chance of"),
    ("We will sort this out by the end of today.", "by the end of today"),
    ("I'll get back to you within the hour.", "within the hour"),
    ("You will have a reply in the next few minutes.", "in the next few minutes"),
    ("We'll have it fixed within 2 hours.", "within 2 hours"),
    ("I will call you tonight.", "will call you tonight"),
    ("We'll refund the fee today as well.", "'ll refund the fee today"),
    ("Expect a full answer by close of business.", "by close of business"),
    ("We will give you free shipping for life.", "free shipping for life"),
    ("We'll offer whatever compensation you ask for.", "whatever compensation you ask"),
    ("Just name your price.", "name your price"),
    ("You can have unlimited free deliveries.", "unlimited free deliveries"),
    ("All your future orders will be free.", "All your future orders will be free"),
    ("We'll refund you double what you paid.", "refund you double"),
    ("Please also accept a $50 voucher.", "$50"),
    ("We've added £100 credit to your account.", "£100"),
    ("I'd like to offer you a 25% discount on your next order.", "25% discount"),
    ("We're giving you three months of free service.", "three months of free service"),
    ("I've added 5,000 loyalty points.", "5,000 loyalty points"),
    ("On top of the refund we'll send you $75.", "$75"),
    ("I personally guarantee the money will be back by Friday.", "I personally guarantee"),
    ("This is the last time you'll have this problem.", "This is the last time"),
    ("I can assure you it won't happen again.", "I can assure you it won't"),
    ("We will resolve this before the day is out.", "before the day is out"),
    ("Expect a call back within 20 minutes.", "within 20 minutes"),
    ("You'll have the money back in an hour.", "in an hour"),
    ("Your refund will 100% arrive tomorrow.", "will 100% arrive"),
    ("We'll send you a $25 gift card as well.", "$25"),
    ("Enjoy 30% off everything.", "30% off"),
    ("Free delivery, on us, forever.", "on us, forever"),
    ("We'll give you whatever you think is fair.", "whatever you think"),
    ("I'll add 2 months of service credit.", "2 months of service credit"),
    ("Here's a voucher for \u00a320 too.", "\u00a320"),
    ("You have my personal assurance that this won't recur.", "You have my personal assurance"),
    ("It will never, ever happen again.", "will never, ever happen again"),
    ("Nothing like this will ever happen to you again.", "Nothing like this will ever happen to you again"),
    ("Our billing system will never let you down again.", "will never let you down again"),
    ("From today, every payment will be perfect.", "every payment will be perfect"),
    ("It's a certainty that this is now fixed.", "It's a certainty"),
    ("You can count on it: no more double charges.", "You can count on it"),
    ("Right away you'll have your money back.", "Right away you'll have"),
    ("We'll refund all your orders from this year.", "refund all your orders"),
    ("You'll get free shipping on every future purchase.", "every future purchase"),
    ("We'll cover whatever costs you incur.", "whatever costs"),
    ("We'll add a credit for each day of delay.", "for each day"),
    ("We're giving you three $10 vouchers.", "three $10 vouchers"),
    ("We'll keep crediting your account every month until you're happy.", "every month until"),
    ("The refund is guaranteed.", "guaranteed"),
])
def test_over_promises_are_caught(extra: str, offending: str) -> None:
    found = promises(extra)
    assert any(offending.lower() in f.lower() or f.lower() in offending.lower() for f in found), found


@pytest.mark.parametrize("extra", [
    "I can't guarantee this will never happen again, but we've changed how we reconcile payments.",
    "There's no guarantee the bank will be quicker, but I'll chase them.",
    "We cannot promise the bank will post it sooner, but we will try.",
    "We aim to have every duplicate charge fixed within a day.",
    "We'll do our best to make sure this never happens again.",
    "I'm doing everything I can to make sure this doesn't happen again.",
    "No one can promise it will never happen again, but we have added a check.",
    "You were told it would be fixed by the end of today - I'm sorry that was wrong.",
    "I spoke to our billing team this afternoon.",
    "Thank you for contacting us today.",
    "Refunds usually reach your card within 48 hours.",
    "We can't offer unlimited refunds, but this one is done.",
    "I've refunded the full $120.00 to your card.",
    "The $120.00 charge has been reversed.",
    "I have also refunded the $15.50 delivery fee.",
    "Your one month of service credit is already on your account.",
    "While I can't make any guarantees, we've added extra checks.",
    "We hope this never happens again.",
    "I won't pretend it can never happen again.",
    "There's no way I can promise it won't recur, but I will watch your next bill.",
    "The new card reader is 100% contactless.",
    "Your plan comes with our standard two-year guarantee.",
    "You should never have had to chase us.",
    "You are absolutely right to be annoyed.",
    "You asked for free service for life; I can't offer that, but the credit below is yours.",
    "Refunds usually take 3-5 working days to reach your card.",
    "Our team aims to answer within 24 hours.",
    "I called the bank this afternoon and they confirmed the reversal.",
    "We will never stop trying to improve.",
    "A refund of any duplicate payment is not guaranteed by the bank, but I'll chase it.",
    "We will reverse the duplicate $120.00 payment, and it will show as credit on your account.",
    "Our billing team will answer by close of business on Tuesday 1 December.",
])
def test_hedged_negated_reported_and_within_catalogue_are_not_over_promises(extra: str) -> None:
    assert promises(extra) == []


def test_the_catalogue_sets_the_limit_for_money_and_points() -> None:
    generous = Settings(gestures=[Gesture(name="voucher_50", wording="a $50 voucher", value=50, currency="USD"),
                                  Gesture(name="points", wording="2,000 loyalty points", value=20, currency="USD")])
    # (the draft's "one month of service credit" is beyond this catalogue, which has no months of credit)
    assert promises("Please accept a $50 voucher.", generous) == ["one month of service credit"]
    assert promises("I've added 2,000 loyalty points.", generous) == ["one month of service credit"]
    assert promises("Please accept a $60 voucher.", generous) == ["$60", "one month of service credit"]


def test_every_violation_has_a_concrete_fix_and_an_exact_span() -> None:
    text = DRAFT.format(extra="I guarantee it. You'll hear back within the hour. Have a $40 gift card.")
    verdict = check_draft(text, context_from_settings(Settings(), TODAY))
    items = [v for v in verdict.violations if v.code == "over_promise"]
    assert len(items) == 3
    for item in items:
        assert item.text == text[item.start:item.end]
    assert "hedge" in items[0].message
    assert "Tuesday, 1 December 2026" not in items[1].message and "Friday, 27 November 2026" in items[1].message
    assert "a $10 voucher for your next purchase" in items[2].message


# --- families a second writer found: each idea in several wordings, caught or passed alike ----------

@pytest.mark.parametrize("extra", [
    # pledges in other clothes
    "You can take that to the bank.",
    "I give you my cast-iron guarantee that the replacement will be perfect.",
    "Rest assured it will never recur.",
    "Rest assured, this won't happen to you again.",
    "I'd stake my reputation on it.",
    "Consider it done: the fix is permanent.",
    "That date is set in stone.",
    "You have an iron-clad commitment from me that the card will be correct.",
    # free without end
    "From now on, all your deliveries are on us.",
    "Shipping will be free for you going forward.",
    "We'll waive the delivery fee on every order you place in future.",
    "You won't pay for delivery on any future order.",
    "Your subscription is free from here on.",
    # gestures the catalogue does not hold
    "We'd like to upgrade you to first class on your return flight.",
    "Your next night with us is on the house.",
    "We'll give you a free night at any of our hotels.",
    "Dinner for two is on us next time you visit.",
    "We'd like to treat you to a complimentary spa day.",
    "We'll waive your next two monthly payments.",
    "Your next three invoices will be waived.",
    "We won't charge you for the next two months.",
    # two catalogue gestures at once
    "We've also added 500 loyalty points and a $10 voucher to your account.",
    "You'll also get free express shipping on your next order, plus a $10 gift card.",
    "A handwritten note will come with your next order, along with 500 bonus points.",
    # no ceiling
    "Send me the receipts and we'll pay them, however much they come to.",
    "We'll cover your hotel costs, no matter the price.",
    "We will reimburse your taxi fares regardless of the cost.",
    "Keep the receipts and we'll refund them all, whatever they add up to.",
])
def test_pledges_endless_freebies_extra_and_double_gestures_are_over_promises(extra: str) -> None:
    assert promises(extra), f"missed: {extra}"


@pytest.mark.parametrize("extra", [
    "You paid for our guaranteed next-day delivery, and we failed to deliver on it.",
    "Your booking came with a guaranteed late checkout that the hotel didn't honour.",
    "The 15% off code you used at checkout wasn't applied, so I've refunded the difference.",
    "Your free upgrade was not applied when you checked in, so I've refunded the room difference.",
    "We'll send you a free replacement and a free returns label.",
    "We can't offer free delivery from now on, but I hope the credit helps.",
    "From now on, every order of yours will be checked twice before it leaves.",
    "We're grateful you were counting on us, every time you ordered.",
    "I can't promise it will never recur, but we have changed the supplier.",
    "The replacement will be repaired free of charge.",
    "We check every order before it leaves, and your replacement ships free.",
    "Going forward we will double-check addresses; the return label is free.",
    "I've cancelled the next payment that was taken in error.",
    "We've waived the late fee that was charged by mistake.",
])
def test_described_deals_fixes_and_negated_freebies_are_not_over_promises(extra: str) -> None:
    assert promises(extra) == []
