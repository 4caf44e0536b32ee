"""An email with no text of the customer's is not drafted: needs_review with the reason, never ready.

Real emails of each kind (empty, only a quote of our earlier mail, only a signature, only a "Sent
from my iPhone" trailer, only an attachment), through `draft_reply` with the model mocked over HTTP
(it must never be asked) and through `drafter draft` with the offline backend.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
import respx
from click.testing import CliRunner

from drafter.cli import cli
from drafter.model import OfflineBackend
from drafter.pipeline import draft_reply
from tests.factories import BASE_URL, GOOD_SECTIONS, TODAY, completion, settings
from tests.test_pipeline import openai_backend

HEADERS = """From: Jane Doe <jane@customer.example>
To: support@example.com
Subject: {subject}
Message-ID: <{id}@customer.example>
Date: Fri, 20 Nov 2026 09:30:00 +0000
MIME-Version: 1.0
"""
PLAIN = "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
PHOTO = base64.encodebytes(b"\xff\xd8\xff\xe0" + bytes(300)).decode()

EMAILS: dict[str, tuple[str, str]] = {
    # kind: (the raw email, what the reason must say it holds)
    "empty": (HEADERS.format(subject="Re: Your order A-10234", id="e1") + PLAIN + "\n\n", "the body is empty"),
    "blank lines and spaces": (HEADERS.format(subject="Re: Your order A-10234", id="e2") + PLAIN + "  \n\t\n \n",
                               "the body is empty"),
    "only a quote": (
        HEADERS.format(subject="Re: Your order A-10234 has shipped", id="e3")
        + "In-Reply-To: <ship-1@support.example.com>\n" + PLAIN
        + "On Thu, 19 Nov 2026 at 14:02, Example Support <support@example.com> wrote:\n"
        "> Hello Jane,\n>\n> Your order A-10234 has shipped and should arrive by 24 November.\n>\n"
        "> Kind regards,\n> Example Support\n",
        "only a quote of earlier mail"),
    "only a signature": (
        HEADERS.format(subject="Re: Your order A-10234", id="e4") + PLAIN
        + "-- \nJane Doe\nHead of Operations, Doe & Partners\n+1 415 555 0100\n",
        "only a signature"),
    "only a phone trailer": (HEADERS.format(subject="Re: Your order A-10234", id="e5") + PLAIN
                             + "Sent from my iPhone\n", "only a signature"),
    "only an attachment": (
        HEADERS.format(subject="broken kettle", id="e6")
        + 'Content-Type: multipart/mixed; boundary="b1"\n\n--b1\n'
        'Content-Type: image/jpeg; name="IMG_2041.jpg"\nContent-Disposition: attachment; filename="IMG_2041.jpg"\n'
        f"Content-Transfer-Encoding: base64\n\n{PHOTO}\n--b1--\n",
        "only an attachment (IMG_2041.jpg)"),
    "a quote and a signature": (
        HEADERS.format(subject="Re: Your order A-10234", id="e7") + PLAIN
        + "On Thu, 19 Nov 2026 at 14:02, Example Support <support@example.com> wrote:\n> Your order has shipped.\n"
        "\n-- \nJane Doe\n",
        "only a quote of earlier mail and a signature"),
}


@pytest.mark.parametrize("kind", EMAILS)
@respx.mock(base_url=BASE_URL, assert_all_called=False)
async def test_no_customer_text_is_needs_review_and_the_model_is_never_asked(
        respx_mock: respx.MockRouter, kind: str) -> None:
    raw, holds = EMAILS[kind]
    route = respx_mock.post("/chat/completions").respond(200, json=completion(GOOD_SECTIONS))
    result = await draft_reply(raw.encode(), settings=settings(), backend=openai_backend(), today=TODAY)
    assert route.call_count == 0  # the model sees only the customer's text: with none it would invent one
    assert result.status == "needs_review"
    assert result.reason == (f"the email has no text of the customer's to answer: {holds}; nothing was drafted, "
                             "so read it and ask the customer what went wrong")
    assert result.sections is None and result.reply is None and result.attempts == 0
    assert result.plan is not None  # the follow-up date and gesture an agent's own reply may use


@pytest.mark.parametrize("kind", EMAILS)
async def test_the_offline_backend_drafts_nothing_either(kind: str) -> None:
    raw, holds = EMAILS[kind]
    config = settings()
    result = await draft_reply(raw.encode(), settings=config, backend=OfflineBackend(config), today=TODAY)
    assert result.status == "needs_review" and holds in (result.reason or "") and result.reply is None


@respx.mock(base_url=BASE_URL)
async def test_one_word_of_the_customers_own_is_drafted(respx_mock: respx.MockRouter) -> None:
    """Text above a quote is the customer's: "Still nothing!" over our shipping mail gets a draft."""
    raw, _ = EMAILS["only a quote"]
    raw = raw.replace("On Thu, 19 Nov", "Still nothing! Where is it?\n\nOn Thu, 19 Nov", 1)
    route = respx_mock.post("/chat/completions").respond(200, json=completion(GOOD_SECTIONS))
    result = await draft_reply(raw.encode(), settings=settings(), backend=openai_backend(), today=TODAY)
    assert route.call_count >= 1 and result.sections is not None and result.status in ("ready", "needs_review")


def test_drafter_draft_says_why_and_exits_1(tmp_path: Path) -> None:
    raw, holds = EMAILS["only an attachment"]
    path = tmp_path / "photo-only.eml"
    path.write_text(raw, encoding="utf-8")
    env = {"OPENAI_API_KEY": "", "OPENAI_BASE_URL": "", "DRAFTER_CONFIG": ""}
    result = CliRunner().invoke(cli, ["draft", str(path), "--today", "2026-11-23", "--json"], env=env,
                                catch_exceptions=False)
    assert result.exit_code == 1
    answer = json.loads(result.stdout)
    assert answer["status"] == "needs_review" and holds in answer["reason"]
    assert answer["body"] is None and answer["message"] is None and answer["sections"] is None
    assert f"needs review: the email has no text of the customer's to answer: {holds}" in result.stderr
