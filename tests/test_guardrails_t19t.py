"""Round t19t (round 24) of the German, French and Spanish guardrails (issue 19), in sentences of our own: each case is
a class of mistake writer FF showed, in several phrasings and in English too where the class is the same, judged on
Monday 7 December 2026 with the packaged catalogue. The cases that must be caught, and the first kind of clean case,
failed before the round; the near misses after them stay as they were. (Run in the main session: its helper did not
start.)"""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import DATE, MISSING, OVER, POLICY
from tests.guardrail_drafts import core_codes as _codes

# The customer's trip, flight or appointment as the object of our verb, and a deadline word before the date ("by",
# "bis", "avant le", "antes del"): the deadline is our act's, not the event's date. The event's own date ("del",
# "on") and a deadline the customer must meet stay not ours.
OUR_DEADLINE_AFTER_THEIR_EVENT = [
    ("en", "We'll refund your flight booking before Friday 11 December.", set()),
    ("de", "Wir erstatten Ihnen die Kosten für Ihre Reise bis Freitag, 11. Dezember.", set()),
    ("fr", "Nous allons rembourser votre séjour avant le vendredi 11 décembre.", set()),
    ("es", "Te vamos a enviar un bono para tu próximo viaje, antes del viernes 11 de diciembre.", set()),
    ("es", "Te vamos a enviar un bono para tu vuelo del viernes 11 de diciembre.", MISSING),
    ("en", "Please confirm your appointment by Friday 11 December.", MISSING),
    ("en", "We'll look into your booking; the hotel is closed until Friday 11 December.", MISSING),
]


@pytest.mark.parametrize(("language", "draft", "expected"), OUR_DEADLINE_AFTER_THEIR_EVENT)
def test_a_deadline_of_ours_after_the_customers_event_is_our_date(language: str, draft: str,
                                                                  expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# A count of one month's fee given ("zwei Monatsgebühren", "deux mensualités", "dos mensualidades"): that many months of
# credit, beyond the catalogue's one. One fee, a refund of fees charged, and a payment plan are not.
MONTHLY_FEES_GIVEN = [
    ("de", "Als Entschuldigung schenken wir dir drei Monatsbeiträge." + DATE["de"], OVER),
    ("de", "Zwei Monatsgebühren erlassen wir Ihnen als Kulanz." + DATE["de"], OVER),
    ("fr", "Pour nous excuser, nous vous offrons deux mensualités de votre forfait." + DATE["fr"], OVER),
    ("es", "Para compensarte, te regalamos tres mensualidades de tu plan." + DATE["es"], OVER),
    ("de", "Als Entschuldigung schenken wir dir einen Monatsbeitrag." + DATE["de"], set()),
    ("fr", "Nous vous remboursons les deux mensualités prélevées en double." + DATE["fr"], set()),
    ("es", "Puede pagar el saldo en tres mensualidades sin intereses." + DATE["es"], set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), MONTHLY_FEES_GIVEN)
def test_a_count_of_monthly_fees_given_is_that_many_months(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# "Not up to us" said of a fronted whether-clause about someone else's part (the network operator, the carrier, the
# airline) after we have done ours: a caveat, not a rule we hide behind. Our own act or the customer's remedy in that
# clause ("ob wir ...", "ob du eine Gutschrift ...") stays a deflection.
THIRD_PARTYS_PART_NOT_OURS = [
    ("de", "Den Umzug Ihres Anschlusses haben wir beauftragt; ob der Netzbetreiber den Termin hält, liegt leider "
           "nicht in unserer Hand." + DATE["de"], set()),
    ("fr", "Nous avons transmis votre demande de portabilité ; si l'ancien opérateur respecte la date, cela ne dépend "
           "malheureusement pas de nous." + DATE["fr"], set()),
    ("es", "Ya hicimos el reclamo. Si la aerolínea acepta el cambio de vuelo, eso no depende de nosotros." + DATE["es"],
     set()),
    ("de", "Ob wir Ihnen die Gebühr erstatten, liegt leider nicht bei mir." + DATE["de"], POLICY),
    ("de", "Ob du eine Gutschrift bekommst, liegt nicht bei uns." + DATE["de"], POLICY),
]


@pytest.mark.parametrize(("language", "draft", "expected"), THIRD_PARTYS_PART_NOT_OURS)
def test_not_up_to_us_said_of_a_third_partys_part_is_no_deflection(language: str, draft: str,
                                                                    expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft
