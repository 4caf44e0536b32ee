"""Round t19q of the German, French and Spanish guardrails (issue 19), in sentences of our own: each case is a
class of mistake writer BB showed, in several phrasings, judged on Monday 7 December 2026 with the packaged
catalogue. The cases that must be caught, and the first kind of clean case, failed before the round; the near misses
after them stay clean."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import DATE, OVER
from tests.guardrail_drafts import core_codes as _codes

# A thing whose name says it runs a whole year (an annual pass, a yearly fee, "Jahreskarte"), given free or paid for
# by us: the name is the span, beyond the catalogue's one month. A month of it, a refund of it, or it not given, is not.
A_YEAR_LONG_THING_GIVEN = [
    ("fr", "Pour compenser, nous vous offrons votre abonnement annuel 2027." + DATE["fr"], OVER),
    ("fr", "À titre de dédommagement, votre cotisation annuelle vous est offerte." + DATE["fr"], OVER),
    ("fr", "En compensation, nous prenons en charge votre forfait annuel." + DATE["fr"], OVER),
    ("fr", "Votre carte annuelle 2027 vous sera offerte en compensation." + DATE["fr"], OVER),
    ("es", "Como compensación, le regalamos su abono anual de 2027." + DATE["es"], OVER),
    ("es", "En compensación, su cuota anual corre de nuestra cuenta." + DATE["es"], OVER),
    ("es", "Le regalamos la suscripción anual." + DATE["es"], OVER),
    ("de", "Zum Ausgleich ist Ihre Jahreskarte 2027 kostenlos." + DATE["de"], OVER),
    ("fr", "Nous vous offrons un mois gratuit sur votre forfait annuel." + DATE["fr"], set()),
    ("fr", "Un mois de votre abonnement annuel vous est offert." + DATE["fr"], set()),
    ("fr", "Nous ne vous offrons pas votre abonnement annuel, mais un mois de crédit." + DATE["fr"], set()),
    ("fr", "Nous vous remboursons votre abonnement annuel, payé deux fois par erreur." + DATE["fr"], set()),
    ("es", "Le regalamos un mes gratis de su abono anual." + DATE["es"], set()),
    ("es", "Un mes de su cuota anual corre por nuestra cuenta." + DATE["es"], set()),
    ("es", "Su abono anual se renueva el 3 de enero." + DATE["es"], set()),
    ("de", "Als Ausgleich schenken wir Ihnen einen Monat Ihres Jahresabos." + DATE["de"], set()),
    ("de", "Ihr Jahresabo bleibt natürlich kostenlos kündbar." + DATE["de"], set()),
    ("de", "Ihr Jahresbeitrag wird am 15. Januar abgebucht." + DATE["de"], set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), A_YEAR_LONG_THING_GIVEN)
def test_a_year_long_thing_given_is_beyond_the_catalogue(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# German: "heute um 9 Uhr" in a clause whose participle is followed by "und" and a second participle is a step
# already done this morning, as when the participle ends the sentence; a present verb for the future is still a
# same-day promise.
GERMAN_DONE_TODAY_AND = [
    ("de", "Ich hab Ihnen heute um 9:40 Uhr die Rechnung per Mail geschickt und den Betrag gutgeschrieben."
     + DATE["de"], set()),
    ("de", "Heute um 11 Uhr wurde die Sendung neu verschickt und der Zusteller benachrichtigt." + DATE["de"], set()),
    ("de", "Ich schicke Ihnen heute um 15 Uhr den neuen Code und rufe Sie danach an." + DATE["de"], OVER),
    ("de", "Sie bekommen heute bis 18 Uhr den Code und die Rechnung." + DATE["de"], OVER),
]


@pytest.mark.parametrize(("language", "draft", "expected"), GERMAN_DONE_TODAY_AND)
def test_a_german_step_done_today_and_another_is_done(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft
