"""Round 5 of the German, French and Spanish phrase books (issue 19, the H writers read): each class of mistake
fixed, in sentences written for this test (none is a writer's draft). Judged on Monday 7 December 2026 with the
packaged catalogue (at most 25 in money, one month free)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.guardrail_drafts import codes_in

TODAY = dt.date(2026, 12, 7)
CODES = {"policy_deflection", "missing_follow_up_date", "over_promise", "past_follow_up_date"}
CASES = [
    # German: never again with the verb first; today's part of the day followed by "noch"; told in the past, none.
    ("de", "Nach dem Update brauchen Sie sich nie wieder Sorgen um Ihre Daten zu machen. Wir melden uns am "
           "Mittwoch, 9. Dezember.", {"over_promise"}),
    ("de", "Die Monteurin tauscht das Ventil heute Abend noch aus. Wir melden uns am Mittwoch, 9. Dezember.",
     {"over_promise"}),
    ("de", "Ich habe heute Vormittag noch mit dem Lager gesprochen. Wir melden uns am Mittwoch, 9. Dezember.", set()),
    # "am selben Tag" is the day just named, not today.
    ("de", "Am Donnerstag, 10. Dezember, kommt das Ersatzteil; wir rufen Sie noch am selben Tag an.", set()),
    # The system says no with the verb earlier; "so funktioniert das bei allen ..." beside a refusal;
    # the policy is not to.
    ("de", "Eine Umbuchung ist nach der Ticketausgabe über unser System leider nicht möglich. Wir melden uns am "
           "Mittwoch, 9. Dezember.", {"policy_deflection"}),
    ("de", "Einen Nachlass können wir leider nicht gewähren, so funktioniert das bei allen Tarifen. Wir melden uns "
           "am Mittwoch, 9. Dezember.", {"policy_deflection"}),
    ("de", "Unsere Regel ist es, keine Mahngebühren zu erlassen. Wir melden uns am Mittwoch, 9. Dezember.",
     {"policy_deflection"}),
    # People of an age are no gift lasting 65 years; a negation closed by a colon does not negate the gift after it.
    ("de", "Ab Januar ist die Kontoführung für Mitglieder über 65 Jahren kostenlos. Wir melden uns am Mittwoch, "
           "9. Dezember.", set()),
    ("de", "Damit Sie nicht enttäuscht sind: Ihre nächste Reinigung erhalten Sie zum halben Preis. Wir melden uns "
           "am Mittwoch, 9. Dezember.", {"over_promise"}),
    # ... but customers "ab sofort" is no age: six free months for them still go beyond the catalogue.
    ("de", "Als Entschädigung erhalten alle Kunden ab sofort 6 Monate gratis. Wir melden uns am Mittwoch, "
           "9. Dezember.", {"over_promise"}),
    # A date something takes effect from, backwards, is no stale promise.
    ("de", "Der Vertrag wird rückwirkend zum 30. November beendet. Wir rufen Sie am Mittwoch, 9. Dezember, an.", set()),
    # French: a colon ends the customer's request before our deflection; guidelines; the regretful conditional no.
    ("fr", "Vous souhaitez un remboursement en espèces : c'est comme ça que ça marche chez nous, uniquement par "
           "virement. Nous vous rappellerons le 9 décembre.", {"policy_deflection"}),
    ("fr", "Nos lignes directrices ne prévoient aucune indemnisation pour ce type de retard. Nous vous rappellerons "
           "le 9 décembre.", {"policy_deflection"}),
    # "I will not tell you that ..." hedges; all you need, given free, has no bound.
    ("fr", "Je ne vais pas vous raconter que ce problème n'arrivera plus jamais. Nous vous rappellerons le "
           "9 décembre.", set()),
    ("fr", "Tout ce qu'il vous faudra pour la rentrée vous sera offert. Nous vous rappellerons le 9 décembre.",
     {"over_promise"}),
    # A charge taken twice is not "double the price" offered.
    ("fr", "Notre prestataire a prélevé deux fois votre achat ; le second prélèvement vous sera remboursé le "
           "9 décembre.", set()),
    # Buyer-protection rules are in the customer's favour; a rule we change now is waived.
    ("fr", "Le vendeur refuse le retour, mais nos règles de protection des clients s'appliquent à votre commande. "
           "Nous vous rembourserons le 9 décembre.", set()),
    ("fr", "Notre règlement interdisait les vélos dans la cour.\n\nGrâce à vous, nous modifions le règlement : un "
           "abri sera installé le 9 décembre, et je vous écrirai ce jour-là.", set()),
    # Retroactive dates are past; the customer's booking from one day to another is theirs.
    ("fr", "Votre abonnement sera clôturé avec effet rétroactif au 20 novembre. Nous vous rappellerons le "
           "9 décembre.", set()),
    ("fr", "Concernant la réservation du gîte du 21 au 24 décembre, nous reviendrons vers vous rapidement.",
     {"missing_follow_up_date"}),
    # A parcel's departure is no event of the customer's: its date stays ours.
    ("fr", "Le départ du colis de notre entrepôt est prévu le 9 décembre, je vous écrirai ce jour-là.", set()),
    # Spanish: ", y el miércoles 9" opens a clause after a past tense.
    ("es", "Ya le quité el cargo que fue un error, y el miércoles 9 le mando el comprobante por correo.", set()),
    # What a competitor offered is reported, not ours.
    ("es", "Una tienda de la competencia le ofreció 200 € de descuento; nosotros le llamaremos el miércoles 9 de "
           "diciembre.", set()),
    # Not eligible for a refund under a rule; an authority that decided, in the past; the policy is not to.
    ("es", "La cuota de alta no es susceptible de devolución según nuestras condiciones. Le llamaremos el miércoles "
           "9 de diciembre.", {"policy_deflection"}),
    ("es", "Eso lo decidió la gerencia y no lo podemos cambiar. Le llamaremos el miércoles 9 de diciembre.",
     {"policy_deflection"}),
    ("es", "La política del hotel es no reembolsar noches no usadas. Le llamaremos el miércoles 9 de diciembre.",
     {"policy_deflection"}),
    # A promotion that runs until a date is not our follow-up.
    ("es", "La oferta de bienvenida con envío gratis para clientes nuevos sigue vigente hasta el 20 de diciembre. "
           "Le llamaremos pronto.", {"missing_follow_up_date"}),
    # The simple past of a -rar verb after "hoy mismo" is done, not promised.
    ("es", "Hoy mismo le registré la incidencia. Le llamaremos el miércoles 9 de diciembre.", set()),
    # A rule set aside for the customer.
    ("es", "Nuestra norma es no cambiar artículos rebajados, pero en su caso no tiene sentido aplicarla: le "
           "enviamos la talla correcta el miércoles 9 de diciembre.\n\nUn saludo,\nPablo", set()),
    ("es", "La baja quedará registrada con efecto retroactivo al 30 de noviembre. Le llamaremos el miércoles 9 de "
           "diciembre.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_round_5_classes(language: str, text: str, expected: set[str]) -> None:
    codes, violations = codes_in(language, text, TODAY)
    assert codes & CODES == expected, violations
