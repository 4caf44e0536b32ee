"""Round t19e of the German, French and Spanish phrase books (issue 19, the L writers read): each class of mistake
fixed, in sentences written for this test (none is a writer's draft), with the near miss that must still be
judged the other way. Judged on Monday 7 December 2026 with the packaged catalogue."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.guardrail_drafts import codes_in

TODAY = dt.date(2026, 12, 7)
CODES = {"policy_deflection", "missing_follow_up_date", "over_promise", "past_follow_up_date"}
CASES = [
    # A reminder of what the customer must do by a date is their deadline, not our follow-up date.
    ("de", "Bitte denk dran, uns den Zählerstand bis 15.12. zu schicken. Wir melden uns bald.",
     {"missing_follow_up_date"}),
    ("de", "Vergessen Sie bitte nicht, das Formular bis zum 18. Dezember zurückzusenden. Wir prüfen dann alles "
           "zügig.", {"missing_follow_up_date"}),
    ("de", "Wir bitten Sie, die Unterlagen bis 15.12. einzureichen. Danach melden wir uns so schnell wie möglich.",
     {"missing_follow_up_date"}),
    ("de", "Denken Sie bitte daran, die Rechnung bis 15.12. zu begleichen. Ich rufe Sie am Mittwoch, "
           "9. Dezember, an.", set()),
    ("fr", "N'oubliez pas de nous renvoyer le formulaire avant le 18 décembre. Nous revenons vers vous rapidement.",
     {"missing_follow_up_date"}),
    ("fr", "Pense à nous envoyer ta facture d'ici le 15/12, on te recontacte bientôt.", {"missing_follow_up_date"}),
    ("fr", "Pensez à nous transmettre votre relevé avant le 31/12. Je vous rappelle le jeudi 10 décembre.", set()),
    ("es", "No olvides mandarnos la foto del medidor antes del 15 de diciembre. Te escribimos pronto.",
     {"missing_follow_up_date"}),
    ("es", "Recuerda que tienes hasta el 18/12 para enviarnos el formulario. Te contactamos en breve.",
     {"missing_follow_up_date"}),
    ("es", "Recuerde enviarnos la lectura antes del 31 de diciembre. Le llamaremos el jueves 10 de diciembre.",
     set()),
    # ... but a reminder of what we will do keeps the date ours.
    ("de", "Denken Sie daran, dass wir Sie am 10.12. anrufen.", set()),
    ("de", "Vergiss nicht: Am Donnerstag, 10.12., kommt unser Techniker zu dir.", set()),
    ("fr", "N'oubliez pas que notre technicien passera le jeudi 10 décembre.", set()),
    ("es", "Recuerde que el técnico le visitará el jueves 10 de diciembre.", set()),
    ("es", "Recuerda que te devolvemos el dinero antes del 11 de diciembre.", set()),
    # A sale named as a German compound ends on its own date, not ours.
    ("de", "Unsere Weihnachtsaktion endet am 24.12. Wir melden uns in Kürze.", {"missing_follow_up_date"}),
    ("de", "Der Black-Friday-Sale läuft bis 14.12. Wir melden uns bald.", {"missing_follow_up_date"}),
    ("de", "Unser Winterschlussverkauf läuft noch bis 16. Dezember. Ich rufe Sie am 9.12. an.", set()),
    # "Only after ...", with a rule named, is a rule that says no for now: a deflection; without the rule, a step.
    ("de", "Laut unseren AGB können wir die Erstattung erst nach Rückgabe der Ware veranlassen. Wir melden uns am "
           "9. Dezember.", {"policy_deflection"}),
    ("de", "Gemäß Hausordnung können wir den Zugang erst wieder freischalten, wenn die Gebühr bezahlt ist. Wir "
           "melden uns am 9. Dezember.", {"policy_deflection"}),
    ("de", "Wir können den Zugang erst wieder freischalten, wenn die Gebühr bezahlt ist. Wir melden uns am "
           "9. Dezember.", set()),
    # "I am making sure" it holds from now on, or never happens again, is a promise like "I will make sure"; a
    # check ("je m'assure que tout est en ordre"), one done, or one negated, is not.
    ("fr", "Nous nous assurons qu'à l'avenir vos factures soient exactes. Je vous écris le jeudi 10 décembre.",
     {"over_promise"}),
    ("fr", "Je fais en sorte que désormais votre relevé soit pris en compte. Je vous écris le jeudi 10 décembre.",
     {"over_promise"}),
    ("fr", "Je vais vérifier et je m'assure que tout est en ordre de notre côté. Je vous écris le jeudi "
           "10 décembre.", set()),
    ("fr", "Nous veillons à ce que cette erreur ne se reproduise plus. Je vous écris le jeudi 10 décembre.",
     {"over_promise"}),
    ("fr", "Je me suis assuré que le colis est bien parti ce matin. Je vous écris le jeudi 10 décembre.", set()),
    ("fr", "Je ne peux pas vous assurer que le colis arrivera avant Noël. Je vous écris le jeudi 10 décembre.",
     set()),
    ("es", "Nos aseguramos de que siempre reciba sus facturas a tiempo. Le llamaremos el jueves 10 de diciembre.",
     {"over_promise"}),
    ("es", "Me aseguro de que de ahora en adelante no vuelva a pasar. Le llamaremos el jueves 10 de diciembre.",
     {"over_promise"}),
    ("es", "Me aseguré de que el paquete saliera ayer. Le llamaremos el jueves 10 de diciembre.", set()),
    ("es", "Nos aseguramos de que nunca más le cobren dos veces. Le llamaremos el jueves 10 de diciembre.",
     {"over_promise"}),
    # The money or the parcel there tonight, in the present tense, is a same-day timeline; a statement of what
    # the statement shows today is not.
    ("fr", "L'argent est sur votre compte ce soir. Je vous écris le jeudi 10 décembre.", {"over_promise"}),
    ("fr", "Le remboursement arrive sur ta carte cet après-midi. Je t'écris le jeudi 10 décembre.",
     {"over_promise"}),
    ("fr", "Le virement figure sur votre relevé aujourd'hui, comme vous l'avez constaté. Je vous écris le jeudi "
           "10 décembre.", set()),
    ("es", "El reembolso está en tu cuenta esta noche. Te escribo el jueves 10 de diciembre.", {"over_promise"}),
    # "pour la fermeture" after an apology or thanks is about a closure, not "by closing time".
    ("fr", "Merci de votre patience pour la fermeture de l'agence. Je vous écris le jeudi 10 décembre.", set()),
    ("fr", "Nous sommes désolés pour la fermeture imprévue du club. Je vous écris le jeudi 10 décembre.", set()),
    ("fr", "Votre commande sera prête pour la fermeture. Je vous écris le jeudi 10 décembre.", {"over_promise"}),
    ("fr", "Votre commande sera prête d'ici la fermeture. Je vous écris le jeudi 10 décembre.", {"over_promise"}),
    # "ahorita" before a step we are taking inside is no timeline; before what reaches the customer it is.
    ("es", "Ahorita lo checo con el almacén y te escribo el jueves 10 de diciembre.", set()),
    ("es", "Ahorita me pongo a revisarlo; te escribo el jueves 10 de diciembre.", set()),
    ("es", "Ahorita te llega el reembolso. Te escribo el jueves 10 de diciembre.", {"over_promise"}),
    ("es", "Ahorita mismo te devolvemos el dinero. Te escribo el jueves 10 de diciembre.", {"over_promise"}),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_round_t19e_classes(language: str, text: str, expected: set[str]) -> None:
    codes, violations = codes_in(language, text, TODAY)
    assert codes & CODES == expected, violations
