"""paraphrase_unrelated: the paraphrase section must retell the customer's own complaint.

Through `check_draft` as the pipeline calls it (sections and the customer's email known); the labelled
pairs of tests/guardrails_paraphrase through bench.guardrails_eval; every corpus of drafts probed; the
committed sample recordings and the stub model that wrote them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bench.guardrails_eval import CORPUS_DIR, PAIRS_DIR, evaluate, probe_paraphrase, score
from drafter.model import ReplayBackend
from drafter.pipeline import draft_reply
from drafter.prompt import draft_messages
from drafter.replay.stub_model import answer_content
from drafter_core.settings import Settings, load_settings
from drafter_core.values import Facts, Sections, Violation
from guardrails import check_draft, context_from_settings
from guardrails.phrasebook import DEFAULT_PHRASES_PATH
from tests.factories import complaint, plan

TODAY = dt.date(2026, 11, 23)
CODE = "paraphrase_unrelated"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
HELDOUT = Path(__file__).resolve().parent / "guardrails_heldout"

# The complaint of issue 15: a rude agent, a broken dishwasher only as the reason for the call, and the
# customer's lifetime spend.
RUDE_AGENT = ("When I called on Tuesday about my broken dishwasher (order #A-10311), the agent, Kevin, sighed "
              "loudly, told me I obviously hadn't read the manual and put me on hold for 25 minutes before the "
              "line went dead. I have been a customer for six years and have spent well over £3,000 with you. "
              "I want to know what you are going to do about the agent's behaviour.")
SECTIONS = {
    "thank": "Thank you for writing to us and for telling us exactly what happened.",
    "empathise": "Being treated like that when you came to us for help is upsetting, and I would feel the same.",
    "paraphrase": "As I understand it, Kevin sighed at you, said you hadn't read the manual and left you on hold "
                  "for 25 minutes until the line went dead, when you called about the dishwasher on order A-10311.",
    "apologise": "I'm sorry for the way you were spoken to; it is not how we want anyone treated.",
    "timeline": "I am looking into this with Kevin's team leader and will write to you again by Wednesday, "
                "25 November 2026 with what we are doing about it.",
    "surprise": "To make up for some of the trouble, we would like to offer you 500 loyalty points.",
}


def judge(paraphrase: str, customer: str | None = RUDE_AGENT, facts: Facts | None = None,
          sectioned: bool = True) -> tuple[str, list[Violation]]:
    """The draft with this paraphrase, judged as the pipeline judges it; only this check's violations."""
    sections = Sections(**{**SECTIONS, "paraphrase": paraphrase})
    text = "Dear Graham,\n\n" + "\n\n".join(body for _, body in sections.ordered()) + "\n\nKind regards,\nSupport\n"
    context = context_from_settings(Settings(), TODAY, follow_up_date=dt.date(2026, 11, 25), customer_text=customer,
                                    facts=facts, sections=sections if sectioned else None)
    return text, [v for v in check_draft(text, context).violations if v.code == CODE]


# --- the three situations ------------------------------------------------------------------------

def test_the_customers_own_story_passes() -> None:
    _, found = judge(SECTIONS["paraphrase"])
    assert found == []


def test_the_issue_draft_a_damaged_parcel_with_the_lifetime_spend_is_rejected_where_it_says_so() -> None:
    paraphrase = ("As I understand it, the item from your order A-10311 arrived damaged, involving £3,000, "
                  "and you mentioned Tuesday.")
    text, [item] = judge(paraphrase)
    assert item.text == "arrived damaged" == text[item.start:item.end]
    assert item.message.startswith("'arrived damaged' tells of a damaged or delivery problem, but the customer's "
                                   "complaint is mainly about staff, and the paraphrase uses none of their own words.")
    assert "Retell the customer's own complaint (called, broken, dishwasher, agent, Kevin, sighed" in item.message


def test_a_paraphrase_sharing_nothing_is_rejected_whole() -> None:
    paraphrase = "As I understand it, you are writing about the problem you described."
    text, [item] = judge(paraphrase)
    assert item.text == paraphrase and text[item.start:item.end] == paraphrase
    assert "shares nothing with the customer's email: none of their words, numbers or topics" in item.message
    assert "Retell what the customer wrote, in their terms (called, broken, dishwasher" in item.message


def test_the_lifetime_spend_given_as_an_order_value_is_the_wrong_role() -> None:
    paraphrase = ("As I understand it, Kevin left you on hold for 25 minutes when you called about your order "
                  "of £3,000.")
    text, [item] = judge(paraphrase)
    assert item.text == "order of £3,000"
    assert item.message == ("'order of £3,000' gives £3,000 a meaning the customer did not give it: they wrote "
                            "'and have spent well over £3,000 with you'. Use £3,000 only as the customer did, or "
                            "leave it out.")


def test_the_lifetime_spend_kept_as_a_spend_is_fine() -> None:
    _, found = judge("As I understand it, after six years and more than £3,000 spent with us, Kevin sighed at you "
                     "and left you on hold until the line went dead.")
    assert found == []


@pytest.mark.parametrize(("customer", "paraphrase", "figure"), [
    ("Your app charged me $49.99 twice on invoice INV-7781.", "You were charged twice on order INV-7781.",
     "order INV-7781"),
    ("Ich habe die Bestellung 40917 am 2. November aufgegeben, sie ist nie angekommen.",
     "Die Lieferung zu Ihrer Rechnung 40917 ist nicht angekommen.", "Rechnung 40917"),
    ("Ma facture n° F-2291 compte trois mois au lieu d'un.", "Votre commande F-2291 a été facturée trois fois.",
     "commande F-2291"),
    ("Pagué 449 € por la lavadora y llegó con la puerta rota.",
     "Ha gastado 449 € con nosotros en total y la lavadora llegó rota.", "gastado 449 €"),
])
def test_a_number_in_another_role_in_each_language(customer: str, paraphrase: str, figure: str) -> None:
    _, [item] = judge(paraphrase, customer)
    assert item.text == figure


@pytest.mark.parametrize(("customer", "paraphrase"), [
    ("Ich habe am 2. November die Bestellung 40917 aufgegeben und 89,90 € bezahlt. Die Lieferung ist nicht "
     "angekommen.", "Ihre Bestellung 40917 für 89,90 € ist noch nicht angekommen."),
    ("Ich habe am 2. November die Bestellung 40917 aufgegeben und 89,90 € bezahlt. Die Lieferung ist nicht "
     "angekommen.", "As I understand it, order 40917, placed for €89.90, has still not reached you."),
    ("Mon aspirateur est arrivé avec le tuyau cassé. Commande 55710.", "Le tuyau de votre aspirateur était cassé."),
    ("Llevo cinco días sin internet en casa y el técnico no apareció el lunes.",
     "Lleva cinco días sin internet y el técnico no apareció."),
])
def test_a_retelling_in_the_customers_language_or_in_english_passes(customer: str, paraphrase: str) -> None:
    assert judge(paraphrase, customer)[1] == []


@pytest.mark.parametrize(("customer", "paraphrase"), [
    ("Wenn ich anrufe, ist Ihr Mitarbeiter unfreundlich und legt auf.", "Ihr Paket ist beschädigt angekommen."),
    ("La vendeuse m'a très mal parlé et a refusé l'échange de mon pull.",
     "Votre abonnement a été renouvelé sans votre accord."),
    ("Me cobraron dos veces la misma factura.", "Su paquete llegó roto."),
])
def test_another_story_in_each_language_is_rejected(customer: str, paraphrase: str) -> None:
    assert len(judge(paraphrase, customer)[1]) == 1


def test_the_customers_number_from_the_subject_counts_as_theirs() -> None:
    """The facts hold what the parser found in the subject too: an order number there is the customer's."""
    paraphrase = "As I understand it, order B-7710 is still not sorted out."
    customer = "Three weeks on and still nothing. Disgraceful."
    assert judge(paraphrase, customer)[1] != []
    assert judge(paraphrase, customer, Facts(order_numbers=["B-7710"]))[1] == []


def test_it_runs_only_when_the_sections_and_the_customers_email_are_known() -> None:
    unrelated = "As I understand it, your parcel arrived damaged."
    assert judge(unrelated)[1] != []
    assert judge(unrelated, customer=None)[1] == []
    assert judge(unrelated, customer="   ")[1] == []
    assert judge(unrelated, sectioned=False)[1] == []


def test_a_role_a_support_lead_adds_to_the_phrase_book_is_used(tmp_path: Path) -> None:
    """Roles are the phrase book's lists: a new [paraphrase] identifier_role_* list is one more role."""
    book = tmp_path / "phrases.toml"
    anchor = "# How many words before a number its role cue may be"
    voucher = 'identifier_role_voucher = ["voucher( code)?", "Gutschein"]\n'
    book.write_text(DEFAULT_PHRASES_PATH.read_text(encoding="utf-8").replace(anchor, voucher + anchor, 1),
                    encoding="utf-8")
    customer = "My voucher VX-88120 was refused at the till, twice."
    sections = Sections(**{**SECTIONS, "paraphrase": "Your order VX-88120 was refused at the till."})
    text = "\n\n".join(body for _, body in sections.ordered())
    for settings, found in ((Settings(), []), (Settings.model_validate({"data": {"phrases_file": str(book)}}),
                                               ["order VX-88120"])):
        context = context_from_settings(settings, TODAY, customer_text=customer, sections=sections)
        assert [v.text for v in check_draft(text, context).violations if v.code == CODE] == found


# --- measured ------------------------------------------------------------------------------------

@pytest.mark.parametrize("corpus", [CORPUS_DIR, HELDOUT / "dev", HELDOUT / "test"], ids=lambda p: p.name)
def test_no_clean_draft_of_any_corpus_is_rejected_by_it(corpus: Path) -> None:
    probe = probe_paraphrase(corpus)
    assert probe.probed, "the probe found no draft with the customer's email"
    assert [o.id for o in probe.applicable + probe.probed if CODE in o.predicted and not o.expected] == []
    outcomes = evaluate(corpus)
    assert [o.id for o in outcomes if CODE in o.predicted and not o.expected] == []


@pytest.mark.parametrize(("split", "precision", "recall", "related_flagged"), [
    ("dev", 0.95, 0.80, 1),  # measured 0.966 / 0.824, 1 of 35 related pairs flagged (synonyms only)
    ("test", 0.90, 0.85, 2),  # measured 0.920 / 0.885, 2 of 25: scored, never tuned on
])
def test_the_labelled_pairs_keep_their_measured_floor(split: str, precision: float, recall: float,
                                                      related_flagged: int) -> None:
    outcomes = evaluate(PAIRS_DIR / split)
    scores = score(outcomes)
    assert scores.precision(CODE) >= precision and scores.recall(CODE) >= recall
    assert sum(1 for o in outcomes if o.label == "related" and o.predicted) <= related_flagged


def test_the_pair_files_are_well_formed() -> None:
    for split in ("dev", "test"):
        rows = [json.loads(line) for line in (PAIRS_DIR / split / "pairs.jsonl").read_text().splitlines()]
        assert len({row["id"] for row in rows}) == len(rows) >= 40
        assert {row["label"] for row in rows} == {"related", "unrelated", "wrong_role"}
        assert {row["language"] for row in rows} == {"en", "de", "fr", "es"}
        assert all(row["customer_text"].strip() and row["paraphrase"].strip() for row in rows)
    styles = {split: {json.loads(line)["style"] for line in (PAIRS_DIR / split / "pairs.jsonl").open()}
              for split in ("dev", "test")}
    assert not styles["dev"] & styles["test"]  # split by writer style


# --- the samples and the stub that recorded them ---------------------------------------------------

async def test_no_recorded_sample_draft_tells_another_story() -> None:
    """Every committed first draft retells its email (the two over-promising ones fail only for that)."""
    config = load_settings(env={})
    first_only = config.model_copy(update={"model": config.model.model_copy(update={"max_repairs": 0})})
    backend = ReplayBackend(first_only.model, SAMPLES / "cassettes")
    for path in sorted(SAMPLES.glob("*.eml")):
        result = await draft_reply(path.read_bytes(), settings=first_only, backend=backend, today=TODAY)
        if result.status == "skipped":
            continue
        assert result.verdict is not None, path.name
        assert CODE not in result.verdict.codes, (path.name, result.verdict.violations)


def test_the_polite_stub_retells_the_rude_agent_and_keeps_the_spend_a_spend() -> None:
    config = load_settings(env={})
    email = complaint(body=RUDE_AGENT, subject="RE: Your call with Example Support",
                      facts=Facts(order_numbers=["A-10311"], amounts=["£3,000"]))
    messages = draft_messages(email, plan(), config)
    paraphrase = json.loads(answer_content(messages, "polite"))["paraphrase"]
    assert "treated" in paraphrase and "agent" in paraphrase and "damaged" not in paraphrase
    assert "spent well over £3,000 with you" in paraphrase
    assert judge(paraphrase)[1] == []
