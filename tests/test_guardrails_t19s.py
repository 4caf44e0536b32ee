"""Round t19s of the German, French and Spanish guardrails (issue 19), in sentences of our own: each case is a
class of mistake writer EE showed, in several phrasings, judged on Monday 7 December 2026 with the packaged
catalogue. The cases that must be caught, and the first kind of clean case, failed before the round; the near misses
after them stay as they were."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import DATE, MISSING, POLICY
from tests.guardrail_drafts import core_codes as _codes

# The customer asking us for an answer by a date, in the preterite, imperfect or present ("Sie baten uns um ...",
# "vous nous demandiez ...", "nos pidió una respuesta ..."): their deadline, not a date we commit to. Our own date
# after it still counts.
THEIR_REQUESTED_DEADLINE = [
    ("de", "Sie baten uns um eine Entscheidung bis zum 18. Dezember. Wir melden uns baldmöglichst.", MISSING),
    ("de", "Du batest mich um einen Rückruf vor dem 16. Dezember, ich kümmere mich bald darum.", MISSING),
    ("fr", "Vous nous demandiez une décision avant le 18 décembre. Nous revenons vers vous au plus vite.", MISSING),
    ("fr", "Tu me réclamais un retour pour le 16 décembre ; je m'en occupe rapidement.", MISSING),
    ("es", "Nos pidió una decisión antes del 18 de diciembre. Le contestaremos lo antes posible.", MISSING),
    ("es", "Me pediste una solución para el 16 de diciembre; te escribo en breve.", MISSING),
    ("de", "Sie baten uns um eine Entscheidung bis zum 18. Dezember, und wir melden uns am 17. Dezember.", set()),
    ("fr", "Vous nous demandiez une décision avant le 18 décembre : nous vous l'enverrons le 17 décembre.", set()),
    ("es", "Nos pidió una decisión antes del 18 de diciembre y se la daremos el 17 de diciembre.", set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), THEIR_REQUESTED_DEADLINE)
def test_the_customers_requested_deadline_is_not_ours(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# Québec "je vous reviens" (I will get back to you) is our own act, not the customer's return ("vous revenez").
WE_GET_BACK_TO_YOU = [
    ("fr", "Je vous reviens le jeudi 10 décembre avec les résultats.", set()),
    ("fr", "Je vous reviens au plus tard le vendredi 11 décembre.", set()),
    ("fr", "Vous revenez de voyage le 10 décembre ; nous vous écrirons bientôt.", MISSING),
    ("fr", "Tu reviens le 11 décembre, je te rappelle rapidement.", MISSING),
]


@pytest.mark.parametrize(("language", "draft", "expected"), WE_GET_BACK_TO_YOU)
def test_je_vous_reviens_is_our_act(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# A rule named and then waived with an adverb before the exception ("nous faisons volontiers une exception") or in
# the past ("en su caso hicimos una excepción"), beside a compensation named in the rule: no deflection. The same
# waiver negated still deflects.
WAIVED_WITH_AN_ADVERB_OR_IN_THE_PAST = [
    ("fr", "Nos conditions générales excluent en principe tout dédommagement, mais nous faisons volontiers une "
           "exception." + DATE["fr"], set()),
    ("fr", "Selon nos CGV, aucun avoir n'est prévu pour un retard d'un jour, mais je fais quand même une exception."
     + DATE["fr"], set()),
    ("es", "Nuestras condiciones no prevén compensación por cortes breves, pero hicimos una excepción." + DATE["es"],
     set()),
    ("es", "Según el reglamento no hay compensación por averías breves, pero en tu caso hice una excepción."
     + DATE["es"], set()),
    ("fr", "Nos conditions générales excluent tout dédommagement et nous ne faisons pas volontiers une exception."
     + DATE["fr"], POLICY),
    ("es", "Según el reglamento no hay compensación por averías breves y no hicimos ninguna excepción." + DATE["es"],
     POLICY),
]


@pytest.mark.parametrize(("language", "draft", "expected"), WAIVED_WITH_AN_ADVERB_OR_IN_THE_PAST)
def test_an_exception_with_an_adverb_or_in_the_past_waives_the_rule(language: str, draft: str,
                                                                     expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# The Chilean year-less hyphenated date after a Spanish lead ("el 10-12", "el jueves 10-12") is a date; a range of
# days before its month, of hours, or a share is not.
HYPHENATED_DAY_FIRST = [
    ("es", "Te llamo el 10-12 para revisar la cuenta.", set()),
    ("es", "Le enviamos la boleta corregida el 11-12.", set()),
    ("es", "Te escribo pronto; la tienda abre del 10-12 de diciembre.", MISSING),
    ("es", "Te llamo pronto; el horario es de 10-12 h.", MISSING),
    ("es", "Te escribo pronto; el 10-12 % de los clientes lo piden.", MISSING),
]


@pytest.mark.parametrize(("language", "draft", "expected"), HYPHENATED_DAY_FIRST)
def test_a_hyphenated_day_first_date(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# The future of Spanish "ir" (irá, iremos) is a commitment: after the customer's own date and a colon, "nuestra
# instaladora irá el viernes 11" is our date. Without a date of ours the draft stays missing.
OUR_VISIT_WITH_IR = [
    ("es", "Anotamos su viaje del 8 de diciembre: nuestra instaladora irá el viernes 11 de diciembre.", set()),
    ("es", "Tenemos en cuenta su cita del 9 de diciembre: nuestro técnico irá el jueves 10 de diciembre.", set()),
    ("es", "Anotamos su viaje del 8 de diciembre: nuestra instaladora pasará pronto.", MISSING),
    ("es", "Su cita médica es el 10 de diciembre. Le escribiremos pronto.", MISSING),
]


@pytest.mark.parametrize(("language", "draft", "expected"), OUR_VISIT_WITH_IR)
def test_the_future_of_ir_is_our_commitment(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# The end of the customer's own offer or rate ("su tarifa especial vence el 31", "tu descuento actual acaba el 20")
# is not our date.
THEIR_OFFERS_END = [
    ("es", "Le escribiremos pronto. Su promoción vigente finaliza el 31 de diciembre.", MISSING),
    ("es", "Te contestamos en breve; tu descuento actual acaba el 20 de diciembre.", MISSING),
    ("es", "Le escribiremos el jueves 10 de diciembre. Su tarifa especial vence el 31 de diciembre.", set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), THEIR_OFFERS_END)
def test_the_customers_offer_ending_is_not_ours(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# A French rule refusing with an adverb inside its negation ("ne permettent malheureusement pas", "n'autorise hélas
# aucune") deflects whatever it refuses; waived, it does not.
A_RULE_REFUSES_WITH_AN_ADVERB = [
    ("fr", "Nos conditions générales ne permettent malheureusement pas de changement de forfait en cours de mois."
     + DATE["fr"], POLICY),
    ("fr", "Notre règlement intérieur n'autorise hélas pas de report de séance." + DATE["fr"], POLICY),
    ("fr", "Nos conditions générales ne prévoient malheureusement pas ce cas, mais nous faisons une exception."
     + DATE["fr"], set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), A_RULE_REFUSES_WITH_AN_ADVERB)
def test_a_rule_refuses_with_an_adverb(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# A Spanish refusal with the customer as its object ("no te vamos a devolver") behind a rule
# deflects; the same verbs granting the refund, or a charge we drop, do not.
REFUSED_TO_THE_CUSTOMER_BEHIND_A_RULE = [
    ("es", "Según el reglamento del gimnasio, no te vamos a devolver la matrícula." + DATE["es"], POLICY),
    ("es", "No te vamos a cobrar la cuota de diciembre." + DATE["es"], set()),
    ("es", "Te vamos a reembolsar la cuota aunque el reglamento del club no lo prevé." + DATE["es"], set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), REFUSED_TO_THE_CUSTOMER_BEHIND_A_RULE)
def test_a_refusal_to_the_customer_behind_a_rule(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft
