"""Three fixes to the guardrails' phrase engine found by the language tuning rounds (issue 19), each in sentences
written for this test (none is a writer's draft), with the near miss that must still be judged the other way.
Judged on Monday 7 December 2026 with the packaged catalogue."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from guardrails import load_phrases
from guardrails.phrasebook import phrase_to_regex
from guardrails.phraselist import PhraseList, tokens_of
from tests.guardrail_drafts import codes_in

TODAY = dt.date(2026, 12, 7)
CODES = {"policy_deflection", "missing_follow_up_date", "over_promise", "past_follow_up_date"}


def _finds(entry: str, text: str) -> str | None:
    """What `entry` matches in `text` as a phrase list does: whole words only."""
    found = re.search(rf"(?<!\w)(?:{phrase_to_regex(entry)})(?!\w)", text, re.IGNORECASE)
    return found.group() if found else None


# --- 1. A space before a word that may be left out is left out with it ---------------------------------------------

@pytest.mark.parametrize(("entry", "text", "found"), [
    ("no podemos (hacer)?", "Lo siento, no podemos.", "no podemos"),
    ("no podemos (hacer)?", "no podemos", "no podemos"),
    ("no podemos (hacer)?", "No podemos hacer nada.", "No podemos hacer"),
    ("sagt (leider )?nein (gesagt)?", "Die Bank sagt nein, leider.", "sagt nein"),
    ("a (b|c)* d", "a d", "a d"),
    ("a (b|c)* d", "a b d", "a b d"),
    ("x (y){0,2}", "x!", "x"),
    ("x (y){0,2}", "x yy", "x yy"),
    ("things (are|work) (here|at [A-Z][a-z]+)?", "how things work.", "things work"),
    ("(c'est|ce sont) (la règle|les règles) (pour tous|point final)?", "C'est la règle pour tous.",
     "C'est la règle pour tous"),
])
def test_an_optional_word_takes_its_space_with_it(entry: str, text: str, found: str) -> None:
    assert _finds(entry, text) == found


@pytest.mark.parametrize(("entry", "regex"), [
    # the space already inside the group, or a " ?" after it: the regex stays as it was
    ("wir können (das )?nicht", r"wir\s+können\s+(das\s+)?nicht"),
    ("(that )?(I|we) will", r"(that\s+)?(I|we)\s+will"),
    ("our ([a-z-]+ ){0,2}policy", r"our\s+([a-z-]+\s+){0,2}policy"),
    ("(rechnen|rechne) (ich|wir)? ?(damit|mit)", r"(rechnen|rechne)\s+(ich|wir)?\s*(damit|mit)"),
    ("we (?!never)will", r"we\s+(?!never)will"),
    ("a [( ]b (c)?", r"a\s+[( ]b(?:\s+(c))?"),
])
def test_other_groups_keep_their_regex(entry: str, regex: str) -> None:
    assert phrase_to_regex(entry) == regex


FIX_1_CASES = [
    # "sagt nein" before a full stop: the optional "gesagt" no longer holds the refusal back
    ("de", "Die Zentrale sagt leider nein. Wir melden uns am Donnerstag, 10. Dezember.", {"policy_deflection"}),
    ("de", "Die Zentrale hat leider nein gesagt. Wir melden uns am Donnerstag, 10. Dezember.", {"policy_deflection"}),
    ("de", "Die Zentrale sagt, das Ersatzteil ist da. Wir melden uns am Donnerstag, 10. Dezember.", set()),
    # "vente ferme" without "et définitive"
    ("fr", "Les places en promotion sont une vente ferme. Je vous écris le jeudi 10 décembre.", {"policy_deflection"}),
    ("fr", "La vente des places reprend lundi. Je vous écris le jeudi 10 décembre.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), FIX_1_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(FIX_1_CASES)])
def test_optional_final_words_in_drafts(language: str, text: str, expected: set[str]) -> None:
    codes, violations = codes_in(language, text, TODAY)
    assert codes & CODES == expected, violations


# --- 2. Only a real end anchor ties an entry to the window's end ---------------------------------------------------

@pytest.mark.parametrize(("source", "anchored"), [
    (r"[$£€] ?10 voucher", False),  # a currency sign in a class
    (r"10\$ voucher", False),  # an escaped dollar sign
    (r"(pay|settle)( [a-z0-9,.$€/]+){0,6} by", False),
    (r"thank you for writing$", True),
    (r"no(?=\s*$)", True),
    (r"no(?!\s*\S)", True),
    (r"no\Z", True),
    (r"a\\$", True),  # an escaped backslash, then the anchor
    (r"no(?!\s*\.\S)", False),
])
def test_only_a_real_end_anchor_counts(source: str, anchored: bool) -> None:
    assert (PhraseList.build([source]).anchored == {0}) is anchored


def test_a_currency_entry_reads_past_the_window_like_any_other() -> None:
    """A window that ends inside a word ("vouchers" cut to "voucher") does not cut a currency entry's last word."""
    phrases = PhraseList.build([phrase_to_regex("[$£€]10 (voucher|credit)")])
    text = "We sent two $10 vouchers today."
    assert phrases.search(tokens_of(text), 0, text.index("vouchers") + len("voucher")) is None
    text = "We sent a $10 voucher today."
    assert phrases.search(tokens_of(text), 0, text.index("voucher") + len("voucher")) is not None


def test_packaged_currency_entries_are_not_anchored() -> None:
    assert load_phrases().pattern("gesture_mentions.voucher_10").anchored == frozenset()


# --- 3. Our side of a date in German, French and Spanish ([dates] our_side, tied_clause_joints, own_time_after) -----

FIX_3_CASES = [
    # the customer's chosen date, then a colon (or a tying joint) and a clause of ours that commits: our date
    ("de", "Als Wunschtermin hatten Sie Donnerstag, 10. Dezember genannt: Unser Techniker wird zwischen 8 und 12 Uhr "
           "bei Ihnen sein.", set()),
    ("de", "Als Wunschtermin hatten Sie Donnerstag, 10. Dezember genannt: Wir werden Ihnen das Gerät zwischen 8 und "
           "12 Uhr liefern.", set()),
    ("de", "Als Wunschtermin hattest du Donnerstag, 10. Dezember genannt: Dann bringen wir dir das Gerät zwischen 8 "
           "und 12 Uhr vorbei.", set()),
    ("de", "Als Wunschtermin nannten Sie Donnerstag, 10. Dezember, an dem unser Techniker zwischen 8 und 12 Uhr zu "
           "Ihnen kommen wird.", set()),
    ("fr", "Vous nous avez indiqué le jeudi 10 décembre comme date souhaitée : notre technicien passera entre 8 h et "
           "12 h.", set()),
    ("fr", "Vous nous avez indiqué le jeudi 10 décembre : nous passerons entre 8 h et 12 h.", set()),
    ("fr", "Tu nous as indiqué le jeudi 10 décembre : on passera entre 8 h et 12 h.", set()),
    ("fr", "Vous nous avez indiqué le jeudi 10 décembre, jour où notre technicien passera chez vous.", set()),
    ("es", "Usted nos propuso el jueves 10 de diciembre: nuestro técnico pasará entre las 8 y las 12.", set()),
    ("es", "Usted nos propuso el jueves 10 de diciembre: le llevaremos el equipo entre las 8 y las 12.", set()),
    ("es", "Vos elegiste el jueves 10 de diciembre: te llevaremos el equipo entre las 8 y las 12.", set()),
    ("es", "Usted nos propuso el jueves 10 de diciembre, cuando nuestro técnico pasará por su casa.", set()),
    # near misses: someone else's clause, or ours with a time of its own, leaves the date the customer's
    ("de", "Als Wunschtermin nannten Sie Donnerstag, 10. Dezember: Der Vermieter wird dann zu Hause sein. Wir melden "
           "uns bald.", {"missing_follow_up_date"}),
    ("de", "Als Wunschtermin nannten Sie Donnerstag, 10. Dezember: Wir melden uns, sobald das Ersatzteil da ist.",
     {"missing_follow_up_date"}),
    ("fr", "Vous nous avez indiqué le jeudi 10 décembre : votre voisin sera là. Nous vous recontactons bientôt.",
     {"missing_follow_up_date"}),
    ("fr", "Vous nous avez indiqué le jeudi 10 décembre : nous vous rappellerons dès que la pièce sera arrivée.",
     {"missing_follow_up_date"}),
    ("es", "Usted nos propuso el jueves 10 de diciembre: su vecino estará en casa. Le escribiremos pronto.",
     {"missing_follow_up_date"}),
    ("es", "Usted nos propuso el jueves 10 de diciembre: le llamaremos en cuanto llegue la pieza.",
     {"missing_follow_up_date"}),
]


@pytest.mark.parametrize(("language", "text", "expected"), FIX_3_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(FIX_3_CASES)])
def test_our_side_of_a_date_in_each_language(language: str, text: str, expected: set[str]) -> None:
    codes, violations = codes_in(language, text, TODAY)
    assert codes & CODES == expected, violations
