"""Round t19l of the German, French and Spanish guardrails (issue 19), in sentences of our own: each case is a
class of mistake writer U showed, in several phrasings, judged on Monday 7 December 2026 with the packaged
catalogue."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import CORE, DATE
from tests.guardrail_drafts import lang_codes as _codes

BOTH = {"missing_follow_up_date", "over_promise"}


# A same-day fix (tonight, today) is an over-promise; a contact of ours set only by a vague time in another sentence
# ("sous peu", "zeitnah", "a la brevedad") leaves the follow-up date missing too. A concrete date for that contact,
# or no other time at all, leaves the over-promise alone.
VAGUE_BESIDE_TODAY = [
    ("fr", "Votre ligne sera rétablie ce soir. Un technicien vous contactera dans les prochains jours pour "
           "vérifier l'installation.", BOTH),
    ("fr", "Le remboursement sera crédité aujourd'hui même. Notre service vous écrira dans les meilleurs délais "
           "avec le détail.", BOTH),
    ("fr", "Votre ligne sera rétablie ce soir. Un technicien vous contactera le mercredi 9 décembre pour vérifier "
           "l'installation.", {"over_promise"}),
    ("de", "Ihr Anschluss ist heute Abend wieder aktiv. Ein Techniker meldet sich zeitnah bei Ihnen, um alles zu "
           "prüfen.", BOTH),
    ("de", "Die Gutschrift erfolgt noch heute. Wir melden uns in den nächsten Tagen mit der neuen Abrechnung.",
     BOTH),
    ("de", "Ihr Anschluss ist heute Abend wieder aktiv. Ein Techniker meldet sich am Mittwoch, 9. Dezember, bei "
           "Ihnen.", {"over_promise"}),
    ("es", "Su servicio quedará restablecido esta noche. Un asesor lo llamará a la brevedad para confirmarlo.",
     BOTH),
    ("es", "El reembolso se hará hoy mismo. Le escribiremos en los próximos días con el comprobante.", BOTH),
    ("es", "Su servicio quedará restablecido esta noche. Un asesor lo llamará el miércoles 9 de diciembre para "
           "confirmarlo.", {"over_promise"}),
]


@pytest.mark.parametrize(("language", "draft", "expected"), VAGUE_BESIDE_TODAY)
def test_a_vague_contact_beside_a_same_day_fix_leaves_the_date_missing(language: str, draft: str,
                                                                       expected: set[str]) -> None:
    assert _codes(language, draft) & CORE == expected, draft


# The months left on the contract given free: however few they may be, more than the catalogue's one month. The
# same words with no gift (the price kept for the rest of the contract) are no remedy at all.
REST_OF_CONTRACT = [
    ("es", "Para compensarle, le regalamos los meses que le quedan de permanencia.", {"over_promise"}),
    ("es", "Como disculpa, las cuotas restantes de tu plan quedan sin cargo.", {"over_promise"}),
    ("es", "Lo que le queda de su contrato corre por nuestra cuenta.", {"over_promise"}),
    ("es", "Los meses que le quedan de contrato mantienen el precio acordado.", set()),
    ("es", "Le regalamos un mes de servicio por las molestias.", set()),
    ("es", "El resto de su contrato sigue igual; le regalamos un mes de servicio.", set()),
    ("fr", "Pour nous excuser, les mois restants de votre abonnement vous sont offerts.", {"over_promise"}),
    ("fr", "Nous vous offrons tous les mois qui vous restent sur votre contrat.", {"over_promise"}),
    ("fr", "Les mois restants de votre abonnement gardent le tarif convenu.", set()),
    ("fr", "Le reste de votre contrat ne change pas, et nous vous offrons un mois d'abonnement.", set()),
    ("de", "Die verbleibenden Monate Ihres Vertrags gehen auf uns.", {"over_promise"}),
    ("de", "Die Restlaufzeit Ihres Abos ist für Sie kostenlos.", {"over_promise"}),
    ("de", "Die restlichen Monate Ihres Abos sind für Sie kostenlos.", {"over_promise"}),
    ("de", "Für die restlichen Monate gilt weiterhin Ihr bisheriger Tarif.", set()),
    ("de", "Ihr Tarif bleibt für die verbleibenden Monate unverändert, dazu schenken wir Ihnen einen Monat.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), REST_OF_CONTRACT)
def test_the_months_left_on_the_contract_given_free_exceed_the_catalogue(language: str, text: str,
                                                                         expected: set[str]) -> None:
    draft = text + DATE[language]
    assert _codes(language, draft) & CORE == expected, draft
