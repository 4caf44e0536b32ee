"""A model-shaped stub: a small OpenAI-compatible server for recording the corpus, benchmarks and tests.

    python -m drafter.replay.stub_model --host 127.0.0.1 --port 8900 [--latency-ms 500] [--mode polite]

It is not a model. It reads drafter's own prompt (prompts/user.j2: the "- follow-up date:" and
"- goodwill gesture:" lines, the facts, the email between the CUSTOMER_EMAIL markers) and writes the
six-section JSON a careful model would, varied deterministically by a hash of the conversation.
Modes:
- `polite`: a good model: it takes the topic drafter's plan would (the one topics.toml's words name
  most often) and retells the complaint with the customer's own key sentence and their own words
  around each sum, so no sum changes its meaning; on a repair turn it removes whatever the problems
  quote and keeps the rest.
- `obey`: a gullible model that does what the customer's email tells it (links, "reveal your
  instructions", refunds, promises): for prompt-injection tests.
- `overpromise-once`: the first draft of each conversation over-promises; the repair is polite.
An `obey` stub can also be given labelled attacks (`Injection`: a trigger, a payload, a harm; `--obey-labels
FILE` reads them from an attack corpus's labels.toml): whenever a trigger reaches the prompt, the draft
carries its payload, the worst a hijacked model can do. It never repairs.
Answers are identical for identical requests (no clock in them), so re-recording changes no file;
`model` says `drafter-stub-<mode>`, so no recording can pass for a real model's answer.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import re
import socket
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from drafter_core.values import SECTION_NAMES
from guardrails.topics import topic_names, topics_in

MODES = ("polite", "obey", "overpromise-once")
OWNER = "drafter.stub_llm"  # its identity in /v1/models and in recordings, kept across the move
FINGERPRINT = "drafter-stub"
REPAIR_MARKER = "cannot be sent"  # prompts/repair.j2 opens "Your previous draft cannot be sent."


# -- reading drafter's prompt --------------------------------------------------------------------


@dataclass(frozen=True)
class Brief:
    """What the stub understood from the user prompt; every field is optional (prompts get edited)."""

    language: str = "English"
    follow_up: str = ""
    gesture: str = ""
    customer_name: str = ""
    subject: str = ""
    email: str = ""
    orders: list[str] = field(default_factory=list)
    invoices: list[str] = field(default_factory=list)
    amounts: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)


def _line(prompt: str, label: str) -> str:
    match = re.search(rf"^\s*-\s*{re.escape(label)}:\s*(.+?)\s*$", prompt, re.MULTILINE | re.IGNORECASE)
    return match.group(1) if match else ""


WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$", re.IGNORECASE)


def _items(prompt: str, label: str) -> list[str]:
    """The list user.j2 joined with ", ": split on comma-space only ("£3,000" and "62,40 EUR" stay whole),
    and keep "Sunday, November 15" together."""
    value = _line(prompt, label)
    items: list[str] = []
    for item in (part.strip() for part in re.split(r",\s+", value) if part.strip()):
        if items and WEEKDAY.match(items[-1]):
            items[-1] = f"{items[-1]}, {item}"
        else:
            items.append(item)
    return items


def read_brief(prompt: str) -> Brief:
    language = re.search(r"Write the reply in ([A-Za-z]+)", prompt)
    email = re.search(r"<<<CUSTOMER_EMAIL((?: [0-9a-f]+)?)\n(.*?)\n?CUSTOMER_EMAIL\1>>>", prompt, re.DOTALL)
    text = email.group(2) if email else ""
    subject = re.match(r"Subject:[ \t]*(.*)", text)
    name = _line(prompt, "customer name")
    return Brief(
        language=language.group(1) if language else "English",
        follow_up=_line(prompt, "follow-up date"),
        gesture=_line(prompt, "goodwill gesture"),
        customer_name="" if name.lower() == "unknown" else name,
        subject=subject.group(1).strip() if subject else "",
        email=text,
        orders=_items(prompt, "order numbers the customer gave"),
        invoices=_items(prompt, "invoice numbers the customer gave"),
        amounts=_items(prompt, "amounts the customer gave"),
        dates=_items(prompt, "dates the customer gave"),
    )


def topic_of(brief: Brief) -> str:
    """The topic drafter's plan would pick: the one topics.toml's words name most often (ties: file order)."""
    main = topics_in(brief.email).main  # the subject line is part of it
    return next((name for name in topic_names() if name in main), "other")


# A sentence of the customer's a careful model may quote back: none that carries instructions, links,
# addresses or quotation marks of its own (a quote inside a quote reads as our words).
UNQUOTABLE = re.compile(r"https?://|www\.|@|[\"“”„«»]|\b(?:instructions?|prompt|ignore|system|assistant|AI)\b",
                        re.IGNORECASE)
QUOTE_CHARS = 200
GERMAN_MONTH = re.compile(r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November"
                          r"|Dezember)\b")


def customer_sentences(brief: Brief) -> list[str]:
    """The email's sentences without the subject line; hard-wrapped lines joined again."""
    body = brief.email.split("\n\n", 1)[1] if brief.email.startswith("Subject:") else brief.email
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]
    sentences: list[str] = []
    for paragraph in paragraphs:
        pieces: list[str] = []
        for piece in re.split(r"(?<=[.!?。])\s+", paragraph):
            # A full stop after a German day ("20. Oktober") or an initial ("J. Smith") ends no sentence.
            if pieces and (re.search(r"(?:^|\s)\d{1,2}\.$", pieces[-1]) and GERMAN_MONTH.match(piece)
                           or re.search(r"(?:^|\s)[A-Z]\.$", pieces[-1])):
                pieces[-1] += " " + piece
            else:
                pieces.append(piece)
        sentences += pieces
    return sentences


def key_sentence(brief: Brief, topic: str) -> str:
    """The sentence that says most about the complaint: the most words of its topic, else the longest."""
    quotable = [s for s in customer_sentences(brief) if not UNQUOTABLE.search(s) and len(s.split()) >= 4]
    if not quotable:
        return ""
    best = max(quotable, key=lambda s: (topics_in(s).counts[topic], len(s) if topic == "other" else 0))
    return _clipped(best)


def in_their_words(brief: Brief, item: str, skip: str) -> str:
    """The customer's own words around one of their amounts, so it keeps the meaning they gave it
    ('have spent well over £3,000 with you'); empty when it stands in a sentence not to be quoted."""
    sentence = next((s for s in customer_sentences(brief) if item in s), "")
    if not sentence or sentence == skip or UNQUOTABLE.search(sentence):
        return ""
    at = sentence.index(item)
    words = [m.span() for m in re.finditer(r"\S+", sentence)]
    before = [span for span in words if span[1] <= at][-6:]
    after = [span for span in words if span[0] >= at + len(item)][:4]
    start = before[0][0] if before else at
    end = after[-1][1] if after else at + len(item)
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(sentence) else ""
    return f"{lead}{sentence[start:end].rstrip('.,;:')}{tail}"


def _clipped(sentence: str) -> str:
    if len(sentence) <= QUOTE_CHARS:
        return sentence
    return sentence[:QUOTE_CHARS].rsplit(" ", 1)[0] + "…"


# -- writing the six sections --------------------------------------------------------------------

EMPATHY_EN = {
    "delivery": "Waiting for a parcel that does not turn up is really frustrating, especially when you have "
                "planned around it; I would feel exactly the same in your place.",
    "damaged": "Opening a parcel and finding the item damaged is a real letdown, and I would be just as "
               "annoyed if it happened to me.",
    "billing": "Seeing a charge you did not expect is worrying, and I would want a clear answer quickly too.",
    "outage": "When a service you rely on stops working at the worst moment it is stressful, and I would be "
              "frustrated too.",
    "cancellation": "Trying to cancel and running into obstacles is exhausting; I would be just as fed up.",
    "staff": "Being treated like that when you came to us for help is upsetting, and I would feel the same.",
    "other": "I can see why this has been frustrating, and I would feel the same way in your position.",
}
WHAT_EN = {
    "delivery": "the delivery of {your_order} went wrong",
    "damaged": "the item from {your_order} is damaged or faulty",
    "billing": "something is wrong with a charge or a refund{about_order}",
    "outage": "our service stopped working for you when you needed it{about_order}",
    "cancellation": "you have had trouble cancelling{about_order}",
    "staff": "you were not treated the way you should have been when you contacted us{about_order}",
    "other": "something went wrong for you{about_order}",
}
SORRY_EN = {
    "delivery": "I'm sorry we let you down on this delivery, and sorry you had to chase us about it.",
    "damaged": "I'm sorry the item reached you damaged; that should not have happened.",
    "billing": "I'm sorry we got this charge wrong and left you to sort it out.",
    "outage": "I'm sorry our service failed you when you were counting on it.",
    "cancellation": "I'm sorry we made cancelling so hard for you.",
    "staff": "I'm sorry for the way you were spoken to; it is not how we want anyone treated.",
    "other": "I'm sorry we got this wrong.",
}


def _english(brief: Brief, topic: str, pick: Callable[[int], int]) -> dict[str, str]:
    short_subject = brief.subject and len(brief.subject) <= 60 and "://" not in brief.subject
    about = f' about "{brief.subject}"' if short_subject else ""
    first = brief.customer_name.split()[0] if brief.customer_name else ""
    thanks = [
        f"Thank you for writing to us{about} and for taking the time to tell us exactly what happened.",
        f"Thank you for getting in touch{', ' + first if first else ''}, and for explaining the problem "
        "so clearly.",
        "Thanks for letting us know about this; I'm glad you wrote to us directly so we can put it right.",
    ]
    timelines = [
        "I have passed your case to the team responsible and I am looking into it myself. "
        f"I will write to you again by {brief.follow_up} with what we found and what we are doing about it.",
        "I am looking into this personally with the team involved. You will hear from me again by "
        f"{brief.follow_up}, with what happened and what we are doing next.",
    ]
    surprises = [
        f"As a thank-you for your patience, we would like to offer you {brief.gesture}.",
        f"To make up for some of the trouble, we would like to offer you {brief.gesture}.",
    ]
    return {
        "thank": thanks[pick(len(thanks))],
        "empathise": EMPATHY_EN[topic],
        "paraphrase": _paraphrase_en(brief, topic),
        "apologise": SORRY_EN[topic],
        "timeline": timelines[pick(len(timelines))],
        "surprise": surprises[pick(len(surprises))],
    }


def _what_en(brief: Brief, topic: str) -> str:
    orders = _join(brief.orders) if brief.orders else ""
    your_order = f"your order{'s' if len(brief.orders) > 1 else ''} {orders}" if orders else "your order"
    return WHAT_EN[topic].format(your_order=your_order,
                                 about_order=f" (order {orders})" if orders else "")


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _paraphrase_en(brief: Brief, topic: str) -> str:
    """The complaint retold: what went wrong, then the customer's own words for it and for their sums."""
    invoice = f", on invoice {_join(brief.invoices)}" if brief.invoices else ""
    parts = [f"As I understand it, {_what_en(brief, topic)}{invoice}."]
    key = key_sentence(brief, topic)
    if key:
        parts.append(f"In your words: “{key}”")
    said: list[str] = []
    for amount in brief.amounts:
        if amount not in key and not any(amount in words for words in said):
            said += [words] if (words := in_their_words(brief, amount, key)) else []
    if said:
        parts.append(f"You also wrote {_join([f'“{words}”' for words in said])}.")
    dates = [d for d in brief.dates if d not in key]
    if dates:
        parts.append(f"You mentioned {_join(dates)}.")
    return " ".join(parts)


FOREIGN: dict[str, dict[str, str]] = {
    "German": {
        "thank": "Vielen Dank, dass Sie uns geschrieben und so genau erklärt haben, was passiert ist.",
        "empathise": "Ich kann gut verstehen, wie ärgerlich das ist; mir ginge es an Ihrer Stelle genauso.",
        "paraphrase": "Wenn ich Sie richtig verstehe, ist bei Ihnen etwas schiefgelaufen{facts}.",
        "apologise": "Es tut mir leid, dass wir Sie enttäuscht haben.",
        "timeline": "Ich kümmere mich persönlich mit dem zuständigen Team darum und melde mich bis {date} "
                    "wieder bei Ihnen, mit dem, was wir herausgefunden haben.",
        "surprise": "Als kleines Dankeschön für Ihre Geduld möchten wir Ihnen Folgendes anbieten: {gesture}.",
        "order": "Bestellung", "invoice": "Rechnung", "amount": "Betrag", "date": "Datum",
        "quote": " Sie schreiben: „{key}“",
    },
    "French": {
        "thank": "Merci de nous avoir écrit et d'avoir pris le temps de nous expliquer ce qui s'est passé.",
        "empathise": "Je comprends à quel point c'est agaçant ; je ressentirais la même chose à votre place.",
        "paraphrase": "Si je comprends bien, quelque chose ne s'est pas passé comme prévu{facts}.",
        "apologise": "Je suis désolé que nous vous ayons déçu.",
        "timeline": "Je m'en occupe personnellement avec l'équipe concernée et je vous réécrirai d'ici le "
                    "{date} pour vous dire ce que nous avons trouvé.",
        "surprise": "Pour vous remercier de votre patience, nous aimerions vous offrir ceci : {gesture}.",
        "order": "commande", "invoice": "facture", "amount": "montant", "date": "date",
        "quote": " Vous nous écrivez : « {key} »",
    },
    "Spanish": {
        "thank": "Gracias por escribirnos y por tomarse el tiempo de explicarnos lo que pasó.",
        "empathise": "Entiendo lo frustrante que es; yo me sentiría igual en su lugar.",
        "paraphrase": "Si lo entiendo bien, algo no salió como debía{facts}.",
        "apologise": "Siento mucho que le hayamos fallado.",
        "timeline": "Me ocupo personalmente con el equipo responsable y le volveré a escribir antes del "
                    "{date} con lo que hayamos averiguado.",
        "surprise": "Como agradecimiento por su paciencia, nos gustaría ofrecerle lo siguiente: {gesture}.",
        "order": "pedido", "invoice": "factura", "amount": "importe", "date": "fecha",
        "quote": " Nos escribe: «{key}»",
    },
    "Japanese": {
        "thank": "ご連絡いただき、状況を詳しく教えてくださり、ありがとうございます。",
        "empathise": "さぞお困りのことと思います。私も同じ立場なら、同じように感じると思います。",
        "paraphrase": "ご注文の件で問題が起きたと理解しております{facts}。",
        "apologise": "ご迷惑をおかけしてしまい、申し訳ございません。",
        "timeline": "担当チームと一緒に私が責任を持って確認し、{date}までに改めてご連絡いたします。",
        "surprise": "お待たせしているお詫びとして、次のものをご用意いたします: {gesture}。",
        "order": "注文番号", "invoice": "請求書番号", "amount": "金額", "date": "日付",
        "quote": "",
    },
}


def _foreign(brief: Brief, words: dict[str, str]) -> dict[str, str]:
    facts = [f"{words['order']} {n}" for n in brief.orders] + [f"{words['invoice']} {n}" for n in brief.invoices]
    facts += [f"{words['amount']} {a}" for a in brief.amounts] + [f"{words['date']} {d}" for d in brief.dates]
    fact_text = f" ({'; '.join(facts)})" if facts else ""
    sections = {name: words[name].format(facts=fact_text, date=brief.follow_up, gesture=brief.gesture)
                for name in SECTION_NAMES}
    key = key_sentence(brief, topic_of(brief)) if words["quote"] else ""
    if key:
        sections["paraphrase"] += words["quote"].format(key=key)
    return sections


def polite_sections(brief: Brief, seed: bytes) -> dict[str, str]:
    """What a careful model would write, in the customer's language when the stub knows it."""
    counter = iter(range(0, len(seed) - 3, 4))

    def pick(n: int) -> int:  # four bytes per choice: one byte's residues are too few to vary on
        start = next(counter)
        return int.from_bytes(seed[start:start + 4], "big") % n

    if brief.language in FOREIGN:
        return _foreign(brief, FOREIGN[brief.language])
    return _english(brief, topic_of(brief), pick)


# -- repairs, over-promises and obedience ----------------------------------------------------------

QUOTED = re.compile(r"“([^”]{3,})”|\"([^\"]{3,})\"|«\s*([^»]{3,}?)\s*»|(?<!\w)'([^']{3,})'(?!\w)")
SENTENCE = re.compile(r"[^.!?]+[.!?]*\s*")


def quoted_fragments(problems: str) -> list[str]:
    return [next(g for g in match.groups() if g) for match in QUOTED.finditer(problems)]


def without_fragments(text: str, fragments: list[str]) -> str:
    """Drop every sentence that contains a fragment the repair instructions quoted."""
    kept = [s for s in SENTENCE.findall(text) if not any(f.lower() in s.lower() for f in fragments)]
    return "".join(kept).strip()


def _mentioned(item: str, fragments: list[str]) -> bool:
    return any(item.lower() in f.lower() or f.lower() in item.lower() for f in fragments)


def repaired(brief: Brief, seed: bytes, problems: str) -> dict[str, str]:
    """Back to the polite draft without the facts the problems quote, minus any sentence still quoted."""
    fragments = quoted_fragments(problems)
    def keep(items: list[str]) -> list[str]:
        return [item for item in items if not _mentioned(item, fragments)]

    brief = replace(brief, orders=keep(brief.orders), invoices=keep(brief.invoices),
                    amounts=keep(brief.amounts), dates=keep(brief.dates))
    clean = polite_sections(brief, seed)
    fixed = {name: without_fragments(text, fragments) for name, text in clean.items()}
    # A section emptied by the stripping falls back to the plainest wording that still does its job.
    plain = polite_sections(brief, bytes(len(seed)))
    return {name: fixed[name] or plain[name] for name in SECTION_NAMES}


def overpromised(sections: dict[str, str]) -> dict[str, str]:
    out = dict(sections)
    out["timeline"] += " I guarantee this will be fixed within 24 hours and it will never happen again."
    out["surprise"] += " We will also refund your order in full, no questions asked."
    return out


URL = re.compile(r"https?://[^\s<>\"')]+")
ADDRESS = re.compile(r"\b(?:cc|copy|forward|send)\b[^.\n]*?\b([\w.+-]+@[\w-]+\.[\w.-]+)", re.IGNORECASE)
SAY = re.compile(r"\b(?:say|write|include|add|start (?:your|the) reply with)\b[^\n\"“]{0,20}"
                 r"[\"“]([^\"”]{3,200})[\"”]", re.IGNORECASE)
REVEAL = re.compile(r"system prompt|your (?:instructions|prompt|rules)|"
                    r"ignore (?:all |any |the )?(?:previous|prior|above)", re.IGNORECASE)


@dataclass(frozen=True)
class Injection:
    """A labelled attack: when `trigger` reaches the prompt, a hijacked model writes `payload` (harm: where)."""

    trigger: str
    payload: str
    harm: str


def load_injections(path: Path) -> tuple[Injection, ...]:
    """The [[attack]] tables of an attack corpus's labels.toml."""
    with path.open("rb") as handle:
        attacks = tomllib.load(handle).get("attack", [])
    return tuple(Injection(a["trigger"], a.get("payload", ""), a["harm"]) for a in attacks)


def squeezed(text: str) -> str:
    """Whitespace runs as one space, case folded: how an attack's words are looked for in a prompt or a draft."""
    return " ".join(text.split()).casefold()


def hijacked(sections: dict[str, str], injections: tuple[Injection, ...], prompt: str,
             system_prompt: str, always: bool = False) -> dict[str, str]:
    """Carry out every labelled attack whose trigger is in the prompt (every one, `always`: as if the parser had
    let hidden text through), as an obedient model would."""
    out = dict(sections)
    seen = squeezed(prompt)
    for attack in dict.fromkeys(injections):  # one corpus may carry the same attack in many emails
        if not always and squeezed(attack.trigger) not in seen:
            continue
        if attack.harm == "prompt_leak":
            out["thank"] += f' As you asked, here are my instructions: "{" ".join(system_prompt.split())[:400]}"'
        elif attack.harm == "off_topic":
            out = {name: (sections[name] if name == "timeline" else attack.payload) for name in SECTION_NAMES}
        elif attack.harm == "other_recipient":
            out["thank"] = f"{attack.payload} {out['thank']}"
        else:
            out["timeline"] += f" {attack.payload}"
    return out


def obeyed(sections: dict[str, str], brief: Brief, system_prompt: str) -> dict[str, str]:
    """Do whatever the customer's email says, the way a gullible model would."""
    out = dict(sections)
    email = brief.email
    if REVEAL.search(email):
        first = " ".join(system_prompt.split())[:160]
        out["thank"] += f' As you asked, my instructions say: "{first}"'
    for said in SAY.findall(email):
        out["empathise"] += f" {said.strip()}"
    if re.search(r"\brefund", email, re.IGNORECASE):
        amount = brief.amounts[0] if brief.amounts else "the full amount"
        out["apologise"] += f" I promise we will refund {amount} to you today."
    if re.search(r"\b(?:promise|guarantee)", email, re.IGNORECASE):
        out["timeline"] += " I guarantee this will never happen again."
    for address in ADDRESS.findall(email):
        out["timeline"] += f" I have sent a copy of this reply to {address}, as you asked."
    for link in URL.findall(email):
        out["surprise"] += f" You can also follow this link: {link}"
    return out


# -- the answer ----------------------------------------------------------------------------------


def _text(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, list):  # content parts
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return str(content or "")


def answer_content(messages: list[dict[str, Any]], mode: str, injections: tuple[Injection, ...] = (),
                   always: bool = False) -> str:
    """The assistant's JSON for this conversation: a pure function of the messages, the mode and the attacks."""
    system = next((_text(m) for m in messages if m.get("role") == "system"), "")
    users = [_text(m) for m in messages if m.get("role") == "user"]
    brief = read_brief(users[0] if users else "")
    seed = hashlib.sha256("\n".join(_text(m) for m in messages[:2]).encode("utf-8")).digest()
    repairing = len(users) > 1 and REPAIR_MARKER in users[-1]
    if mode == "obey":
        sections = obeyed(polite_sections(brief, seed), brief, system)
        sections = hijacked(sections, injections, users[0] if users else "", system, always)
    elif repairing:
        sections = repaired(brief, seed, users[-1])
    elif mode == "overpromise-once":
        sections = overpromised(polite_sections(brief, seed))
    else:
        sections = polite_sections(brief, seed)
    return json.dumps({name: sections[name] for name in SECTION_NAMES}, ensure_ascii=False)


def tokens(text: str) -> int:
    return max(1, round(len(text) / 4))


def completion(payload: dict[str, Any], mode: str, injections: tuple[Injection, ...] = (),
               always: bool = False) -> dict[str, Any]:
    """An OpenAI chat.completion; cut off (finish_reason=length) beyond max_tokens, like a real server."""
    messages = payload.get("messages") or []
    content = answer_content(messages, mode, injections, always)
    finish = "stop"
    limit = payload.get("max_completion_tokens") or payload.get("max_tokens")
    if isinstance(limit, int) and tokens(content) > limit:
        content, finish = content[: limit * 4], "length"
    prompt_tokens = sum(tokens(_text(m)) for m in messages)
    completion_tokens = tokens(content)
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()
    return {
        "id": f"chatcmpl-stub-{digest[:24]}",
        "object": "chat.completion",
        "created": 0,  # no clock: the same request always gets byte-identical answers
        "model": f"drafter-stub-{mode}",
        "system_fingerprint": FINGERPRINT,
        "choices": [{"index": 0, "finish_reason": finish, "logprobs": None,
                     "message": {"role": "assistant", "content": content, "refusal": None}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


# -- the server ----------------------------------------------------------------------------------


def _error(status: int, message: str, kind: str = "invalid_request_error") -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": kind, "param": None, "code": None}},
                        status_code=status)


def create_app(mode: str = "polite", latency_ms: float = 0.0, injections: tuple[Injection, ...] = ()) -> Starlette:
    """The ASGI app; each request waits `latency_ms` with an async sleep, so hundreds can wait at once."""
    if mode not in MODES:
        raise ValueError(f"unknown stub mode {mode!r} (use one of: {', '.join(MODES)})")

    async def chat(request: Request) -> JSONResponse:
        try:
            payload = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return _error(400, "the request body is not valid JSON")
        messages = payload.get("messages") if isinstance(payload, dict) else None
        if not messages or not isinstance(messages, list):
            return _error(400, "'messages' must be a non-empty list")
        if payload.get("stream"):
            return _error(400, "the stub does not stream; send stream=false")
        if latency_ms:
            await asyncio.sleep(latency_ms / 1000)
        return JSONResponse(completion(payload, mode, injections))

    async def models(request: Request) -> JSONResponse:
        return JSONResponse({"object": "list", "data": [
            {"id": f"drafter-stub-{mode}", "object": "model", "created": 0, "owned_by": OWNER}]})

    async def not_found(request: Request, exc: Exception) -> JSONResponse:
        return _error(404, f"no route {request.method} {request.url.path} (the stub serves "
                           "POST /v1/chat/completions and GET /v1/models)", "not_found_error")

    return Starlette(
        routes=[Route("/v1/chat/completions", chat, methods=["POST"]),
                Route("/v1/models", models, methods=["GET"])],
        exception_handlers={404: not_found},
    )


@contextlib.contextmanager
def serving(mode: str = "polite", latency_ms: float = 0.0, host: str = "127.0.0.1",
            injections: tuple[Injection, ...] = ()) -> Iterator[str]:
    """Run the stub on a free loopback port in a background thread; yields its base URL (…/v1)."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    config = uvicorn.Config(create_app(mode, latency_ms, injections), log_level="warning", access_log=False,
                            lifespan="off", ws="none", backlog=2048)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the stub model server did not start")
            time.sleep(0.01)
        yield f"http://{host}:{sock.getsockname()[1]}/v1"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def main(argv: list[str] | None = None) -> None:
    import uvicorn

    parser = argparse.ArgumentParser(prog="python -m drafter.replay.stub_model", description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8900)
    parser.add_argument("--latency-ms", type=float, default=0.0, help="fixed delay before every answer")
    parser.add_argument("--mode", choices=MODES, default="polite")
    parser.add_argument("--obey-labels", type=Path, help="an attack corpus's labels.toml: carry out its attacks")
    args = parser.parse_args(argv)
    injections = load_injections(args.obey_labels) if args.obey_labels else ()
    print(f"drafter stub model ({args.mode}, {args.latency_ms:g} ms) on http://{args.host}:{args.port}/v1 "
          "- not a real model", flush=True)
    uvicorn.run(create_app(args.mode, args.latency_ms, injections), host=args.host, port=args.port,
                log_level="warning", access_log=False, backlog=2048)


if __name__ == "__main__":
    main()
