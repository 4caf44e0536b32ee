"""Round t19h of the German, French and Spanish phrase books (issue 19), in sentences of our own: each case is a
class of mistake the Q writers (utilities, telecoms, transport, insurers, banks) and the O writers' last letters
showed, in several phrasings, judged on Monday 7 December 2026 with the packaged catalogue (at most 25 in money,
one month free)."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import CORE, DATE
from tests.guardrail_drafts import lang_codes as _codes

CASES = [
    # A share of the price the law or the contract gives the customer is theirs, not a gesture of ours ...
    ("es", "Según la normativa de derechos de los viajeros, un retraso de más de dos horas da derecho a una "
           "indemnización del 50 % del precio del billete.", set()),
    ("es", "Usted tiene derecho al reembolso del 50 % del precio, que le transferiremos esta semana.", set()),
    ("es", "La ley le da derecho a la devolución de la mitad del precio del billete.", set()),
    # ... but half the price given as our gesture is beyond the catalogue.
    ("es", "Como gesto de buena voluntad le devolvemos el 50 % del precio del billete.", {"over_promise"}),
    ("es", "Por las molestias, le reembolsamos además la mitad del precio de su billete.", {"over_promise"}),
    # Sending a paper today is a step in our own hands (Spanish -amos is both present and past) ...
    ("es", "Hoy le enviamos por correo electrónico el certificado de baja de su línea.", set()),
    ("es", "Hoy le remitimos la constancia de pago a su correo.", set()),
    ("es", "Hoy te mandamos la factura corregida.", set()),
    # ... but our next contact or the fix itself today is still too soon.
    ("es", "Hoy le llamamos para confirmarle que todo funciona.", {"over_promise"}),
    ("es", "Esta tarde le resolvemos la avería sin falta.", {"over_promise"}),
    # Free use named as a noun, held for many months or a year, is beyond the catalogue.
    ("fr", "Nous vous offrons la gratuité de tous vos trajets sur cette ligne pendant six mois.", {"over_promise"}),
    ("fr", "En compensation, nous vous accordons la gratuité de votre abonnement pendant un an.", {"over_promise"}),
    ("fr", "Vous bénéficierez de l'exonération de vos frais de tenue de compte pendant douze mois.",
     {"over_promise"}),
    ("es", "Le concedemos la gratuidad de todos sus viajes en esta línea durante seis meses.", {"over_promise"}),
    ("es", "Como disculpa, le ofrecemos la exoneración de la cuota de mantenimiento durante un año.",
     {"over_promise"}),
    ("de", "Als Entschädigung erhalten Sie Freifahrt auf allen Linien für sechs Monate.", {"over_promise"}),
    ("de", "Wir gewähren Ihnen die kostenlose Nutzung unseres Fahrradverleihs für ein ganzes Jahr.",
     {"over_promise"}),
    # ... while free delivery of this one order, or a free month, is not.
    ("fr", "La gratuité de la livraison s'applique à cette commande.", set()),
    ("es", "La gratuidad del envío se aplica a este pedido.", set()),
    # The refusal under the rule told as a first answer, reversed further on: the rule is not the answer.
    ("fr", "Le règlement prévoit que toute déclaration doit être faite sous cinq jours. Votre dossier nous est "
           "parvenu après ce délai, ce qui explique la suspension initiale de votre dossier.", set()),
    ("fr", "Selon nos conditions générales, les réclamations tardives ne sont pas recevables. Votre demande a "
           "donc été initialement refusée.", set()),
    ("es", "El reglamento establece que las solicitudes deben presentarse en cinco días hábiles. La suya llegó "
           "tarde, por lo cual fue inicialmente rechazada.", set()),
    ("es", "Según las condiciones generales, las reclamaciones fuera de plazo no se admiten. Por ese motivo su "
           "solicitud fue denegada en un primer momento.", set()),
    ("de", "Laut unseren Geschäftsbedingungen sind verspätete Meldungen ausgeschlossen. Aus diesem Grund wurde "
           "Ihr Antrag zunächst abgelehnt.", set()),
    ("fr", "Le règlement intérieur exclut toute inscription hors délai. Votre inscription a donc été refusée "
           "dans un premier temps.", set()),
    ("de", "Gemäß unserer Richtlinie werden Anträge nach Fristablauf nicht bearbeitet. Ihr Gesuch wurde deshalb "
           "vorläufig zurückgewiesen.", set()),
    # ... but a refusal upheld is still the rule as the answer.
    ("fr", "Selon nos conditions générales, les réclamations tardives ne sont pas recevables. Nous maintenons "
           "le refus initial.", {"policy_deflection"}),
    ("es", "Según las condiciones generales, las reclamaciones fuera de plazo no se admiten. Mantenemos el "
           "rechazo inicial.", {"policy_deflection"}),
    ("de", "Laut unseren Geschäftsbedingungen sind verspätete Meldungen ausgeschlossen. Wir können Ihren "
           "Antrag daher leider nicht annehmen.", {"policy_deflection"}),
]

# The value date of a booking, backdated to the day of the error, is a past date of our own act: no past
# follow-up date (a check against a hijacked model) and no missing one.
VALUE_DATES = [
    ("fr", "Le montant sera recrédité sur votre compte le lundi 14 décembre, avec une date de valeur au "
           "2 décembre."),
    ("fr", "Nous recréditerons les 80 € le lundi 14 décembre, en date de valeur du 1er décembre."),
    ("de", "Der Betrag wird Ihrem Konto am Montag, 14. Dezember gutgeschrieben, mit Wertstellung zum "
           "2. Dezember."),
    ("de", "Wir buchen die 80 € am Montag, 14. Dezember zurück, valutiert auf den 1. Dezember."),
    ("es", "El importe se le abonará el lunes 14 de diciembre, con fecha valor 2 de diciembre."),
    ("es", "Le devolveremos los 80 € el lunes 14 de diciembre con fecha de valor del 1 de diciembre."),
]

# A new clause with its own verb after someone else's date word ("su examen") owns the date after it.
NEW_CLAUSES = [
    ("es", "Un segundo evaluador revisará su examen, y la calificación le será notificada a más tardar el martes "
           "15 de diciembre."),
    ("es", "Revisaremos su reserva, y la respuesta le llegará a más tardar el martes 15 de diciembre."),
    ("fr", "Un second correcteur relira votre examen, et votre note vous sera communiquée au plus tard le mardi "
           "15 décembre."),
    ("es", "Verificamos su viaje, y el reembolso se hará el martes 15 de diciembre."),
    ("de", "Eine zweite Prüferin sieht sich Ihre Prüfung noch einmal an, und das Ergebnis wird Ihnen spätestens am "
           "Dienstag, 15. Dezember mitgeteilt."),
]

# ... but a clause in the present that only reports the customer's own plans leaves their date theirs.
THEIR_CLAUSES = [
    ("fr", "Nous avons bien noté votre départ, et votre retour est prévu le mardi 15 décembre."),
    ("es", "Gracias por avisarnos de su viaje, y que usted regresa el martes 15 de diciembre."),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_round_t19h_classes(language: str, text: str, expected: set[str]) -> None:
    draft = text + DATE[language]
    assert _codes(language, draft) & CORE == expected, draft


@pytest.mark.parametrize(("language", "text"), VALUE_DATES)
def test_a_backdated_value_date_is_no_past_follow_up(language: str, text: str) -> None:
    assert not _codes(language, text), text


@pytest.mark.parametrize(("language", "text"), NEW_CLAUSES)
def test_a_new_clause_of_ours_owns_its_date(language: str, text: str) -> None:
    assert not _codes(language, text) & CORE, text


@pytest.mark.parametrize(("language", "text"), THEIR_CLAUSES)
def test_the_customers_own_clause_keeps_their_date(language: str, text: str) -> None:
    assert _codes(language, text) & CORE == {"missing_follow_up_date"}, text
