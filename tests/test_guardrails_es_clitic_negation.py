"""A Spanish refusal with a pronoun between "no" and the verb ("no le podemos devolver ...") is no gesture in the
customer's favour: the favour entries' negation guard looks past the pronoun (round 15 found it)."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter_core.settings import load_settings
from guardrails import check_draft, context_from_settings

TODAY = dt.date(2026, 12, 7)
OURS = " Le escribiremos el miércoles 9 de diciembre."


def _codes(text: str) -> set[str]:
    return set(check_draft(text + OURS, context_from_settings(load_settings(env={}), TODAY, language="es")).codes)


@pytest.mark.parametrize("text", [
    "No le podemos devolver el importe, según las condiciones de nuestra tienda.",
    "Según las condiciones de nuestra tienda, no le podemos devolver el importe.",
    "Lamentablemente no te podemos reembolsar la compra, según nuestros términos y condiciones.",
    "No se lo podemos devolver, según la política de la empresa.",
])
def test_a_refusal_with_a_pronoun_after_no_still_deflects(text: str) -> None:
    assert "policy_deflection" in _codes(text)


@pytest.mark.parametrize("text", [
    "Aunque las condiciones de nuestra tienda no lo prevén, le podemos devolver el importe.",
    "Según las condiciones de nuestra tienda, podemos devolverle el importe.",
    "Según nuestra política de devoluciones, le vamos a devolver el importe completo.",
])
def test_the_rule_set_aside_or_in_their_favour_stays_clean(text: str) -> None:
    assert "policy_deflection" not in _codes(text)
