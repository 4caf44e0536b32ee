"""Round t19u (round 25) of the German, French and Spanish guardrails (issue 19), in sentences of our own: each case is
a class of mistake writer GG showed, judged on Monday 7 December 2026 with the packaged catalogue. The cases that must
be caught, and the first kind of clean case, failed before the round; the near misses after them stay as they were.
(Run in the main session.)"""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import MISSING
from tests.guardrail_drafts import core_codes as _codes

# A semicolon ends the clause of the customer's trip or booking: the date after it, on our verb, is ours.
AFTER_A_SEMICOLON = [
    ("es", "Le regalamos un descuento para su próximo viaje; le mandamos el código el 10/12.", set()),
    ("fr", "Nous vous offrons une remise sur votre prochain séjour ; nous vous envoyons le code le 10/12.", set()),
    ("en", "We've added a discount to your next booking; I'll email you the code on 10 December.", set()),
    ("es", "Le regalamos un descuento para su próximo viaje, que sale el 10/12.", MISSING),
]


@pytest.mark.parametrize(("language", "draft", "expected"), AFTER_A_SEMICOLON)
def test_a_date_after_a_semicolon_is_not_the_customers_event(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# French "je valide" / "nous validons" is our act, not "valide le" (valid on) of a voucher.
WE_APPROVE = [
    ("fr", "Je valide votre remboursement au plus tard le jeudi 10 décembre.", set()),
    ("fr", "Nous validons le dossier le vendredi 11 décembre et vous écrivons le jour même.", set()),
    ("fr", "Votre avoir est valide le 11 décembre seulement ; nous revenons vers vous rapidement.", MISSING),
]


@pytest.mark.parametrize(("language", "draft", "expected"), WE_APPROVE)
def test_we_approve_is_our_act_not_a_vouchers_validity(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# The customer's booked tour or stay, in German, with its date: not ours.
THEIR_TOUR = [
    ("de", "Wir prüfen das Rad und melden uns bald. Deine nächste Tour am 12. Dezember bleibt reserviert.", MISSING),
    ("de", "Ihre Führung am 14. Dezember findet wie geplant statt; wir melden uns in Kürze.", MISSING),
    ("de", "Wir prüfen das Rad und melden uns am Donnerstag, 10. Dezember.", set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), THEIR_TOUR)
def test_the_customers_tour_is_not_our_date(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft
