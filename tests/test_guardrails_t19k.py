"""Round t19k of the German, French and Spanish phrase books (issue 19), in sentences of our own: each case is a
class of mistake the T writers (municipal utilities, public transport, universities, health insurers, craftsmen)
showed, in several phrasings, judged on Monday 7 December 2026 with the packaged catalogue."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import CORE, DATE
from tests.guardrail_drafts import lang_codes as _codes

# The contract cited in the customer's favour: it keeps their agreed or guaranteed price, or the increase does not
# touch them. A rule that only says no stays a deflection.
PRICE_KEPT = [
    ("de", "Die Erhöhung betrifft nur die variablen Tarife. Laut Ihrem Vertrag gilt für Sie weiterhin der "
           "vereinbarte Preis bis Ende März.", set()),
    ("de", "Die Anpassung gilt nur für Neukunden. Gemäß Ihrem Vertrag bleibt Ihr garantierter Arbeitspreis "
           "unverändert bestehen.", set()),
    ("de", "Die Preisänderung betrifft nur Floater-Tarife. Laut Vertrag sind Sie von der Preiserhöhung nicht "
           "betroffen.", set()),
    ("de", "Eine Senkung ist nicht möglich, laut Ihrem Vertrag gilt eine Mindestlaufzeit von 24 Monaten.",
     {"policy_deflection"}),
    ("fr", "La hausse ne concerne que les offres indexées. Selon votre contrat, votre prix garanti reste "
           "applicable jusqu'au 31 mars.", set()),
    ("fr", "L'indexation ne vise que les nouveaux contrats. Conformément à votre contrat, vous n'êtes pas concerné "
           "par la hausse.", set()),
    ("es", "La subida solo afecta a las tarifas variables. Según su contrato, su precio garantizado se mantiene "
           "hasta el 31 de marzo.", set()),
    ("es", "El aumento solo aplica a los nuevos clientes. Según su contrato, esta subida no le afecta.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), PRICE_KEPT)
def test_a_contract_that_keeps_the_customers_price_is_no_deflection(language: str, text: str,
                                                                   expected: set[str]) -> None:
    draft = text + DATE[language]
    assert _codes(language, draft) & CORE == expected, draft


# A rule named (the warranty has expired), then a goodwill request of ours filed with whoever can still pay (the
# manufacturer, importer, insurer): the rule is not the answer. Not filing one leaves the rule as the answer.
GOODWILL_FILED = [
    ("de", "Die Herstellergarantie ist leider abgelaufen. Wir haben heute beim Hersteller einen Kulanzantrag "
           "gestellt.", set()),
    ("de", "Die Garantiezeit ist abgelaufen. Ich habe für Sie beim Importeur ein Kulanzgesuch eingereicht.", set()),
    ("de", "Die Gewährleistungsfrist ist abgelaufen. Wir haben beim Hersteller eine Kostenbeteiligung angefragt.",
     set()),
    ("de", "Die Herstellergarantie ist leider abgelaufen. Wir haben keinen Kulanzantrag gestellt.",
     {"policy_deflection"}),
    ("fr", "La garantie constructeur est expirée, nous ne pouvons donc pas prendre la réparation en charge. Nous avons "
           "toutefois déposé une demande de geste commercial auprès du constructeur.", set()),
    ("fr", "Le délai de garantie est dépassé, la réparation n'est pas couverte. J'ai sollicité une prise en charge "
           "exceptionnelle auprès de l'importateur.", set()),
    ("es", "La garantía del fabricante ya venció, por lo que no podemos cubrir la reparación. Aun así, hemos "
           "presentado al fabricante una solicitud de cortesía.", set()),
    ("es", "El plazo de garantía ha vencido y no podemos cubrir la reparación. Hemos solicitado al importador una "
           "garantía comercial.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), GOODWILL_FILED)
def test_a_goodwill_request_filed_sets_the_rule_aside(language: str, text: str, expected: set[str]) -> None:
    draft = text + DATE[language]
    assert _codes(language, draft) & CORE == expected, draft


# Who acts: what we cannot guarantee is a third party's decision (the customer's insurer, the manufacturer, a court),
# so the terms of that third party's policy are no rule of ours. A refusal of our own stays a refusal.
THIRD_PARTY = [
    ("es", "No le puedo garantizar que la aseguradora acepte el siniestro, porque depende de las condiciones de su "
           "póliza.", set()),
    ("es", "No te puedo asegurar que el fabricante apruebe el cambio, porque depende de las condiciones de su "
           "garantía.", set()),
    ("es", "No le podemos prometer que su mutua le reembolse la consulta, depende de las condiciones de su plan.",
     set()),
    ("es", "No le puedo garantizar el reembolso: según nuestras condiciones generales no se admiten devoluciones.",
     {"policy_deflection"}),
    ("de", "Ich kann Ihnen nicht garantieren, dass Ihre Versicherung den Schaden übernimmt, das hängt von den "
           "Bedingungen Ihrer Police ab.", set()),
    ("de", "Wir können nicht zusichern, dass die Krankenkasse die Kosten übernimmt, denn das regeln die Bedingungen "
           "Ihrer Kasse.", set()),
    ("de", "Wir können Ihnen leider nicht garantieren, dass Ihre Hausratversicherung zahlt; das hängt von den "
           "Bedingungen Ihrer Police ab.", set()),
    ("de", "Ich kann Ihnen nicht garantieren, dass wir den Schaden übernehmen, das hängt von unseren Bedingungen ab.",
     {"policy_deflection"}),
    ("de", "Wir können Ihnen den Betrag nicht erstatten, das verbieten unsere Bedingungen.", {"policy_deflection"}),
    ("fr", "Je ne peux pas vous garantir que l'assureur acceptera le sinistre, car cela dépend des conditions de votre "
           "contrat.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), THIRD_PARTY)
def test_a_third_partys_decision_is_a_hedge_not_our_refusal(language: str, text: str, expected: set[str]) -> None:
    draft = text + DATE[language]
    assert _codes(language, draft) & CORE == expected, draft


# The customer's own vehicle inspection or hearing, with its own deadline, is their date: a vague follow-up of ours
# beside it still has no date. Ours, booked or sent on a date, stays ours.
THEIR_INSPECTIONS = [
    ("fr", "La pièce est en commande, nous vous rappelons dès sa réception. Pour rappel, votre contre-visite doit "
           "avoir lieu avant le 14/01/2027."),
    ("fr", "Nous revenons vers vous dès que possible. Votre contrôle technique est à passer avant le 20 janvier."),
    ("fr", "Nous vous recontacterons bientôt. Votre vérification mécanique à la SAAQ est prévue le 18 décembre."),
    ("de", "Wir melden uns, sobald das Teil da ist. Ihre Nachprüfung beim TÜV muss bis 14.01.2027 erfolgen."),
    ("de", "Wir melden uns bald. Deine Hauptuntersuchung ist am 18. Dezember fällig."),
    ("de", "Wir melden uns, sobald das Ersatzteil eintrifft. Ihr Pickerl-Termin ist am 20. Dezember."),
    ("es", "Le avisaremos en cuanto llegue la pieza. Recuerde que su ITV debe pasarse antes del 14 de enero."),
    ("es", "Te escribimos pronto. Tu verificación vehicular vence el 18 de diciembre."),
    ("es", "Le contactaremos a la brevedad. Su revisión técnica está programada para el 20 de diciembre."),
]

OUR_DATES = [
    ("fr", "Votre contre-visite doit avoir lieu avant le 14/01 : nous vous rappelons le mercredi 9 décembre."),
    ("de", "Ihre Nachprüfung muss bis 14.01. erfolgen. Wir rufen Sie am Mittwoch, 9. Dezember, an."),
    ("es", "Su ITV debe pasarse antes del 14 de enero. Le llamaremos el miércoles 9 de diciembre."),
    ("fr", "Votre convocation vous sera envoyée le vendredi 11 décembre."),
]


@pytest.mark.parametrize(("language", "text"), THEIR_INSPECTIONS)
def test_the_customers_inspection_is_not_our_date(language: str, text: str) -> None:
    assert _codes(language, text) & CORE == {"missing_follow_up_date"}, text


@pytest.mark.parametrize(("language", "text"), OUR_DATES)
def test_our_date_beside_their_inspection_stays_ours(language: str, text: str) -> None:
    assert not _codes(language, text) & CORE, text
