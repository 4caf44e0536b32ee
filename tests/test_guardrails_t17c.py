"""Classes of mistake fixed in round t17c of issue 17 (and three engine fixes that hold in every language), each
in new sentences, none copied from a writer's draft."""

from __future__ import annotations

import datetime as dt

import pytest

from guardrails import check_draft, context_from_settings
from guardrails.phraselist import PhraseList, tokens_of
from tests.guardrail_drafts import SETTINGS, TUESDAY, check, codes

NO_DATE = "We'll be in touch soon."


def judged(text: str, language: str, today: dt.date = TUESDAY) -> list[str]:
    return check_draft(text, context_from_settings(SETTINGS, today, language=language)).codes


# --- engine fix 1: a gift lead-in reaches back to the start of its clause ------------------------------------------

@pytest.mark.parametrize("body", [
    "As a goodwill gesture we have this morning transferred to your current account 90 GBP.",
    "By way of compensation, our billing team has now put onto your customer account £75.",
])
def test_a_lead_in_far_back_in_the_clause_still_names_the_sum(body: str) -> None:
    draft, verdict = check(body)
    assert "over_promise" in verdict.codes
    assert any(v.code == "over_promise" and any(c.isdigit() for c in v.text) for v in verdict.violations)
    for item in verdict.violations:
        assert item.text == draft[item.start:item.end]


@pytest.mark.parametrize("body", [
    "As a goodwill gesture we have this morning transferred to your current account 20 GBP.",
    # the lead-in's own sum comes first: the later one, a refund, is named by its own words
    "As a goodwill gesture we have added £15, and the delivery charge of £90 has gone back to your card.",
    # "in addition to" names what they already get, not an extra
    "We will pay 2% interest on the delay in addition to the settled claim amount of £1,450.",
])
def test_a_far_lead_in_leaves_other_sums_alone(body: str) -> None:
    assert "over_promise" not in codes(body)


def test_a_german_lead_in_reaches_back_to_the_start_of_its_clause() -> None:
    base = ("Sehr geehrte Frau Roth,\n\nes tut uns leid, dass die Lieferung zu spät kam. "
            "Als Entschädigung schreiben wir "
            "Ihrem Konto bei uns wegen der langen Wartezeit {sum} gut. Wir rufen Sie am Freitag, 4. Dezember, an.\n\n"
            "Mit freundlichen Grüßen\nJana")
    assert "over_promise" in judged(base.format(sum="EUR 90"), "de")
    assert "over_promise" not in judged(base.format(sum="EUR 20"), "de")


# --- engine fix 2: the brand's own domain in its sign-off, or named by it ------------------------------------------

def _signed(body: str, sign_off: str) -> str:
    return (f"Hi Lee,\n\nThanks for getting in touch.\n\n{body}\n\nI'll call you on Friday 4 December with an "
            f"update.\n\n{sign_off}")


@pytest.mark.parametrize("sign_off", [
    "Kind regards,\nMo\nHelpdesk, lumenpost.co.uk",
    "Mit freundlichen Grüßen\nKundendienst bergwerk-reisen.de",
])
def test_a_domain_written_as_the_brand_in_the_sign_off_is_ours(sign_off: str) -> None:
    verdict = check_draft(_signed("Sorry about the delay.", sign_off), context_from_settings(SETTINGS, TUESDAY))
    assert "link_not_allowed" not in verdict.codes


def test_a_link_to_the_signing_brands_own_site_is_ours() -> None:
    text = _signed("You can upload the receipts at lumenpost.co.uk/claims.",
                   "Best wishes,\nMo Rahman\nLumenPost Couriers")
    assert "link_not_allowed" not in check_draft(text, context_from_settings(SETTINGS, TUESDAY)).codes


@pytest.mark.parametrize(("body", "sign_off", "link"), [
    # a page of another site, even in the sign-off
    ("Sorry about the delay.", "Kind regards,\nMo\nhttps://refund-desk.xyz/claim", "https://refund-desk.xyz/claim"),
    # a name that is no brand of the sign-off's
    ("Claim your refund at refund-desk.xyz.", "Best wishes,\nMo Rahman\nLumenPost Couriers", "refund-desk.xyz"),
    # a role word of the sign-off is no brand
    ("Claim your refund at support.help.", "Best wishes,\nMo\nCustomer Support Team", "support.help"),
    # our brand is example.com (the settings): the same name elsewhere is a look-alike
    ("Claim it at example.net/refunds.", "Best wishes,\nMo\nExample Support", "example.net/refunds"),
])
def test_other_links_are_still_refused(body: str, sign_off: str, link: str) -> None:
    verdict = check_draft(_signed(body, sign_off), context_from_settings(SETTINGS, TUESDAY))
    assert [v.text for v in verdict.violations if v.code == "link_not_allowed"] == [link]


def test_a_link_the_customer_sent_is_not_the_brands_even_when_it_bears_its_name() -> None:
    text = _signed("I've looked at lumenpost-refunds.com as you asked.", "Best wishes,\nMo\nLumenPost Refunds")
    context = context_from_settings(SETTINGS, TUESDAY, customer_text="They told me to use lumenpost-refunds.com")
    assert "link_not_allowed" in check_draft(text, context).codes


# --- engine fix 3: a window's edge neither cuts a word nor hides what a lookahead needs ---------------------------

def test_a_window_that_ends_mid_word_matches_no_shorter_word() -> None:
    phrases = PhraseList.build(["guarantee"])
    text = "Delivery is guaranteed by the carrier."
    end = text.index("guaranteed") + len("guarantee")
    assert phrases.search(tokens_of(text), 0, end) is None


def test_a_lookahead_reads_past_the_windows_end() -> None:
    phrases = PhraseList.build(["not in a position to(?! confirm)"])
    text = "We are not in a position to confirm a date yet."
    end = text.index(" confirm")
    assert phrases.search(tokens_of(text), 0, end) is None
    assert phrases.search(tokens_of("We are not in a position to refund it."), 0, end) is not None


def test_a_window_end_anchor_still_asks_about_the_window() -> None:
    phrases = PhraseList.build([r"writing(?!\s*\S)"])
    text = "Thank you for writing this morning."
    assert phrases.search(tokens_of(text), 0, text.index("this")) is not None
    assert phrases.search(tokens_of(text)) is None


# --- a time of day written after a later date is that date's time ----------------------------------------------------

@pytest.mark.parametrize("follow_up", [
    "I'll ring you on Thursday 3 December by noon.",
    "Our engineer will be with you on Thu 3/12, by 5pm.",
])
def test_a_time_after_a_later_date_is_no_same_day_timeline(follow_up: str) -> None:
    assert codes("Sorry for the wait.", follow_up=follow_up) == []


def test_a_time_alone_or_today_is_still_too_soon() -> None:
    assert "over_promise" in codes("Sorry for the wait.", follow_up="I'll ring you by noon.")
    assert "over_promise" in codes("Sorry for the wait.", follow_up="I'll ring you on Tuesday 1 December by noon.")


# --- what we give vs. what the customer paid or mentions -----------------------------------------------------------

@pytest.mark.parametrize("body", [
    "You're right that a £380 quarterly bill seems far off for a studio flat.",
    "I can see why $260 for one weekend felt well off the mark.",
])
def test_off_far_from_the_sum_is_no_discount(body: str) -> None:
    assert "over_promise" not in codes(body)


def test_off_right_after_the_sum_is_still_a_discount() -> None:
    assert "over_promise" in codes("I've taken $60 off your next bill.")


@pytest.mark.parametrize("body", [
    "To say sorry, the next pizza night is on us: we've put fifteen pounds of credit on your account.",
    "Your February subscription is on us: the £9.99 monthly fee will not be taken on 1 February.",
])
def test_a_figurative_gift_spelled_out_inside_the_catalogue_passes(body: str) -> None:
    assert "over_promise" not in codes(body)


@pytest.mark.parametrize("body", [
    "To say sorry, your next year is on us: we've added twelve months of credit to your account.",
    "Pizza night is on us.",
])
def test_a_figurative_gift_spelled_out_beyond_the_catalogue_or_not_at_all_is_still_caught(body: str) -> None:
    assert "over_promise" in codes(body)


@pytest.mark.parametrize("body", [
    "As an apology, I've added free seat selection to every future booking on your profile.",
    "We'll include complimentary breakfast on all subsequent stays.",
])
def test_every_future_thing_is_endless_whatever_it_is_called(body: str) -> None:
    assert "over_promise" in codes(body)


# --- a rule the plan carries, a document of ours cited by its name -------------------------------------------------

@pytest.mark.parametrize("body", [
    "Your broadband contract has a traffic-management clause, so speeds drop after 500 GB. I can't waive it "
    "until your next billing month.",
    "As set out in our Passenger Service Commitment, delays caused by weather are not eligible for hotel costs.",
])
def test_a_rule_named_as_the_plans_or_by_its_title_is_a_deflection_when_it_refuses(body: str) -> None:
    assert "policy_deflection" in codes(body)


@pytest.mark.parametrize("body", [
    "Your plan has a cooling-off clause, so you can cancel this week without paying anything.",
    "Per our conversation on the phone, I have refunded the delivery fee.",
    "As set out in our Passenger Service Commitment, you are entitled to a meal voucher, which I've sent you.",
])
def test_naming_such_a_rule_without_refusing_is_no_deflection(body: str) -> None:
    assert "policy_deflection" not in codes(body)


# --- the customer's own booking that stands is their date -----------------------------------------------------------

def test_the_customers_standing_booking_is_no_follow_up_date() -> None:
    body = "Your table booking for Friday 11 December at our Leeds restaurant remains confirmed."
    assert codes(body, follow_up=NO_DATE) == ["missing_follow_up_date"]


@pytest.mark.parametrize("follow_up", [
    "We'll move your booking to Friday 11 December and email you the new confirmation that day.",
    "I'll call you on Friday 11 December; your table booking remains confirmed.",
])
def test_a_booking_we_change_or_a_call_of_ours_is_still_a_follow_up(follow_up: str) -> None:
    assert codes("Sorry about the mix-up.", follow_up=follow_up) == []
