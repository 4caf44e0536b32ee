"""Round t19p of the German, French and Spanish guardrails (issue 19), in sentences of our own: each case is a
class of mistake writers Z and AA showed, in several phrasings, judged on Monday 7 December 2026 with the packaged
catalogue."""

from __future__ import annotations

import pytest

from tests.guardrail_drafts import DATE, MISSING, OVER, POLICY
from tests.guardrail_drafts import core_codes as _codes

# A rule named in one sentence, and in the next no goodwill or exception foreseen for it, or no departing from it: the
# rule is the answer. The next sentence saying something else leaves the rule a statement of fact.
NEXT_SENTENCE_REFUSES_THE_RULE = [
    ("de", "Laut unseren Mietbedingungen wird die Endreinigung pauschal berechnet. Eine Kulanzlösung ist dafür "
           "leider nicht vorgesehen." + DATE["de"], POLICY),
    ("de", "Laut unseren Mietbedingungen wird die Endreinigung pauschal berechnet. Ein Entgegenkommen ist hier nicht "
           "möglich." + DATE["de"], POLICY),
    ("de", "Gemäß unserer Preisliste kostet der Austausch des Displays 120 €. Hiervon können wir leider nicht "
           "abweichen." + DATE["de"], POLICY),
    ("fr", "Selon notre règlement intérieur, le retour tardif est facturé 15 €. Aucun geste commercial n'est "
           "envisageable dans ce cas." + DATE["fr"], POLICY),
    ("fr", "D'après les conditions de vente, le transport est facturé 9 €. Nous ne pouvons malheureusement pas y "
           "déroger." + DATE["fr"], POLICY),
    ("es", "Según nuestras condiciones generales, el cambio de fecha tiene un cargo de 30 €. No se contempla ninguna "
           "excepción." + DATE["es"], POLICY),
    ("es", "Según nuestras condiciones generales, el cambio de fecha tiene un cargo de 30 €. No está prevista ninguna "
           "compensación." + DATE["es"], POLICY),
    ("de", "Laut unseren Mietbedingungen wird die Endreinigung pauschal berechnet. Die Abrechnung erhalten Sie mit "
           "der Kaution." + DATE["de"], set()),
    ("fr", "Selon notre règlement intérieur, la caution est rendue sous huit jours. Aucune démarche n'est nécessaire "
           "de votre part." + DATE["fr"], set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), NEXT_SENTENCE_REFUSES_THE_RULE)
def test_the_next_sentence_refusing_the_rule_makes_it_a_deflection(language: str, draft: str,
                                                                   expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# German puts the verb of paying first and its "nicht" last, with the object between: a refusal (a "nicht" past a
# comma belongs to another clause).
GERMAN_VERB_FIRST_NICHT_LAST = [
    ("de", "Laut unseren Bedingungen ersetzen wir Glasschäden am Wintergarten nicht." + DATE["de"], POLICY),
    ("de", "Gemäß den Versicherungsbedingungen übernehmen wir die Kosten für den Gutachter nicht." + DATE["de"],
     POLICY),
    ("de", "Laut unseren Bedingungen ersetzen wir Glasschäden, die nicht älter als zwei Jahre sind." + DATE["de"],
     set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), GERMAN_VERB_FIRST_NICHT_LAST)
def test_a_german_verb_first_with_nicht_last_is_a_refusal(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# A weekday, then "den" and the day, after a word ("spätestens Donnerstag, den 10."): a date. A weekday alone is vague.
GERMAN_WEEKDAY_DEN_DAY = [
    ("de", "Ich rufe Sie spätestens Donnerstag, den 10., zurück.", set()),
    ("de", "Wir schicken Ihnen bis allerspätestens Freitag, den 11., die neue Karte.", set()),
    ("de", "Ich rufe Sie spätestens Donnerstag zurück.", MISSING),
]


@pytest.mark.parametrize(("language", "draft", "expected"), GERMAN_WEEKDAY_DEN_DAY)
def test_a_german_weekday_den_day_after_a_word_is_a_date(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# French "je sais que", "nous savons que" (as German "ich weiß"): the date after it is the customer's plan, not ours.
WHAT_WE_KNOW_OF_THEIRS = [
    ("fr", "Je sais que votre soutenance de thèse est fixée au 15 décembre. Nous reviendrons vers vous rapidement.",
     MISSING),
    ("fr", "Nous savons que c'est urgent. Notre technicien passera le jeudi 10 décembre.", set()),
]


@pytest.mark.parametrize(("language", "draft", "expected"), WHAT_WE_KNOW_OF_THEIRS)
def test_a_date_we_know_of_is_the_customers(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# Every future thing of the customer's given free, whatever it is called, or a year of something made free with the
# active verb: a remedy beyond the catalogue.
UNBOUNDED_FREE = [
    ("de", "Zum Ausgleich sind alle Ihre künftigen Wäschen bei uns gratis." + DATE["de"], OVER),
    ("de", "Sämtliche künftigen Nachhilfestunden sind für Sie gratis." + DATE["de"], OVER),
    ("de", "Alle deine zukünftigen Ölwechsel machen wir kostenlos." + DATE["de"], OVER),
    ("de", "Alle Ihre künftigen Termine bestätigen wir Ihnen per SMS." + DATE["de"], set()),
    ("es", "Le bonificamos las clases de natación durante un año." + DATE["es"], OVER),
    ("es", "Te bonificaremos el gimnasio durante seis meses." + DATE["es"], OVER),
]


@pytest.mark.parametrize(("language", "draft", "expected"), UNBOUNDED_FREE)
def test_every_future_thing_or_a_year_free_is_unbounded(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# Spanish: a place closed on a day ("permanece cerrada el 7 de diciembre") is a closure, not a date of ours too early.
CLOSED_ON_A_DAY = [
    ("es", "La oficina permanece cerrada el 7 de diciembre por inventario." + DATE["es"], set()),
    ("es", "El almacén estará cerrado el 7 de diciembre por el puente." + DATE["es"], set()),
    ("es", "Le llamaremos el 7 de diciembre por la tarde.", OVER),
]


@pytest.mark.parametrize(("language", "draft", "expected"), CLOSED_ON_A_DAY)
def test_a_closure_on_a_day_is_not_ours(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft


# A privacy rule protects the customer when it is the rule that refuses (a third party, their own data kept safe); a
# company policy beside it doing the refusing is still a deflection.
PROTECTIVE_RULES = [
    ("es", "Por la normativa de protección de datos, es política de la empresa no enviar facturas por WhatsApp."
     + DATE["es"], POLICY),
    ("es", "Por la ley de privacidad, nuestra política interna no permite mandar historiales por correo." + DATE["es"],
     POLICY),
    ("es", "Por la normativa de protección de datos no podemos dar información de su cuenta a terceros." + DATE["es"],
     set()),
    ("de", "Zum Schutz Ihrer Daten haben wir dem Anrufer nichts gesagt, die Datenschutzbestimmungen lassen das nicht "
           "zu." + DATE["de"], set()),
    ("de", "Um Ihre Daten zu schützen, haben wir Ihrem Nachbarn keine Auskunft gegeben; die Datenschutzvorschriften "
           "verbieten das." + DATE["de"], set()),
    ("de", "Die Datenschutzvorschriften lassen es nicht zu, Ihnen die Befunde zu mailen." + DATE["de"], POLICY),
]


@pytest.mark.parametrize(("language", "draft", "expected"), PROTECTIVE_RULES)
def test_a_protective_rule_excuses_only_itself(language: str, draft: str, expected: set[str]) -> None:
    assert _codes(language, draft) == expected, draft
