"""A reply in German, French or Spanish is judged, repaired and reviewed in that language (issue 19): the
violations' messages come from rules.<language>.toml with their dates written out in it, and the review note
beside the draft is review_note.<language>.j2."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re

import pytest

from drafter.assemble import review_note
from drafter_core.language import detect_language
from drafter_core.replies import long_date
from drafter_core.settings import load_settings
from guardrails import check_draft, context_from_settings

TODAY = dt.date(2026, 12, 7)  # a Monday: the earliest follow-up date suggested is Tuesday 8 December 2026
# One guarantee and no date of ours in each language.
FAILING = {
    "de": "Sehr geehrte Frau Weber,\n\nich garantiere Ihnen, dass so etwas nie wieder vorkommt. Wir melden uns "
          "bald bei Ihnen, sobald die Prüfung Ihrer Rechnung abgeschlossen ist.\n\nMit freundlichen Grüßen\nJan",
    "fr": "Madame Dubois,\n\nje vous garantis que cela ne se reproduira jamais. Nous reviendrons vers vous "
          "rapidement, dès que la vérification de votre facture sera terminée.\n\nCordialement,\nJean",
    "es": "Estimada Sra. García:\n\nle garantizo que esto no volverá a ocurrir nunca. Nos pondremos en contacto "
          "con usted pronto, en cuanto termine la revisión de su factura.\n\nAtentamente,\nJuan",
}
DRAFT = "Message-ID: <d1@support.example.com>\nSubject: Re: Rechnung\nTo: kunde@example.org\n\n{body}\n"


@pytest.mark.parametrize("language", sorted(FAILING))
def test_violations_and_the_review_note_are_in_the_replys_language(language: str) -> None:
    settings = load_settings(env={})
    verdict = check_draft(FAILING[language], context_from_settings(settings, TODAY, language=language))
    assert {"over_promise", "missing_follow_up_date"} <= set(verdict.codes)
    example = long_date(dt.date(2026, 12, 8), language, settings.data.replies_file)
    missing = next(v for v in verdict.violations if v.code == "missing_follow_up_date")
    assert example in missing.message  # "Dienstag, 8. Dezember 2026", not "Tuesday, 8 December 2026"
    for v in verdict.violations:
        assert detect_language(v.message.replace(v.text, "")) == language, v.message

    note = email.message_from_bytes(review_note(DRAFT.format(body=FAILING[language]), verdict, settings,
                                                language=language).encode(), policy=email.policy.default)
    text = note.get_content()
    assert "over_promise" in text and example in text
    ours = re.sub(r"[\"'«»“”].*?[\"'«»“”]", "", text)  # the draft's own words quoted in it are not ours
    assert detect_language(ours) == language
    assert "needs review" not in text.lower() and "Needs review" not in str(note["Subject"])


def test_an_english_reply_keeps_the_english_rule_book() -> None:
    settings = load_settings(env={})
    text = "Hi Jane,\n\nI guarantee this will never happen again. We'll be in touch soon.\n\nBest,\nSam"
    verdict = check_draft(text, context_from_settings(settings, TODAY, language="en"))
    missing = next(v for v in verdict.violations if v.code == "missing_follow_up_date")
    assert "Tuesday, 8 December 2026" in missing.message
