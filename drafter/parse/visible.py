"""The text-level reply splitter: what the customer wrote now, apart from quoted history and signature.

Works on plain text (a text/plain body, or HTML already turned into text with its quote containers
rendered as ">" lines). One pass over the lines with a few lines of look-ahead, so it is linear in
the length of the text: no regular expression here ever sees more than one short window of lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class VisibleText:
    """A reply cut in three: the new text, the sender's signature (None when absent) and the history."""

    body: str
    signature: str | None
    quoted: str


# Verbs that end an attribution line ("On ... wrote:", "Am ... schrieb X:", "Le ... a écrit :").
_WROTE = (
    r"wrote|writes|schrieb|geschrieben|a\s+écrit|a\s+ecrit|escribió|escribio|ha\s+escrito|schreef|"
    r"het\s+volgende\s+geschreven|ha\s+scritto|scrisse|escreveu|skrev|kirjoitti|napisał(?:\(a\)|a)?|pisze|"
    r"napsal(?:\(a\))?|написал(?:\(а\)|а)?|yazdı|írta|a\s+scris"
)
# The verb, then at most a name, an address or a time, then the closing colon (full-width in CJK).
_ATTRIBUTION = re.compile(
    rf"(?:(?:^|[\s>\"')])(?:{_WROTE})(?:\s.{{0,160}}?)?|写道|님이\s*작성|のメール)\s*[:：]\s*$", re.IGNORECASE
)
# "On Wed, 14 Nov 2018 08:14:43 -0200 John Doe <john@doe.com> wrote" (some clients drop the colon).
_ATTRIBUTION_NO_COLON = re.compile(rf"(?:^|[\s>\"')])(?:{_WROTE})\s*$", re.IGNORECASE)
# Words an attribution starts with in the clients we know (en, de, fr, es, nl, it, pt, sv, da/no, pl, cs).
_ATTRIBUTION_LEAD = re.compile(
    r"^(?:(?:on|am|le|el|op|il|in\s+data|em|den|på|w\s+dniu|dne)\b|\d)", re.IGNORECASE
)
# No verb at all: "2026-11-12 10:00 GMT+01:00 Support <support@example.com>:" (older Gmail in some
# locales), "ср, 30 апр. 2025 г. в 15:19, Support <support@example.com>:" — a dated line ending in an address.
_ADDRESS_COLON = re.compile(r"[<(][^<>()\s@]+@[^<>()\s]+[>)]\s*[:：]\s*$")
_TIME_OR_YEAR = re.compile(r"\d{1,2}[:.h]\d{2}|(?:19|20)\d{2}|\d{4}年")
# What makes an attribution certain enough to cut everything after it: a time of day or an address.
_ATTRIBUTION_EVIDENCE = re.compile(r"\d{1,2}[:.h]\d{2}|@|\d{4}-\d{2}-\d{2}")
# The second half of a wrapped attribution: "<support@example.com> wrote:", "a écrit :", "wrote:".
_CONTINUATION = re.compile(rf"^(?:[<(]|[^\s<>()]+@[^\s<>()]+[>)]|(?:{_WROTE})\b)", re.IGNORECASE)

_QUOTE_HEADER_MAX_LINES = 4
_QUOTE_HEADER_MAX_CHARS = 400

# "-----Original Message-----", "-------- Forwarded Message --------", "---------- Weitergeleitete Nachricht ---------".
_SEPARATOR = re.compile(r"^\s*[-=]{2,}\s*([^-=\s].{1,200}?)\s*[-=]{2,}\s*$")
_SEPARATOR_WORDS = re.compile(
    r"original|ursprünglich|origine|oorspronkelijk|originale|opprinnelig|oprindelig|ursprungligt|"
    r"alkuperäinen|forward|weitergeleitet|transféré|transfere|reenviad|doorgestuurd|inoltrat|"
    r"encaminhad|reencaminhad|vidarebefordra|videresend|message|nachricht|mensaje|bericht|messaggio|"
    r"mensagem|meddelande|melding|meddelelse|viesti|wiadomość|besked|"
    rf"(?:{_WROTE})\s*$",  # Zoho: "---- On Wed, 24 Feb 2021 14:02:50 +0530 john@example.com wrote ----"
    re.IGNORECASE,
)
_FORWARD_WORDS = re.compile(
    r"forward|weitergeleitet|transféré|transfere|réexpédié|reenviad|doorgestuurd|inoltrat|"
    r"encaminhad|reencaminhad|vidarebefordra|videresend",
    re.IGNORECASE,
)
# "Begin forwarded message:" (Apple Mail) and its translations.
_FORWARD_LINE = re.compile(
    r"^\s*(?:begin\s+forwarded\s+message|forwarded\s+message|anfang\s+der\s+weitergeleiteten\s+"
    r"(?:nachricht|e-mail)|weitergeleitete\s+nachricht|début\s+du\s+message\s+(?:réexpédié|transféré)|"
    r"message\s+transféré|inicio\s+del\s+mensaje\s+reenviado|mensaje\s+reenviado|"
    r"(?:inizio\s+)?messaggio\s+inoltrato|(?:begin\s+)?doorgestuurd\s+bericht|"
    r"início\s+da\s+mensagem\s+reencaminhada|mensagem\s+encaminhada|vidarebefordrat\s+(?:brev|meddelande)|"
    r"videresendt\s+(?:meddelelse|melding))\s*:?\s*$",
    re.IGNORECASE,
)
# Outlook's "________________________________" and mailing-list footers.
_UNDERSCORES = re.compile(r"^\s*_{10,}\s*$")

# Labels of a header block ("From: ... Sent: ... To: ... Subject: ..."), per client language.
_FROM_LABELS = r"from|von|de|van|da|från|fra|od|lähettäjä|feladó|от"
_DATE_LABELS = (
    r"sent|date|gesendet|datum|envoyé|enviado|enviada|enviado\s+em|enviada\s+em|fecha|verzonden|inviato|data|"
    r"skickat|sendt|dato|wysłano|lähetetty|message\s+du|отправлено|дата"
)
_TO_LABELS = (
    r"to|an|à|a|para|aan|till|til|do|vastaanottaja|cc|kopie|copie\s+à|cci|bcc|reply[- ]to|antwort\s+an|кому|копия"
)
_SUBJECT_LABELS = (
    r"subject|betreff|objet|sujet|asunto|onderwerp|oggetto|assunto|ämne|emne|temat|aihe|tárgy|тема"
)
_LABEL_PREFIX = r"^[\s*_]*(?:"
_LABEL_SUFFIX = r")[*_]*[ \t\u00a0]*:"
_FROM_LABEL = re.compile(_LABEL_PREFIX + _FROM_LABELS + _LABEL_SUFFIX, re.IGNORECASE)
_HEADER_LABELS = {
    "from": _FROM_LABEL,
    "date": re.compile(_LABEL_PREFIX + _DATE_LABELS + _LABEL_SUFFIX, re.IGNORECASE),
    "to": re.compile(_LABEL_PREFIX + _TO_LABELS + _LABEL_SUFFIX, re.IGNORECASE),
    "subject": re.compile(_LABEL_PREFIX + _SUBJECT_LABELS + _LABEL_SUFFIX, re.IGNORECASE),
}
_HEADER_BLOCK_WINDOW = 10
_MAX_FORWARD_DEPTH = 5  # a forward of a forward of ...: read at most this deep

# "-- " (RFC 3676) and the common "--" without its space.
_SIGNATURE_DELIMITER = re.compile(r"^--[ \t]?$")
_SIGNATURE_MAX_LINES = 30
# "Sent from my iPhone" and friends: short, no sentence punctuation, optionally a link.
_TRAILER = re.compile(
    r"^\s*(?:sent\s+(?:from|with|via|using)\s|(?:get|download)\s+outlook\s+for\s|"
    r"(?:télécharger|obtenir)\s+outlook\s+pour\s|(?:obtener|descargar)\s+outlook\s+para\s|"
    r"scarica\s+outlook\s+per\s|von\s+mein(?:em|er)?\s|gesendet\s+(?:von|mit|über)\s|"
    r"envoyé\s+(?:de|depuis|avec|à\s+partir\s+de)\s|enviado\s+(?:desde|de|do|com|con)\s|"
    r"verzonden\s+(?:vanaf|met|van)\s|inviato\s+da\s|skickat\s+från\s|sendt\s+fra\s|lähetetty\s|"
    r"wysłane\s+z\s|odesláno\s+z\s)[^,;:!?<>\n]{1,60}?(?:\s+gesendet)?\.?\s*$"
    r"|^\s*\S{1,30}から送信\s*$",
    re.IGNORECASE,
)
_LINK = re.compile(r"<(?:https?|mailto):[^<>\s]{1,300}>")
# A line that only separates ("-----", "_____", "*****") says nothing at the end of a body.
_RULE_LINE = re.compile(r"^[\s\-_=*~#.]*$")


def split_reply(text: str, *, forwarded: bool = False) -> VisibleText:
    """Split a reply into the customer's new text, their signature and the quoted history.

    `forwarded` says the message itself is a forward (a "Fwd:" subject): when the sender wrote
    nothing of their own, the forwarded content is what they want us to read.
    """
    return _split(text, forwarded=forwarded, depth=0)


def _split(text: str, *, forwarded: bool, depth: int) -> VisibleText:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    hidden, cut, cut_is_forward = _mark_history(lines)
    # Every line of most mail is visible: a range, not a list of as many ints (2.6 MB of them for a 10 MB body).
    visible = [i for i in range(len(lines)) if not hidden[i]] if any(hidden) else range(len(lines))
    body_idx, signature_idx = _split_signature(lines, visible)
    body = _join_segments(lines, body_idx)
    quoted = _join_segments(lines, [i for i in range(len(lines)) if hidden[i]])
    signature = _signature_text(lines, signature_idx)
    if not body and quoted and depth < _MAX_FORWARD_DEPTH and (cut_is_forward or forwarded or cut is None):
        forward = _forwarded_content(lines, hidden, cut, forwarded=forwarded, depth=depth)
        if forward is not None:
            return VisibleText(forward.body, forward.signature or signature, forward.quoted)
    return VisibleText(body=body, signature=signature, quoted=quoted)


def _mark_history(lines: list[str]) -> tuple[list[bool], int | None, bool]:
    """Mark every line of history; return the marks, where the unbroken history starts, and if it is a forward."""
    n = len(lines)
    hidden = [False] * n
    i = 0
    while i < n:
        if _is_quoted(lines[i]):
            hidden[i] = True
            i += 1
            continue
        cut_kind = _cut_marker(lines, i)
        if cut_kind is not None:
            return _hide_from(hidden, i), i, cut_kind == "forward"
        if _is_trailer(lines[i]):
            # "Sent from my iPhone" ends what was typed: anything below it is the quoted original
            return _hide_from(hidden, i + 1), i + 1, False
        span = _attribution_span(lines, i, hidden)
        if span is not None:
            start, end = span
            action = _after_quote_header(lines, start, end)
            if action == "cut":
                return _hide_from(hidden, start), start, False
            if action == "hide":
                for k in range(start, end + 1):
                    hidden[k] = True
                i = end + 1
                continue
        i += 1
    return hidden, None, False


def _attribution_span(lines: list[str], i: int, hidden: list[bool]) -> tuple[int, int] | None:
    """First and last line of an attribution that starts (or, unwrapped, ends) at line i."""
    end = _quote_header_end(lines, i)
    if end is not None:
        return i, end
    start = _attribution_before(lines, i, hidden)
    return None if start is None else (start, i)


def _hide_from(hidden: list[bool], start: int) -> list[bool]:
    for k in range(start, len(hidden)):
        hidden[k] = True
    return hidden


def _is_trailer(line: str) -> bool:
    if len(line) > 400:
        return False
    line = _LINK.sub("", line) if "<" in line else line
    return len(line.strip()) <= 80 and bool(_TRAILER.match(line))


def _is_quoted(line: str) -> bool:
    # Any leading white space, form feeds included: the body is stripped the same way, so a second pass agrees.
    return line.lstrip()[:1] == ">"


def _cut_marker(lines: list[str], i: int) -> str | None:
    """'forward' or 'history' when everything from line i on is earlier mail, else None."""
    line = lines[i]
    stripped = line.strip()
    if not stripped:
        return None
    first = stripped[0]
    if first in "-=":
        separator = _SEPARATOR.match(stripped)
        if separator and _SEPARATOR_WORDS.search(separator.group(1)):
            return "forward" if _FORWARD_WORDS.search(separator.group(1)) else "history"
    elif first == "_" and _UNDERSCORES.match(stripped):
        return "history"
    elif len(stripped) <= 60 and _FORWARD_LINE.match(stripped):
        return "forward"
    first_label = _header_label(line)
    if first_label is not None and _is_header_block(lines, i, first_label):
        return "history"
    return None


def _header_label(line: str) -> str | None:
    if ":" not in line[:40] and "：" not in line[:40]:
        return None
    return next((name for name, pattern in _HEADER_LABELS.items() if pattern.match(line)), None)


def _is_header_block(lines: list[str], start: int, first_label: str) -> bool:
    """Three of From, Sent/Date, To/Cc and Subject close together, From among them.

    Outlook starts with From; GMX/web.de start with "Gesendet:"; a wrapped To: list may sit between.
    """
    found = {first_label}
    others = 0
    for k in range(start + 1, min(len(lines), start + 1 + _HEADER_BLOCK_WINDOW)):
        line = lines[k]
        if not line.strip():
            continue
        label = _header_label(line)
        if label is None:
            others += 1
            if others > 2:  # prose is not a header block
                break
            continue
        found.add(label)
        if len(found) >= 3 and "from" in found:
            return True
    return False


def _quote_header_end(lines: list[str], i: int) -> int | None:
    """The last line of an attribution ("On ... wrote:") starting at line i, or None.

    Clients wrap long attributions over up to four lines; only consecutive non-blank lines join.
    """
    first = lines[i].strip()
    if not first or len(first) > _QUOTE_HEADER_MAX_CHARS:
        return None
    if first.endswith((":", "：")):
        return i if _is_attribution(first, single_line=True) and not _CONTINUATION.match(first) else None
    if not _ATTRIBUTION_LEAD.match(first):
        return None
    if _ATTRIBUTION_NO_COLON.search(first) and _ATTRIBUTION_EVIDENCE.search(first):
        return i
    joined = first
    for k in range(i + 1, min(len(lines), i + _QUOTE_HEADER_MAX_LINES)):
        part = lines[k].strip()
        if not part or _is_quoted(lines[k]):
            return None
        joined = f"{joined} {part}"
        if len(joined) > _QUOTE_HEADER_MAX_CHARS:
            return None
        if part.endswith((":", "：")):
            return k if _is_attribution(joined) else None
    return None


def _attribution_before(lines: list[str], i: int, hidden: list[bool]) -> int | None:
    """Where an attribution ending at line i starts, when its first line has no lead word.

    "pe 20. lokakuuta 2017 klo 17.50 John Coe" / "<john@example.com> kirjoitti:" (Finnish Gmail),
    "Support <support@example.com> schrieb am So., 23." / "Juni 2024, 21:08:" (German Gmail).
    """
    last = lines[i].strip()
    if not last.endswith((":", "：")) or len(last) > _QUOTE_HEADER_MAX_CHARS:
        return None
    joined = last
    for start in range(i - 1, max(-1, i - _QUOTE_HEADER_MAX_LINES), -1):
        part = lines[start].strip()
        if not part or hidden[start] or _is_quoted(lines[start]) or part.endswith(("!", "?")):
            return None
        joined = f"{part} {joined}"
        if len(joined) > _QUOTE_HEADER_MAX_CHARS:
            return None
        if any(ch.isdigit() or ch == "@" for ch in part) and _is_attribution(joined):
            return start
    return None


def _is_attribution(text: str, *, single_line: bool = False) -> bool:
    """A verb and a colon at the end with a date, time or address in it; one line may go without."""
    if _ATTRIBUTION.search(text):
        return single_line or bool(_ATTRIBUTION_EVIDENCE.search(text))
    return bool(_ADDRESS_COLON.search(text) and _TIME_OR_YEAR.search(text))


def _after_quote_header(lines: list[str], start: int, end: int) -> str | None:
    """'hide' the attribution of a ">" block, 'cut' at a certain one followed by text, or None."""
    k = end + 1
    while k < len(lines) and not lines[k].strip():
        k += 1
    if k == len(lines) or _is_quoted(lines[k]):
        return "hide"
    header = " ".join(line.strip() for line in lines[start : end + 1])
    if _ATTRIBUTION_LEAD.match(header) and _ATTRIBUTION_EVIDENCE.search(header):
        return "cut"
    if "<" in header and "@" in header:
        return "cut"
    return None


def _split_signature(lines: list[str], visible: Sequence[int]) -> tuple[Sequence[int], list[int]]:
    """Visible line numbers cut in two: the body, then the signature (delimiter and trailers)."""
    body = visible
    signature: Sequence[int] = []
    for pos, idx in enumerate(visible):
        if _SIGNATURE_DELIMITER.match(lines[idx]):
            rest = visible[pos + 1 :]
            if sum(1 for r in rest if lines[r].strip()) <= _SIGNATURE_MAX_LINES:
                body, signature = visible[:pos], rest
            break
    end = len(body)
    trailers: list[int] = []
    while end:  # blank lines and rules at the end go; trailers ("Sent from my iPhone") join the signature
        line = lines[body[end - 1]]
        if line.strip() and not _RULE_LINE.match(line):
            if not _is_trailer(line):
                break
            trailers.insert(0, body[end - 1])
        end -= 1
    return body[:end], trailers + list(signature)


def _signature_text(lines: list[str], indexes: Sequence[int]) -> str | None:
    kept = [lines[i] for i in indexes]
    while kept and (not kept[0].strip() or _SIGNATURE_DELIMITER.match(kept[0].strip() + " ")):
        kept.pop(0)  # a client-marked signature may carry its own "-- " after ours
    return "\n".join(kept).strip() or None


def _join_segments(lines: list[str], indexes: Sequence[int]) -> str:
    """Join runs of consecutive lines; a gap (removed history) becomes one blank line."""
    segments: list[list[str]] = []
    previous = -2
    for idx in indexes:
        if idx != previous + 1:
            segments.append([])
        segments[-1].append(lines[idx])
        previous = idx
    texts = [text for text in ("\n".join(_without_blank_ends(seg)) for seg in segments) if text.strip()]
    return "\n\n".join(texts).strip()


def _without_blank_ends(segment: list[str]) -> list[str]:
    """The segment's lines without the empty ones at either end: joined, its text with "\n" stripped from both
    ends, without a second copy of a 10 MB body to strip them from."""
    start, end = 0, len(segment)
    while start < end and not segment[start]:
        start += 1
    while end > start and not segment[end - 1]:
        end -= 1
    return segment if (start, end) == (0, len(segment)) else segment[start:end]


def _forwarded_content(
    lines: list[str], hidden: list[bool], cut: int | None, *, forwarded: bool, depth: int
) -> VisibleText | None:
    """When the sender wrote nothing, the forwarded message is the text to read (its headers are not)."""
    start = cut if cut is not None else next((i for i, h in enumerate(hidden) if h), None)
    if start is None:
        return None
    history = [_unquote(line) for line in lines[start:]]
    if cut is None and not forwarded and not any(_is_forward_marker(h) for h in history[:3]):
        return None  # a bare ">" quote with nothing new is a reply with no text, not a forward
    header_end = _forward_header_end(history)
    inner = _split("\n".join(history[header_end:]), forwarded=False, depth=depth + 1)
    if not inner.body:
        return None
    headers = "\n".join(history[:header_end]).strip()
    quoted = "\n\n".join(part for part in (headers, inner.quoted) if part)
    return VisibleText(body=inner.body, signature=inner.signature, quoted=quoted)


def _unquote(line: str) -> str:
    stripped = line.lstrip()
    if stripped.startswith(">"):
        return stripped[2:] if stripped.startswith("> ") else stripped[1:]
    return line


def _is_forward_marker(line: str) -> bool:
    stripped = line.strip()
    separator = _SEPARATOR.match(stripped)
    return bool(_FORWARD_LINE.match(stripped) or (separator and _FORWARD_WORDS.search(separator.group(1))))


def _forward_header_end(history: list[str]) -> int:
    """Index of the first line after the forward marker and the forwarded message's header block."""
    k = 0
    while k < len(history) and (not history[k].strip() or _cut_marker_line(history[k])):
        k += 1
    while k < len(history):
        line = history[k]
        if line.strip() and _header_label(line) is None:
            break
        k += 1
    return k


def _cut_marker_line(line: str) -> bool:
    stripped = line.strip()
    return bool(_FORWARD_LINE.match(stripped) or _UNDERSCORES.match(stripped) or _SEPARATOR.match(stripped))
