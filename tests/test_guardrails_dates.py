"""Dates: every common English form is found with its exact span, the follow-up date is told apart from
the customer's own dates, and a missing, past, early or different follow-up date is reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafter_core.settings import Settings
from drafter_core.values import Sections
from guardrails import check_draft, context_from_settings, load_phrases
from guardrails.dates import find_dates
from guardrails.phrasebook import DEFAULT_PHRASES_PATH

TODAY = dt.date(2026, 11, 25)  # a Wednesday; Thursday 26 November 2026 is Thanksgiving (US)

DRAFT = """Hi Priya,

Thanks for telling us about the broken lamp from order #77120.

I'd be upset too if something I'd saved up for arrived in pieces.

You received the lamp on 20 November with the shade cracked and the base dented.

I'm sorry we packed it so badly.

{timeline}

We've also added 500 loyalty points to your account as a thank-you.

Warm regards,
Example Support"""


def verdict_for(timeline: str, today: dt.date = TODAY, **known: object):
    text = DRAFT.format(timeline=timeline)
    return text, check_draft(text, context_from_settings(Settings(), today, **known))


def codes(timeline: str, today: dt.date = TODAY, **known: object) -> list[str]:
    return verdict_for(timeline, today, **known)[1].codes


@pytest.mark.parametrize("written, expected", [
    ("Friday, 4 December", dt.date(2026, 12, 4)),
    ("Fri 4 Dec", dt.date(2026, 12, 4)),
    ("4 Dec", dt.date(2026, 12, 4)),
    ("4th December 2026", dt.date(2026, 12, 4)),
    ("the 4th of December", dt.date(2026, 12, 4)),
    ("Friday the 4th of December, 2026", dt.date(2026, 12, 4)),
    ("December 4th", dt.date(2026, 12, 4)),
    ("December 4, 2026", dt.date(2026, 12, 4)),
    ("Dec. 4", dt.date(2026, 12, 4)),
    ("Wednesday, Dec 9th", dt.date(2026, 12, 9)),
    ("04/12/2026", dt.date(2026, 12, 4)),
    ("4.12.26", dt.date(2026, 12, 4)),
    ("2026-12-04", dt.date(2026, 12, 4)),
    ("2026/12/04", dt.date(2026, 12, 4)),
    ("Friday 12/04/2026", dt.date(2026, 12, 4)),  # day-first reads 12 April, a Sunday: the weekday decides
    ("Friday 12/25/2026", dt.date(2026, 12, 25)),  # impossible day first: only a weekday picks month first
    ("on 1/12", dt.date(2026, 12, 1)),  # no year: a date after "on" or "by"
    ("Friday the 27th", dt.date(2026, 11, 27)),
    ("Friday 27th", dt.date(2026, 11, 27)),
    ("Friday 4/12", dt.date(2026, 12, 4)),
    ("4-Dec-2026", dt.date(2026, 12, 4)),
    ("Fri. Dec. 4th", dt.date(2026, 12, 4)),
])
def test_every_common_form_is_found_with_its_exact_span(written: str, expected: dt.date) -> None:
    text = f"I will call you on {written}, as promised."
    [found] = find_dates(text, TODAY)
    assert found.date == expected
    assert text[found.start:found.end] == found.text
    assert found.text.endswith(written.split()[-1].rstrip(",")) and written.endswith(found.text)


@pytest.mark.parametrize("text", [
    "Delivery takes 3-5 business days.", "We are open 24/7.", "It cost $19.60 in total.", "We will be in touch.",
    "About 3/4 of orders arrive early.", "Call us at 10:30 tomorrow.", "There is no 31 April, nor 30/02/2026.",
    "Version 2.4 of the app", "May 2026 was busy.", "The code is 1234-5678.",
])
def test_things_that_are_not_dates(text: str) -> None:
    assert find_dates(text, TODAY) == []


def test_a_missing_year_is_the_one_nearest_today() -> None:
    january = dt.date(2027, 1, 5)
    [ordered, follow_up] = find_dates("You ordered on 28 December; I'll call on 8 January.", january)
    assert ordered.date == dt.date(2026, 12, 28) and follow_up.date == dt.date(2027, 1, 8)


def test_month_first_can_be_chosen_in_the_phrase_book(tmp_path: Path) -> None:
    book = tmp_path / "phrases.toml"
    book.write_text(DEFAULT_PHRASES_PATH.read_text().replace('numeric_order = "auto"',
                                                               'numeric_order = "month_first"'))
    phrases = load_phrases(book)
    text = DRAFT.format(timeline="I will email you an update by 12/04/2026.")
    verdict = check_draft(text, context_from_settings(Settings(), TODAY), phrases)
    assert "missing_follow_up_date" not in verdict.codes  # December 4 when month comes first
    text = DRAFT.format(timeline="I will email you an update by 04/12/2026.")
    assert "missing_follow_up_date" in check_draft(text, context_from_settings(Settings(), TODAY), phrases).codes


@pytest.mark.parametrize("timeline", [
    "I will email you an update by Friday, 4 December.",
    "You'll hear from me again on 4 Dec at the latest.",
    "I'll follow up personally on 04/12/2026.",
    "Our courier team will report back, and I will write to you by 2026-12-04.",
    "Expect a call from me on December 4th.",
    "I will check in with you on the 4th of December.",
    "A replacement lamp will be with you by Tuesday 1 December, and I'll confirm it has arrived on 2 December.",
    "I'll ring you on Thursday 3rd December with an update.",
    "Look out for my email on 2 December.",
    "I'll be in contact on 4 December.",
    "On 1 December I will call you to check the new lamp works.",
    "Our next contact will be on 2026-12-02, when I'll share the tracking number.",
    "I'll get back to you Wednesday, 2 December.",
    "We have booked a courier for 27 November; I will confirm the collection with you on 30 November.",
])
def test_a_future_date_in_a_commitment_is_a_follow_up(timeline: str) -> None:
    assert codes(timeline) == []


@pytest.mark.parametrize("timeline", [
    "We will be in touch before long.",
    "I'll update you at the earliest opportunity.",
    "You should have a replacement within a couple of weeks.",
    "We'll send a new lamp in 2\u20133 working days.",
    "Someone will contact you next week.",
    "I will follow up shortly.",
    "We'll be in touch by the end of the month.",
    "I'll call you on Friday.",
    "I will follow up in due course.",
    "Someone will contact you later this week.",
    "I'll update you early next month.",
    "You'll hear from us by mid-December.",
    "I'll get back to you tomorrow.",
])
def test_vague_times_are_not_dates(timeline: str) -> None:
    text, verdict = verdict_for(timeline)
    [item] = [v for v in verdict.violations if v.code == "missing_follow_up_date"]
    assert item.text == timeline and text[item.start:item.end] == timeline  # points at the timeline paragraph
    assert "concrete" in item.message


def test_the_customers_own_dates_are_not_a_follow_up() -> None:
    timeline = "Your order was placed on 2 December and charged on 3 December, and we will look into it."
    assert codes(timeline, today=dt.date(2026, 12, 1)) == ["missing_follow_up_date"]


def test_a_date_that_is_already_past_is_pointed_at() -> None:
    text, verdict = verdict_for("I will call you on 23 November to arrange a replacement.")
    [item] = [v for v in verdict.violations if v.code == "missing_follow_up_date"]
    assert item.text == "23 November" and "already past" in item.message


@pytest.mark.parametrize("timeline", [
    "Your subscription renews on 15 December; we will sort the lamp out soon.",
    "Our warehouse reopens on 30 November and will ship it then.",
    "You need it before 5 December, so we've chosen express delivery.",
    "The winter sale runs until 10 December, and we'll look into the code soon.",
    "You asked whether someone could call you on 1 December; the billing team will be in touch.",
    "I'll email you on 31 November.",
])
def test_someone_elses_future_date_is_not_our_follow_up(timeline: str) -> None:
    assert "missing_follow_up_date" in codes(timeline)


@pytest.mark.parametrize("timeline", [
    # A concrete future date tied to anything we commit to do, send, book or deliver (issue 17).
    "Your new lamp will arrive on 1 December.",
    "We'll ship it on 2 December and be in touch soon.",
    "I'll post the form to you on Tuesday 1 December.",
    "You will have our answer by 9 Feb.",
    "Courier pick-up booked Thu 3 Dec, 9-1.",
    "The refund lands on Mon 30/11.",
    "Expect the replacement between 1 and 3 December.",
    "I'll call you by 5pm Weds 2 Dec.",
    "We'll have the part by the 27th.",
    "Thursday the 3rd of December at 2pm works for the engineer's visit.",
    "I've booked an engineer for Tuesday 1 December.",
    "I'll send the statement on **12/1**.",
])
def test_a_future_date_we_commit_to_is_a_follow_up_date(timeline: str) -> None:
    assert codes(timeline) == []


def test_a_year_less_date_after_the_year_end_is_next_year() -> None:
    assert codes("I'll call you on Mon 4/1 to confirm.", today=dt.date(2026, 12, 29)) == []


def test_no_timeline_paragraph_gives_an_empty_span_at_the_start() -> None:
    verdict = check_draft("Thank you. I'm sorry.", context_from_settings(Settings(), TODAY))
    [item] = [v for v in verdict.violations if v.code == "missing_follow_up_date"]
    assert (item.start, item.end, item.text) == (0, 0, "")


def test_the_timeline_section_is_pointed_at_when_the_sections_are_known() -> None:
    sections = Sections(thank="Thanks for writing.", empathise="I'd be upset too.", paraphrase="The lamp broke.",
                        apologise="I'm sorry.", timeline="We will be in touch soon.", surprise="Here is a $10 voucher.")
    text = "\n\n".join(body for _, body in sections.ordered())
    verdict = check_draft(text, context_from_settings(Settings(), TODAY, sections=sections))
    [item] = [v for v in verdict.violations if v.code == "missing_follow_up_date"]
    assert item.text == "We will be in touch soon."


def test_a_follow_up_sooner_than_the_lead_time_is_an_over_promise() -> None:
    # Thursday 26 November 2026 is Thanksgiving: the first business day after today is Friday 27.
    assert codes("I'll call you on Thursday 26 November.") == ["over_promise"]
    assert codes("I'll call you on Friday 27 November.") == []
    assert codes("I'll call you today, 25 November.") == ["over_promise"]
    friday = dt.date(2026, 11, 27)
    assert codes("I'll call you on Saturday 28 November.", today=friday) == ["over_promise"]
    assert codes("I'll call you on Monday 30 November.", today=friday) == []


def test_a_year_end_follow_up_is_read_in_the_next_year() -> None:
    assert codes("I'll email you on Monday, 4 January.", today=dt.date(2026, 12, 30)) == []
    # New Year's Day is a holiday: the earliest business day after 31 December is 4 January.
    assert codes("I'll email you on Friday, 1 January.", today=dt.date(2026, 12, 31)) == ["over_promise"]
    assert codes("I'll email you on 4 January 2026.", today=dt.date(2026, 12, 30)) == ["missing_follow_up_date"]


def test_a_different_date_from_the_committed_one_is_reported() -> None:
    committed = dt.date(2026, 12, 1)
    assert codes("I will email you by Tuesday 1 December.", follow_up_date=committed) == []
    text, verdict = verdict_for("I will email you by Thursday 3 December.", follow_up_date=committed)
    [item] = [v for v in verdict.violations if v.code == "follow_up_date_mismatch"]
    assert item.text == "Thursday 3 December" and "Tuesday, 1 December 2026" in item.message
    assert codes("I will email you by Friday 27 November.", follow_up_date=committed) == ["follow_up_date_mismatch"]
    # A delivery date beside the committed follow-up is not a mismatch.
    timeline = "The lamp arrives on 30 November and I will email you by Tuesday 1 December."
    assert codes(timeline, follow_up_date=committed) == []


def test_a_wrong_weekday_is_reported() -> None:
    text, verdict = verdict_for("I will email you by Thursday, 4 December 2026.")
    [item] = [v for v in verdict.violations if v.code == "weekday_mismatch"]
    assert item.text == "Thursday, 4 December 2026" and "Friday" in item.message


# --- families a second writer found ---------------------------------------------------------------

COMMITTED = dt.date(2026, 12, 4)  # Friday, 6 business days after TODAY


@pytest.mark.parametrize("timeline", [
    "The refund should be back on your card by Friday, 4 December.",
    "Your replacement will arrive on 4 December.",
    "The money will reach your account no later than 4 Dec.",
    "The engineer's repair should be completed by 4/12/2026.",
    "Expect the parcel to be delivered on Friday the 4th.",
    "The credit will appear on your statement by December 4th.",
])
def test_the_committed_date_is_met_by_anything_we_deliver_on_it(timeline: str) -> None:
    assert codes(timeline, follow_up_date=COMMITTED) == []


@pytest.mark.parametrize("timeline", [
    "The refund should land by Friday, 4 December, and I will email you that day to check.",
    "Your replacement will arrive on 4 December; I'll call you the same day.",
    "Next update: Friday, 4 December.",
    "I'll ring you on Friday the 4th.",
    "I'll email you on 4/12 to confirm the refund has cleared.",
    "You'll hear from me by Fri 4th.",
])
def test_the_committed_date_in_any_form_with_our_contact_is_a_follow_up(timeline: str) -> None:
    assert codes(timeline, follow_up_date=COMMITTED) == []


@pytest.mark.parametrize("timeline", [
    "I'll email you on 31/11/2026 to confirm.",  # impossible read either way
    "I'll be in touch about 2/3 of the order soon.",
])
def test_impossible_or_non_dates_give_no_follow_up(timeline: str) -> None:
    assert "missing_follow_up_date" in codes(timeline)


@pytest.mark.parametrize("timeline", ["I'll email you on 11/30/2026 to confirm.",
                                      "I'll email you on 11/30 to confirm."])
def test_a_numeric_date_possible_only_month_first_is_read_so(timeline: str) -> None:
    assert codes(timeline) == []


def test_a_bare_day_first_date_after_on_is_read_day_first_and_can_mismatch() -> None:
    # 12/01 is 12 January 2027 read day first: a valid date, but not the committed one
    assert codes("I'll email you on 12/01 to confirm.", follow_up_date=COMMITTED) == ["follow_up_date_mismatch"]


@pytest.mark.parametrize("sentence", [
    "Ich melde mich spätestens am Mittwoch, 25. November 2026 bei Ihnen.",
    "Ich melde mich bis zum 25. November bei Ihnen.",
    "Je vous recontacte au plus tard le 25 novembre 2026.",
    "Le escribiré antes del 25 de noviembre de 2026.",
    "Le escribiré antes del 25 de noviembre.",
])
def test_committed_date_written_in_german_french_or_spanish_counts(sentence: str) -> None:
    context = context_from_settings(Settings(), dt.date(2026, 11, 23), follow_up_date=dt.date(2026, 11, 25))
    verdict = check_draft(sentence, context)
    assert "missing_follow_up_date" not in verdict.codes and "follow_up_date_mismatch" not in verdict.codes


def test_a_full_stop_after_a_day_only_joins_a_foreign_month_name() -> None:
    # "4. May I ask…" is a list item and a question, not 4 May.
    assert [found.date for found in find_dates("Step 4. May I ask you to wait?", dt.date(2026, 11, 23))] == []
