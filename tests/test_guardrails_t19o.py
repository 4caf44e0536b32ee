"""Round t19o of the German, French and Spanish guardrails (issue 19), in sentences of our own: each case is a
class of mistake writers X and Y showed, in several phrasings, judged on Monday 7 December 2026 with the packaged
catalogue."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import DATE, MISSING, OVER, POLICY
from tests.guardrail_drafts import core_codes as _codes

# German "aber", "jedoch", "allerdings" inside a clause are particles, not a new clause: the subject before them still
# owns the date after them. After a comma they open a clause of their own, as before.
CLAUSE_PARTICLES = [
    ("de", "Die neue Karte senden wir dir allerdings am 11. Dezember zu, dein Gutschein gilt bis Ende Januar.", set()),
    ("de", "Den Techniker schicken wir Ihnen aber am Freitag, 11. Dezember, vorbei, Ihre Garantie läuft weiter.",
     set()),
    ("de", "Den Anschluss richten wir allerdings erst am Mittwoch, 9. Dezember, ein.", set()),
    ("de", "Ihr Gutschein gilt bis zum 20. Dezember, aber wir melden uns bald bei Ihnen.", MISSING),
]


@pytest.mark.parametrize(("language", "draft", "expected"), CLAUSE_PARTICLES)
def test_a_particle_inside_the_clause_keeps_our_subject(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# "läuft bis" of our own process (a refund, a credit, a transfer) is our date; an offer, a voucher or a contract
# running to a date is not.
OUR_PROCESS_RUNS_TO = [
    ("de", "Die Rückzahlung läuft bis zum 15. über Ihre Kreditkarte.", set()),
    ("de", "Die Gutschrift läuft bis Freitag, 11. Dezember, auf dein Konto.", set()),
    ("de", "Das Angebot läuft bis zum 15. Dezember. Wir melden uns bald.", MISSING),
]


@pytest.mark.parametrize(("language", "draft", "expected"), OUR_PROCESS_RUNS_TO)
def test_our_own_process_running_to_a_date_is_ours(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# A weekday spelled out and a day of the month, right after the verb with no article ("vous rappellera mercredi 9"),
# are a concrete date; a weekday alone stays vague.
WEEKDAY_AND_DAY_AFTER_A_VERB = [
    ("fr", "Notre conseillère vous rappellera mercredi 9 pour caler la visite.", set()),
    ("fr", "On vous livre jeudi 10 entre 8 h et 12 h, sans frais.", set()),
    ("fr", "Notre conseillère vous rappellera mercredi pour caler la visite.", MISSING),
]


@pytest.mark.parametrize(("language", "draft", "expected"), WEEKDAY_AND_DAY_AFTER_A_VERB)
def test_a_weekday_and_its_day_after_a_verb_is_a_date(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# French passive of what we send the customer ("vous sera adressé le 14"), as English "will be sent to you": ours,
# even when the thing sent is the next bill or statement. The customer's next debit stays theirs.
PASSIVE_SENDS = [
    ("fr", "Votre prochain relevé vous sera adressé le 14 décembre.", set()),
    ("fr", "Votre prochaine mensualité corrigée vous sera communiquée le 11 décembre.", set()),
    ("fr", "Votre prochain prélèvement aura lieu le 14 décembre. Nous reviendrons vers vous rapidement.", MISSING),
]


@pytest.mark.parametrize(("language", "draft", "expected"), PASSIVE_SENDS)
def test_the_passive_of_what_we_send_you_is_ours(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# A document about the renewal that we send ("la proposition de renouvellement") is ours to send by its date; the
# renewal itself is the contract's date.
RENEWAL_DOCUMENTS = [
    ("fr", "Nous vous transmettons la proposition de renouvellement au plus tard le 11 décembre.", set()),
    ("fr", "Nous vous adressons nos offres de renouvellement avant le 10 décembre.", set()),
    ("fr", "Votre abonnement sera renouvelé le 14 décembre. Nous vous répondrons bientôt.", MISSING),
]


@pytest.mark.parametrize(("language", "draft", "expected"), RENEWAL_DOCUMENTS)
def test_a_renewal_document_we_send_is_ours(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# The customer's stay in hospital, rehab or a cure, and an event someone else plans to begin on a date ("die am 14.
# beginnen soll"): their date, not ours. Beside only a vague time of ours, the follow-up date is missing.
THEIR_HOSPITAL_STAY = [
    ("es", "Sobre su internación del 14 de diciembre, le contestaremos en breve.", MISSING),
    ("es", "Sobre tu rehabilitación del 15 de diciembre te escribiremos pronto.", MISSING),
    ("de", "Zu Ihrem Klinikaufenthalt ab dem 14. Dezember melden wir uns bald.", MISSING),
    ("de", "Die Kur, die am 14. Dezember beginnen soll, prüfen wir so schnell wie möglich.", MISSING),
    ("es", "Le llamaremos el 10 de diciembre para hablar de su hospitalización.", set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), THEIR_HOSPITAL_STAY)
def test_the_customers_hospital_stay_is_their_date(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# Points by other names: German compounds (Bonusmeilen) and the game currencies of German, French and Spanish apps
# (Diamanten, gemmes, monedas) over the catalogue's points are an over-promise; the customer's own balance ("Ihre
# 12.000 Meilen", "tus 7.000 gemas", what they have collected) and a count within the catalogue are not. The account
# a gift goes to ("deinem Spielerkonto 9.000 Kristalle") is no balance of theirs.
POINTS_BY_OTHER_NAMES = [
    ("de", "Als Entschuldigung buchen wir dir 6.000 Diamanten auf dein Spielerkonto.", OVER),
    ("de", "Zum Ausgleich schreiben wir Ihnen 4.500 Bonusmeilen gut.", OVER),
    ("de", "Zur Entschuldigung schreiben wir deinem Spielerkonto 9.000 Kristalle gut.", OVER),
    ("fr", "Pour nous excuser, nous ajoutons 8 000 gemmes à votre compte de jeu.", OVER),
    ("es", "Como disculpa te regalamos 5.000 monedas en el juego.", OVER),
    ("de", "Als kleines Dankeschön schreiben wir dir 400 Münzen gut.", set()),
    ("de", "Ihre 12.000 Meilen sind wieder auf Ihrem Konto.", set()),
    ("es", "Tus 7.000 gemas siguen en tu cuenta.", set()),
    ("de", "Du hast schon 20.000 Kristalle erspielt, daran ändert sich nichts.", set()),
    ("fr", "Vous avez déjà 9 000 gemmes sur votre compte, elles restent acquises.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), POINTS_BY_OTHER_NAMES)
def test_points_by_other_names(language: str, text: str, expected: set[str]) -> None:
    assert _codes(language, text + DATE[language]) == expected, text


# A fee of the customer's that lapses ("entfällt") for good is a fee we waive without bound; one that lapses once,
# or a dunning fee taken back, is not.
FEE_LAPSES_FOR_GOOD = [
    ("de", "Die Jahresgebühr Ihrer Karte entfällt ab sofort.", OVER),
    ("de", "Die Grundgebühren entfallen künftig dauerhaft.", OVER),
    ("de", "Die Versandkosten für diese Bestellung entfallen.", set()),
    ("de", "Die Mahngebühr entfällt ab sofort.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), FEE_LAPSES_FOR_GOOD)
def test_a_fee_that_lapses_for_good_is_unbounded(language: str, text: str, expected: set[str]) -> None:
    assert _codes(language, text + DATE[language]) == expected, text


# The term of a statutory or maker's warranty ("la garantie légale de deux ans") beside a free repair is how long the
# cover lasts, not a gift that lasts that long.
WARRANTY_TERM = [
    ("fr", "La garantie légale de deux ans s'applique, la réparation est donc gratuite.", set()),
    ("es", "Se aplica la garantía legal de tres años, y el cambio es gratis.", set()),
    ("de", "Das Gerät fällt unter die gesetzliche Gewährleistung von zwei Jahren, die Reparatur ist kostenlos.",
     set()),
    ("fr", "Nous vous offrons une extension de garantie gratuite de deux ans.", OVER),
]


@pytest.mark.parametrize(("language", "text", "expected"), WARRANTY_TERM)
def test_a_warrantys_term_is_no_gift(language: str, text: str, expected: set[str]) -> None:
    assert _codes(language, text + DATE[language]) == expected, text


# A rule's limit ("seules trois consultations par an sont prises en charge") is no favour, and its consequence refused
# in the next sentence with "donc" makes the rule a deflection. A rule that covers the whole cost stays clean.
RULE_LIMIT = [
    ("fr", "Selon le règlement intérieur, seules trois consultations par an sont prises en charge. La quatrième ne "
           "peut donc pas être remboursée.", POLICY),
    ("fr", "D'après nos conditions générales, seuls deux échanges sont acceptés. Nous ne pouvons donc pas vous "
           "rembourser ce troisième article.", POLICY),
    ("fr", "Selon le règlement, vos consultations sont prises en charge à 100 %.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), RULE_LIMIT)
def test_a_rules_limit_is_no_favour(language: str, text: str, expected: set[str]) -> None:
    assert _codes(language, text + DATE[language]) == expected, text
