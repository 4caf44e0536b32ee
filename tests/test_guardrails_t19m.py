"""Round t19m of the German, French and Spanish guardrails (issue 19), in sentences of our own: each case is a
class of mistake writer V showed, in several phrasings, judged on Monday 7 December 2026 with the packaged
catalogue."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import DATE, MISSING, OVER
from tests.guardrail_drafts import core_codes as _codes

# A day, a hyphen and an abbreviated month ("el 14-dic", "el 11-ene") is a concrete date, as "30-Nov" is in
# English; the year may follow ("14-dic-2026"). Without a day it stays vague.
HYPHEN_DATES = [
    ("es", "Le transferiremos el importe el 14-dic.", set()),
    ("es", "El técnico pasará por su domicilio el 15-dic-2026.", set()),
    ("es", "La tarjeta nueva sale por correo el 11-ene.", set()),
    ("es", "Le transferiremos el importe a mediados de dic.", MISSING),
    ("fr", "Le remboursement partira mi-déc.", MISSING),
]


@pytest.mark.parametrize(("language", "draft", "expected"), HYPHEN_DATES)
def test_a_day_hyphen_month_is_a_concrete_date(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# A time limit the customer has (to go to the ombudsman, to appeal, to claim) counts its span in years or months:
# never the span of a gift, even beside "gratuitement" or "gratis". A gift's own span ("por un plazo de seis
# meses", "pour une durée de six mois") still goes beyond the catalogue.
TIME_LIMITS = [
    ("fr", "Si vous le souhaitez, vous pouvez saisir gratuitement le conciliateur dans un délai de deux ans.", set()),
    ("fr", "Le recours devant le médiateur est gratuit et doit être introduit dans un délai d'un an.", set()),
    ("es", "Puede presentar gratuitamente su reclamo ante el organismo en un plazo de un año.", set()),
    ("es", "La consulta a la defensoría es gratuita dentro del plazo de seis meses.", set()),
    ("es", "Como disculpa, el mantenimiento será gratis por un plazo de seis meses.", OVER),
    ("fr", "Pour nous excuser, l'entretien vous est offert pour une durée de six mois.", OVER),
]


@pytest.mark.parametrize(("language", "text", "expected"), TIME_LIMITS)
def test_a_time_limit_of_the_customer_is_no_gift_span(language: str, text: str, expected: set[str]) -> None:
    assert _codes(language, text + DATE[language]) == expected, text


# Free for a year or for several months, the span after a few words that say what is free ("gratuitement sur
# l'ensemble du réseau pendant un an"): beyond the catalogue's one month. A past span in another clause is not a
# gift's.
FREE_FOR_A_SPAN = [
    ("fr", "En dédommagement, vous circulerez gratuitement sur l'ensemble du réseau pendant un an.", OVER),
    ("fr", "En compensation, le stationnement vous est offert dans tous nos parkings pendant six mois.", OVER),
    ("es", "Como compensación, podrá usar gratis nuestro servicio de lavandería durante un año.", OVER),
    ("es", "En compensación, el estacionamiento será gratuito en cualquiera de nuestras sedes durante tres meses.",
     OVER),
    ("es", "Estuvo sin calefacción durante un año, y le regalamos un mes gratis.", set()),
    ("fr", "Votre ligne a été coupée pendant deux mois ; nous vous offrons un mois d'abonnement.", set()),
    ("es", "Le cambiamos la batería sin costo porque su equipo sigue en garantía durante un año más.", set()),
    ("fr", "Nous remplaçons la batterie gratuitement car votre appareil est garanti pendant un an.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), FREE_FOR_A_SPAN)
def test_free_for_a_year_or_months_a_few_words_on(language: str, text: str, expected: set[str]) -> None:
    assert _codes(language, text + DATE[language]) == expected, text


# Days or a week of lodging (a holiday, a stay) given free are no gesture of the catalogue, whatever their length;
# refunding the nights the customer paid and could not use is their own money.
LODGING = [
    ("es", "Como disculpa, le obsequiamos cuatro días de hospedaje en el complejo.", OVER),
    ("es", "Para compensarla, le invitamos a una semana de vacaciones en nuestra posada.", OVER),
    ("fr", "En dédommagement, nous vous offrons une semaine de vacances au camping.", OVER),
    ("fr", "Pour nous excuser, quatre jours d'hôtel vous sont offerts au printemps.", OVER),
    ("de", "Als Wiedergutmachung schenken wir Ihnen eine Urlaubswoche in unserem Chalet.", OVER),
    ("es", "Le devolvemos los cuatro días de hospedaje que no pudo usar.", set()),
    ("fr", "Nous vous remboursons les quatre jours d'hôtel que vous n'avez pas pu utiliser.", set()),
    ("de", "Die Urlaubswoche, die Sie nicht antreten konnten, erstatten wir Ihnen vollständig.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), LODGING)
def test_days_or_a_week_of_lodging_given_exceed_the_catalogue(language: str, text: str, expected: set[str]) -> None:
    assert _codes(language, text + DATE[language]) == expected, text


# What the customer may still do until a date ("können Sie bis ... einreichen") is their deadline: beside only a
# vague contact of ours the follow-up date is missing. Our own act after "Sie können sicher sein", or what they
# may expect from us by then ("mit Ihrer Gutschrift rechnen", "erwarten"), is still ours.
CUSTOMER_MAY = [
    ("de", "Wir melden uns zeitnah. Fotos der Schäden können Sie noch bis zum 20. Dezember hochladen.", MISSING),
    ("de", "Ich melde mich in Kürze. Du kannst den Antrag spätestens am 18.12. abschicken.", MISSING),
    ("de", "Wir melden uns bald. Ihre Quittungen dürfen Sie bis 22.12. nachreichen.", MISSING),
    ("de", "Sie können beruhigt sein: Wir überweisen den Betrag bis zum 10. Dezember.", set()),
    ("de", "Fotos können Sie gern schicken; wir melden uns bis zum 10. Dezember.", set()),
    ("de", "Sie können bis zum 10. Dezember mit Ihrer Gutschrift rechnen.", set()),
    ("de", "Du kannst die neue Karte spätestens am 10.12. erwarten.", set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), CUSTOMER_MAY)
def test_what_the_customer_may_do_until_a_date_is_their_deadline(language: str, draft: str,
                                                                  expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# "Er" for the tradesman or courier named just before, arriving today (heute Abend, heute Nachmittag): a same-day
# timeline, an over-promise, not a missing date. Not when he was there, or is away today.
HE_TODAY = [
    ("de", "Der Installateur hat zugesagt: Er ist heute Nachmittag bei Ihnen.", OVER),
    ("de", "Der Glaser hat eben angerufen, er ist heute noch bei Ihnen und setzt die Scheibe ein.", OVER),
    ("de", "Der Monteur war heute Vormittag bei Ihnen, wie Sie schreiben. Wir melden uns am Mittwoch, 9. Dezember.",
     set()),
    ("de", "Unser Techniker ist krank; er ist heute Abend nicht erreichbar. Wir melden uns am Mittwoch, 9. Dezember.",
     set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), HE_TODAY)
def test_he_arriving_today_is_a_same_day_timeline(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft
