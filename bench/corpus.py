"""A seeded generator of complaint emails of mixed sizes and MIME shapes, for benchmarks and size tests.

Every email is a pure function of (seed, index): the same corpus on every machine and run, random
access, and nothing held in memory unless the caller keeps it. `python -m bench.corpus DIR` writes
the corpus as .eml files for other tools.
"""

from __future__ import annotations

import argparse
import base64
import quopri
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_COUNT = 10_000
DEFAULT_SEED = 8

# (shape, weight): roughly what a support inbox sees; automated mail is a small share but must be there.
SHAPES: tuple[tuple[str, int], ...] = (
    ("plain", 26),
    ("plain_qp", 8),
    ("plain_base64", 5),
    ("alternative", 22),
    ("html_only", 7),
    ("mixed_attachments", 12),
    ("legacy_charset", 7),
    ("reply_quoted", 10),
    ("automated", 3),
)
# (size class, weight, smallest, largest) in bytes of the whole raw email.
SIZES: tuple[tuple[str, int, int, int], ...] = (
    ("small", 60, 1_000, 8_000),
    ("medium", 25, 8_000, 50_000),
    ("large", 15, 50_000, 200_000),
)
HUGE = ("huge", 1_000_000, 5_000_000)
HUGE_EVERY = 1_000  # index % HUGE_EVERY == HUGE_EVERY - 1 is huge: exactly 10 in 10,000, spread out

FIRST_NAMES = ("Jane", "Amir", "Chloé", "Jürgen", "Mia", "Kenji", "Olu", "Sofía", "Piotr", "Grace", "Lars",
               "Priya")
LAST_NAMES = ("Doe", "Haddad", "Lefèvre", "Müller", "Rossi", "Tanaka", "Adeyemi", "García", "Nowak", "Kim")
DOMAINS = ("customer.example", "mail.example", "inbox.example.org", "post.example.net")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

OPENERS = (
    "My order #{order} for {amount} has still not arrived, although it was due on {date}.",
    "I was charged {amount} twice on invoice INV-{invoice} and nobody has refunded the second charge.",
    "The blender from order #{order} arrived broken on {date}; the jug was cracked right through.",
    "Your service was down for most of {date} and I lost a day of work because of it.",
    "I cancelled my subscription on {date} but you charged me {amount} again this month.",
    "The agent I spoke to on {date} was rude and hung up on me when I asked about order #{order}.",
)
SENTENCES = (
    "I have written to you three times now and nobody answers my messages.",
    "This is not the first time something like this has happened with your company.",
    "I paid for express delivery precisely so that this would not happen.",
    "My daughter's birthday was the whole reason I ordered it, and now it is too late.",
    "The tracking page has said 'in transit' for eleven days without any update at all.",
    "I would like to know what you are going to do about it and when.",
    "I spent forty minutes on hold yesterday before the line simply went dead.",
    "Frankly I expected much better after being a customer for six years.",
    "Please do not send me another automated answer that ignores what I wrote.",
    "The invoice lists items I never ordered and a delivery fee I was told was waived.",
    "When the parcel finally came, the box was soaked and the contents were ruined.",
    "I have attached photos of the damage and a copy of my bank statement.",
    "Your chat assistant kept sending me links to articles that do not answer my question.",
    "I am considering cancelling everything and telling my friends to avoid your shop.",
)
SIGNATURES = ("Jane", "Best regards,\nAmir Haddad", "--\nChloé Lefèvre\n+33 6 12 34 56 78",
              "Sent from my iPhone", "Thanks,\nMia",
              "-- \nPiotr Nowak\nNowak Carpentry Ltd.\nul. Długa 5, Kraków")
# Legacy charsets with text each can actually encode: (charset, language text).
LEGACY = (
    ("iso-8859-1", "Meine Bestellung ist nicht angekommen. Ich bin sehr enttäuscht über Ihren Kundendienst, "
                   "und niemand antwortet auf meine Nachrichten. Bitte erklären Sie mir, was los ist."),
    ("windows-1252", "Ma commande n\u2019est jamais arrivée \u2013 j\u2019ai payé 49,99 \u20ac pour la "
                     "livraison express. C\u2019est inadmissible, et personne ne répond à mes courriels."),
    ("iso-8859-2", "Moje zamówienie nie dotarło. Zapłaciłem za szybką dostawę i nikt nie odpowiada na moje "
                   "wiadomości. Proszę o wyjaśnienie, co się stało z przesyłką."),
    ("koi8-r", "Мой заказ так и не пришёл. Я заплатил за экспресс-доставку, и никто не отвечает на мои "
               "письма. Пожалуйста, объясните, что случилось."),
    ("shift_jis", "注文した商品がまだ届きません。速達料金を支払ったのに、問い合わせにも返事がありません。"
                  "どうなっているのか説明してください。"),
)


@dataclass(frozen=True)
class CorpusEmail:
    index: int
    shape: str
    size_class: str
    target_bytes: int
    raw: bytes


def corpus(count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED) -> Iterator[CorpusEmail]:
    """The corpus, one email at a time (generate, use, drop: the 10,000 emails are ~250 MB together)."""
    for index in range(count):
        yield make_email(index, seed)


def make_email(index: int, seed: int = DEFAULT_SEED) -> CorpusEmail:
    rng = random.Random(f"{seed}:{index}")
    shape = rng.choices([s for s, _ in SHAPES], weights=[w for _, w in SHAPES])[0]
    if index % HUGE_EVERY == HUGE_EVERY - 1:
        size_class, lo, hi = HUGE
    else:
        size_class, _, lo, hi = rng.choices(SIZES, weights=[w for _, w, _, _ in SIZES])[0]
    target = rng.randint(lo, hi)
    raw = BUILDERS[shape](_Writer(rng, index), target)
    return CorpusEmail(index=index, shape=shape, size_class=size_class, target_bytes=target, raw=raw)


def write_corpus(directory: Path, count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in corpus(count, seed):
        path = directory / f"{item.index:05d}-{item.shape}-{item.size_class}.eml"
        path.write_bytes(item.raw)
        paths.append(path)
    return paths


# -- the words ------------------------------------------------------------------------------------


class _Writer:
    """Plausible complaint text and headers, all drawn from one seeded random source."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng = rng
        self.index = index
        self.first = rng.choice(FIRST_NAMES)
        self.last = rng.choice(LAST_NAMES)
        self.address = f"{self.first.lower().replace('é', 'e').replace('ü', 'u').replace('í', 'i')}." \
                       f"{self.last.lower().replace('è', 'e').replace('ü', 'u').replace('í', 'i')}" \
                       f"{index}@{rng.choice(DOMAINS)}"

    def opener(self) -> str:
        rng = self.rng
        return rng.choice(OPENERS).format(
            order=f"{rng.choice('ABCDEFK')}-{rng.randint(10000, 99999)}",
            amount=f"${rng.randint(5, 900)}.{rng.randint(0, 99):02d}",
            invoice=rng.randint(100000, 999999),
            date=f"{rng.randint(1, 28)} {rng.choice(MONTHS)}",
        )

    def paragraphs(self, size: int) -> list[str]:
        """Paragraphs of complaint prose adding up to about `size` characters."""
        out = [self.opener()]
        total = len(out[0])
        while total < size:
            paragraph = " ".join(self.rng.choice(SENTENCES) for _ in range(self.rng.randint(2, 6)))
            out.append(paragraph)
            total += len(paragraph) + 2
        return out

    def text(self, size: int) -> str:
        greeting = self.rng.choice(("Hello,", "Hi there,", "Dear Support,", "To whom it may concern,"))
        body = "\n\n".join(wrap(p) for p in self.paragraphs(size))
        return f"{greeting}\n\n{body}\n\n{self.rng.choice(SIGNATURES)}\n"

    def html(self, size: int) -> str:
        paragraphs = "\n".join(f'<p style="margin:0 0 1em 0">{_escape(p)}</p>' for p in self.paragraphs(size))
        return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                "<style>p{font-family:Arial}</style></head>"
                f"<body><div dir=\"ltr\">\n<p>Hello,</p>\n{paragraphs}\n<p>{_escape(self.first)}</p></div>"
                "</body></html>\n")

    def headers(self, subject: str | None = None, extra: tuple[str, ...] = ()) -> str:
        rng, n = self.rng, self.index
        name = f"{self.first} {self.last}"
        display = _encoded_word(name) if not name.isascii() or rng.random() < 0.1 else f'"{name}"'
        subject = subject or rng.choice(("Where is my order?", "Charged twice!!", "Broken on arrival",
                                         "Complaint about your service", "Réclamation : commande en retard",
                                         "Beschwerde: Lieferung fehlt", "Refund still missing"))
        if not subject.isascii():
            subject = _encoded_word(subject)
        lines = [
            f"Received: from mx{rng.randint(1, 9)}.{rng.choice(DOMAINS)}"
            f" (mx.example [192.0.2.{rng.randint(1, 254)}])"
            f"\r\n\tby mail.support.example with ESMTPS id {rng.getrandbits(48):x}"
            "\r\n\tfor <support@example.com>;"
            f" Fri, 20 Nov 2026 09:{n % 60:02d}:00 +0000",
            f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={self.address.split('@')[1]}; s=s1;\r\n"
            f"\tbh={base64.b64encode(rng.randbytes(32)).decode()};\r\n"
            f"\tb={base64.b64encode(rng.randbytes(96)).decode()}",
            f"From: {display} <{self.address}>",
            "To: Example Support <support@example.com>",
            f"Subject: {subject}",
            f"Date: Fri, 20 Nov 2026 {9 + n % 8:02d}:{n % 60:02d}:{n % 53:02d} +0100",
            f"Message-ID: <bench.{n}.{rng.getrandbits(40):x}@{self.address.split('@')[1]}>",
            "MIME-Version: 1.0",
        ]
        if rng.random() < 0.15:
            lines.append(f"Reply-To: {self.first} <reply.{self.address}>")
        lines.extend(extra)
        return "\r\n".join(lines) + "\r\n"


def wrap(paragraph: str, width: int = 76) -> str:
    """Greedy word wrap (textwrap is needlessly slow on the multi-megabyte bodies)."""
    lines, line = [], ""
    for word in paragraph.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _encoded_word(text: str) -> str:
    return f"=?utf-8?b?{base64.b64encode(text.encode()).decode()}?="


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def _qp(data: bytes) -> str:
    return quopri.encodestring(data).decode("ascii")


def _b64(data: bytes) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return "\n".join(encoded[i:i + 76] for i in range(0, len(encoded), 76)) + "\n"


def _part(content_type: str, encoding: str, payload: str, extra: str = "") -> str:
    return f"Content-Type: {content_type}\nContent-Transfer-Encoding: {encoding}\n{extra}\n{payload}"


def _multipart(subtype: str, boundary: str, parts: list[str]) -> str:
    inner = "".join(f"--{boundary}\n{part}\n" for part in parts)
    return f"Content-Type: multipart/{subtype}; boundary=\"{boundary}\"\n\nThis is a MIME message.\n\n" \
           f"{inner}--{boundary}--\n"


# -- the shapes -----------------------------------------------------------------------------------
# Each builder returns the whole raw email of about `size` bytes. Sizes count the encoded form, so
# base64 parts get 3/4 of the budget as content.


def _plain(w: _Writer, size: int) -> bytes:
    body = w.text(size)
    return (w.headers() + _crlf(_part("text/plain; charset=utf-8", "8bit", body))).encode()


def _plain_qp(w: _Writer, size: int) -> bytes:
    body = _qp(w.text(int(size * 0.9)).encode())
    return (w.headers() + _crlf(_part("text/plain; charset=utf-8", "quoted-printable", body))).encode()


def _plain_base64(w: _Writer, size: int) -> bytes:
    body = _b64(w.text(int(size * 0.72)).encode())
    return (w.headers() + _crlf(_part("text/plain; charset=utf-8", "base64", body))).encode()


def _alternative(w: _Writer, size: int) -> bytes:
    text = w.text(int(size * 0.35))
    html = _qp(w.html(int(size * 0.35)).encode())
    boundary = f"alt-{w.rng.getrandbits(64):016x}"
    body = _multipart("alternative", boundary, [
        _part("text/plain; charset=utf-8", "quoted-printable", _qp(text.encode())),
        _part("text/html; charset=utf-8", "quoted-printable", html),
    ])
    return (w.headers() + _crlf(body)).encode()


def _html_only(w: _Writer, size: int) -> bytes:
    html = w.html(int(size * 0.8))
    encoding, payload = ("base64", _b64(html.encode())) if w.rng.random() < 0.3 else ("8bit", html)
    return (w.headers() + _crlf(_part("text/html; charset=utf-8", encoding, payload))).encode()


def _mixed_attachments(w: _Writer, size: int) -> bytes:
    rng = w.rng
    text = w.text(min(3_000, size // 4))
    budget = max(0, size - len(text) - 1_500)
    count = rng.randint(1, 3)
    boundary = f"mix-{rng.getrandbits(64):016x}"
    parts = [_part("text/plain; charset=utf-8", "quoted-printable", _qp(text.encode()))]
    for number in range(count):
        kind, name = rng.choice((("image/jpeg", "photo{}.jpg"), ("application/pdf", "receipt{}.pdf"),
                                 ("image/png", "Screenshot 2026-11-1{} at 10.02.png")))
        data = rng.randbytes(int(budget / count * 0.74))
        parts.append(_part(f'{kind}; name="{name.format(number)}"', "base64", _b64(data),
                           f'Content-Disposition: attachment; filename="{name.format(number)}"\n'))
    return (w.headers() + _crlf(_multipart("mixed", boundary, parts))).encode()


def _legacy_charset(w: _Writer, size: int) -> bytes:
    charset, sentence = w.rng.choice(LEGACY)
    repeats = max(1, size // max(1, len(sentence.encode(charset))))
    text = "\n\n".join(wrap(sentence) for _ in range(repeats)) + f"\n\n{w.first}\n"
    encoding = w.rng.choice(("8bit", "quoted-printable", "base64"))
    data = text.encode(charset, errors="replace")  # a name the charset lacks becomes "?"
    payload = {"8bit": lambda: data.decode("latin-1"), "quoted-printable": lambda: _qp(data),
               "base64": lambda: _b64(data)}[encoding]()
    raw = w.headers() + _crlf(_part(f"text/plain; charset={charset}", encoding, payload))
    return raw.encode("latin-1")  # 8bit legacy payloads are already bytes-as-latin-1


def _reply_quoted(w: _Writer, size: int) -> bytes:
    rng = w.rng
    new = w.text(min(2_000, size // 5))
    history, depth = [], 1
    while sum(len(h) for h in history) < size - len(new) - 1_500:
        who = "Example Support <support@example.com>" if depth % 2 else f"{w.first} <{w.address}>"
        block = "\n".join(wrap(p) for p in w.paragraphs(rng.randint(300, 3_000)))
        prefix = "> " * depth
        quoted = "\n".join(prefix + line if line else prefix.rstrip() for line in block.splitlines())
        attribution = f"{'> ' * (depth - 1)}On Mon, {depth} Nov 2026 at 10:0{depth % 10}, {who} wrote:"
        history.append(f"{attribution}\n{quoted}")
        depth = depth % 6 + 1
    references = " ".join(f"<thread.{w.index}.{i}@example.com>" for i in range(rng.randint(1, 4)))
    extra = (f"In-Reply-To: <thread.{w.index}.0@example.com>", f"References: {references}")
    body = f"{new}\n" + "\n\n".join(history) + "\n"
    return (w.headers("Re: Re: " + rng.choice(("Where is my order?", "Your case 4471", "Refund")), extra)
            + _crlf(_part("text/plain; charset=utf-8", "8bit", body))).encode()


def _automated(w: _Writer, size: int) -> bytes:
    rng = w.rng
    if rng.random() < 0.5:
        extra = ("Auto-Submitted: auto-replied", "X-Autoreply: yes")
        body = "I am out of the office until 30 November with no access to email.\n" + w.text(size // 2)
        return (w.headers("Automatic reply: Where is my order?", extra)
                + _crlf(f"Content-Type: text/plain; charset=utf-8\n\n{body}")).encode()
    boundary = f"dsn-{rng.getrandbits(64):016x}"
    original = w.text(max(200, size - 1_200))
    report = _multipart("report; report-type=delivery-status", boundary, [
        _part("text/plain; charset=us-ascii", "7bit", "Delivery to this recipient failed permanently.\n"),
        "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\n"
        "Final-Recipient: rfc822; nobody@example.com\nAction: failed\nStatus: 5.1.1\n",
        f"Content-Type: text/rfc822-headers\n\nFrom: support@example.com\nSubject: Re: order\n\n{original}",
    ])
    headers = w.headers("Undelivered Mail Returned to Sender").replace(
        f"<{w.address}>", "<MAILER-DAEMON@mx.example>", 1)
    return (headers + _crlf(report)).encode()


BUILDERS = {
    "plain": _plain, "plain_qp": _plain_qp, "plain_base64": _plain_base64, "alternative": _alternative,
    "html_only": _html_only, "mixed_attachments": _mixed_attachments, "legacy_charset": _legacy_charset,
    "reply_quoted": _reply_quoted, "automated": _automated,
}


# -- bodies of an exact size, for the linearity checks ---------------------------------------------

FLAVOURS = ("prose", "long_line", "html", "quoted", "facts_dense", "whitespace")


def sized_email(size: int, flavour: str = "prose", seed: int = DEFAULT_SEED) -> bytes:
    """One email whose decoded body is about `size` bytes of one adversarial kind of text.

    prose: wrapped paragraphs; long_line: one line with no newline (QP-encoded so the wire stays legal);
    html: nested markup; quoted: thousands of "> " lines; facts_dense: order numbers, amounts and dates
    everywhere; whitespace: long runs of spaces and tabs between words.
    """
    rng = random.Random(f"{seed}:sized:{flavour}")
    w = _Writer(rng, 0)
    if flavour == "prose":
        return _headers_only(w) + _body("text/plain", "8bit", w.text(size))
    if flavour == "long_line":
        line = " ".join(rng.choice(SENTENCES) for _ in range(size // 60 + 1))[:size]
        return _headers_only(w) + _body("text/plain", "quoted-printable", _qp(f"Hello,\n{line}".encode()))
    if flavour == "html":
        cell = "<div><span><b>{}</b></span></div>"
        html = "".join(cell.format(_escape(rng.choice(SENTENCES))) for _ in range(size // 108 + 1))
        return _headers_only(w) + _body("text/html", "8bit", wrap_html(f"<html><body>{html}</body></html>"))
    if flavour == "quoted":
        new = "My order #A-10234 has not arrived.\n\nOn Mon, 2 Nov 2026 at 10:00, Support <s@example.com>" \
              " wrote:\n"
        lines = [f"{'> ' * (i % 5 + 1)}{rng.choice(SENTENCES)}" for i in range(size // 83 + 1)]
        return _headers_only(w) + _body("text/plain", "8bit", new + "\n".join(lines) + "\n")
    if flavour == "facts_dense":
        words = [f"#A-{rng.randint(10000, 99999)} ${rng.randint(1, 999)}.99 on {rng.randint(1, 28)} November"
                 for _ in range(size // 32 + 1)]
        return _headers_only(w) + _body("text/plain", "8bit", wrap(" ".join(words)) + "\n")
    if flavour == "whitespace":
        words = [rng.choice(("order", "late", "refund", "broken")) + " " * rng.randint(1, 200) + "\t"
                 for _ in range(size // 57 + 1)]
        return _headers_only(w) + _body("text/plain", "8bit", wrap("".join(words)) + "\n")
    raise ValueError(f"unknown flavour {flavour!r} (choose from {', '.join(FLAVOURS)})")


def wrap_html(html: str) -> str:
    """Break markup between blocks so no wire line exceeds the RFC 5322 limit of 998 characters."""
    return html.replace("</div>", "</div>\n")


def _headers_only(w: _Writer) -> bytes:
    return w.headers("Where is my order?").encode()


def _body(content_type: str, encoding: str, payload: str) -> bytes:
    return _crlf(_part(f"{content_type}; charset=utf-8", encoding, payload)).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the benchmark corpus as .eml files.")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    paths = write_corpus(args.directory, args.count, args.seed)
    total = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} emails, {total / 1e6:.1f} MB, to {args.directory}")


if __name__ == "__main__":
    main()
