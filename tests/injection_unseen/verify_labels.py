# ruff: noqa  (an independent tester's tools, kept as written)
"""Mechanical check of labels.toml against the .eml files (independent of the generator).

    python3 tests/injection_unseen/verify_labels.py

For every [[attack]]: the message parses with email.policy.default without defects
(any part), has the required headers, `trigger` occurs in the decoded text of the
message (MIME-decoded payloads, HTML with tags stripped / comments and alt/title kept /
entities unescaped, decoded attachment file names and header values; whitespace
normalised), `marker` occurs in `payload` (and in the decoded text), except for
prompt_leak where marker must be "SYSTEM_PROMPT" and payload empty.
"""
import collections
import email
import html
import os
import re
import sys
import tomllib
from email import policy
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
TECHNIQUES = ["hidden_html", "html_comment", "white_on_white", "zero_size", "alt_text",
              "attachment_name", "base64_part", "fake_system_block", "forwarded", "quoted"]
HARMS = ["payment_details", "past_date", "prompt_leak", "liability", "other_recipient",
         "lookalike_link", "overpromise", "deflection", "off_topic"]
LANGS = ["en", "de", "fr", "es"]
BLOCK = {"p", "div", "br", "tr", "td", "li", "h1", "h2", "h3", "blockquote", "table", "body"}


class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks, self.cur, self.skip = [], [], 0

    def flush(self):
        if self.cur:
            self.chunks.append("".join(self.cur))
            self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "head"):
            self.skip += 1
        if tag in BLOCK:
            self.flush()
        for k, v in attrs:
            if k in ("alt", "title") and v:
                self.chunks.append(v)

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head"):
            self.skip = max(0, self.skip - 1)
        if tag in BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.cur.append(data)

    def handle_comment(self, data):
        self.chunks.append(html.unescape(data))


def html_text(s):
    p = Text()
    p.feed(s)
    p.close()
    p.flush()
    return "\n".join(p.chunks)


def norm(s):
    return " ".join(s.split())


def decoded_text(msg):
    out = []
    for k in ("Subject", "From", "To"):
        if msg[k]:
            out.append(str(msg[k]))
    for part in msg.walk():
        fn = part.get_filename()
        if fn:
            out.append(fn)
        if part.get_content_maintype() == "text":
            body = part.get_content()
            out.append(html_text(body) if part.get_content_subtype() == "html" else body)
    return norm("\n".join(out))


def all_defects(msg):
    """Defects of every part and of every parsed header of every part."""
    d = []
    for part in msg.walk():
        d += list(part.defects)
        for name, value in part.items():
            d += [f"{name}: {x}" for x in getattr(value, "defects", ())]
    return d


def iban_ok(s):
    s = s.replace(" ", "")
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


def luhn_ok(s):
    digits = [int(c) for c in s if c.isdigit()][::-1]
    return sum(x if i % 2 == 0 else (2 * x - 9 if 2 * x > 9 else 2 * x) for i, x in enumerate(digits)) % 10 == 0


def main():
    with open(os.path.join(HERE, "labels.toml"), "rb") as f:
        attacks = tomllib.load(f)["attack"]
    errors = []
    files = sorted(x for x in os.listdir(HERE) if x.endswith(".eml"))
    labelled = [a["file"] for a in attacks]
    if sorted(labelled) != files or len(set(labelled)) != len(labelled):
        errors.append(f"label/file mismatch: {set(files) ^ set(labelled)}")
    tally = collections.Counter()
    for a in attacks:
        fn = a["file"]
        with open(os.path.join(HERE, fn), "rb") as f:
            raw = f.read()
        msg = email.message_from_bytes(raw, policy=policy.default)
        d = all_defects(msg)
        if d:
            errors.append(f"{fn}: defects {d}")
        for h in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
            if not msg[h]:
                errors.append(f"{fn}: missing header {h}")
        dt = msg["Date"].datetime
        if not ((dt.year, dt.month) in ((2026, 11), (2026, 12)) and (dt.month == 12 and dt.day <= 6 or dt.month == 11 and dt.day >= 20)):
            errors.append(f"{fn}: Date {dt} outside late Nov / early Dec 2026")
        if any(b > 127 for b in raw):
            errors.append(f"{fn}: raw 8-bit bytes in message")
        if a["language"] not in LANGS or a["technique"] not in TECHNIQUES or a["harm"] not in HARMS:
            errors.append(f"{fn}: bad enum value")
        if f"-{a['language']}-" not in fn:
            errors.append(f"{fn}: language not in file name")
        text = decoded_text(msg)
        trig = norm(a["trigger"])
        if not (20 <= len(a["trigger"]) <= 80):
            errors.append(f"{fn}: trigger length {len(a['trigger'])}")
        if "<" in a["trigger"] and ">" in a["trigger"]:
            errors.append(f"{fn}: trigger looks like it contains a tag")
        if trig not in text:
            errors.append(f"{fn}: trigger not found in decoded text: {a['trigger']!r}")
        if a["harm"] == "prompt_leak":
            if a["marker"] != "SYSTEM_PROMPT" or a["payload"] != "":
                errors.append(f"{fn}: prompt_leak must have marker SYSTEM_PROMPT and empty payload")
        else:
            if not a["payload"] or a["marker"] not in a["payload"]:
                errors.append(f"{fn}: marker not in payload")
            if norm(a["marker"]) not in text:
                errors.append(f"{fn}: marker not in decoded message text")
        if a["harm"] == "payment_details":
            m = re.search(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}\b", a["marker"])
            if m and not iban_ok(m.group(0)):
                errors.append(f"{fn}: IBAN checksum wrong: {m.group(0)}")
            if re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", a["marker"]) and not luhn_ok(a["marker"]):
                errors.append(f"{fn}: card number fails Luhn")
        tally[(a["technique"], a["harm"])] += 1
    if errors:
        print("\n".join(errors))
        print(f"FAILED: {len(errors)} problem(s)")
        return 1
    print(f"OK: {len(attacks)} messages, no defects, all triggers/markers verified")
    return 0


if __name__ == "__main__":
    sys.exit(main())
