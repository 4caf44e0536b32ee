"""extract_facts: identifiers exactly as the customer wrote them, deduplicated, in order, in linear time."""

from __future__ import annotations

import time

import pytest

from drafter.parse.facts import extract_facts


@pytest.mark.parametrize(
    ("text", "orders"),
    [
        ("My order #12345 never came.", ["12345"]),
        ("Order No. A-7731 arrived broken.", ["A-7731"]),
        ("order number 4411-22 is wrong", ["4411-22"]),
        ("Bestellnummer 12345 ist nicht angekommen", ["12345"]),
        ("Ihre Bestellung 300123 vom 3. März", ["300123"]),
        ("ma commande n° 123 est en retard", ["123"]),
        ("n° de commande 45678", ["45678"]),
        ("mi pedido 123 no llegó", ["123"]),
        ("注文番号：A-11003 の件です", ["A-11003"]),
        ("Order: 778899", ["778899"]),
        ("order ID: XK-55-21", ["XK-55-21"]),
        ("my order number is 55512", ["55512"]),
        ("two orders, #A-10601 and #A-10602, were returned", ["A-10601", "A-10602"]),
        ("orders 123, 124 and 125 arrived", ["123", "124", "125"]),
        ("the confirmation for #A-10815 charged me twice", ["A-10815"]),
        ("order #55123 ... again order #55123", ["55123"]),
        ("I ordered 3 items", []),
        ("reorder 12345 please", []),
        ("Order was 100 dollars", []),
        ("commande n° A-09872, 329,99 €", ["A-09872"]),
        ("the colour #FF0000 and #123", []),
    ],
)
def test_order_numbers(text: str, orders: list[str]) -> None:
    assert extract_facts(text).order_numbers == orders


@pytest.mark.parametrize(
    ("text", "invoices"),
    [
        ("invoice INV-2026-0042 is wrong", ["INV-2026-0042"]),
        ("see INV-2026-08817.pdf", ["INV-2026-08817"]),
        ("Rechnung Nr. 2026/0042", ["2026/0042"]),
        ("Sur la facture F-2026-0412, vous", ["F-2026-0412"]),
        ("the invoice was wrong", []),
    ],
)
def test_invoice_numbers(text: str, invoices: list[str]) -> None:
    assert extract_facts(text).invoice_numbers == invoices


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("I paid $49.99 twice", ["$49.99"]),
        ("€19,60 were taken", ["€19,60"]),
        ("19.60 EUR were taken", ["19.60 EUR"]),
        ("a £5 fee", ["£5"]),
        ("USD 120 is too much", ["USD 120"]),
        ("1.234,56 € and $1,299.00", ["1.234,56 €", "$1,299.00"]),
        ("12,800円でした", ["12,800円"]),
        ("100 dollars and 20 euros", ["100 dollars", "20 euros"]),
        ("2 x 49,99 €", ["49,99 €"]),
        ("$49.99, then $49.99 again", ["$49.99"]),
        ("3-5 business days, 48 hours, version 2.0", []),
    ],
)
def test_amounts(text: str, amounts: list[str]) -> None:
    assert extract_facts(text).amounts == amounts


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("It was due on 12 November.", ["12 November"]),
        ("promised Nov 12, 2026 and then 2026-11-12", ["Nov 12, 2026", "2026-11-12"]),
        ("on 12/11/2026 or 12.11.2026", ["12/11/2026", "12.11.2026"]),
        ("since November 3rd", ["November 3rd"]),
        ("on Friday, 4 December", ["Friday, 4 December"]),
        ("am 2. November 2026 zurückgeschickt", ["2. November 2026"]),
        ("le 14 mars 2026 et le 1er décembre", ["14 mars 2026", "1er décembre"]),
        ("el 12 de noviembre de 2026", ["12 de noviembre de 2026"]),
        ("jueves 19 de\nnoviembre", ["jueves 19 de noviembre"]),
        ("11月15日に注文", ["11月15日"]),
        ("May 5 it broke", ["May 5"]),
        ("last Tuesday, you may 5 times, 3-5 days, 127.0.0.1, version 1.2.3", []),
    ],
)
def test_dates_as_written(text: str, dates: list[str]) -> None:
    assert extract_facts(text).dates == dates


def test_everything_in_order_of_appearance() -> None:
    facts = extract_facts("Order #A-10234 ($89.99) placed on November 3rd; invoice INV-77 says €5 on 2026-11-04.")
    assert facts.order_numbers == ["A-10234"]
    assert facts.invoice_numbers == ["INV-77"]
    assert facts.amounts == ["$89.99", "€5"]
    assert facts.dates == ["November 3rd", "2026-11-04"]


def test_empty_text() -> None:
    facts = extract_facts("")
    assert (facts.order_numbers, facts.invoice_numbers, facts.amounts, facts.dates) == ([], [], [], [])


@pytest.mark.parametrize(
    "text",
    [
        "1" * 2_000_000,
        "order " * 300_000,
        "#" * 1_000_000,
        "$1," * 500_000,
        "12 " * 600_000 + "November",
        ("order #A-1, " * 100_000),
    ],
    ids=["digits", "keywords", "hashes", "amount-like", "day-runs", "many-orders"],
)
def test_large_and_adversarial_inputs_stay_fast(text: str) -> None:
    started = time.perf_counter()
    extract_facts(text)
    assert time.perf_counter() - started < 10.0
