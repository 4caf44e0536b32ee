"""Round t19r of the German, French and Spanish guardrails (issue 19), in sentences of our own: each case is a
class of mistake writers CC and DD showed, in several phrasings, judged on Monday 7 December 2026 with the packaged
catalogue. The cases that must be caught, and the first kind of clean case, failed before the round; the near misses
after them stay as they were."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import DATE, MISSING, OVER, POLICY
from tests.guardrail_drafts import core_codes as _codes

# A rule named and then waived by the writer in the first person singular present ("je fais une exception", "te hago
# una excepción"): no deflection. The same words negated still deflect.
FIRST_PERSON_EXCEPTION = [
    ("fr", "En principe, nos conditions générales excluent le remboursement d'un mois commencé, mais je fais une "
           "exception cette fois." + DATE["fr"], set()),
    ("fr", "Normalement, nos CGV ne prévoient pas de remboursement, mais je fais une exception." + DATE["fr"],
     set()),
    ("es", "Según los términos no devolvemos cuotas ya pagadas, pero te hago una excepción." + DATE["es"], set()),
    ("es", "Según nuestras condiciones no se devuelven cuotas empezadas, pero esta vez le concedo una excepción."
     + DATE["es"], set()),
    ("fr", "Nos conditions générales ne prévoient pas de remboursement et je ne fais pas d'exception." + DATE["fr"],
     POLICY),
    ("es", "Según las condiciones no reembolsamos meses empezados y no te hago ninguna excepción." + DATE["es"],
     POLICY),
]


@pytest.mark.parametrize(("language", "draft", "expected"), FIRST_PERSON_EXCEPTION)
def test_a_first_person_exception_waives_the_rule(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# French "je vois avec la banque": our own step (I will check with them), not the imperative "voyez avec" that sends
# the customer elsewhere.
WE_CHECK_WITH_THEM = [
    ("fr", "Pour le remboursement, je vois avec le transporteur et je reviens vers vous." + DATE["fr"], set()),
    ("fr", "Je vois avec la banque ce qui a bloqué le virement." + DATE["fr"], set()),
    ("fr", "Pour le remboursement, voyez directement avec le transporteur." + DATE["fr"], POLICY),
    ("fr", "Vois avec ta banque pour le virement." + DATE["fr"], POLICY),
]


@pytest.mark.parametrize(("language", "draft", "expected"), WE_CHECK_WITH_THEM)
def test_we_check_with_the_company_ourselves(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# Chat-style writing: an emoji before a capital ends the sentence, so the customer's thing before it ("ta commande
# est validée", "ya recibimos tu paquete") does not own our date after it. Only vague times after it stay missing.
EMOJI_ENDS_THE_SENTENCE = [
    ("es", "¡Hola Ana!\n\nYa nos ha llegado tu paquete 📦 Te hacemos la devolución de los 20 € el miércoles 9 de "
           "diciembre.\n\nLuis", set()),
    ("es", "¡Hola Ana!\n\nTu reserva quedó confirmada ✈️ Te mando la factura a más tardar el mié. 9 de diciembre."
           "\n\nLuis", set()),
    ("fr", "Salut Paul,\n\nta commande est bien validée 👍 Je t'envoie la facture bientôt.\n\nLéa", MISSING),
    ("es", "¡Hola Ana!\n\nTu reserva quedó confirmada ✈️ Te mando la factura pronto.\n\nLuis", MISSING),
]


@pytest.mark.parametrize(("language", "draft", "expected"), EMOJI_ENDS_THE_SENTENCE)
def test_an_emoji_before_a_capital_ends_the_sentence(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# The end of an offer or a voucher's validity is not our date, however far the offer's name is from its verb
# ("l'offre spéciale sur les frais de dossier prend fin le 31", "el bono ... vale hasta el 20/12").
AN_OFFERS_END_IS_NOT_OURS = [
    ("fr", "Nous revenons vers vous d'ici quelques jours. La promotion sur les frais de virement en ligne s'achève le "
           "31 décembre.", MISSING),
    ("fr", "Je vous recontacte rapidement. La réduction sur votre prochain abonnement mensuel se termine le 20/12.",
     MISSING),
    ("es", "Lo reviso y te escribo pronto. El bono de bienvenida vale hasta el 20/12.", MISSING),
    ("es", "Te contestamos en breve. Los puntos que te regalamos sirven hasta el 15 de enero.", MISSING),
    ("fr", "Nous vous écrirons le 10 décembre. L'offre spéciale sur les frais de dossier prend fin le 31 décembre.",
     set()),
    ("es", "Te escribimos el jueves 10 de diciembre. El bono vale hasta el 20/12.", set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), AN_OFFERS_END_IS_NOT_OURS)
def test_an_offers_end_is_not_our_date(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# Spanish "desde el" before a future day is "from" (the day a change of ours takes effect), not "since".
DESDE_A_FUTURE_DAY = [
    ("es", "Verás el descuento aplicado en tu factura desde el martes 15 de diciembre.", set()),
    ("es", "Lo tienes activo otra vez en tu cuenta desde el 10/12.", set()),
    ("es", "La tienda permanece cerrada desde el 24 de diciembre. Te escribiremos pronto.", MISSING),
]


@pytest.mark.parametrize(("language", "draft", "expected"), DESDE_A_FUTURE_DAY)
def test_desde_before_a_future_day_is_from(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# German: the system that will not let us, with the verb first, a long object, and its particle last ("lässt unser
# System eine ... Freigabe ... vor Ende der Prüfung nicht zu"). A system that lets us is none.
SYSTEM_VERB_FIRST = [
    ("de", "Leider lässt unser System eine nachträgliche Freigabe der Erstattung vor Ende der Prüfung nicht zu."
     + DATE["de"], POLICY),
    ("de", "Leider sieht unser Abrechnungssystem eine anteilige Gutschrift für bereits angebrochene Abrechnungsmonate "
           "im laufenden Jahr nicht vor." + DATE["de"], POLICY),
    ("de", "Zum Glück lässt unser System die Änderung zu, ich habe sie eben eingetragen." + DATE["de"], set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), SYSTEM_VERB_FIRST)
def test_the_system_will_not_let_us_verb_first(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# French and Spanish: a reason that is only the rule ("pour des raisons réglementaires", "por motivos regulatorios")
# in a sentence that says no. Without a refusal it is no deflection.
RULE_ONLY_REASONS = [
    ("fr", "Pour des raisons de conformité, nous ne pouvons pas modifier le bénéficiaire." + DATE["fr"], POLICY),
    ("fr", "Pour des raisons réglementaires, nous ne pouvons pas rouvrir ce contrat." + DATE["fr"], POLICY),
    ("es", "Por motivos regulatorios no podemos reabrir la cuenta." + DATE["es"], POLICY),
    ("es", "Por motivos legales no podemos devolverle la fianza." + DATE["es"], POLICY),
    ("fr", "Pour des raisons réglementaires, le remboursement se fera par virement." + DATE["fr"], set()),
    ("es", "Por motivos regulatorios le enviamos el reembolso por transferencia." + DATE["es"], set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), RULE_ONLY_REASONS)
def test_a_reason_that_is_only_the_rule(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# A standing fee of the customer's waived for good ("nous supprimons définitivement les frais de gestion", "berechnen
# wir Ihnen künftig keine Kartengebühr mehr"): a remedy without bound. A one-off fee reversed is their money.
STANDING_FEE_WAIVED_FOR_GOOD = [
    ("fr", "Nous annulons définitivement les frais mensuels de votre compte." + DATE["fr"], OVER),
    ("fr", "En compensation, nous supprimons désormais les frais de gestion de votre contrat." + DATE["fr"], OVER),
    ("de", "Außerdem berechnen wir Ihnen künftig keine Kartengebühr mehr." + DATE["de"], OVER),
    ("de", "Zudem berechnen wir Ihnen ab sofort dauerhaft keine Depotgebühren." + DATE["de"], OVER),
    ("fr", "Nous annulons les frais de retard de novembre." + DATE["fr"], set()),
    ("fr", "Nous supprimons les frais de gestion prélevés deux fois en novembre." + DATE["fr"], set()),
    ("de", "Wir berechnen Ihnen für die Reparatur keine Kosten." + DATE["de"], set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), STANDING_FEE_WAIVED_FOR_GOOD)
def test_a_standing_fee_waived_for_good_is_endless(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# German: our assurance as the second verb of our own subject ("Wir haben ... verschickt und versichern Ihnen, dass
# ..."). Negated, it is none.
AND_WE_ASSURE_YOU = [
    ("de", "Wir haben das Paket neu verschickt und versichern Ihnen, dass es am 10. Dezember ankommt." + DATE["de"],
     OVER),
    ("de", "Wir haben die Bestellung geprüft und garantieren Ihnen die Lieferung am 10. Dezember." + DATE["de"], OVER),
    ("de", "Wir haben das Paket neu verschickt und können Ihnen den Liefertag leider nicht garantieren." + DATE["de"],
     set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), AND_WE_ASSURE_YOU)
def test_and_we_assure_you_is_our_promise(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# An insurance claim covered, said in the paragraph before the sum ("Su póliza cubre el daño.\n\nLe pagaremos la
# indemnización de 900 €"): what the cover owes, not a gesture. A sum with no cover named is still a gesture.
CLAIM_COVERED_THE_PARAGRAPH_BEFORE = [
    ("es", "Su póliza de hogar cubre el daño por agua.\n\nLe pagaremos la indemnización de 900 € el miércoles 9 de "
           "diciembre.", set()),
    ("es", "Tras la revisión, el siniestro está cubierto.\n\nLe abonaremos 1.200 € el miércoles 9 de diciembre.",
     set()),
    ("es", "Lamentamos las molestias.\n\nLe pagaremos 900 € de compensación el miércoles 9 de diciembre.", OVER),
]


@pytest.mark.parametrize(("language", "draft", "expected"), CLAIM_COVERED_THE_PARAGRAPH_BEFORE)
def test_a_claim_covered_the_paragraph_before(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft
