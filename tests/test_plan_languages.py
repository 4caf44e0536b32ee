"""The plan reads the complaint in the customer's language: the same complaint in English, German, French or
Spanish gets the same topic, severity and gesture (issue 19)."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.plan import make_plan
from drafter_core.settings import load_settings
from tests.factories import complaint

TODAY = dt.date(2026, 11, 23)

# One complaint per topic, written in each language as a customer would write it (not word for word).
COMPLAINTS: dict[str, dict[str, tuple[str, str]]] = {
    "delivery": {
        "en": ("Order 44120 still not here", "I ordered a lamp on 10 November and it has still not arrived. "
               "The tracking has not moved for a week."),
        "de": ("Bestellung 44120 immer noch nicht da", "Ich habe am 10. November eine Lampe bestellt und sie ist "
               "bis heute nicht angekommen. Die Sendungsverfolgung zeigt seit einer Woche nichts Neues."),
        "fr": ("Commande 44120 toujours pas reçue", "J'ai commandé une lampe le 10 novembre et je ne l'ai "
               "toujours pas reçue. Le suivi du colis n'a pas bougé depuis une semaine."),
        "es": ("Pedido 44120 sin llegar", "Pedí una lámpara el 10 de noviembre y todavía no me ha llegado. "
               "El seguimiento del envío no se mueve desde hace una semana."),
    },
    "billing": {
        "en": ("Charged twice", "You charged my card twice for the same order, 59.99 each time. Please give "
               "me back the second payment."),
        "de": ("Doppelt abgebucht", "Sie haben für dieselbe Bestellung zweimal 59,99 € von meinem Konto "
               "abgebucht. Bitte erstatten Sie mir die zweite Zahlung."),
        "fr": ("Prélevé deux fois", "Vous m'avez prélevé deux fois 59,99 € pour la même commande. Merci de me "
               "rembourser le deuxième paiement."),
        "es": ("Cobro duplicado", "Me cobraron dos veces 59,99 € por el mismo pedido. Les pido que me "
               "devuelvan el segundo cargo."),
    },
    "damaged": {
        "en": ("Kettle broken, warranty refused", "My kettle stopped working after three weeks and is clearly "
               "faulty, but your service centre refused the warranty repair."),
        "de": ("Wasserkocher defekt, Garantie abgelehnt", "Mein Wasserkocher funktioniert nach drei Wochen nicht "
               "mehr und ist eindeutig defekt, aber Ihr Kundendienst hat die Garantiereparatur abgelehnt."),
        "fr": ("Bouilloire en panne, garantie refusée", "Ma bouilloire ne fonctionne plus après trois semaines, "
               "elle est clairement défectueuse, mais votre SAV a refusé la réparation sous garantie."),
        "es": ("Hervidor averiado, garantía rechazada", "Mi hervidor dejó de funcionar a las tres semanas y está "
               "claramente defectuoso, pero su servicio técnico rechazó la reparación en garantía."),
    },
    "outage": {
        "en": ("Internet down for three days", "My internet connection has been down since Monday and I "
               "cannot work from home."),
        "de": ("Seit drei Tagen kein Internet", "Meine Internetverbindung ist seit Montag gestört und ich kann "
               "nicht von zu Hause arbeiten."),
        "fr": ("Plus d'Internet depuis trois jours", "Ma connexion Internet est en panne depuis lundi et je ne "
               "peux pas télétravailler."),
        "es": ("Sin internet desde hace tres días", "Mi conexión a internet está caída desde el lunes y no "
               "puedo teletrabajar."),
    },
    "cancellation": {
        "en": ("Subscription renewed after I cancelled", "I cancelled my subscription in October, but it was "
               "renewed anyway this month."),
        "de": ("Abo trotz Kündigung verlängert", "Ich habe mein Abonnement im Oktober gekündigt, aber es wurde "
               "diesen Monat trotzdem verlängert."),
        "fr": ("Abonnement renouvelé malgré ma résiliation", "J'ai résilié mon abonnement en octobre, mais il a "
               "quand même été renouvelé ce mois-ci."),
        "es": ("Suscripción renovada tras cancelarla", "Cancelé mi suscripción en octubre, pero este mes se "
               "renovó de todos modos."),
    },
    "staff": {
        "en": ("Rude employee", "The employee at your counter was extremely rude to me and hung up on me when I "
               "called back."),
        "de": ("Unfreundlicher Mitarbeiter", "Ihr Mitarbeiter am Schalter war äußerst unfreundlich zu mir und "
               "hat einfach aufgelegt, als ich noch einmal anrief."),
        "fr": ("Employé impoli", "L'employé au guichet a été extrêmement impoli avec moi et m'a raccroché au nez "
               "quand j'ai rappelé."),
        "es": ("Empleado grosero", "El empleado del mostrador fue muy grosero conmigo y me colgó el teléfono "
               "cuando volví a llamar."),
    },
}
SEVERE = {
    "en": "This is unacceptable and I will contact my lawyer.",
    "de": "Das ist inakzeptabel, ich werde meinen Anwalt einschalten.",
    "fr": "C'est inadmissible, je vais contacter mon avocat.",
    "es": "Es inaceptable y voy a contactar con mi abogado.",
}


def planned(topic: str, language: str, extra: str = "") -> tuple[str, str, str]:
    subject, body = COMPLAINTS[topic][language]
    plan = make_plan(complaint(body=f"{body} {extra}".strip(), subject=subject, language=language),
                     load_settings(env={}), TODAY)
    return plan.topic, plan.severity, plan.gesture.name


@pytest.mark.parametrize("topic", list(COMPLAINTS))
@pytest.mark.parametrize("language", ["de", "fr", "es"])
def test_the_same_complaint_gets_the_same_plan_in_every_language(topic: str, language: str) -> None:
    english = planned(topic, "en")
    assert english[0] == topic
    assert planned(topic, language) == english


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_severity_is_read_in_every_language(language: str) -> None:
    assert planned("billing", language, SEVERE[language])[1] == "high"
