"""Round t19g of the German, French and Spanish phrase books (issue 19), in sentences of our own: each case is a
class of mistake the O and P writers' long formal letters showed, in several phrasings, judged on Monday
7 December 2026 with the packaged catalogue (at most 25 in money, one month free)."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter_core.settings import load_settings
from guardrails import check_draft, context_from_settings

TODAY = dt.date(2026, 12, 7)
CORE = {"policy_deflection", "missing_follow_up_date", "over_promise"}
DATE = {"de": " Wir melden uns am Mittwoch, 9. Dezember.", "fr": " Nous vous écrirons le mercredi 9 décembre.",
        "es": " Le escribiremos el miércoles 9 de diciembre."}
CASES = [
    # An earlier refusal traced to a wrong reading of the rule: the rule is disowned, not hidden behind.
    ("fr", "Le refus initial résultait d'une lecture erronée de votre contrat. L'article 4 des conditions "
           "générales couvre en effet expressément ce type de dommage.", set()),
    ("fr", "Nous avons réexaminé le refus. Celui-ci reposait sur une interprétation inexacte du règlement.", set()),
    ("es", "Revisamos el rechazo. Se debió a una interpretación errónea del contrato, que cubre expresamente "
           "este tipo de avería.", set()),
    ("de", "Wir haben die Ablehnung überprüft. Sie beruhte auf einer fehlerhaften Auslegung der Versicherungs"
           "bedingungen, die diesen Schaden ausdrücklich umfassen.", set()),
    # The rule grants it: it covers the case expressly, or provides no penalty at all.
    ("es", "Le confirmamos que puede darse de baja cuando quiera: su contrato no contempla penalización alguna "
           "por baja anticipada.", set()),
    ("es", "Las condiciones de su póliza cubren expresamente los daños por agua, por lo que atendemos su "
           "reclamación.", set()),
    ("fr", "Vous pouvez résilier quand vous le souhaitez : votre contrat ne prévoit aucune pénalité de "
           "résiliation.", set()),
    ("de", "Sie können jederzeit kündigen: Ihr Vertrag sieht keine Vertragsstrafe vor.", set()),
    # A board or council that decided against the customer is an authority hidden behind.
    ("fr", "La direction générale a décidé de ne pas rembourser les frais de taxi. Votre demande ne peut donc "
           "être acceptée.", {"policy_deflection"}),
    ("fr", "Le conseil d'administration a décidé, par délibération du 3 mars, de ne plus accorder de remise en "
           "cours d'année.", {"policy_deflection"}),
    ("fr", "Nos services ne sont pas habilités à modifier cette décision.", {"policy_deflection"}),
    ("es", "El directorio resolvió no otorgar compensaciones por fallas técnicas. Por lo tanto, no es posible "
           "acoger su solicitud.", {"policy_deflection"}),
    ("es", "La junta directiva decidió no conceder reembolsos en estos casos, así que no podemos atender su "
           "solicitud.", {"policy_deflection"}),
    # ... but a board that decided not to charge the customer acts in their favour.
    ("fr", "La direction générale a décidé de ne pas vous facturer ces frais.", set()),
    # A request admitted as an exception by whoever decides sets the rule aside.
    ("es", "El reglamento exige presentar la solicitud en cinco días hábiles y la suya llegó tarde, por lo que "
           "fue rechazada. El comité acordó admitir su solicitud de manera excepcional.", set()),
    ("fr", "Le règlement prévoit que toute demande doit être introduite dix jours avant l'examen. Le jury a "
           "décidé d'accueillir votre demande à titre exceptionnel.", set()),
    # "Not in a position to guarantee" hedges a promise; it is no lack of authority, and the promise is none.
    ("es", "No estamos en condiciones de asegurarle que no vuelva a ocurrir, pero hemos cambiado el proveedor.",
     set()),
    ("es", "No estamos en condiciones de garantizar que nunca más se repita.", set()),
    ("fr", "Nous ne sommes pas en mesure de vous garantir que ces pannes ne se reproduiront plus.", set()),
    ("fr", "Je ne suis pas en mesure de vous assurer que cela n'arrivera plus jamais.", set()),
    # ... while being not in a position to decide still is a lack of authority.
    ("es", "No estamos en condiciones de modificar esa decisión.", {"policy_deflection"}),
    # A fee waived for a year, a term or many months is beyond one month of credit, whatever the verb.
    ("fr", "En dédommagement, nous avons décidé de vous exonérer de la redevance de votre garage pendant six mois.",
     {"over_promise"}),
    ("fr", "Les frais d'inscription du semestre prochain vous seront entièrement remboursés.", {"over_promise"}),
    ("es", "Como compensación, queda usted exento del pago de la cuota de mantenimiento durante un año.",
     {"over_promise"}),
    ("es", "A modo de disculpa, la mensualidad del próximo semestre le será condonada.", {"over_promise"}),
    ("es", "Hemos decidido exonerarle de la tarifa de estacionamiento por seis meses.", {"over_promise"}),
    ("de", "Als Entschädigung sind Sie für zwölf Monate von der Stellplatzmiete befreit.", {"over_promise"}),
    ("de", "Zum Ausgleich wird Ihnen die Gebühr für ein ganzes Jahr erlassen.", {"over_promise"}),
    # ... but one month waived is the catalogue's gesture.
    ("fr", "En dédommagement, nous vous exonérons de la redevance de votre garage pendant un mois.", set()),
    ("es", "Como compensación, queda usted exento de la cuota de mantenimiento durante un mes.", set()),
    # An assurance named first and refused at the end of its sentence is no promise.
    ("de", "Eine Garantie, dass so etwas nie wieder vorkommt, kann ich Ihnen leider nicht geben.", set()),
    ("de", "Die Zusicherung, dass der Zug künftig immer pünktlich fährt, können wir Ihnen nicht geben.", set()),
    ("fr", "L'assurance que cela ne se reproduira plus jamais, nous ne pouvons malheureusement pas vous la "
           "donner.", set()),
    ("fr", "Une garantie que cela ne se reproduira plus, je ne peux pas vous la donner.", set()),
    ("es", "La seguridad de que no volverá a ocurrir nunca más, no podemos dársela.", set()),
    # ... while the same assurance given is one.
    ("de", "Wir geben Ihnen die Garantie, dass so etwas nie wieder vorkommt.", {"over_promise"}),
    ("fr", "Nous vous donnons l'assurance que cela ne se reproduira plus jamais.", {"over_promise"}),
    ("es", "Le damos la garantía de que no volverá a ocurrir nunca más.", {"over_promise"}),
    # A fixed credit to spend on the next trips or orders is bounded by its sum, not endless.
    ("es", "Para compensarte, te regalamos 10 € de saldo para tus próximos viajes.", set()),
    ("es", "Te dejamos un cupón en tus próximos pedidos por valor de 10 €.", set()),
    ("es", "Te cargamos 10 € de crédito para tus siguientes reservas.", set()),
    # ... while something free on all the next ones still is.
    ("es", "El envío será gratis en tus próximos pedidos.", {"over_promise"}),
    ("es", "Te regalamos saldo gratis para tus próximos viajes.", {"over_promise"}),
    # The customer's own date, reported in a dass-clause whose verb comes after it, is not ours.
    ("de", "Sie hatten uns geschrieben, dass Sie das Gerät bis zum 14.12. brauchen. Der Versand erfolgt in den "
           "nächsten Tagen.", {"missing_follow_up_date"}),
    ("de", "Du hast mir erzählt, dass du am 18. Dezember verreist. Wir melden uns bald.",
     {"missing_follow_up_date"}),
    ("de", "Wie Sie uns mitgeteilt haben, ziehen Sie am 15.12. um. Wir melden uns bald.",
     {"missing_follow_up_date"}),
    # No cover or claim exists under the terms, with the words spread out: a rule given as the answer.
    ("de", "Nach § 5 unserer Versicherungsbedingungen besteht für Schäden durch Frost in unbeheizten Räumen kein "
           "Versicherungsschutz.", {"policy_deflection"}),
    ("de", "Gemäß unseren AGB besteht ein Anspruch auf Erstattung daher nicht.", {"policy_deflection"}),
    ("de", "Laut unseren Beförderungsbedingungen besteht bei Verspätungen unter einer Stunde kein Anspruch.",
     {"policy_deflection"}),
    # ... but the terms that grant cover are no refusal.
    ("de", "Nach § 5 unserer Versicherungsbedingungen besteht für Schäden durch Frost ausdrücklich "
           "Versicherungsschutz.", set()),
    # A rule cited, then set aside paragraphs later where the waiver names it back ("ce délai", "cette règle").
    ("fr", "L'article 3 de nos conditions prévoit que le retour doit être fait sous 14 jours. Votre colis est "
           "arrivé le 30 novembre.\n\nVous étiez toutefois hospitalisé à cette date.\n\nIl ne sera donc pas fait "
           "application de cette règle.", set()),
    ("fr", "Le règlement prévoit que toute réclamation doit être introduite sous huit jours. La vôtre est "
           "arrivée après.\n\nNous avons vérifié votre dossier.\n\nIl ne sera dès lors pas fait application de ce "
           "délai.", set()),
    # ... without the waiver the rule is the answer.
    ("fr", "L'article 3 de nos conditions prévoit que le retour doit être fait sous 14 jours. Votre colis est "
           "arrivé le 30 novembre.\n\nVous étiez toutefois hospitalisé.\n\nNous regrettons la gêne.",
     {"policy_deflection"}),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_round_t19g_classes(language: str, text: str, expected: set[str]) -> None:
    settings = load_settings(env={})
    draft = text if expected == {"missing_follow_up_date"} else text + DATE[language]
    verdict = check_draft(draft, context_from_settings(settings, TODAY, language=language))
    assert set(verdict.codes) & CORE == expected, (draft, verdict.violations)
