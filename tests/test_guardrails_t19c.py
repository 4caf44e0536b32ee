"""Round 7 of the German, French and Spanish phrase books (issue 19, the J writers read): each class of mistake
fixed, in sentences written for this test (none is a writer's draft), with the near miss that must still be
caught. Judged on Monday 7 December 2026 with the packaged catalogue (at most 25 in money, one month free)."""

from __future__ import annotations

import datetime as dt

import pytest

from guardrails import load_phrases
from tests.guardrail_drafts import codes_in

TODAY = dt.date(2026, 12, 7)
CODES = {"policy_deflection", "missing_follow_up_date", "over_promise", "past_follow_up_date"}
CASES = [
    # A consequence after a comma opens a clause of its own: the customer's date before it does not own ours.
    ("es", "Usted nos cuenta que se muda el 18 de diciembre, por lo que le instalamos el router el martes 15 de "
           "diciembre.", set()),
    ("es", "Usted nos cuenta que se muda el 18 de diciembre, así que lo tendremos en cuenta.",
     {"missing_follow_up_date"}),
    ("fr", "Vous nous indiquez partir en vacances le 19 décembre, donc nous passons relever le compteur le jeudi "
           "10 décembre.", set()),
    ("de", "Sie schreiben, dass Sie am 18.12. verreisen, deshalb schicken wir die Ersatzkarte am Mittwoch, "
           "9. Dezember.", set()),
    # A sum owed by law or a regulation is not a goodwill gesture of ours; a goodwill sum over the catalogue is.
    ("de", "Nach der EU-Verordnung haben Sie Anspruch auf eine Ausgleichszahlung von 250 €. Wir überweisen sie am "
           "Mittwoch, 9. Dezember.", set()),
    ("de", "Als Kulanz schenken wir Ihnen 250 €. Wir melden uns am Mittwoch, 9. Dezember.", {"over_promise"}),
    ("fr", "En application du règlement (CE) n° 261/2004, vous avez droit à une indemnisation de 600 €, que nous "
           "virons le mercredi 9 décembre.", set()),
    ("fr", "À titre commercial, nous vous offrons 600 €. Nous vous écrivons le mercredi 9 décembre.",
     {"over_promise"}),
    ("es", "Conforme al Reglamento (CE) 261/2004, tiene derecho a una compensación de 400 €, que le transferimos el "
           "miércoles 9 de diciembre.", set()),
    ("es", "Como gesto de buena voluntad le regalamos 400 €. Le escribimos el miércoles 9 de diciembre.",
     {"over_promise"}),
    # A time of day right after a day is that day, not today; alone it is still today.
    ("fr", "Le technicien passe le jeudi 10 décembre avant midi pour changer la pièce.", set()),
    ("fr", "Le technicien passe le 10/12, avant midi, pour changer la pièce.", set()),
    ("fr", "Le technicien passe avant midi pour changer la pièce. Je vous écris le jeudi 10 décembre.",
     {"over_promise"}),
    ("de", "Wir liefern das Sofa am Donnerstag, 10. Dezember, bis zum Mittag.", set()),
    ("de", "Wir liefern das Sofa bis zum Mittag. Wir melden uns am Donnerstag, 10. Dezember.", {"over_promise"}),
    ("es", "La técnica pasa el jueves 10 de diciembre antes del mediodía.", set()),
    ("es", "La técnica pasa antes del mediodía. Le escribimos el jueves 10 de diciembre.", {"over_promise"}),
    # The delivery of the next order is the catalogue's free express shipping; the whole next order is not.
    ("fr", "Pour nous excuser, les frais de port de votre prochaine commande sont pour nous. Je vous écris le "
           "jeudi 10 décembre.", set()),
    ("fr", "Pour nous excuser, votre prochaine commande est pour nous. Je vous écris le jeudi 10 décembre.",
     {"over_promise"}),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_round_7_classes(language: str, text: str, expected: set[str]) -> None:
    codes, violations = codes_in(language, text, TODAY)
    assert codes & CODES == expected, violations


def test_moved_entries_stay_in_their_language() -> None:
    """The German, French and Spanish [policy] entries moved out of phrases.toml: an English reply no longer reads
    them, a reply in their language (and a draft of unknown language) still does."""
    english = load_phrases(language="en").pattern("policy.refusals").sources
    assert "nur" not in english and "seulement" not in english and "solo" not in english
    assert "nur" in load_phrases(language="de").pattern("policy.refusals").sources
    assert "seulement" in load_phrases(language="fr").pattern("policy.refusals").sources
    assert "solo" in load_phrases(language="es").pattern("policy.refusals").sources
    assert "solo" in load_phrases().pattern("policy.refusals").sources
