"""The text-level reply splitter: new text kept, quoted history and signatures removed, for many clients."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.parse.visible import VisibleText, split_reply

NEW = "My order #A-10234 still has not arrived and nobody answers the phone."
OLD = "Thank you for contacting Example Support. Your parcel is on its way."

# (client and language, the reply as that client writes it in text/plain)
TOP_POSTED = [
    ("gmail-en", (
        f"{NEW}\n\nOn Wed, Nov 12, 2026 at 10:00 AM Example Support <support@example.com> wrote:\n"
        f"\n> {OLD}\n"
    )),
    ("gmail-en-wrapped-address", (
        f"{NEW}\n\nOn Wed, Nov 12, 2026 at 10:00 AM Example Support <\n"
        f"support@example.com> wrote:\n\n> {OLD}\n"
    )),
    ("gmail-en-wrapped-wrote", (
        f"{NEW}\n\nOn Wed, Nov 12, 2026 at 10:00 AM Example Support <support@example.com>\nwrote:\n"
        f"\n> {OLD}\n"
    )),
    ("gmail-de", (
        f"{NEW}\n\nAm Mi., 12. Nov. 2026 um 10:00 Uhr schrieb Example Support <\n"
        f"support@example.com>:\n\n> {OLD}\n"
    )),
    ("gmail-fr", (
        f"{NEW}\n\nLe mer. 12 nov. 2026 à 10:00, Example Support <support@example.com> a\nécrit :\n"
        f"\n> {OLD}\n"
    )),
    ("gmail-es", (
        f"{NEW}\n\nEl mié, 12 nov 2026 a las 10:00, Example Support (<support@example.com>)\n"
        f"escribió:\n\n> {OLD}\n"
    )),
    ("gmail-nl", (
        f"{NEW}\n\nOp wo 12 nov 2026 om 10:00 schreef Example Support <support@example.com>:\n\n"
        f"> {OLD}\n"
    )),
    ("gmail-it", (
        f"{NEW}\n\nIl giorno mer 12 nov 2026 alle ore 10:00 Example Support <support@example.com>\n"
        f"ha scritto:\n\n> {OLD}\n"
    )),
    ("gmail-pt", (
        f"{NEW}\n\nEm qua., 12 de nov. de 2026 às 10:00, Example Support <support@example.com>\n"
        f"escreveu:\n\n> {OLD}\n"
    )),
    ("gmail-sv", (
        f"{NEW}\n\nDen ons 12 nov. 2026 kl 10:00 skrev Example Support <support@example.com>:\n\n"
        f"> {OLD}\n"
    )),
    ("gmail-pl", (
        f"{NEW}\n\nśr., 12 lis 2026 o 10:00 Example Support <support@example.com> napisał(a):\n\n"
        f"> {OLD}\n"
    )),
    ("gmail-ja", f"{NEW}\n\n2026年11月12日(水) 10:00 Example Support <support@example.com>:\n\n> {OLD}\n"),
    ("gmail-zh", f"{NEW}\n\nExample Support <support@example.com> 于2026年11月12日周三 10:00写道：\n\n> {OLD}\n"),
    ("apple-en", (
        f"{NEW}\n\nSent from my iPhone\n\n"
        f"> On 12 Nov 2026, at 10:00, Example Support <support@example.com> wrote:\n>\n> {OLD}\n"
    )),
    ("apple-de", (
        f"{NEW}\n\nVon meinem iPhone gesendet\n\n"
        f"> Am 12.11.2026 um 10:00 schrieb Example Support <support@example.com>:\n>\n> {OLD}\n"
    )),
    ("apple-fr", (
        f"{NEW}\n\nEnvoyé de mon iPhone\n\n"
        f"> Le 12 nov. 2026 à 10:00, Example Support <support@example.com> a écrit :\n>\n> {OLD}\n"
    )),
    ("apple-es", (
        f"{NEW}\n\nEnviado desde mi iPhone\n\n"
        "> El 12 nov 2026, a las 10:00, Example Support <support@example.com> escribió:\n>\n"
        f"> {OLD}\n"
    )),
    ("apple-nl", (
        f"{NEW}\n\nVerzonden vanaf mijn iPhone\n\n"
        "> Op 12 nov. 2026 om 10:00 heeft Example Support <support@example.com> het volgende geschreven:\n"
        f">\n> {OLD}\n"
    )),
    ("outlook-en", (
        f"{NEW}\n\n________________________________\nFrom: Example Support <support@example.com>\n"
        "Sent: Wednesday, November 12, 2026 10:00 AM\nTo: Jane Doe <jane@example.org>\n"
        f"Subject: RE: Where is my order?\n\n{OLD}\n"
    )),
    ("outlook-en-no-separator", (
        f"{NEW}\n\nFrom: Example Support <support@example.com>\n"
        "Sent: Wednesday, November 12, 2026 10:00 AM\nTo: Jane Doe <jane@example.org>\n"
        f"Cc: orders@example.com\nSubject: RE: Where is my order?\n\n{OLD}\n"
    )),
    ("outlook-bold-labels", (
        f"{NEW}\n\n*From:* Example Support [mailto:support@example.com]\n"
        "*Sent:* Wednesday, November 12, 2026 10:00 AM\n*To:* Jane Doe\n"
        f"*Subject:* RE: Where is my order?\n\n{OLD}\n"
    )),
    ("outlook-de", (
        f"{NEW}\n\nVon: Example Support <support@example.com>\n"
        "Gesendet: Mittwoch, 12. November 2026 10:00\nAn: Jane Doe <jane@example.org>\n"
        f"Betreff: AW: Wo ist meine Bestellung?\n\n{OLD}\n"
    )),
    ("outlook-fr", (
        f"{NEW}\n\nDe : Example Support <support@example.com>\n"
        "Envoyé : mercredi 12 novembre 2026 10:00\nÀ : Jane Doe <jane@example.org>\n"
        f"Objet : RE: Où est ma commande ?\n\n{OLD}\n"
    )),
    ("outlook-es", (
        f"{NEW}\n\nDe: Example Support <support@example.com>\n"
        "Enviado: miércoles, 12 de noviembre de 2026 10:00\nPara: Jane Doe <jane@example.org>\n"
        f"Asunto: RE: ¿Dónde está mi pedido?\n\n{OLD}\n"
    )),
    ("outlook-nl", (
        f"{NEW}\n\nVan: Example Support <support@example.com>\n"
        "Verzonden: woensdag 12 november 2026 10:00\nAan: Jane Doe\n"
        f"Onderwerp: RE: Waar is mijn bestelling?\n\n{OLD}\n"
    )),
    ("outlook-it", (
        f"{NEW}\n\nDa: Example Support <support@example.com>\n"
        "Inviato: mercoledì 12 novembre 2026 10:00\nA: Jane Doe\n"
        f"Oggetto: R: Dov'è il mio ordine?\n\n{OLD}\n"
    )),
    ("outlook-pt", (
        f"{NEW}\n\nDe: Example Support <support@example.com>\n"
        "Enviada em: quarta-feira, 12 de novembro de 2026 10:00\nPara: Jane Doe\n"
        f"Assunto: RE: Onde está o meu pedido?\n\n{OLD}\n"
    )),
    ("outlook-sv", (
        f"{NEW}\n\nFrån: Example Support <support@example.com>\n"
        "Skickat: den 12 november 2026 10:00\nTill: Jane Doe\nÄmne: SV: Var är min beställning?\n"
        f"\n{OLD}\n"
    )),
    ("outlook-original-message", (
        f"{NEW}\n\n-----Original Message-----\nFrom: Example Support [mailto:support@example.com]\n"
        "Sent: Wednesday, November 12, 2026 10:00 AM\nTo: Jane Doe\n"
        f"Subject: RE: Where is my order?\n\n{OLD}\n"
    )),
    ("outlook-ursprungliche", (
        f"{NEW}\n\n-----Ursprüngliche Nachricht-----\nVon: Example Support\n"
        f"Gesendet: Mittwoch, 12. November 2026 10:00\n\n{OLD}\n"
    )),
    ("outlook-message-d-origine", f"{NEW}\n\n-----Message d'origine-----\nDe : Example Support\n\n{OLD}\n"),
    ("outlook-mensaje-original", f"{NEW}\n\n-----Mensaje original-----\nDe: Example Support\n\n{OLD}\n"),
    ("gmx-de", (
        f"{NEW}\n\nGesendet: Mittwoch, 12. November 2026 um 10:00 Uhr\n"
        'Von: "Example Support" <support@example.com>\nAn: jane@gmx.example\n'
        f"Betreff: Re: Bestellung\n\n{OLD}\n"
    )),
    ("yahoo-en", (
        f"{NEW}\n\n\n\n"
        "On Wednesday, November 12, 2026, 10:00:00 AM GMT+1, Example Support <support@example.com> wrote:\n"
        f"\n{OLD}\n"
    )),
    ("yahoo-de", (
        f"{NEW}\n\n"
        "Am Mittwoch, 12. November 2026, 10:00:00 MEZ hat Example Support <support@example.com> "
        "Folgendes geschrieben:\n"
        f"\n{OLD}\n"
    )),
    ("yahoo-fr", (
        f"{NEW}\n\n"
        "Le mercredi 12 novembre 2026, 10:00:00 UTC+1, Example Support <support@example.com> a écrit :\n"
        f"\n{OLD}\n"
    )),
    ("yahoo-es", (
        f"{NEW}\n\n"
        "El miércoles, 12 de noviembre de 2026, 10:00:00 CET, Example Support <support@example.com> escribió:\n"
        f"\n{OLD}\n"
    )),
    ("thunderbird-en", f"{NEW}\n\nOn 12/11/2026 10:00, Example Support wrote:\n> {OLD}\n"),
    ("thunderbird-de", f"{NEW}\n\nAm 12.11.26 um 10:00 schrieb Example Support:\n> {OLD}\n"),
    ("samsung", (
        f"{NEW}\n\n\n\nSent from my Galaxy\n\n\n-------- Original message --------\n"
        "From: Example Support <support@example.com>\nDate: 11/12/26 10:00 (GMT+01:00)\n"
        f"To: jane@example.org\nSubject: Re: Where is my order?\n\n{OLD}\n"
    )),
    ("samsung-de", (
        f"{NEW}\n\n\nVon meinem Samsung Galaxy Smartphone gesendet.\n\n"
        "-------- Ursprüngliche Nachricht --------\nVon: Example Support <support@example.com>\n"
        f"\n{OLD}\n"
    )),
    ("protonmail", (
        f"{NEW}\n\nSent with Proton Mail secure email.\n\n------- Original Message -------\n"
        "On Wednesday, November 12th, 2026 at 10:00 AM, Example Support <support@example.com> wrote:\n"
        f"\n\n> {OLD}\n"
    )),
    ("outlook-mobile", (
        f"{NEW}\n\nGet Outlook for Android<https://aka.ms/AAb9ysg>\n"
        "________________________________\nFrom: Example Support <support@example.com>\n"
        "Sent: Wednesday, November 12, 2026 10:00:00 AM\nTo: Jane Doe <jane@example.org>\n"
        f"Subject: RE: Where is my order?\n\n{OLD}\n"
    )),
    ("windows-mail", (
        f"{NEW}\n\nSent from Mail<https://go.microsoft.com/fwlink/?LinkId=550986> for Windows\n\n"
        "From: Example Support<mailto:support@example.com>\nSent: 12 November 2026 10:00\n"
        f"To: Jane Doe<mailto:jane@example.org>\nSubject: RE: Where is my order?\n\n{OLD}\n"
    )),
    ("gmail-de-name-first-split-date", (
        f"{NEW}\n\nExample Support <support@example.com> schrieb am Mi., 12.\nNov. 2026, 10:00:\n\n"
        f"> {OLD}\n"
    )),
    ("gmail-fi-no-lead-word", (
        f"{NEW}\n\nke 12. marrask. 2026 klo 10.00 Example Support\n"
        f"<support@example.com> kirjoitti:\n\n> {OLD}\n"
    )),
    ("gmail-ru-no-verb", f"{NEW}\n\nср, 12 нояб. 2026 г. в 10:00, Example Support <support@example.com>:\n\n{OLD}\n"),
    ("dated-address-no-verb", f'{NEW}\n\n12.11.2026, 10.00, "Example Support" <support@example.com>:\n\n{OLD}\n'),
    ("time-first-no-verb", f'{NEW}\n\n10:00 AM, November 12, 2026, "Support" <support@example.com>:\n\n{OLD}\n'),
    ("wrote-without-colon", (
        f"{NEW}\n\nOn Wed, 12 Nov 2026 10:00:00 +0100 Example Support <support@example.com> wrote\n"
        f"\n{OLD}\n"
    )),
    ("italian-in-data", (
        f"{NEW}\n\n"
        'In data 12 novembre 2026 10:00:00 "Example Support" <support@example.com> ha scritto:\n'
        f"\n{OLD}"
    )),
    ("zoho", f"{NEW}\n\n---- On Wed, 12 Nov 2026 10:00:00 +0100 support@example.com wrote ----\n\n{OLD}\n"),
    ("mail-ru", (
        f"{NEW}\n\nWed, 12 Nov 2026 10:00:00 +0300 от Example Support <support@example.com>:\n"
        f"> {OLD}\n"
    )),
    ("laposte-fr", (
        f"{NEW}\n\n====\n\nMessage du : 12/11/2026 10:00\n"
        'De : "Example Support" <support@example.com>\nA : jane@example.fr\nCopie à : \n'
        f"Sujet : Re: commande\n\n{OLD}\n"
    )),
    ("outlook-ru", (
        f"{NEW}\n\nОт: Example Support <support@example.com>\nОтправлено: 12 ноября 2026 г. 10:00\n"
        f"Кому: Jane\nТема: RE: заказ\n\n{OLD}\n"
    )),
    ("outlook-wrapped-from", (
        f"{NEW}\n\nFrom: Example Support \n<a-very-long-address+1234@support.example.com> \n"
        f"Sent: Wednesday, November 12, 2026 10:00 AM\nTo: Jane\nSubject: RE: order\n\n{OLD}\n"
    )),
    ("no-blank-line-before-attribution", (
        f"{NEW}\nOn Dec 15, 2026, at 3:00 PM, Support <support@example.com> wrote:\n> {OLD}\n"
    )),
    ("trailer-then-unquoted-history", f"{NEW}\n\nGesendet von Outlook für Android<https://aka.ms/AAb9ysg>\n\n{OLD}\n"),
    ("trailer-with-link-then-attribution", (
        f"{NEW}\n\nSent from TypeApp<http://www.typeapp.com/r?b=1>\n"
        "On Nov 12, 2026, at 10:00, Support <support@example.com<\n"
        f"mailto:support@example.com>> wrote:\n{OLD}"
    )),
    ("aol", (
        f"{NEW}\n\n\n\n-----Original Message-----\nFrom: Support <support@example.com>\n"
        "To: jane <jane@aol.example>\nSent: Wed, Nov 12, 2026 10:00 am\nSubject: Order\n\n\n"
        f"{OLD}\n"
    )),
    ("hotmail-quoted-headers", (
        f"\n{NEW}\n\n> Subject: Order\n> From: support@example.com\n"
        f"> Date: Wed, 12 Nov 2026 10:00:00 +0100\n>\n> {OLD}\n"
    )),
    ("markdown-bold-labels", (
        f"{NEW}\n\n---\n\n**From:** Support <support@example.com> on behalf of Example\n"
        f"**Sent:** Wednesday, November 12, 2026 10:00\n**To:** Jane\n**Subject:** Order\n\n{OLD}\n"
    )),
    ("crlf-line-endings", (
        f"{NEW}\r\n\r\n"
        "On Wed, Nov 12, 2026 at 10:00 AM Example Support <support@example.com> wrote:\r\n\r\n"
        f"> {OLD}\r\n"
    )),
]


@pytest.mark.parametrize(("client", "text"), TOP_POSTED, ids=[c for c, _ in TOP_POSTED])
def test_top_posted_reply_keeps_only_the_new_text(client: str, text: str) -> None:
    visible = split_reply(text)
    assert visible.body == NEW
    assert OLD in visible.quoted


TRAILERS = [
    "Sent from my iPhone", "Sent from my iPad", "Sent from my Galaxy", "Sent from my Samsung Galaxy smartphone.",
    "Sent from my BlackBerry 10 smartphone.", "Sent from Yahoo Mail for iPhone", "Sent from Outlook for iOS",
    "Get Outlook for iOS<https://aka.ms/o0ukef>", "Sent with Proton Mail secure email.", "Von meinem iPhone gesendet",
    "Gesendet von meinem iPhone", "Envoyé de mon iPhone", "Enviado desde mi iPhone", "Enviado do meu iPhone",
    "Verzonden vanaf mijn iPhone", "Inviato da iPhone", "Skickat från min iPhone", "Sendt fra min iPhone",
]


@pytest.mark.parametrize("trailer", TRAILERS)
def test_mobile_trailer_goes_to_the_signature(trailer: str) -> None:
    visible = split_reply(f"Hello,\n\n{NEW}\n\n{trailer}\n")
    assert visible.body == f"Hello,\n\n{NEW}"
    assert visible.signature == trailer


@pytest.mark.parametrize(
    "line",
    [
        "Sent from my desk, is much easier then my mobile phone.",
        "I sent from my phone three times: nothing arrived!",
        "And here is a fix -- this is not a signature.",
        "On your remote host you can run:",
        "One outstanding question I had:",
        "On Monday I wrote to you about it, and again on Tuesday.",
        "As your colleague wrote:",
        "Check https://example.com/on-date-someone-wrote-about-parsing and \"wrote:\" in quotes.",
        "2026-01-15 14:30:25 and 15.01.2026 14:30 are just timestamps:",
        "The data comes From: our database, not From: external sources.",
        "The notification was sent from my iPhone app to all users.",
        "-- first point needs to be checked",
        "----",
        "I wanted to discuss the issue with regards to the payment.",
    ],
)
def test_ordinary_sentences_are_not_cut(line: str) -> None:
    text = f"{NEW}\n\n{line}\n\nPlease call me back."
    assert split_reply(text).body == text


def test_an_em_dash_line_is_not_a_signature_delimiter() -> None:
    text = "Thanks for the update!\n\n\u2014\nSarah Johnson\nProduct Manager"
    assert split_reply(text).body == text


def test_delimiter_then_mobile_trailer_are_both_signature() -> None:
    visible = split_reply(f"{NEW}\n\nBest regards,\nJane\n\n--\nJane Doe\nExample Corp\n\nSent from my iPhone\n")
    assert visible.body == f"{NEW}\n\nBest regards,\nJane"
    assert visible.signature == "Jane Doe\nExample Corp\n\nSent from my iPhone"


def test_signature_after_dash_dash_space() -> None:
    visible = split_reply(f"{NEW}\n\n-- \nJane Doe\nAcme Ltd | +1 555 0100\n")
    assert visible.body == NEW
    assert visible.signature == "Jane Doe\nAcme Ltd | +1 555 0100"


def test_a_long_text_after_dashes_is_not_a_signature() -> None:
    rest = "\n".join(f"Point {n}: the parcel was damaged in a new way." for n in range(40))
    text = f"{NEW}\n--\n{rest}"
    assert split_reply(text).body == text


def test_interleaved_answers_stay_visible() -> None:
    text = (
        "On Tue, Apr 29, 2026 at 4:22 PM Example Support <support@example.com> wrote:\n\n"
        "> Which colour did you order?\n\nThe navy one.\n\n> And which size?\n\nSize M, as on the invoice.\n"
    )
    visible = split_reply(text)
    assert visible.body == "The navy one.\n\nSize M, as on the invoice."
    assert "Which colour did you order?" in visible.quoted
    assert "wrote:" in visible.quoted


def test_bottom_posted_reply_under_the_quote() -> None:
    text = f"On 12/11/2026 10:00, Example Support wrote:\n> {OLD}\n\n{NEW}\n\n-- \nJane\n"
    visible = split_reply(text)
    assert visible.body == NEW
    assert visible.signature == "Jane"


def test_nested_quotes_and_footer_are_history() -> None:
    text = (
        f"{NEW}\n\nOn Wed, Nov 18, 2026 at 4:05 PM Example Support <support@example.com>\nwrote:\n\n> {OLD}\n>\n"
        "> On Mon, Nov 16, 2026 at 8:20 AM Jane <jane@example.org> wrote:\n>\n> > Where is my order?\n"
    )
    visible = split_reply(text)
    assert visible.body == NEW
    assert "Where is my order?" in visible.quoted


def test_mailing_list_footer_is_cut() -> None:
    footer = "_______________________________________________\nshop-users mailing list\nshop-users@lists.example\n"
    text = f"{NEW}\n\n{footer}"
    assert split_reply(text).body == NEW


def test_forwarded_message_with_a_note_keeps_only_the_note() -> None:
    text = (
        f"{NEW}\n\n---------- Forwarded message ---------\nFrom: Example Support <support@example.com>\n"
        f"Date: Wed, Nov 12, 2026 at 10:00 AM\nSubject: Your order\nTo: <jane@example.org>\n\n{OLD}\n"
    )
    visible = split_reply(text)
    assert visible.body == NEW
    assert OLD in visible.quoted


@pytest.mark.parametrize(
    "marker",
    [
        "---------- Forwarded message ---------",
        "Begin forwarded message:",
        "-------- Forwarded Message --------",
        "---------- Weitergeleitete Nachricht ---------",
        "Anfang der weitergeleiteten Nachricht:",
        "Début du message réexpédié :",
        "---------- Message transféré ---------",
        "Inicio del mensaje reenviado:",
        "---------- Mensaje reenviado ---------",
    ],
)
def test_a_bare_forward_is_read_as_the_customer_text(marker: str) -> None:
    text = (
        f"{marker}\n\nFrom: Jane Doe <jane@example.org>\nDate: 12 November 2026 at 10:00\n"
        f"Subject: Broken kettle\nTo: Example Shop <shop@example.com>\n\n{NEW}\n"
    )
    visible = split_reply(text)
    assert visible.body == NEW
    assert "Subject: Broken kettle" in visible.quoted


def test_a_quoted_forward_from_html_is_read_too() -> None:
    text = f"> ---------- Forwarded message ---------\n> From: Jane <jane@example.org>\n> Subject: Kettle\n>\n> {NEW}\n"
    assert split_reply(text).body == NEW


def test_outlook_forward_with_nothing_above_needs_the_forward_hint() -> None:
    text = (
        "________________________________\nFrom: Jane Doe <jane@example.org>\nSent: Wednesday, November 12, 2026\n"
        f"To: Shop <shop@example.com>\nSubject: Broken kettle\n\n{NEW}\n"
    )
    assert split_reply(text).body == ""
    assert split_reply(text, forwarded=True).body == NEW


def test_a_reply_with_nothing_new_has_an_empty_body() -> None:
    visible = split_reply(f"On Wed, Nov 12, 2026 at 10:00 AM Support <support@example.com> wrote:\n> {OLD}\n")
    assert visible.body == ""
    assert OLD in visible.quoted


def test_indentation_and_inner_blank_lines_are_kept() -> None:
    text = "Steps:\n\n   - opened the box\n   - found the crack\n\n\nThanks"
    assert split_reply(text).body == text


def test_empty_and_blank_text() -> None:
    assert split_reply("") == VisibleText(body="", signature=None, quoted="")
    assert split_reply("\n  \n").body == ""


def test_pathological_input_stays_linear() -> None:
    lines = ["On " + "x" * 300] * 20_000 + ["> q"] * 20_000 + ["From: a", "To: b"] * 10_000
    started = time.perf_counter()
    split_reply("\n".join(lines))
    assert time.perf_counter() - started < 5.0


def test_a_long_line_with_many_colons_is_fast() -> None:
    started = time.perf_counter()
    split_reply("On " + "wrote " * 50_000 + ":" + "\n> x")
    split_reply(("a:" * 100_000) + "\n")
    assert time.perf_counter() - started < 2.0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Onwrote:>-_ \n@<1Fm:Sent from my iPhone\t\r—")), max_size=400))
def test_any_text_splits_without_losing_the_new_words(text: str) -> None:
    visible = split_reply(text)
    # every visible line of the result is a line of the input: nothing is invented
    source_lines = {line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")}
    assert all(line.strip() in source_lines for line in visible.body.split("\n") if line.strip())


def test_deeply_nested_empty_forwards_stop() -> None:
    text = "Begin forwarded message:\n\n" * 5_000 + NEW
    started = time.perf_counter()
    split_reply(text)
    assert time.perf_counter() - started < 5.0


def test_outlook_html_forward_rendered_as_a_quote_needs_the_forward_hint() -> None:
    text = f"> From: Jane Doe <jane@example.org>\n> Sent: Wednesday\n> To: Shop\n> Subject: Kettle\n>\n> {NEW}\n"
    assert split_reply(text).body == ""
    assert split_reply(text, forwarded=True).body == NEW
