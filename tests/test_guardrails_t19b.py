"""Round 6 of the German, French and Spanish phrase books (issue 19, the I writers read): each class of mistake
fixed, in sentences written for this test (none is a writer's draft). Judged on Tuesday 5 January 2027 with the
packaged catalogue (at most 25 in money, one month free)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.guardrail_drafts import codes_in

TODAY = dt.date(2027, 1, 5)
CODES = {"policy_deflection", "missing_follow_up_date", "over_promise", "past_follow_up_date"}
CASES = [
    # German: several future bills of any compound noun given away by a gift verb, in either word order ...
    ("de", "Als Entschuldigung übernehmen wir die kommenden drei Versicherungsbeiträge für Sie. Die Bestätigung "
           "schicken wir Ihnen am Dienstag, 12. Januar.", {"over_promise"}),
    ("de", "Wir erlassen dir die nächsten zwei Quartalsrechnungen. Die Bestätigung schicken wir dir am Dienstag, "
           "12. Januar.", {"over_promise"}),
    # ... but bills that simply fall due are no gift.
    ("de", "Ihre nächsten drei Monatsraten werden wie gewohnt am Monatsanfang abgebucht. Die neue Übersicht "
           "schicken wir Ihnen am Dienstag, 12. Januar.", set()),
    # The customer's wish date, named as such, is not ours until we commit to it.
    ("de", "Als Wunschdatum für die Montage haben Sie den 20. Januar angegeben. Ob das klappt, prüft unser Team "
           "noch.", {"missing_follow_up_date"}),
    ("de", "Die Montage ist fest für den 20. Januar eingeplant, der Monteur kommt zwischen 8 und 12 Uhr.", set()),
    # Spanish: "bonificar" gives away; over a month is beyond the catalogue, one month is not.
    ("es", "Por la demora le bonificamos cuatro meses de prima del seguro de hogar. Le enviamos la póliza el "
           "martes 12 de enero.", {"over_promise"}),
    ("es", "Le bonificamos un mes de cuota en su próxima factura, que le enviaremos el martes 12 de enero.", set()),
    # French: a sum owed to the customer under a rule is the rule in their favour; owed by them, or denied, is not.
    ("fr", "Conformément à la réglementation européenne, une indemnité de 50 % du prix vous est due ; nous vous la "
           "verserons le mardi 12 janvier.", set()),
    ("fr", "Conformément à nos conditions générales, aucune indemnité ne vous est due pour ce retard. Je vous "
           "écris le mardi 12 janvier.", {"policy_deflection"}),
    ("fr", "Conformément au règlement, l'amende reste due et nous ne pouvons pas l'annuler. Je vous envoie le "
           "bulletin de paiement le mardi 12 janvier.", {"policy_deflection"}),
    # French: "je t'envoie ... d'ici au" is our step (the elided pronoun is no imperative); "envoie-nous" is theirs.
    ("fr", "Je t'envoie le formulaire corrigé d'ici au 12 janvier.", set()),
    ("fr", "Je l'envoie à ton adresse au plus tard le 12 janvier.", set()),
    ("fr", "Envoie-nous le formulaire signé d'ici au 12 janvier, puis on regardera ton dossier.",
     {"missing_follow_up_date"}),
    # The customer's wish date in French (pluperfect, "comme date souhaitée") and Spanish ("como fecha preferida").
    ("fr", "Vous aviez indiqué le 20 janvier pour la pose ; notre planning le vérifie encore.",
     {"missing_follow_up_date"}),
    ("fr", "Vous aviez proposé le 20 janvier : c'est noté, le technicien passera le 20 janvier à 9 h.", set()),
    ("es", "Nos indicó el miércoles 20 de enero como fecha preferida para la instalación; lo estamos revisando.",
     {"missing_follow_up_date"}),
    ("es", "Le confirmamos la instalación el miércoles 20 de enero, como fecha preferida por usted.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_round_6_classes(language: str, text: str, expected: set[str]) -> None:
    codes, violations = codes_in(language, text, TODAY)
    assert codes & CODES == expected, violations
