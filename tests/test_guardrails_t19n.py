"""Round t19n of the German, French and Spanish guardrails (issue 19), in sentences of our own: each case is a
class of mistake writer W showed, in several phrasings, judged on Monday 7 December 2026 with the packaged
catalogue."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import DATE, MISSING, OVER, POLICY
from tests.guardrail_drafts import core_codes as _codes

# Making sure that someone else (a seller, a workshop, a carrier) does something for the customer is a commitment
# we cannot be sure to keep: in the present ("je veille à ce que le transporteur vous rappelle"), in the Spanish
# future with the customer's pronoun ("me aseguraré de que el taller le llame"), and in German with the subject
# said once for two verbs ("wir haben ... informiert und sorgen dafür, dass"). A check on what has already happened
# (a past tense after it), a negation, or the customer told to make sure, stays clean.
ENSURING_OTHERS = [
    ("fr", "J'ai écrit à l'artisan et je m'assure qu'il vous rembourse le devis.", OVER),
    ("fr", "Nous veillons à ce que le transporteur vous rappelle pour fixer un créneau.", OVER),
    ("fr", "Je fais en sorte que la boutique te livre un nouveau modèle.", OVER),
    ("fr", "Je m'assure que la banque vous a bien crédité le montant.", set()),
    ("es", "Ya hablé con el taller y me aseguraré de que le llamen para darle cita.", OVER),
    ("es", "Nos encargaremos de que te cambien la pieza sin coste.", OVER),
    ("es", "Nos aseguramos de que le devolvieran el importe a su tarjeta.", set()),
    ("de", "Wir haben die Werkstatt informiert und sorgen dafür, dass sie Ihnen einen neuen Termin gibt.", OVER),
    ("de", "Ich habe den Händler angerufen und stelle sicher, dass er dir das Gerät tauscht.", OVER),
    ("de", "Bitte lade das Foto hoch und stelle sicher, dass du die Seriennummer erkennst.", set()),
    ("de", "Die Techniker prüfen die Anlage, und stellen sicher, dass sie läuft.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), ENSURING_OTHERS)
def test_making_sure_someone_else_acts_for_the_customer(language: str, text: str, expected: set[str]) -> None:
    assert _codes(language, text + DATE[language]) == expected, text


# "Tiene usted hasta ...", "tienes tú hasta ... para": the pronoun after the verb still makes the date the
# customer's own deadline; beside only a vague contact of ours the follow-up date is missing.
CUSTOMER_DEADLINE = [
    ("es", "Le contestaremos pronto. Tiene usted hasta el lunes 14 de diciembre para mandarnos el recibo.", MISSING),
    ("es", "Te escribimos en breve. Tienes tú hasta el 15 de diciembre para elegir el modelo.", MISSING),
    ("es", "Disponen ustedes hasta el 16 de diciembre para enviar los documentos. Le escribiremos pronto.", MISSING),
    ("es", "Tiene usted hasta el lunes 14 de diciembre para mandarnos el recibo. Le escribiremos el miércoles 9 de "
           "diciembre.", set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), CUSTOMER_DEADLINE)
def test_you_have_until_with_the_pronoun_is_the_customers_deadline(language: str, draft: str,
                                                                   expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# "That's how it works here" with the place first ("aquí las cosas se hacen así", "en esta tienda funciona así"):
# a brush-off with the process, even beside a refund. Describing how a step works is not.
HOW_IT_WORKS_HERE = [
    ("es", "Lo siento, pero aquí las cosas se hacen así: sin ticket no hay cambio.", POLICY),
    ("es", "Entiendo la molestia, pero en esta tienda funciona así y no lo podemos cambiar.", POLICY),
    ("es", "Le explico cómo funciona el cambio: nos trae la prenda y le damos otra talla.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), HOW_IT_WORKS_HERE)
def test_how_it_works_here_place_first_is_a_deflection(language: str, text: str, expected: set[str]) -> None:
    assert _codes(language, text + DATE[language]) == expected, text


# A rule that binds the seller, the lessor or the carrier ("le règlement oblige chaque loueur à ...") is cited in the
# customer's favour, not hidden behind; the same rule followed by our refusal in its sentence is still a deflection.
RULE_BINDS_A_THIRD_PARTY = [
    ("fr", "Notre règlement impose à tout loueur de restituer la caution sous dix jours ; nous lui avons écrit.",
     set()),
    ("fr", "Les conditions de la plateforme obligent les vendeurs à accepter un retour sous quatorze jours.", set()),
    ("fr", "Les règles imposent au vendeur un délai de quatorze jours, nous ne pouvons donc rien faire avant.",
     POLICY),
]


@pytest.mark.parametrize(("language", "text", "expected"), RULE_BINDS_A_THIRD_PARTY)
def test_a_rule_binding_a_third_party_is_in_the_customers_favour(language: str, text: str,
                                                                 expected: set[str]) -> None:
    assert _codes(language, text + DATE[language]) == expected, text
