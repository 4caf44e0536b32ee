"""Round t19i of the German, French and Spanish phrase books (issue 19), in sentences of our own: each case is a
class of mistake the R writers (travel and hospitality: hotels, airlines, ferries, ski resorts) showed, in several
phrasings, judged on Monday 7 December 2026 with the packaged catalogue (at most 500 points or miles)."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import CORE, DATE
from tests.guardrail_drafts import lang_codes as _codes

CASES = [
    # Miles beyond the catalogue under a compound name, in digits, given by a gift verb or named as the gift ...
    ("de", "Als Entschuldigung schreiben wir Ihrem Konto 10.000 Bonusmeilen gut.", {"over_promise"}),
    ("de", "Sie erhalten 5'000 Prämienmeilen als Entschädigung.", {"over_promise"}),
    ("de", "Wir buchen Ihnen 8000 Flugmeilen auf Ihr Meilenkonto.", {"over_promise"}),
    ("de", "Zum Ausgleich bekommen Sie 4.500 Statusmeilen von uns.", {"over_promise"}),
    # ... but not the customer's own balance, nor miles within the catalogue.
    ("de", "Ihre 12.000 Bonusmeilen bleiben selbstverständlich erhalten.", set()),
    ("de", "Wir schreiben Ihnen 400 Bonusmeilen gut.", set()),
    ("de", "Sie haben bereits 45.000 Prämienmeilen gesammelt, daran ändert sich nichts.", set()),
    # Every future flight, trip, ticket or night, with no bound, is beyond the catalogue ...
    ("es", "Para compensarlo, le regalamos todos sus próximos vuelos a Canarias.", {"over_promise"}),
    ("es", "Tus siguientes trayectos con nosotros serán gratis.", {"over_promise"}),
    ("es", "En todos los próximos vuelos que reserve con nosotros no le cobraremos el equipaje.", {"over_promise"}),
    ("es", "Todas sus noches futuras en nuestros hoteles corren por nuestra cuenta.", {"over_promise"}),
    ("fr", "Nous vous offrons tous vos prochains vols vers Paris.", {"over_promise"}),
    ("fr", "Vos prochaines traversées vous seront offertes.", {"over_promise"}),
    ("fr", "Toutes vos croisières à venir seront à nos frais.", {"over_promise"}),
    ("de", "Ihre nächsten Überfahrten sind kostenlos.", {"over_promise"}),
    ("de", "Alle Ihre künftigen Übernachtungen gehen auf uns.", {"over_promise"}),
    # ... but a fixed sum to spend on the next trips is bounded by that sum, and trips merely named are no gift.
    ("es", "Le ofrecemos 10 € de saldo para sus próximos vuelos.", set()),
    ("fr", "Nous vous offrons 10 € à valoir sur vos prochaines commandes.", set()),
    ("fr", "Nous vous offrons un bon de 10 € pour vos prochains séjours.", set()),
    ("fr", "Vos prochains vols restent au tarif réservé.", set()),
    ("de", "Ihre nächsten Übernachtungen buchen Sie bitte wie gewohnt.", set()),
    ("es", "Le reembolsamos el vuelo cancelado, como corresponde.", set()),
]

# A date of ours: the thing we send as "sie" with "Ihnen" as its receiver is no imperative to the customer; a
# participle after a form of "être" ("seront faites") is no imperative either; the customer's arrival named after
# our own commitment leaves our date ours.
OUR_DATES = [
    ("de", "Wir drucken die Karte neu und schicken sie Ihnen am Donnerstag, 10.12. per Einschreiben."),
    ("de", "Wir prüfen die Rechnung und überweisen sie Ihnen bis 11.12."),
    ("de", "Wir korrigieren den Beleg und senden sie Ihnen am 10. Dezember zu."),
    ("fr", "Les deux opérations seront faites au plus tard le 11 décembre."),
    ("fr", "Les corrections ont été faites et le remboursement sera versé au plus tard le 11 décembre."),
    ("fr", "Les démarches seront bien faites d'ici le 11 décembre."),
    ("fr", "Avant votre arrivée, nous vous enverrons le code d'accès le 10 décembre."),
]

# The customer's own dates: their arrival, check-in or boarding, and what we ask them to do by a date.
THEIR_DATES = [
    ("fr", "Votre arrivée est bien prévue le 18 décembre pour trois nuits. Nous vous enverrons la confirmation "
           "prochainement."),
    ("fr", "Votre enregistrement en ligne ouvre le 16 décembre ; nous reviendrons vers vous bientôt."),
    ("fr", "Ton embarquement est prévu le 19 décembre à 7 h. Nous t'écrirons dès que possible."),
    ("de", "Ihre Einschiffung ist am 19. Dezember um 14 Uhr. Wir melden uns bald."),
    ("de", "Ihr Boarding beginnt am 19.12. um 7 Uhr. Wir melden uns in Kürze."),
    ("es", "Su crucero es el 19 de diciembre, con salida desde Barcelona. Le escribiremos pronto."),
    ("es", "Tu check-out es el 18 de diciembre a las 11 h. Te escribimos pronto."),
    ("fr", "Faites-nous parvenir le formulaire au plus tard le 15 décembre. Nous vous recontacterons bientôt."),
    ("de", "Bitte füllen Sie das Formular aus und schicken Sie es uns bis 15.12. zurück. Wir melden uns bald."),
    ("de", "Schicken Sie uns die Belege bitte bis zum 15.12. Wir melden uns dann zeitnah."),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_round_t19i_classes(language: str, text: str, expected: set[str]) -> None:
    draft = text + DATE[language]
    assert _codes(language, draft) & CORE == expected, draft


@pytest.mark.parametrize(("language", "text"), OUR_DATES)
def test_our_own_date_counts(language: str, text: str) -> None:
    assert not _codes(language, text) & CORE, text


@pytest.mark.parametrize(("language", "text"), THEIR_DATES)
def test_the_customers_own_date_is_not_ours(language: str, text: str) -> None:
    assert _codes(language, text) & CORE == {"missing_follow_up_date"}, text
