"""The engine reads German, French and Spanish, not only their phrase books (issue 19): a negation after the
verb, abbreviations inside a sentence, hours, free months and percentages, a bare day of the month, the
customer's sums in Latin-American currencies, a perfect tense before a time word. Each case is one short
reply, judged on Monday 7 December 2026 with the packaged catalogue (at most 25 in money, one month free)."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter_core.settings import load_settings
from guardrails import check_draft, context_from_settings

TODAY = dt.date(2026, 12, 7)
CORE = {"policy_deflection", "missing_follow_up_date", "over_promise"}
CASES = [
    # A promise negated after its verb is none; one negated inside its dass-clause still is.
    ("de", "Das garantieren wir Ihnen leider nicht. Wir melden uns am Mittwoch, 9. Dezember.", set()),
    ("de", "Wir garantieren Ihnen, dass so etwas nicht wieder vorkommt. Wir melden uns am 9. Dezember.",
     {"over_promise"}),
    # "Mi., 9.12." and "ven. 11 déc." are dates inside a sentence, not sentence ends.
    ("de", "Unser Techniker kommt am Mi., 9.12., zwischen 8 und 12 Uhr zu Ihnen.", set()),
    ("fr", "Nous vous rappellerons le ven. 11 déc. pour faire le point.", set()),
    # A dotted date is day first, whatever the draft's other dates: 12.11.2026 is 12 November, past on 7 December.
    ("de", "Ihr Antrag ist am 12.11.2026 bei uns eingegangen. Wir melden uns am 9. Dezember.", set()),
    ("de", "Wir melden uns am 12.11.2026 wieder.", {"missing_follow_up_date"}),
    # A bare day of the month after "am" or "le" is the next such day.
    ("de", "Ich rufe Sie am 14. an und sage Ihnen, wie es weitergeht.", set()),
    ("fr", "Je vous rappellerai le 14 pour faire le point.", set()),
    # Hours, free months and percentages, in each language.
    ("de", "Die Störung beheben wir innerhalb von 2 Stunden. Wir melden uns am 9. Dezember.", {"over_promise"}),
    ("fr", "Le technicien interviendra dans les 3 heures. Nous vous rappellerons le 9 décembre.", {"over_promise"}),
    ("es", "Lo solucionamos en las próximas 2 horas. Le llamaremos el miércoles 9 de diciembre.", {"over_promise"}),
    ("de", "Als Entschuldigung schenken wir Ihnen drei Monate kostenlos. Wir melden uns am 9. Dezember.",
     {"over_promise"}),
    ("es", "Para compensarle, le damos tres meses gratis. Le llamaremos el miércoles 9 de diciembre.",
     {"over_promise"}),
    ("fr", "Pour nous excuser, nous vous offrons 30 % de remise sur votre prochaine commande. Nous vous "
           "rappellerons le 9 décembre.", {"over_promise"}),
    ("de", "In unserem Winterschlussverkauf gibt es bis zu 50 % Rabatt. Wir melden uns am 9. Dezember.", set()),
    # A span in the past is no gift lasting that long.
    ("fr", "Votre connexion est coupée depuis trois semaines ; nous vous offrons un mois d'abonnement. Nous vous "
           "rappellerons le 9 décembre.", set()),
    # Latin-American sums: S/ 300 is far beyond the catalogue; a bare "$" in Spanish names no known peso.
    ("es", "Como compensación le abonaremos S/ 300 en su cuenta. Le llamaremos el miércoles 9 de diciembre.",
     {"over_promise"}),
    ("es", "Como compensación le abonaremos $300 en su cuenta. Le llamaremos el miércoles 9 de diciembre.", set()),
    ("es", "Como compensación le regalamos un bono de 100.000 pesos. Le llamaremos el miércoles 9 de diciembre.",
     set()),
    ("es", "Como compensación le regalamos $3,000 MXN. Le llamaremos el miércoles 9 de diciembre.", {"over_promise"}),
    # A gift for the rest of a term has no end the catalogue knows.
    ("es", "Para compensarle, el servicio le sale gratis el resto del año. Le llamaremos el miércoles 9 de diciembre.",
     {"over_promise"}),
    # Done today, in the perfect tense, is no promise for today.
    ("fr", "Je vous ai transmis aujourd'hui même le bon de retour. Je vous rappellerai le 9 décembre.", set()),
    ("es", "Hoy mismo le hemos enviado la etiqueta de devolución. Le llamaremos el miércoles 9 de diciembre.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_the_engine_reads_the_language(language: str, text: str, expected: set[str]) -> None:
    settings = load_settings(env={})
    verdict = check_draft(text, context_from_settings(settings, TODAY, language=language))
    assert set(verdict.codes) & CORE == expected, verdict.violations
