"""Round t19f of the German, French and Spanish phrase books (issue 19, the M and N writers read): each class of
mistake fixed, in sentences written for this test (none is a writer's draft), with the near miss that must still
be judged the other way. Judged on Monday 7 December 2026 with the packaged catalogue."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.guardrail_drafts import codes_in

TODAY = dt.date(2026, 12, 7)
CODES = {"policy_deflection", "missing_follow_up_date", "over_promise", "past_follow_up_date"}
CASES = [
    # A certainty tag after a comma, closing the clause, is a guarantee; the word inside a clause is not.
    ("es", "El repuesto te llega el miércoles 9, seguro. Te escribo el jueves 10 de diciembre.", {"over_promise"}),
    ("es", "Su pedido sale mañana, garantizado. Le escribo el jueves 10 de diciembre.", {"over_promise"}),
    ("es", "La tarjeta nueva llega esta semana, prometido. Te escribo el jueves 10 de diciembre.", {"over_promise"}),
    ("es", "El daño lo cubre su seguro. Le escribo el jueves 10 de diciembre.", set()),
    ("es", "Revisamos su póliza y su seguro, y le escribo el jueves 10 de diciembre.", set()),
    ("fr", "Le technicien passe demain, garanti. Je vous écris le jeudi 10 décembre.", {"over_promise"}),
    ("fr", "Ta carte arrive mercredi, promis. Je t'écris le jeudi 10 décembre.", {"over_promise"}),
    ("fr", "Le colis part ce soir, c'est sûr. Je vous écris le jeudi 10 décembre.", {"over_promise"}),
    ("fr", "Votre appareil est garanti deux ans. Je vous écris le jeudi 10 décembre.", set()),
    ("de", "Die Karte kommt morgen, garantiert. Wir melden uns am Donnerstag, 10. Dezember.", {"over_promise"}),
    ("de", "Der Techniker ist Mittwoch da, versprochen. Wir melden uns am Donnerstag, 10. Dezember.",
     {"over_promise"}),
    # The customer's journey, ticket or booking right before its date is theirs; our date later in the clause is ours.
    ("es", "Su vuelo del 08/12 queda cancelado. Le escribo el jueves 10 de diciembre.", set()),
    ("es", "Tu boleto del 08/12 sigue siendo válido. Te escribo el jueves 10 de diciembre.", set()),
    ("es", "Su tren del 08/12 fue cancelado y el reembolso se lo tramitamos pronto.", {"missing_follow_up_date"}),
    ("fr", "Votre vol du 08/12 est annulé. Je vous écris le jeudi 10 décembre.", set()),
    ("fr", "Ton billet du 08/12 reste valable. Je t'écris le jeudi 10 décembre.", set()),
    ("fr", "Votre train du 08/12 est supprimé ; nous vous rembourserons bientôt.", {"missing_follow_up_date"}),
    ("de", "Ihr Zug vom 08.12. fällt aus. Wir melden uns am Donnerstag, 10. Dezember.", set()),
    ("de", "Dein Flug am 08.12. ist gestrichen. Wir melden uns bald.", {"missing_follow_up_date"}),
    # What the customer receives from us on a date is our date (not "vous recevez des invités", their event).
    ("fr", "On dépose ton colis le jeu. 10/12, tu reçois le code par SMS.", set()),
    ("fr", "Nous livrons le jeudi 10 décembre, vous recevez un e-mail de confirmation.", set()),
    ("fr", "Comme vous recevez votre famille le 24 décembre, nous vous rappelons bientôt.",
     {"missing_follow_up_date"}),
    # The rule named as the whole answer is a deflection.
    ("fr", "Désolé, mais ce sont les règles du club : pas de remboursement. Je vous écris le jeudi 10 décembre.",
     {"policy_deflection"}),
    ("fr", "C'est le règlement de la résidence. Je vous écris le jeudi 10 décembre.", {"policy_deflection"}),
    ("fr", "C'est la règle. Je vous écris le jeudi 10 décembre.", {"policy_deflection"}),
    ("fr", "Ce sont les règles de sécurité qui vous protègent. Je vous écris le jeudi 10 décembre.", set()),
    ("es", "Lo siento, pero así funciona acá: no devolvemos la seña. Le escribo el jueves 10 de diciembre.",
     {"policy_deflection"}),
    ("es", "Las normas del gimnasio son las normas. Le escribo el jueves 10 de diciembre.", {"policy_deflection"}),
    ("es", "Lo lamento, son las reglas del club. Le escribo el jueves 10 de diciembre.", {"policy_deflection"}),
    # The quoted rule disowned: it does not exist.
    ("es", "La cajera le dijo que «es política de la tienda». Esa norma no existe, y le pido disculpas. Le escribo "
           "el jueves 10 de diciembre.", set()),
    ("es", "No existe tal regla: puede cambiar el producto. Le escribo el jueves 10 de diciembre.", set()),
    ("fr", "Le chauffeur vous a parlé d'une « règle de la maison ». Cette règle n'existe pas, et je m'en excuse. "
           "Je vous écris le jeudi 10 décembre.", set()),
    ("de", "Der Fahrer sprach von einer Firmenregel. Diese Regel gibt es nicht, das tut mir leid. Wir melden uns am "
           "Donnerstag, 10. Dezember.", set()),
    # A rule named and then bent for the customer is no deflection; a rule named and not bent still is.
    ("es", "El reglamento no permite estacionar en la vereda. Mientras dure la obra, no le vamos a aplicar la multa. "
           "Le escribo el jueves 10 de diciembre.", set()),
    ("es", "El reglamento no permite mascotas en el ascensor. No le cobraremos la multa de noviembre. Le escribo el "
           "jueves 10 de diciembre.", set()),
    ("es", "El reglamento no permite mascotas en el ascensor. No le vamos a hacer ningún descuento. Le escribo el "
           "jueves 10 de diciembre.", {"policy_deflection"}),
    ("fr", "Le règlement interdit les poussettes dans le hall. Pendant les travaux, on tolère la vôtre. Je vous "
           "écris le jeudi 10 décembre.", set()),
    ("fr", "Le règlement interdit les poussettes dans le hall. Nous ne vous appliquerons pas l'amende. Je vous "
           "écris le jeudi 10 décembre.", set()),
    ("de", "Die Hausordnung verbietet Fahrräder im Flur. Solange der Keller nass ist, dulden wir Ihr Rad dort. Wir "
           "melden uns am Donnerstag, 10. Dezember.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_round_t19f_classes(language: str, text: str, expected: set[str]) -> None:
    codes, violations = codes_in(language, text, TODAY)
    assert codes & CODES == expected, violations


MORE = [
    # The rule of a named place is the rule; the rule named as the whole answer (German, French, Spanish).
    ("de", "Die Regeln der Werkstatt sind die Regeln. Wir melden uns am Donnerstag, 10. Dezember.",
     {"policy_deflection"}),
    ("de", "Das ist nun mal die Hausordnung. Wir melden uns am Donnerstag, 10. Dezember.", {"policy_deflection"}),
    ("de", "So sind die Regeln bei uns. Wir melden uns am Donnerstag, 10. Dezember.", {"policy_deflection"}),
    ("de", "Das ist in der Regel nach zwei Tagen erledigt. Wir melden uns am Donnerstag, 10. Dezember.", set()),
    ("de", "Das sind die Regeln, die Ihnen eine kostenlose Umbuchung erlauben. Wir melden uns am Donnerstag, "
           "10. Dezember.", set()),
    ("es", "Es la regla que le permite cambiar el billete gratis. Le escribo el jueves 10 de diciembre.", set()),
    ("fr", "C'est la règle, et elle vous permet de changer de billet sans frais. Je vous écris le jeudi "
           "10 décembre.", set()),
    ("fr", "Les règles de la salle sont les règles. Je vous écris le jeudi 10 décembre.", {"policy_deflection"}),
    ("es", "Así se trabaja acá, lo siento. Le escribo el jueves 10 de diciembre.", {"policy_deflection"}),
]


@pytest.mark.parametrize(("language", "text", "expected"), MORE, ids=[f"{c[0]}-more-{i}" for i, c in enumerate(MORE)])
def test_round_t19f_more(language: str, text: str, expected: set[str]) -> None:
    codes, violations = codes_in(language, text, TODAY)
    assert codes & CODES == expected, violations
