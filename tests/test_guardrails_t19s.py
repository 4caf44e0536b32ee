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
