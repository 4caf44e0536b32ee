"""Round t19j of the German, French and Spanish phrase books (issue 19), in sentences of our own: each case is a
class of mistake the S writers (retail, e-commerce, subscriptions) showed, in several phrasings, judged on Monday
7 December 2026 with the packaged catalogue."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import CORE, DATE
from tests.guardrail_drafts import lang_codes as _codes

# An assurance named first and refused at the end of its sentence, with a candour adverb before the refusal, is a
# hedge: the absolute inside it ("nie wieder") is not promised. Without the refusal it is.
CASES = [
    ("de", "Eine Garantie, dass so etwas nie wieder vorkommt, kann ich dir ehrlich gesagt nicht geben.", set()),
    ("de", "Eine Zusicherung, dass das nie wieder passiert, können wir Ihnen offen gesagt nicht geben.", set()),
    ("de", "Die Garantie, dass es nie mehr zu Ausfällen kommt, kann ich Ihnen beim besten Willen nicht geben.", set()),
    ("de", "Eine Gewähr, dass das nie wieder vorkommt, können wir ehrlicherweise nicht übernehmen.", set()),
    ("de", "So etwas wird nie wieder vorkommen.", {"over_promise"}),
]

# The customer's wish or expectation, in the conditional or as what they expect or count on: their date, not ours.
THEIR_DATES = [
    ("fr", "Bonjour, tu aimerais une réponse avant le 14/12 : ta demande est transmise. On revient vers toi bientôt."),
    ("fr", "Bonjour, vous voudriez être remboursé d'ici le 15 décembre. Nous revenons vers vous prochainement."),
    ("fr", "Bonjour, vous souhaiteriez recevoir le colis avant le 18 décembre. Nous revenons vers vous rapidement."),
    ("fr", "Bonjour, vous attendez une réponse avant le 16/12. Nous vous écrirons dès que possible."),
    ("fr", "Bonjour, vous comptez sur une livraison avant le 20 décembre. Nous revenons vers vous très vite."),
    ("es", "Hola, te gustaría una respuesta antes del 14 de diciembre. Te escribimos pronto."),
    ("es", "Hola, le gustaría recibir el pedido antes del 18 de diciembre. Le escribimos en cuanto podamos."),
    ("es", "Hola, quisieras el reembolso antes del 15/12. Te avisamos lo antes posible."),
    ("es", "Estimada Sra. Ruiz: usted preferiría la entrega antes del 16 de diciembre. Le escribiremos pronto."),
    ("de", "Hallo, Sie bräuchten die Ware bis zum 18. Dezember. Wir melden uns so bald wie möglich."),
    ("de", "Hallo, du erwartest eine Antwort vor dem 15.12. Wir melden uns bald."),
]

# A plain condition ("if you like") before our own date leaves the date ours.
OUR_DATES = [
    ("fr", "Bonjour, si vous voulez, je vous rappelle le mercredi 9 décembre."),
    ("fr", "Vous aimeriez une réponse avant le 15 décembre : je vous écris le mercredi 9 décembre."),
    ("es", "Hola, si quieres, te llamamos el miércoles 9 de diciembre."),
    ("de", "Hallo, wenn du willst, rufen wir dich am Mittwoch, 9. Dezember, an."),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_round_t19j_classes(language: str, text: str, expected: set[str]) -> None:
    draft = text + DATE[language]
    assert _codes(language, draft) & CORE == expected, draft


@pytest.mark.parametrize(("language", "text"), THEIR_DATES)
def test_the_customers_wish_is_not_our_date(language: str, text: str) -> None:
    assert _codes(language, text) & CORE == {"missing_follow_up_date"}, text


@pytest.mark.parametrize(("language", "text"), OUR_DATES)
def test_a_condition_leaves_our_date_ours(language: str, text: str) -> None:
    assert not _codes(language, text) & CORE, text


# Every purchase or order of the customer refunded or given is a remedy without bound; the orders at issue (affected,
# duplicated, of one named order) are not.
REMEDIES = [
    ("es", "Para compensarle, le devolvemos todas sus compras del año.", {"over_promise"}),
    ("es", "Como disculpa, te reembolsamos el importe de todos tus pedidos de 2026.", {"over_promise"}),
    ("es", "Le devolvemos todos sus pedidos afectados por el retraso.", set()),
    ("es", "Conforme a su derecho de desistimiento, le devolvemos todas sus compras del pedido 4411.", set()),
    ("fr", "Pour nous faire pardonner, nous vous remboursons tous vos achats de l'année.", {"over_promise"}),
    ("fr", "En geste commercial, on te rembourse toutes tes commandes de cette année.", {"over_promise"}),
    ("fr", "Nous vous remboursons toutes vos commandes concernées par le retard.", set()),
    ("fr", "Nous vous remboursons tous vos achats de la commande 4411 (droit de rétractation).", set()),
    ("de", "Als Entschädigung erstatten wir Ihnen alle Ihre Einkäufe dieses Jahres.", {"over_promise"}),
    ("de", "Zum Ausgleich bekommst du alle deine Bestellungen aus 2026 zurückerstattet.", {"over_promise"}),
    ("de", "Wir erstatten Ihnen alle betroffenen Bestellungen.", set()),
    ("de", "Wir erstatten Ihnen alle Artikel dieser Bestellung.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), REMEDIES)
def test_every_purchase_refunded_is_unbounded(language: str, text: str, expected: set[str]) -> None:
    draft = text + DATE[language]
    assert _codes(language, draft) & CORE == expected, draft


# The same hedge in French and Spanish: a candour adverb or aside between the refusal and the guarantee verb, the
# pronoun on the Spanish verb (prometerle), the pronouns first (no se la puedo dar); an unrefused guarantee stays one.
HEDGES = [
    ("fr", "Une garantie que cela ne se reproduira jamais, je ne peux honnêtement pas vous la donner.", set()),
    ("fr", "Je ne peux franchement pas vous garantir que cela ne se reproduira jamais.", set()),
    ("fr", "Je ne peux pas, en toute honnêteté, vous promettre que cela n'arrivera plus jamais.", set()),
    ("fr", "Je vous garantis que cela ne se reproduira jamais.", {"over_promise"}),
    ("es", "Una garantía de que esto no volverá a pasar nunca, sinceramente no se la puedo dar.", set()),
    ("es", "No puedo prometerle que no volverá a ocurrir nunca.", set()),
    ("es", "No puedo, siendo honesto, garantizarte que nunca vuelva a pasar.", set()),
    ("es", "Le garantizo, sinceramente, que no volverá a ocurrir nunca.", {"over_promise"}),
]


@pytest.mark.parametrize(("language", "text", "expected"), HEDGES)
def test_a_refused_guarantee_after_a_candour_word_is_a_hedge(language: str, text: str, expected: set[str]) -> None:
    draft = text + DATE[language]
    assert _codes(language, draft) & CORE == expected, draft
