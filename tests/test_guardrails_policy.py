"""policy_deflection: hiding behind rules is caught in many phrasings; acting in the customer's favour,
quoting, reporting and disowning a rule are not deflection."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter_core.settings import Settings
from guardrails import check_draft, context_from_settings

TODAY = dt.date(2026, 11, 25)

DRAFT = """Dear Sam,

Thank you for writing to us about order #A-55123.

I can only imagine how frustrating it is to wait for a kettle that never comes; I would feel exactly the same.

You ordered a blue kettle on 14 November and paid $49.99, and it still has not arrived.

I am sorry we let you down. {extra}

I have asked our courier team to trace the parcel, and I will email you with an update by Friday, 4 December 2026.

As a small thank-you for your patience, we have added a $10 voucher for your next purchase to your account.

Kind regards,
The Example Support Team"""


def deflections(extra: str) -> list[str]:
    text = DRAFT.format(extra=extra)
    verdict = check_draft(text, context_from_settings(Settings(), TODAY))
    return [v.text for v in verdict.violations if v.code == "policy_deflection"]


def test_the_clean_draft_passes_every_check() -> None:
    verdict = check_draft(DRAFT.format(extra=""), context_from_settings(Settings(), TODAY))
    assert verdict.passed, verdict.violations


@pytest.mark.parametrize("extra", [
    "Unfortunately that is against our policy.",
    "I'm afraid refunds after 30 days are against company policy.",
    "Opening the box is contrary to our returns policy, so we cannot take it back.",
    "Our policy does not allow refunds on sale items.",
    "Sadly the returns policy doesn't cover accidental damage.",
    "Our terms and conditions state that delivery dates are estimates.",
    "The T&Cs clearly say that we are not liable for courier delays.",
    "As stated in our terms, shipping fees are non-refundable.",
    "As explained in the FAQ, orders cannot be changed once dispatched.",
    "As our FAQ explains, tracking can take 48 hours to update.",
    "Please refer to our returns policy for the details.",
    "Kindly review the terms of sale you accepted at checkout.",
    "Per our policy, we only replace items reported within 7 days.",
    "In accordance with company policy, the fee stands.",
    "We are not permitted to issue refunds for opened items.",
    "I'm not authorised to change the delivery address.",
    "Staff are not allowed to make exceptions.",
    "We don't make exceptions, I'm afraid.",
    "I'm afraid our hands are tied here.",
    "There is nothing more we can do about the courier.",
    "That is simply how we do things here.",
    "That's just the way it works.",
    "Courier delays are outside of our control.",
    "This is not our responsibility once the parcel has left the warehouse.",
    "By placing your order, you agreed to our terms.",
    "Your return window has expired, so we can't accept it.",
    "The item is outside the return period.",
    "We do not offer refunds on personalised items.",
    "It is all in the small print.",
    "The warranty doesn't cover water damage.",
    "Rules are rules.",
    "I have to follow company procedure on this.",
    "We are not responsible for delays caused by the carrier.",
    "The system does not allow me to reissue the order.",
    "Under our terms of service, the delivery charge is not refundable.",
    "You should have read our policy before ordering.",
    "Regrettably, our returns policy only covers unopened items.",
    "Company guidelines prevent me from issuing a refund here.",
    "Our procedures require a police report before we can act.",
    "I have to go by the book here.",
    "My manager has confirmed that no exception can be made.",
    "We have a strict no-refund policy on clearance items.",
    "Our system won't let me process this.",
    "It says quite clearly on our website that sale items are final.",
    "All sales are final on clearance stock.",
    "That decision is out of my hands.",
    "You'll need to take this up with the courier directly.",
    "As per standard procedure, we must wait 14 days.",
    "We follow a strict process and can't deviate from it.",
    "The terms you signed up to don't allow a partial refund.",
    "We're bound by our carrier agreement on this.",
    "Head office won't allow it.",
    "I would refer you to section 4 of our terms.",
    "This falls outside our refund policy.",
    "It is not our policy to refund delivery charges.",
    "Our refund rules only apply to faulty goods.",
    "Our FAQ covers this in detail.",
    "Refunds on this plan are non-negotiable.",
    "The rule is there for a reason, so I can't bend it.",
    "Short outages are standard practice across the industry, so no credit is due.",
    "The conditions of sale you accepted do not cover weekend delivery.",
    "Under clause 9.2 of our terms of service, the fee is payable.",
    "Our service level agreement states that outages under a day are not credited.",
])
def test_deflections_are_caught(extra: str) -> None:
    found = deflections(extra)
    assert found, f"missed: {extra}"
    assert all(part in extra for part in found)


@pytest.mark.parametrize("extra", [
    # acting in the customer's favour despite a rule
    "Our policy normally doesn't allow refunds after 30 days, but I have made an exception for you.",
    "That would usually be against our policy; I've waived it this time.",
    "Even though it's against our policy, I have refunded the delivery fee.",
    "The returns policy doesn't cover this. However, I have approved a full refund anyway.",
    "I have escalated the rule that blocked your refund for review by our policy team.",
    "Our terms say the fee applies, but I have overridden it for your order.",
    "I've sent our returns policy for review, because it should not have applied to you.",
    "Under our policy you're entitled to a full refund, and I have processed it today.",
    # quoting or reporting what someone else said, and disowning it
    "You were told 'it's against our policy' - that was wrong, and I'm sorry.",
    "Our agent said it was against our policy to refund you. That was a mistake.",
    "You mentioned that the chatbot said \"that is against our policy\"; it was wrong.",
    "I won't hide behind our terms and conditions: this was our mistake.",
    "Rather than quoting our policy at you, I want to fix this.",
    # innocent mentions of policy, terms and rules
    "I've also updated our delivery policy page so nobody else is misled.",
    "We would never deny you a refund over a technicality.",
    "Our price-match promise means you get the difference back.",
    "I have read your email carefully and checked the order history.",
    "Our policy is usually 30 days, but I've extended it for you.",
    "I know our terms say delivery fees are non-refundable, but I've refunded yours.",
    "Nothing in our terms stops me from putting this right.",
    "Our satisfaction guarantee covers this, so a replacement is on its way.",
    "Normally we'd need a receipt, but I've gone ahead without one.",
    "Our returns policy gives you 60 days, so there is plenty of time.",
    "I have waived the restocking fee that our terms would normally charge.",
    "The previous agent quoted our policy at you, which was wrong.",
    "Your warranty covers this, so the repair is free.",
    "We've updated our FAQ so it's clearer for everyone.",
    "Under our guarantee you're entitled to a replacement, which is on its way.",
    "I know you've heard 'it's company policy' before; you won't hear it from me.",
    "That's not our policy - you should have had a refund straight away.",
    "We are responsible for this mistake, and I'm not going to pretend otherwise.",
])
def test_favour_quotes_and_innocent_mentions_are_not_deflection(extra: str) -> None:
    assert deflections(extra) == []


def test_the_span_is_the_offending_words_and_the_message_says_how_to_fix_it() -> None:
    extra = "I'm afraid that is against our policy."
    text = DRAFT.format(extra=extra)
    verdict = check_draft(text, context_from_settings(Settings(), TODAY))
    [item] = [v for v in verdict.violations if v.code == "policy_deflection"]
    assert item.text == text[item.start:item.end] == "against our policy"
    assert "Replace" in item.message and "for the customer" in item.message


def test_curly_quotes_and_line_breaks_do_not_hide_a_deflection() -> None:
    assert deflections("That\u2019s simply how we\ndo things.")
    assert deflections("that is   against\nour policy")


# --- families a second writer found: each idea in several wordings, caught or passed alike ----------

@pytest.mark.parametrize("extra", [
    # a machine says no
    "The system won't let me process a refund for this order.",
    "Our booking system doesn't allow changes this close to departure.",
    "Computer says no, I'm afraid.",
    "It's a system limitation that I can't get around.",
    "My till simply won't accept a return without the receipt.",
    "The billing platform is not set up to split payments.",
    # an authority says no
    "Our legal team has advised that we cannot accept liability for the damage.",
    "Head office has decided that we won't be compensating anyone for the strike.",
    "Our insurers have told us we are not able to pay out for items left in the car.",
    "Management have confirmed that this isn't something we refund.",
    "That decision is above my pay grade.",
    "I'm afraid I don't have the authority to approve a refund.",
    "It's not my call to make.",
    "We can't accept responsibility for parcels once they have been delivered.",
    "We do not accept liability for delays caused by the weather.",
    # a time limit used to refuse
    "Since the 30-day return window has closed, we can't take the chair back.",
    "Your order is outside our 14-day returns period.",
    "You are past the cancellation deadline, so the booking stands.",
    "Unfortunately it's too late to cancel the subscription now.",
    "The cooling-off period expired on 10 November, so the contract is binding.",
    "You missed the claims deadline by two days.",
    # a document instead of an answer
    "This is all covered in detail on our help centre page about deliveries.",
    "As the article in our knowledge base explains, refunds take ten days.",
    "As stated on the notice at the counter, we don't refund opened software.",
    "The answer to this is on our FAQ page.",
])
def test_machines_authorities_time_limits_and_documents_are_deflections(extra: str) -> None:
    found = deflections(extra)
    assert found, f"missed: {extra}"
    assert all(part in extra for part in found)


@pytest.mark.parametrize("extra", [
    "The system wouldn't let my colleague process it, which was wrong, so I've done it by hand.",
    "The system wouldn't let my colleague refund you, but that's no excuse and I've fixed it myself.",
    "Although the return window had closed, I've approved your return as an exception.",
    "Our legal team has confirmed that we will cover the repair in full.",
    "Our legal team has advised that we must refund you in full, and I have done so.",
    "I've checked our system and the refund went through on 20 November.",
    "You were told the return window had closed; that was wrong.",
    "When you called you were told the cooling-off period had lapsed, and I'm sorry.",
    "Your return is well within the 30-day window.",
    "The help centre article on renewals was wrong, and I've asked for it to be rewritten.",
    "We accept full responsibility for the damage.",
])
def test_machines_authorities_and_time_limits_named_while_helping_pass(extra: str) -> None:
    assert deflections(extra) == []


def test_a_system_that_works_for_the_customer_is_not_a_deflection() -> None:
    assert deflections("Our system is set up to refund duplicate charges automatically.") == []
