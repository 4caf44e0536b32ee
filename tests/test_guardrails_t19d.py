"""Round 8 of the German, French and Spanish phrase books (issue 19, the K writers read): each class of mistake
fixed, in sentences written for this test (none is a writer's draft), with the near miss that must still be
caught. Judged on Monday 7 December 2026 with the packaged catalogue."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.guardrail_drafts import codes_in

TODAY = dt.date(2026, 12, 7)
CODES = {"policy_deflection", "missing_follow_up_date", "over_promise", "past_follow_up_date"}
CASES = [
    # The customer asked to send, submit or pay by a date: their deadline, not our follow-up date.
    ("de", "Senden Sie uns die Rechnung bitte bis Freitag, 11. Dezember. Wir prüfen sie dann zügig.",
     {"missing_follow_up_date"}),
    ("de", "Schick uns bitte bis 11.12. ein Foto vom Schaden. Danach melden wir uns so schnell wie möglich.",
     {"missing_follow_up_date"}),
    ("de", "Bitte überweisen Sie den Restbetrag bis 15.12. Die Gutschrift über 20 € veranlassen wir bis zum "
           "11. Dezember.", set()),
    # ... but "wir holen Sie ab", "ich schicke dir" keep the date ours.
    ("de", "Wir holen Sie am Donnerstag, 10. Dezember, um 9 Uhr ab und bringen Sie zur Werkstatt.", set()),
    ("de", "Ich schicke dir bis 11.12. das neue Ladekabel und melde mich am selben Tag.", set()),
    ("es", "Envíenos la factura antes del 15 de diciembre. Revisaremos su caso lo antes posible.",
     {"missing_follow_up_date"}),
    ("es", "Por favor, mandá las fotos antes del viernes 11 de diciembre y te respondemos pronto.",
     {"missing_follow_up_date"}),
    ("es", "Le pedimos que presente el certificado antes del 15 de diciembre. Le devolveremos los 20 € antes del "
           "viernes 11 de diciembre.", set()),
    # ... but our own sending, and a warehouse sending for us, keep the date ours.
    ("es", "Le enviaremos el repuesto antes del 11 de diciembre y le llamaremos ese mismo día.", set()),
    ("es", "Pediré al almacén que le envíe el repuesto antes del 11 de diciembre y le escribiré ese día.", set()),
    ("es", "Haremos la entrega el jueves 10 de diciembre; le confirmaremos la hora por correo.", set()),
    # What the customer was told, called false in so many words, is disowned: the rule beside it is no deflection.
    ("fr", "Au téléphone, on vous a répondu que « le règlement ne permet aucun remboursement ». C'est inexact : "
           "vous avez rendu le matériel dans le délai prévu au contrat. Nous vous remboursons les 30 € d'ici le "
           "jeudi 10 décembre.", set()),
    ("fr", "Le remboursement n'est pas possible selon le règlement du contrat. Je vous écris le jeudi 10 décembre.",
     {"policy_deflection"}),
    # "l'heure" fixed by what follows is a set time ("avant l'heure prévue"), not the next hour; "dans l'heure" is.
    ("fr", "Vous avez rapporté le véhicule avant l'heure convenue, donc nous annulons les frais. Le remboursement "
           "arrive sur votre carte d'ici le jeudi 10 décembre.", set()),
    ("fr", "Le technicien passera dans l'heure pour rétablir la ligne. Je vous recontacte le jeudi 10 décembre.",
     {"over_promise"}),
    ("fr", "Nous vous rappelons d'ici l'heure qui vient. Je vous recontacte le jeudi 10 décembre.",
     {"over_promise"}),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_round_8_classes(language: str, text: str, expected: set[str]) -> None:
    codes, violations = codes_in(language, text, TODAY)
    assert codes & CODES == expected, violations


def _reads(language: str | None, word: str, name: str = "dates.follow_up") -> bool:
    from guardrails import load_phrases

    sources = (load_phrases(language=language) if language else load_phrases()).pattern(name).sources
    return any(word in source for source in sources)


def test_moved_date_entries_stay_in_their_language() -> None:
    """The German, French and Spanish [dates] entries moved out of phrases.toml (round 8): an English reply no
    longer reads them, a reply in their language (and a draft of unknown language) still does."""
    assert not any(_reads("en", word) for word in ("zurückrufen", "rappellerons", "llamaremos"))
    assert _reads("de", "zurückrufen") and _reads("fr", "rappellerons") and _reads("es", "llamaremos")
    assert not _reads("fr", "zurückrufen") and not _reads("de", "llamaremos")
    assert _reads(None, "bientôt", "dates.vague_times") and not _reads("en", "bientôt", "dates.vague_times")
